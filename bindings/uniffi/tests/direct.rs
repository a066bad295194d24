//! The direct functions (`src/direct.rs`): the same answers and errors as `call`, through bytes, with one native
//! call and the answer handed over in two when the caller's buffer is too small.

use errcat_uniffi::direct::{
    decode, encode, errcat_uniffi_direct_call, errcat_uniffi_direct_take, run,
};
mod common;

use common::{s, utf16};
use errcat_uniffi::*;

fn input(op: &str, args: &[Value]) -> Vec<u8> {
    let mut bytes = (op.len() as u32).to_le_bytes().to_vec();
    bytes.extend_from_slice(op.as_bytes());
    for v in args {
        encode(v, &mut bytes);
    }
    bytes
}

/// The answer's values (status 0) or the error's (status 1), as `decode` reads values.
fn output(bytes: &[u8]) -> (u8, Vec<Value>) {
    let mut framed = 0u32.to_le_bytes().to_vec();
    framed.extend_from_slice(&bytes[1..]);
    (bytes[0], decode(&framed).unwrap().1)
}

fn same_as_call(op: &str, args: Vec<Value>) {
    let (status, direct) = output(&run(&input(op, &args)));
    match call(op.into(), args) {
        Ok(answer) => assert_eq!((status, direct), (0, answer), "{op}"),
        Err(e) => {
            assert_eq!(status, 1, "{op}: {e}");
            assert_eq!(direct[1], s(&e.to_string()), "{op}");
        }
    }
}

#[test]
fn answers_are_calls() {
    same_as_call(
        "lookup",
        vec![utf16("Arklet.InstallBizFailed"), utf16(" arklet ")],
    );
    same_as_call("status", vec![Value::Int { value: 552 }, utf16("V3.5.0")]);
    same_as_call("parse", vec![s("User.DiskFull")]);
    same_as_call("export", vec![s("csv"), Value::Null]);
    let body = br#"{"code":"FAILED","data":{"code":"REPEAT_BIZ","message":"Biz: demo:1.0.0 has been installed or registered."}}"#;
    for entry in [false, true] {
        same_as_call(
            "classify",
            vec![
                Value::Bytes {
                    value: body.to_vec(),
                },
                s("installBiz"),
                Value::Null,
                Value::Null,
                Value::Bool { value: entry },
            ],
        );
    }
    same_as_call("lookup", vec![utf16("Arklet.InstallBizFailes")]);
    same_as_call("lookup", vec![Value::Float { value: 1.5 }]);
    same_as_call("nope", vec![]);
}

#[test]
fn errors_carry_kind_message_and_lists() {
    let (status, error) = output(&run(&input("lookup", &[utf16("Arklet.InstallBizFailes")])));
    assert_eq!(status, 1);
    assert_eq!(
        error[0],
        Value::Int { value: 0 },
        "NotFound is the first ErrorKind"
    );
    assert_eq!(error[2], Value::List { len: 2 });
    assert_eq!(error[3], s("Arklet.InstallBizFailed"));
    assert_eq!(error[5], Value::List { len: 0 });
    let (_, error) = output(&run(&input("lookup", &[utf16("User.DiskFull")])));
    assert_eq!(error[0], Value::Int { value: 1 }, "Ambiguous");
    assert_eq!(error[2], Value::List { len: 0 });
    assert_eq!(error[3], Value::List { len: 2 });
}

#[test]
fn malformed_input_is_an_internal_error() {
    for bad in [
        &b""[..],
        &[3, 0, 0, 0, b'a'],
        &[0, 0, 0, 0, 42],
        &[0, 0, 0, 0, 5, 9, 0, 0, 0, b'x'],
    ] {
        let (status, error) = output(&run(bad));
        assert_eq!(status, 1, "{bad:?}");
        assert_eq!(error[0], Value::Int { value: 5 }, "{bad:?}: Internal");
    }
}

#[test]
fn deep_nesting_is_read_with_loops() {
    // audit(paths = [], options = [["version", [[[…]]]]]) with a million nested lists: the core's message, no overflow.
    let mut args = vec![
        Value::List { len: 0 },
        Value::List { len: 1 },
        Value::List { len: 2 },
        s("version"),
    ];
    args.extend(std::iter::repeat_n(Value::List { len: 1 }, 1_000_000));
    args.push(s("v3.5.0"));
    same_as_call("audit", args);
}

#[test]
fn a_small_buffer_gets_the_answer_in_two() {
    let bytes = input("export", &[s("json"), Value::Null]);
    let whole = run(&bytes);
    let mut small = vec![0u8; 16];
    // SAFETY: the pointers and lengths are those of live vectors.
    let n = unsafe {
        errcat_uniffi_direct_call(bytes.as_ptr(), bytes.len(), small.as_mut_ptr(), small.len())
    };
    assert_eq!(n, -(whole.len() as i64));
    // SAFETY: as above.
    assert_eq!(
        unsafe { errcat_uniffi_direct_take(small.as_mut_ptr(), small.len()) },
        n,
        "still too small"
    );
    let mut big = vec![0u8; whole.len()];
    // SAFETY: as above.
    let taken = unsafe { errcat_uniffi_direct_take(big.as_mut_ptr(), big.len()) };
    assert_eq!(taken, whole.len() as i64);
    assert_eq!(big, whole);
    // SAFETY: as above.
    assert_eq!(
        unsafe { errcat_uniffi_direct_take(big.as_mut_ptr(), big.len()) },
        0,
        "taken once"
    );
    let mut fits = vec![0u8; whole.len()];
    // SAFETY: as above.
    let n = unsafe {
        errcat_uniffi_direct_call(bytes.as_ptr(), bytes.len(), fits.as_mut_ptr(), fits.len())
    };
    assert_eq!((n, fits), (whole.len() as i64, whole));
}
