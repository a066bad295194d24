//! One pass over a block of input that finds both the line ends and the field separators: for every 64 bytes, a
//! bit mask of the `\t` and one of the `\n` (SSE2 on x86_64, SIMD-within-a-register elsewhere). Finding the TABs
//! while looking for the newlines touches every byte once, instead of once per `memchr` for `\n` and again per
//! field for `\t`.

/// Bytes per mask.
pub(crate) const BLOCK: usize = 64;

/// The masks of one block: bit `i` of `.0` is set when `block[i] == b'\t'`, of `.1` when `block[i] == b'\n'`.
#[inline(always)]
pub(crate) fn masks(block: &[u8; BLOCK]) -> (u64, u64) {
    #[cfg(target_arch = "x86_64")]
    {
        masks_sse2(block)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        masks_swar(block)
    }
}

/// Blocks whose masks [`batch_masks`] computes per call.
pub(crate) const BATCH: usize = 64;

/// The masks of the first [`BATCH`] blocks of `data` (the last one may be short: zero padded) into `out`; returns how
/// many blocks that is. Uses AVX2 when the CPU has it.
#[inline]
pub(crate) fn batch_masks(data: &[u8], out: &mut [(u64, u64); BATCH]) -> usize {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2.
        return unsafe { batch_avx2(data, out) };
    }
    let mut n = 0;
    for (slot, block) in out.iter_mut().zip(data.chunks(BLOCK)) {
        *slot = match block.try_into() {
            Ok(whole) => masks(whole),
            Err(_) => tail_masks(block),
        };
        n += 1;
    }
    n
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn batch_avx2(data: &[u8], out: &mut [(u64, u64); BATCH]) -> usize {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_set1_epi8,
    };
    let tab = _mm256_set1_epi8(b'\t' as i8);
    let nl = _mm256_set1_epi8(b'\n' as i8);
    let mut n = 0;
    for (slot, block) in out.iter_mut().zip(data.chunks(BLOCK)) {
        *slot = if block.len() == BLOCK {
            // SAFETY: two unaligned 32-byte loads inside a 64-byte block.
            let (lo, hi) = unsafe {
                (
                    _mm256_loadu_si256(block.as_ptr().cast::<__m256i>()),
                    _mm256_loadu_si256(block.as_ptr().add(32).cast::<__m256i>()),
                )
            };
            let bits = |v, c| u64::from(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, c)) as u32);
            (
                bits(lo, tab) | bits(hi, tab) << 32,
                bits(lo, nl) | bits(hi, nl) << 32,
            )
        } else {
            tail_masks(block)
        };
        n += 1;
    }
    n
}

/// The masks of the last, short block (`tail.len() < BLOCK`): padded with zero bytes, which match neither.
#[inline]
pub(crate) fn tail_masks(tail: &[u8]) -> (u64, u64) {
    let mut block = [0u8; BLOCK];
    block[..tail.len()].copy_from_slice(tail);
    masks(&block)
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn masks_sse2(block: &[u8; BLOCK]) -> (u64, u64) {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of the x86_64 baseline; the four unaligned 16-byte loads stay inside the 64-byte array.
    unsafe {
        let tab = _mm_set1_epi8(b'\t' as i8);
        let nl = _mm_set1_epi8(b'\n' as i8);
        let mut tabs = 0u64;
        let mut nls = 0u64;
        for i in 0..4 {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * i).cast::<__m128i>());
            tabs |= u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab)) as u16) << (16 * i);
            nls |= u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)) as u16) << (16 * i);
        }
        (tabs, nls)
    }
}

/// The portable version (also what non-x86_64 targets use): each 8-byte word is tested for the two bytes with the
/// exact zero-byte test, and the high bits gathered with a multiplication.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline(always)]
fn masks_swar(block: &[u8; BLOCK]) -> (u64, u64) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Bit 7 of every byte of `x` that is zero, and no other bit (no false positives, unlike the borrow trick).
    let zero_bytes = |x: u64| !(((x & LOW7) + LOW7) | x | LOW7);
    // The 8 high bits → 8 low bits, byte k → bit k.
    let gather = |m: u64| (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
    let mut tabs = 0u64;
    let mut nls = 0u64;
    for (i, chunk) in block.chunks_exact(8).enumerate() {
        let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        tabs |= gather(zero_bytes(w ^ (ONES * u64::from(b'\t')))) << (8 * i);
        nls |= gather(zero_bytes(w ^ (ONES * u64::from(b'\n')))) << (8 * i);
    }
    (tabs, nls)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(block: &[u8; BLOCK]) -> (u64, u64) {
        let mut m = (0, 0);
        for (i, &b) in block.iter().enumerate() {
            m.0 |= u64::from(b == b'\t') << i;
            m.1 |= u64::from(b == b'\n') << i;
        }
        m
    }

    #[test]
    fn masks_match_a_byte_by_byte_scan() {
        let mut state = 0x1234_5678_9abc_def0u64;
        for round in 0..2000 {
            let mut block = [0u8; BLOCK];
            for b in &mut block {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Bias towards the interesting bytes and their neighbours (0x08..0x0b, 0x89, 0x8a, 0xff).
                *b = match state % 8 {
                    0 => b'\t',
                    1 => b'\n',
                    2 => [8u8, 11, 0x89, 0x8a, 0xff, 0x80, 0][(state >> 8) as usize % 7],
                    _ => (state >> 16) as u8,
                };
            }
            if round == 0 {
                block = [b'\t'; BLOCK];
            }
            assert_eq!(masks_swar(&block), naive(&block), "{block:?}");
            assert_eq!(masks(&block), naive(&block), "{block:?}");
        }
        // Whole batches of any length, through whichever path the CPU takes.
        let mut data = Vec::new();
        for len in [0usize, 1, 63, 64, 65, 500, 4095, 4096, 4097, 9000] {
            data.clear();
            for i in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                data.push(match state % 6 {
                    0 => b'\t',
                    1 => b'\n',
                    _ => (state >> 20) as u8 | (i as u8 & 1),
                });
            }
            let mut out = [(0, 0); BATCH];
            let n = batch_masks(&data, &mut out);
            assert_eq!(n, data.len().div_ceil(BLOCK).min(BATCH), "{len}");
            for (k, m) in out[..n].iter().enumerate() {
                let mut block = [0u8; BLOCK];
                let part = &data[k * BLOCK..data.len().min((k + 1) * BLOCK)];
                block[..part.len()].copy_from_slice(part);
                assert_eq!(*m, naive(&block), "{len} {k}");
            }
        }
        let tail = b"a\tb\nc";
        assert_eq!(tail_masks(tail), (0b10, 0b1000));
    }
}
