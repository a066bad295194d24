//! The entity ids of a BlobNode path: `…/diskid/D[/vuid/V[/bid/B]]…` after the first two segments (every
//! BlobNode path that carries them has them in this order; see the facts). The disk id is read first; the vuid
//! and bid, needed only while their summaries look for them, on demand from where the disk id ended. Segments are
//! compared as words and digits read eight at a time.

/// The entity ids of a BlobNode path, `(disk, vuid, bid)`.
#[inline]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn path_ids(path: &[u8]) -> (Option<u64>, Option<u64>, Option<u64>) {
    match path_disk(path) {
        Some((disk, at)) => {
            let (vuid, bid) = path_vuid_bid(path, at);
            (Some(disk), vuid, bid)
        }
        None => (None, None, None),
    }
}

/// The disk id of a BlobNode path and where its digits end.
#[inline]
pub(crate) fn path_disk(path: &[u8]) -> Option<(u64, usize)> {
    // The tag follows the first two segments (`/shard/get`, `/disk/stat`, `/shard/markdelete`, `/chunk/list`).
    let at = second_slash(path)?;
    if path.get(at..at + 8) != Some(b"/diskid/") {
        return None;
    }
    let (disk, end) = segment_number(path, at + 8)?;
    Some((disk, end))
}

/// The vuid and bid that follow the disk id whose digits end at `at`.
#[inline]
pub(crate) fn path_vuid_bid(path: &[u8], at: usize) -> (Option<u64>, Option<u64>) {
    if path.get(at..at + 6) != Some(b"/vuid/") {
        return (None, None);
    }
    let Some((vuid, at)) = segment_number(path, at + 6) else {
        return (None, None);
    };
    if path.get(at..at + 5) != Some(b"/bid/") {
        return (Some(vuid), None);
    }
    (Some(vuid), segment_number(path, at + 5).map(|(bid, _)| bid))
}

/// The position of the second `/` after the path's first byte.
#[inline(always)]
fn second_slash(path: &[u8]) -> Option<usize> {
    if let Some(w) = path.first_chunk::<16>() {
        let mut m = slashes(w) & !1;
        if m.count_ones() >= 2 {
            m &= m - 1;
            return Some(m.trailing_zeros() as usize);
        }
    }
    let first = 1 + path.get(1..)?.iter().position(|&c| c == b'/')?;
    let second = first + 1 + path[first + 1..].iter().position(|&c| c == b'/')?;
    Some(second)
}

/// Bit `i` set where `w[i]` is `/`.
#[inline(always)]
fn slashes(w: &[u8; 16]) -> u32 {
    let lo = u64::from_le_bytes(w[..8].try_into().expect("8 bytes"));
    let hi = u64::from_le_bytes(w[8..].try_into().expect("8 bytes"));
    u32::from(zero_bytes(lo ^ SLASHES)) | u32::from(zero_bytes(hi ^ SLASHES)) << 8
}

const SLASHES: u64 = 0x2f2f_2f2f_2f2f_2f2f;

