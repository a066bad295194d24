//! `lookup`, `status` and `parse` against a `std::collections::HashMap` holding the same keys, in one run.
//! Prints the ratio errcat / HashMap for each pair (target for lookup: <= 1.0).

use std::collections::HashMap;
use std::hint::black_box;
use std::path::PathBuf;

use criterion::Criterion;
use errcat::{entries, Code, Entry, Filter, KouplelessEntry, StatusEntry, System};

/// Every canonical code `DefaultSource.Type` whose lookup succeeds without a reporter.
fn codes() -> Vec<String> {
    entries(Filter {
        system: Some(System::Koupleless),
        ..Filter::default()
    })
    .filter_map(|e| match e {
        Entry::Koupleless(e) => Some(format!("{}.{}", e.sources[0], e.error_type)),
        Entry::Blobstore(_) => None,
    })
    .filter(|c| errcat::lookup(c, None).is_ok())
    .collect()
}

fn numbers() -> Vec<i64> {
    let mut n: Vec<i64> = entries(Filter {
        system: Some(System::Blobstore),
        ..Filter::default()
    })
    .filter_map(|e| match e {
        Entry::Blobstore(e) => Some(i64::from(e.code)),
        Entry::Koupleless(_) => None,
    })
    .collect();
    n.dedup();
    n
}

fn output_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/criterion")
}

fn main() {
    let codes = codes();
    let numbers = numbers();
    let by_code: HashMap<String, &'static KouplelessEntry> = codes
        .iter()
        .map(|c| (c.clone(), errcat::lookup(c, None).unwrap().entry))
        .collect();
    let by_number: HashMap<i64, &'static StatusEntry> = numbers
        .iter()
        .map(|&n| (n, errcat::status(n, None).unwrap().entry))
        .collect();
    let parsed: HashMap<String, (errcat::Source, &str)> = codes
        .iter()
        .map(|c| {
            let p = Code::parse(c).unwrap();
            (c.clone(), (p.source(), p.error_type()))
        })
        .collect();

    let mut c = Criterion::default()
        .output_directory(&output_dir())
        .configure_from_args();
    let mut group = c.benchmark_group("catalog");
    group.bench_function("lookup/errcat", |b| {
        b.iter(|| {
            codes.iter().for_each(|k| {
                let _ = black_box(errcat::lookup(black_box(k), None));
            })
        })
    });
    group.bench_function("lookup/hashmap", |b| {
        b.iter(|| {
            codes.iter().for_each(|k| {
                black_box(by_code.get(black_box(k.as_str())));
            })
        })
    });
    group.bench_function("status/errcat", |b| {
        b.iter(|| {
            numbers.iter().for_each(|&n| {
                let _ = black_box(errcat::status(black_box(n), None));
            })
        })
    });
    group.bench_function("status/hashmap", |b| {
        b.iter(|| {
            numbers.iter().for_each(|n| {
                black_box(by_number.get(black_box(n)));
            })
        })
    });
    group.bench_function("parse/errcat", |b| {
        b.iter(|| {
            codes.iter().for_each(|k| {
                let _ = black_box(Code::parse(black_box(k)));
            })
        })
    });
    group.bench_function("parse/hashmap", |b| {
        b.iter(|| {
            codes.iter().for_each(|k| {
                black_box(parsed.get(black_box(k.as_str())));
            })
        })
    });
    group.finish();
    c.final_summary();
    report(codes.len(), numbers.len());
}

/// Mean time of one benchmark, from criterion's estimates.json.
fn mean_ns(id: &str) -> Option<f64> {
    let path = output_dir()
        .join("catalog")
        .join(id.replace('/', "_")) // criterion's directory name for "op/impl"
        .join("new/estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

fn report(codes: usize, numbers: usize) {
    println!("\nerrcat / HashMap, same keys, same run ({codes} codes, {numbers} status numbers per iteration):");
    for op in ["lookup", "status", "parse"] {
        let per = if op == "status" { numbers } else { codes } as f64;
        match (
            mean_ns(&format!("{op}/errcat")),
            mean_ns(&format!("{op}/hashmap")),
        ) {
            (Some(ours), Some(base)) => println!(
                "  {op:<7} errcat {:>7.1} ns/op   HashMap {:>7.1} ns/op   ratio {:.2}x",
                ours / per,
                base / per,
                ours / base
            ),
            _ => println!("  {op:<7} (no estimate: run without a filter)"),
        }
    }
}
