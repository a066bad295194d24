//! A second way into [`call`](crate::call), for a host whose uniffi calls cost more than the operation: Kotlin,
//! where every uniffi call goes through JNA with `Structure` arguments (the call status, a `RustBuffer` per
//! argument and answer), each marshalled by reflection and allocated in native memory: tens of microseconds, and
//! four calls for one `call` (two buffers allocated, the call, the answer freed). Here one plain C function takes
//! the operation and its flat arguments in the caller's buffer and writes the flat answer into the caller's other
//! buffer: one native call with four integers, nothing allocated on the host's side.
//!
//! It decides nothing either: the bytes are the [`Value`] list of `call`, converted by the same functions
//! (`args`, `flatten`), and the answer or error is the same. All numbers are little-endian.
//!
//! - input: the operation name (`u32` byte length, UTF-8), then the argument values up to `input_len`;
//! - a value: a tag byte, then `0` Null; `1` Bool (a byte, 0 or 1); `2` Int (`i64`); `3` Float (`f64` bits);
//!   `4` BigInt, `5` Str, `10` Other (`u32` byte length, UTF-8); `6` Utf16 (`u32` count, the `u16` code units);
//!   `7` Bytes (`u32` length, the bytes); `8` List, `9` Map (`u32` count of the items that follow);
//! - output: a status byte, `0` then the answer's values, or `1` then the error as the values `Int` kind (the
//!   index of `ErrorKind` in catalog/fields.toml), `Str` reason, `List` of `Str` suggestions, `List` of `Str`
//!   candidates.
//!
//! [`errcat_uniffi_direct_call`] returns how many bytes it wrote, or, when the answer does not fit, minus its
//! length: the answer is then kept for the calling thread, and [`errcat_uniffi_direct_take`] copies it into a
//! buffer that large. Malformed input (which the host's encoder never writes) is an `Internal` error.

use std::cell::RefCell;

use errcat::boundary::Out;

use crate::{args, flatten, Value};

thread_local! {
    /// The encoded answer that did not fit the caller's buffer, until the caller takes it.
    static PENDING: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Runs the operation encoded in `input[..input_len]` and writes the encoded answer (or error) into
/// `output[..output_cap]`: the number of bytes written, or minus the answer's length when it does not fit (then
/// [`errcat_uniffi_direct_take`] hands it over).
///
/// # Safety
///
/// `input` must point to `input_len` readable bytes and `output` to `output_cap` writable bytes (either may be
/// null when its length is 0), neither changed by another thread during the call.
#[no_mangle]
pub unsafe extern "C" fn errcat_uniffi_direct_call(
    input: *const u8,
    input_len: usize,
    output: *mut u8,
    output_cap: usize,
) -> i64 {
    let input = if input_len == 0 || input.is_null() {
        &[][..]
    } else {
        // SAFETY: the caller promises input_len readable bytes at input.
        unsafe { std::slice::from_raw_parts(input, input_len) }
    };
    let encoded = run(input);
    let len = encoded.len();
    if len <= output_cap && !output.is_null() {
        // SAFETY: the caller promises output_cap writable bytes at output, and len <= output_cap.
        unsafe { std::ptr::copy_nonoverlapping(encoded.as_ptr(), output, len) };
        len as i64
    } else {
        PENDING.with(|p| *p.borrow_mut() = encoded);
        -(len as i64)
    }
}

/// Copies the calling thread's pending answer (see [`errcat_uniffi_direct_call`]) into `output[..output_cap]`
/// and forgets it: its length, or minus its length (and nothing copied) when it does not fit; 0 when there is none.
///
/// # Safety
///
/// `output` must point to `output_cap` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn errcat_uniffi_direct_take(output: *mut u8, output_cap: usize) -> i64 {
    PENDING.with(|p| {
        let mut pending = p.borrow_mut();
        let len = pending.len();
        if len > output_cap || output.is_null() {
            return -(len as i64);
        }
        // SAFETY: the caller promises output_cap writable bytes at output, and len <= output_cap.
        unsafe { std::ptr::copy_nonoverlapping(pending.as_ptr(), output, len) };
        *pending = Vec::new();
        len as i64
    })
}

/// The encoded answer or error of the encoded call. Everything but encoding the error runs inside the core's
/// panic guard.
pub fn run(input: &[u8]) -> Vec<u8> {
    let answer = errcat::boundary::guard(|| {
        let (op, flat) = decode(input).map_err(|e| {
            errcat::Error::new(
                errcat::ErrorKind::Internal,
                format!("malformed direct call from the host: {e}"),
            )
        })?;
        let answer = errcat_audit::boundary::call(&op, args(flat))?;
        // Most answers fit; under 1 KiB, a small allocation (a large one costs malloc a consolidation).
        let mut out = Vec::with_capacity(1000);
        out.push(0);
        encode_out(&answer, &mut out);
        Ok(out)
    });
    answer.unwrap_or_else(|e| {
        let kind = match e.kind() {
            errcat::ErrorKind::NotFound => 0,
            errcat::ErrorKind::Ambiguous => 1,
            errcat::ErrorKind::InvalidCode => 2,
            errcat::ErrorKind::InvalidArgument => 3,
            errcat::ErrorKind::Io => 4,
            errcat::ErrorKind::Internal => 5,
        };
        let strings = |items: &[String]| {
            Out::List(items.iter().map(|s| Out::Str(s.clone().into())).collect())
        };
        let error = Out::List(vec![
            Out::Int(kind),
            Out::Str(e.message().to_string().into()),
            strings(e.suggestions()),
            strings(e.candidates()),
        ]);
        let mut out = vec![1];
        // The error's four values, without the list around them.
        for v in flatten(error).into_iter().skip(1) {
            encode(&v, &mut out);
        }
        out
    })
}