/// Bit `k` set where byte `k` of `x` is zero (exact: no false positives).
#[inline(always)]
fn zero_bytes(x: u64) -> u8 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let high = !(((x & LOW7) + LOW7) | x | LOW7);
    ((high >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// The decimal number starting at `path[at]` that is a whole segment (followed by `/` or the end; 1 to 19
/// digits), and where it ends.
#[inline(always)]
fn segment_number(path: &[u8], at: usize) -> Option<(u64, usize)> {
    let (v, n) = digit_run(path, at);
    let end = at + n;
    if n == 0 || n > 19 || (end < path.len() && path[end] != b'/') {
        return None;
    }
    Some((v, end))
}

/// The digits at `b[at..]`: their value (wrapping) and how many there are, counted up to 20.
#[inline(always)]
fn digit_run(b: &[u8], at: usize) -> (u64, usize) {
    let mut v = 0u64;
    let mut n = 0usize;
    while n < 20 {
        let from = at + n;
        let (w, avail) = match b.get(from..from + 8) {
            Some(w) => (u64::from_le_bytes(w.try_into().expect("8 bytes")), 8),
            None => {
                let avail = b.len().saturating_sub(from);
                if avail == 0 {
                    break;
                }
                if b.len() >= 8 {
                    // The last 8 bytes, shifted so that byte 0 is `b[from]`; the bytes shifted in are zero,
                    // which is not a digit.
                    let end = b.len();
                    let w = u64::from_le_bytes(b[end - 8..].try_into().expect("8 bytes"));
                    (w >> (8 * (8 - avail)), avail)
                } else {
                    let mut w = 0u64;
                    for (i, &c) in b[from..].iter().enumerate() {
                        w |= u64::from(c) << (8 * i);
                    }
                    (w, avail)
                }
            }
        };
        let d = w.wrapping_sub(0x3030_3030_3030_3030);
        // High bit of every byte that is not a digit (below '0' borrows, above '9' reaches 0x80 with 0x76).
        let bad = (d | d.wrapping_add(0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080;
        let k = if bad == 0 {
            8
        } else {
            (bad.trailing_zeros() / 8) as usize
        }
        .min(avail);
        if k == 0 {
            break;
        }
        // The k digits moved to the top bytes: the zero bytes below are leading zeros.
        let d = if k == 8 { d } else { d << (8 * (8 - k)) };
        v = v.wrapping_mul(POW10[k]).wrapping_add(eight_digits(d));
        n += k;
        if k < 8 {
            break;
        }
    }
    (v, n)
}

const POW10: [u64; 9] = [
    1,
    10,
    100,
    1000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
];

/// The number whose eight decimal digits (values 0..=9) are the bytes of `d`, the most significant first.
#[inline(always)]
fn eight_digits(d: u64) -> u64 {
    let d = (d.wrapping_mul(10) + (d >> 8)) & 0x00ff_00ff_00ff_00ff;
    let d = (d.wrapping_mul(100) + (d >> 16)) & 0x0000_ffff_0000_ffff;
    (d.wrapping_mul(10_000) + (d >> 32)) & 0xffff_ffff
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The ids as the path was read before: segment by segment, digit by digit.
    fn reference(path: &[u8]) -> (Option<u64>, Option<u64>, Option<u64>) {
        fn digits(rest: &mut &[u8]) -> Option<u64> {
            let mut v: u64 = 0;
            let mut n = 0;
            while n < rest.len() && n < 20 {
                let d = rest[n].wrapping_sub(b'0');
                if d > 9 {
                    break;
                }
                v = v.wrapping_mul(10).wrapping_add(u64::from(d));
                n += 1;
            }
            if n == 0 || n > 19 || (n < rest.len() && rest[n] != b'/') {
                return None;
            }
            *rest = &rest[n..];
            Some(v)
        }
        let second = path.iter().skip(1).position(|&c| c == b'/').and_then(|a| {
            path[a + 2..]
                .iter()
                .position(|&c| c == b'/')
                .map(|b| a + 2 + b)
        });
        let Some(at) = second.filter(|&at| path[at..].first_chunk::<8>() == Some(b"/diskid/"))
        else {
            return (None, None, None);
        };
        let mut rest = &path[at + 8..];
        let Some(disk) = digits(&mut rest) else {
            return (None, None, None);
        };
        let vuid = match rest.first_chunk::<6>() {
            Some(b"/vuid/") => {
                rest = &rest[6..];
                digits(&mut rest)
            }
            _ => None,
        };
        let bid = match (vuid, rest.first_chunk::<5>()) {
            (Some(_), Some(b"/bid/")) => {
                rest = &rest[5..];
                digits(&mut rest)
            }
            _ => None,
        };
        (Some(disk), vuid, bid)
    }

    proptest! {
        #[test]
        fn ids_equal_the_segment_by_segment_reading(
            parts in prop::collection::vec(prop_oneof![
                prop::sample::select(vec![
                    "/", "/shard", "/get", "/markdelete", "/diskid/", "/vuid/", "/bid/", "/size/", "x",
                    "0", "18446744073709551615", "9999999999999999999", "99999999999999999999",
                ]).prop_map(str::to_string),
                "[0-9]{1,21}",
                "[0-9/a-z]{0,6}",
            ], 0..10),
        ) {
            let path = parts.concat();
            prop_assert_eq!(path_ids(path.as_bytes()), reference(path.as_bytes()));
        }
    }

    #[test]
    fn known_paths() {
        for p in [
            &b"/shard/get/diskid/58/vuid/10625765867523/bid/5222287"[..],
            b"/shard/put/diskid/3/vuid/687261876225/bid/801788/size/307200",
            b"/chunk/list/diskid/7",
            b"/d/s/diskid/1",
            b"/a/b/diskid/12345678/vuid/12345678/bid/123456789",
            b"/a/b/diskid/1234567890123456789",
            b"/a/b/diskid/12345678901234567890",
        ] {
            assert_eq!(path_ids(p), reference(p), "{}", String::from_utf8_lossy(p));
        }
        assert_eq!(
            path_ids(b"/shard/get/diskid/58/vuid/10625765867523/bid/5222287"),
            (Some(58), Some(10_625_765_867_523), Some(5_222_287))
        );
    }
}
