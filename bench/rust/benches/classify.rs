//! `errcat::classify` of a typical failure answer (FAILED / REPEAT_BIZ, 0.3 KB) and of an install failure with an
//! 80-frame stack trace (about 10 KB), each against the native baseline in the same run: `serde_json::from_slice`
//! of the same body into a `Value` (what any caller pays just to read the answer). Prints the ratios, and the time
//! of the core's `classify` operation (`boundary`: what a binding pays before converting the answer to its values).
//! Targets: typical <= 2 us, 80 frames <= 20 us. The bodies are written to target/criterion/classify/NAME.body for
//! the C and Go benchmarks.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::Criterion;
use errcat::boundary::{self, Arg};
use errcat::{classify, ArkletCommand, ClassifyContext, Tunnel};
use serde_json::{json, Value};

/// What Arklet answers when the jar's biz is already installed (runtime 1.4, fastjson member order).
fn typical() -> Vec<u8> {
    json!({
        "baseIdentity": "f3a1c9e2-5b7d-4e10-9c2a-7d1e0b6a4f55",
        "code": "FAILED",
        "data": {
            "code": "REPEAT_BIZ",
            "elapsedSpace": 1284,
            "message": "Biz: dynamic-provider:1.0.0 has been installed or registered."
        },
        "message": "install biz not success!"
    })
    .to_string()
    .into_bytes()
}

/// A module whose main() threw: ArkletRuntimeException → InvocationTargetException → BeanCreationException,
/// 80 frames in all (JDK 17 wording).
fn eighty_frames() -> Vec<u8> {
    let mut trace = String::from(
        "com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException: \
         java.lang.reflect.InvocationTargetException\n",
    );
    for i in 0..20 {
        trace.push_str(&format!(
            "\tat com.alipay.sofa.koupleless.arklet.core.ops.UnifiedOperationServiceImpl.step{i}(UnifiedOperationServiceImpl.java:{})\n",
            60 + i
        ));
    }
    trace.push_str("Caused by: java.lang.reflect.InvocationTargetException\n");
    for i in 0..10 {
        trace.push_str(&format!(
            "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke{i}(DirectMethodHandleAccessor.java:{})\n",
            100 + i
        ));
    }
    trace.push_str("\t... 20 more\nCaused by: org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'orderService': Invocation of init method failed\n");
    for i in 0..50 {
        trace.push_str(&format!(
            "\tat app//org.springframework.beans.factory.support.AbstractBeanFactory.doGetBean{i}(AbstractBeanFactory.java:{})\n",
            300 + i
        ));
    }
    trace.push_str("\t... 30 more\n");
    json!({
        "code": "CMD_PROCESS_INTERNAL_ERROR",
        "errorStackTrace": trace,
        "message": "Internal Error: java.lang.reflect.InvocationTargetException"
    })
    .to_string()
    .into_bytes()
}

fn output_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/criterion")
}

fn main() {
    let ctx = ClassifyContext::new(Tunnel::Http).with_command(ArkletCommand::InstallBiz);
    let bodies = [("typical", typical()), ("80-frames", eighty_frames())];
    for (name, body) in &bodies {
        let c = classify(body, &ctx).expect("the benchmark bodies classify");
        assert!(!c.is_success(), "{name}");
        if *name == "80-frames" {
            assert_eq!(c.evidence().frames, 80);
            assert_eq!(c.code().unwrap().to_string(), "User.InstallBizUserError");
        }
    }

    // The very bytes, for the benchmarks that have no JSON writer of their own to rebuild them with (C, Go).
    let dir = output_dir().join("classify");
    std::fs::create_dir_all(&dir).expect("target/criterion/classify");
    for (name, body) in &bodies {
        std::fs::write(dir.join(format!("{name}.body")), body).expect("a body file");
    }

    let mut c = Criterion::default()
        .output_directory(&output_dir())
        .configure_from_args();
    let mut group = c.benchmark_group("classify");
    for (name, body) in &bodies {
        group.bench_function(format!("{name}/errcat"), |b| {
            b.iter(|| black_box(classify(black_box(body), &ctx)))
        });
        group.bench_function(format!("{name}/serde_json"), |b| {
            b.iter(|| black_box(serde_json::from_slice::<Value>(black_box(body))))
        });
        // As a binding calls it: the body copied into the argument, the answer an `Out`.
        group.bench_function(format!("{name}/boundary"), |b| {
            b.iter(|| {
                let args = vec![Arg::Bytes(body.clone()), Arg::from("installBiz")];
                black_box(boundary::call("classify", black_box(args)))
            })
        });
        // As JNI and N-API call it: the flat view, written packed by the core.
        group.bench_function(format!("{name}/flat_packed"), |b| {
            b.iter(|| {
                let mut args = vec![Arg::Bytes(body.clone()), Arg::from("installBiz")];
                black_box(boundary::call_packed("classify_flat", black_box(&mut args)))
            })
        });
        // As pyo3 and uniffi call it: the flat view as an `Out`.
        group.bench_function(format!("{name}/flat_out"), |b| {
            b.iter(|| {
                let args = vec![Arg::Bytes(body.clone()), Arg::from("installBiz")];
                black_box(boundary::call("classify_flat", black_box(args)))
            })
        });
    }
    group.finish();
    c.final_summary();
    report(&bodies);
}

/// Mean time of one benchmark, from criterion's estimates.json.
fn mean_ns(id: &str) -> Option<f64> {
    let path = output_dir()
        .join("classify")
        .join(id.replace('/', "_"))
        .join("new/estimates.json");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

fn report(bodies: &[(&str, Vec<u8>)]) {
    println!("\nerrcat::classify / serde_json::from_slice::<Value>, same body, same run:");
    for ((name, body), target_us) in bodies.iter().zip([2.0, 20.0]) {
        match (
            mean_ns(&format!("{name}/errcat")),
            mean_ns(&format!("{name}/serde_json")),
        ) {
            (Some(ours), Some(base)) => println!(
                "  {name:<10} {:>6} bytes   errcat {:>8.2} us (target <= {target_us} us: {})   serde_json {:>8.2} us   ratio {:.2}x",
                body.len(),
                ours / 1000.0,
                if ours / 1000.0 <= target_us { "met" } else { "missed" },
                base / 1000.0,
                ours / base
            ),
            _ => println!("  {name:<10} (no estimate: run without a filter)"),
        }
    }
    for (name, _) in bodies {
        if let Some(op) = mean_ns(&format!("{name}/boundary")) {
            println!(
                "  {name:<10} the core's classify operation (boundary::call): {:>8.2} us",
                op / 1000.0
            );
        }
        if let Some(op) = mean_ns(&format!("{name}/flat_packed")) {
            println!(
                "  {name:<10} classify_flat, packed (call_packed: JNI, N-API): {:>8.2} us",
                op / 1000.0
            );
        }
        if let Some(op) = mean_ns(&format!("{name}/flat_out")) {
            println!(
                "  {name:<10} classify_flat, an Out (call: pyo3, uniffi):      {:>8.2} us",
                op / 1000.0
            );
        }
    }
}