/// Appends the encoding of the answer's flat values (what `encode` writes for each value of `flatten(answer)`,
/// without making them). The core's answers are a few levels deep (a classification's results, an item's
/// evidence, its placeholders), so this recurses, reading the answer in place.
pub fn encode_out(answer: &Out, out: &mut Vec<u8>) {
    let text = |out: &mut Vec<u8>, s: &str| {
        out.push(5);
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    };
    match answer {
        Out::Null => out.push(0),
        Out::Bool(value) => out.extend_from_slice(&[1, u8::from(*value)]),
        Out::Int(value) => {
            out.push(2);
            out.extend_from_slice(&value.to_le_bytes());
        }
        Out::Str(value) => text(out, value),
        Out::List(items) => {
            out.push(8);
            out.extend_from_slice(&(items.len() as u32).to_le_bytes());
            items.iter().for_each(|item| encode_out(item, out));
        }
        Out::Map(members) => {
            out.push(9);
            out.extend_from_slice(&(members.len() as u32).to_le_bytes());
            for (name, value) in members {
                text(out, name);
                encode_out(value, out);
            }
        }
    }
}

/// Appends the encoding of `v`.
pub fn encode(v: &Value, out: &mut Vec<u8>) {
    let text = |out: &mut Vec<u8>, tag: u8, s: &[u8]| {
        out.push(tag);
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s);
    };
    match v {
        Value::Null => out.push(0),
        Value::Bool { value } => out.extend_from_slice(&[1, u8::from(*value)]),
        Value::Int { value } => {
            out.push(2);
            out.extend_from_slice(&value.to_le_bytes());
        }
        Value::Float { value } => {
            out.push(3);
            out.extend_from_slice(&value.to_bits().to_le_bytes());
        }
        Value::BigInt { text: t } => text(out, 4, t.as_bytes()),
        Value::Str { value } => text(out, 5, value.as_bytes()),
        Value::Utf16 { units } => {
            out.push(6);
            out.extend_from_slice(&(units.len() as u32).to_le_bytes());
            for u in units {
                out.extend_from_slice(&u.to_le_bytes());
            }
        }
        Value::Bytes { value } => text(out, 7, value),
        Value::List { len } => {
            out.push(8);
            out.extend_from_slice(&len.to_le_bytes());
        }
        Value::Map { len } => {
            out.push(9);
            out.extend_from_slice(&len.to_le_bytes());
        }
        Value::Other { type_name } => text(out, 10, type_name.as_bytes()),
    }
}

/// A cursor over the input.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len());
        let end = end.ok_or_else(|| format!("{n} bytes past the end at {}", self.pos))?;
        let bytes = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(bytes)
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }

    fn text(&mut self) -> Result<String, String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|e| e.to_string())
    }
}

/// The operation and its flat arguments.
pub fn decode(input: &[u8]) -> Result<(String, Vec<Value>), String> {
    let mut r = Reader {
        bytes: input,
        pos: 0,
    };
    let op = r.text()?;
    let mut flat = Vec::new();
    while r.pos < input.len() {
        let tag = r.take(1)?[0];
        flat.push(match tag {
            0 => Value::Null,
            1 => Value::Bool {
                value: r.take(1)?[0] != 0,
            },
            2 => Value::Int {
                value: r.u64()? as i64,
            },
            3 => Value::Float {
                value: f64::from_bits(r.u64()?),
            },
            4 => Value::BigInt { text: r.text()? },
            5 => Value::Str { value: r.text()? },
            6 => {
                let n = r.u32()? as usize;
                let bytes = r.take(n.checked_mul(2).ok_or("a string too long")?)?;
                Value::Utf16 {
                    units: bytes
                        .chunks_exact(2)
                        .map(|u| u16::from_le_bytes([u[0], u[1]]))
                        .collect(),
                }
            }
            7 => {
                let n = r.u32()? as usize;
                Value::Bytes {
                    value: r.take(n)?.to_vec(),
                }
            }
            8 => Value::List { len: r.u32()? },
            9 => Value::Map { len: r.u32()? },
            10 => Value::Other {
                type_name: r.text()?,
            },
            other => return Err(format!("unknown tag {other} at {}", r.pos - 1)),
        });
    }
    Ok((op, flat))
}
