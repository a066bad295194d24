//! Loops the core's `classify_flat` operation, packed, on the typical body: for a profiler (perf, callgrind).
use std::hint::black_box;

use errcat::boundary::{self, Arg};

fn main() {
    let body = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/classify/repeat-biz.json"
    ))
    .unwrap();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2_000_000);
    let what = std::env::args().nth(2).unwrap_or_default();
    let ctx = errcat::ClassifyContext::new(errcat::Tunnel::Http)
        .with_command(errcat::ArkletCommand::InstallBiz);
    let t = std::time::Instant::now();
    for _ in 0..n {
        if what == "classify" {
            black_box(errcat::classify(black_box(&body), &ctx).unwrap());
            continue;
        }
        let mut args = vec![Arg::Bytes(body.clone()), Arg::from("installBiz")];
        if what == "direct" {
            black_box(
                boundary::call_packed("classify_flat", black_box(&mut args))
                    .unwrap()
                    .unwrap(),
            );
            continue;
        }
        black_box(
            boundary::call("classify_flat", black_box(args))
                .map(|o| boundary::pack(&o))
                .unwrap(),
        );
    }
    println!(
        "{:.3} us per call",
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
