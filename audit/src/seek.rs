//! Finding a short fixed key (`"Host":"`, `"Trace-Log":`) in a short header: the first occurrence, as
//! `memchr::memmem` finds it, with less set-up per call. Candidates are the positions where two chosen bytes of
//! the key both match (16 positions per step with SSE2, part of the x86_64 baseline), each checked in full with
//! two 8-byte compares; the last few positions are tried one by one.

/// A key of 8 to 16 bytes and two of its bytes to look for first (rare ones: not `"`, `:` or letters common in
/// header keys).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Key {
    bytes: &'static [u8],
    /// Offsets of the two bytes tried first.
    a: usize,
    b: usize,
    /// The key's first and last 8 bytes (they overlap when it is shorter than 16).
    head: u64,
    tail: u64,
    /// 0x20 in each byte of `head` and `tail` that is an ASCII letter: or-ed into both sides, the compare
    /// ignores case there.
    fold_head: u64,
    fold_tail: u64,
}

impl Key {
    /// `bytes` (8 to 16 of them), tried first at offsets `a` < `b`.
    pub const fn new(bytes: &'static [u8], a: usize, b: usize) -> Key {
        assert!(bytes.len() >= 8 && bytes.len() <= 16 && a < b && b < bytes.len());
        Key {
            bytes,
            a,
            b,
            head: word(bytes, 0),
            tail: word(bytes, bytes.len() - 8),
            fold_head: fold(bytes, 0),
            fold_tail: fold(bytes, bytes.len() - 8),
        }
    }

    /// The key's bytes.
    #[cfg(test)]
    pub fn needle(&self) -> &'static [u8] {
        self.bytes
    }

    /// Whether the key starts at `hay[at..]` (the caller knows `at + len <= hay.len()`), its letters in any
    /// case when `CI`.
    #[inline(always)]
    fn is_at<const CI: bool>(&self, hay: &[u8], at: usize) -> bool {
        let n = self.bytes.len();
        if CI {
            load(hay, at) | self.fold_head == self.head | self.fold_head
                && load(hay, at + n - 8) | self.fold_tail == self.tail | self.fold_tail
        } else {
            load(hay, at) == self.head && load(hay, at + n - 8) == self.tail
        }
    }

    /// The first position of the key in `hay`.
    #[inline]
    pub fn find(&self, hay: &[u8]) -> Option<usize> {
        self.search::<false>(hay)
    }

    /// The first position of the key in `hay` with its letters in any case (rpc2 does not canonicalise header
    /// keys): what a walk over every `"` comparing with `eq_ignore_ascii_case` finds.
    #[cold]
    pub fn find_ci(&self, hay: &[u8]) -> Option<usize> {
        self.search::<true>(hay)
    }

    #[inline(always)]
    fn search<const CI: bool>(&self, hay: &[u8]) -> Option<usize> {
        if hay.len() < self.bytes.len() {
            return None;
        }
        #[cfg(target_arch = "x86_64")]
        {
            if hay.len() >= self.b + 32 && std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2.
                return unsafe { self.search_avx2::<CI>(hay) };
            }
            self.search_sse2::<CI>(hay, 0)
        }
        #[cfg(not(target_arch = "x86_64"))]
        self.search_from::<CI>(hay, 0)
    }

    /// With `CI`, 0x20 is or-ed into both sides of a compare of a letter.
    #[inline(always)]
    fn probes<const CI: bool>(&self) -> (u8, u8, u8, u8) {
        let fold = |c: u8| {
            if CI && c.is_ascii_alphabetic() {
                0x20
            } else {
                0
            }
        };
        let (ca, cb) = (self.bytes[self.a], self.bytes[self.b]);
        (ca, fold(ca), cb, fold(cb))
    }

    /// Checks the candidate positions `at + bit` of mask `m` in order.
    #[inline(always)]
    fn candidates<const CI: bool>(&self, hay: &[u8], at: usize, mut m: u32) -> Result<usize, bool> {
        let last = hay.len() - self.bytes.len();
        while m != 0 {
            let s = at + m.trailing_zeros() as usize;
            if s > last {
                return Err(true); // past the last position: not there
            }
            if self.is_at::<CI>(hay, s) {
                return Ok(s);
            }
            m &= m - 1;
        }
        Err(false)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn search_avx2<const CI: bool>(&self, hay: &[u8]) -> Option<usize> {
        use std::arch::x86_64::{
            __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
            _mm256_or_si256, _mm256_set1_epi8,
        };
        let (ca, fa, cb, fb) = self.probes::<CI>();
        let (va, vb) = (
            _mm256_set1_epi8((ca | fa) as i8),
            _mm256_set1_epi8((cb | fb) as i8),
        );
        let (oa, ob) = (_mm256_set1_epi8(fa as i8), _mm256_set1_epi8(fb as i8));
        let mut at = 0;
        // Steps whose 32 loaded bytes at offset `b` stay inside `hay`.
        while at + self.b + 32 <= hay.len() {
            // SAFETY: both 32-byte loads end at or before `at + b + 32 <= hay.len()` (a < b).
            let m = unsafe {
                let mut pa = _mm256_loadu_si256(hay.as_ptr().add(at + self.a).cast::<__m256i>());
                let mut pb = _mm256_loadu_si256(hay.as_ptr().add(at + self.b).cast::<__m256i>());
                if CI {
                    pa = _mm256_or_si256(pa, oa);
                    pb = _mm256_or_si256(pb, ob);
                }
                let eq = _mm256_and_si256(_mm256_cmpeq_epi8(pa, va), _mm256_cmpeq_epi8(pb, vb));
                _mm256_movemask_epi8(eq) as u32
            };
            match self.candidates::<CI>(hay, at, m) {
                Ok(s) => return Some(s),
                Err(true) => return None,
                Err(false) => at += 32,
            }
        }
        self.search_sse2::<CI>(hay, at)
    }

    /// From position `at` on, 16 positions at a time.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    fn search_sse2<const CI: bool>(&self, hay: &[u8], mut at: usize) -> Option<usize> {
        use std::arch::x86_64::{
            __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8,
            _mm_or_si128, _mm_set1_epi8,
        };
        let (ca, fa, cb, fb) = self.probes::<CI>();
        // Steps whose 16 loaded bytes at offset `b` stay inside `hay`: `at + b + 16 <= len`.
        while at + self.b + 16 <= hay.len() {
            // SAFETY: SSE2 is part of the x86_64 baseline; both 16-byte loads end at or before
            // `at + b + 16 <= hay.len()` (a < b).
            let m = unsafe {
                let mut pa = _mm_loadu_si128(hay.as_ptr().add(at + self.a).cast::<__m128i>());
                let mut pb = _mm_loadu_si128(hay.as_ptr().add(at + self.b).cast::<__m128i>());
                if CI {
                    pa = _mm_or_si128(pa, _mm_set1_epi8(fa as i8));
                    pb = _mm_or_si128(pb, _mm_set1_epi8(fb as i8));
                }
                let eq = _mm_and_si128(
                    _mm_cmpeq_epi8(pa, _mm_set1_epi8((ca | fa) as i8)),
                    _mm_cmpeq_epi8(pb, _mm_set1_epi8((cb | fb) as i8)),
                );
                _mm_movemask_epi8(eq) as u32
            };
            match self.candidates::<CI>(hay, at, m) {
                Ok(s) => return Some(s),
                Err(true) => return None,
                Err(false) => at += 16,
            }
        }
        self.search_from::<CI>(hay, at)
    }

    /// From position `at` on, one position at a time.
    #[inline(always)]
    fn search_from<const CI: bool>(&self, hay: &[u8], mut at: usize) -> Option<usize> {
        let (ca, fa, cb, fb) = self.probes::<CI>();
        let last = hay.len().checked_sub(self.bytes.len())?;
        while at <= last {
            if hay[at + self.a] | fa == ca | fa
                && hay[at + self.b] | fb == cb | fb
                && self.is_at::<CI>(hay, at)
            {
                return Some(at);
            }
            at += 1;
        }
        None
    }
}

/// The first `c` in `b`, 8 bytes at a time: for the few bytes of a header value, where a call into a vectorised
/// search costs more than it saves.
#[inline(always)]
pub(crate) fn byte(c: u8, b: &[u8]) -> Option<usize> {
    let splat = u64::from_le_bytes([c; 8]);
    let mut at = 0;
    while let Some(w) = b.get(at..at + 8) {
        let m = zero_bytes(u64::from_le_bytes(w.try_into().expect("8 bytes")) ^ splat);
        if m != 0 {
            return Some(at + (m.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    b[at..].iter().position(|&x| x == c).map(|p| at + p)
}

/// The last `c` in `b` (see [`byte`]).
#[inline(always)]
pub(crate) fn byte_rev(c: u8, b: &[u8]) -> Option<usize> {
    let splat = u64::from_le_bytes([c; 8]);
    let mut end = b.len();
    while end >= 8 {
        let w = u64::from_le_bytes(b[end - 8..end].try_into().expect("8 bytes"));
        let m = zero_bytes(w ^ splat);
        if m != 0 {
            return Some(end - 8 + (7 - m.leading_zeros() / 8) as usize);
        }
        end -= 8;
    }
    b[..end].iter().rposition(|&x| x == c)
}

/// The high bit of every zero byte of `x`, and no other bit (exact, unlike the borrow trick).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// What finds a header key: a [`Key`], or `memchr`'s finder for the others.
pub(crate) trait Search {
    /// The first position of the key in `hay`.
    fn find_in(&self, hay: &[u8]) -> Option<usize>;
    /// The first position of the key in `hay`, its letters in any case.
    fn find_ci_in(&self, hay: &[u8]) -> Option<usize>;
    /// The key's length.
    fn key_len(&self) -> usize;
}

impl Search for Key {
    #[inline(always)]
    fn find_in(&self, hay: &[u8]) -> Option<usize> {
        self.find(hay)
    }
    fn find_ci_in(&self, hay: &[u8]) -> Option<usize> {
        self.find_ci(hay)
    }
    #[inline(always)]
    fn key_len(&self) -> usize {
        self.bytes.len()
    }
}

impl Search for memchr::memmem::Finder<'_> {
    #[inline(always)]
    fn find_in(&self, hay: &[u8]) -> Option<usize> {
        self.find(hay)
    }
    #[cold]
    fn find_ci_in(&self, hay: &[u8]) -> Option<usize> {
        let n = self.needle();
        (0..=hay.len().checked_sub(n.len())?)
            .find(|&at| hay[at..at + n.len()].eq_ignore_ascii_case(n))
    }
    #[inline(always)]
    fn key_len(&self) -> usize {
        self.needle().len()
    }
}

/// 0x20 in each byte of the 8 at `b[at..]` that is an ASCII letter.
const fn fold(b: &[u8], at: usize) -> u64 {
    let mut w = 0u64;
    let mut i = 0;
    while i < 8 {
        if b[at + i].is_ascii_alphabetic() {
            w |= 0x20 << (8 * i);
        }
        i += 1;
    }
    w
}

/// The 8 bytes of `b` at `at` as a little-endian word (for the constants).
const fn word(b: &[u8], at: usize) -> u64 {
    let mut w = 0u64;
    let mut i = 0;
    while i < 8 {
        w |= (b[at + i] as u64) << (8 * i);
        i += 1;
    }
    w
}

#[inline(always)]
fn load(hay: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(hay[at..at + 8].try_into().expect("8 bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const KEYS: [Key; 3] = [
        Key::new(b"\"Host\":\"", 1, 5),
        Key::new(b"\"Trace-Log\":", 7, 10),
        Key::new(b"\"RawQuery\":\"", 1, 4),
    ];

    proptest! {
        #[test]
        fn finds_what_memmem_finds(
            parts in prop::collection::vec(prop_oneof![
                Just("\"Host\":\"".to_string()),
                Just("\"hOSt\":\"".to_string()),
                Just("\"trace-log\":".to_string()),
                Just("\"rawquery\":\"".to_string()),
                Just("\"Host\"".to_string()),
                Just("\"Trace-Log\":".to_string()),
                Just("Trace-Log\":".to_string()),
                Just("\"RawQuery\":\"".to_string()),
                "[\"HostTrace:L -]{0,12}",
            ], 0..12),
        ) {
            let hay = parts.concat();
            for k in &KEYS {
                prop_assert_eq!(k.find(hay.as_bytes()), memchr::memmem::find(hay.as_bytes(), k.needle()));
                let n = k.needle().len();
                let ci = (0..=hay.len().saturating_sub(n))
                    .find(|&at| hay.len() >= n && hay.as_bytes()[at..at + n].eq_ignore_ascii_case(k.needle()));
                prop_assert_eq!(k.find_ci(hay.as_bytes()), ci);
            }
        }
    }

    #[test]
    fn bytes_like_memchr() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in 0..70 {
            for _ in 0..30 {
                let b: Vec<u8> = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        [b'"', b':', b'a', 0x22 ^ 0x80, 0, 0xff][(state % 6) as usize]
                    })
                    .collect();
                for c in [b'"', b':', 0u8, 0xff] {
                    assert_eq!(byte(c, &b), memchr::memchr(c, &b), "{b:?}");
                    assert_eq!(byte_rev(c, &b), memchr::memrchr(c, &b), "{b:?}");
                }
            }
        }
    }

    #[test]
    fn every_position_and_length() {
        let k = &KEYS[1];
        for len in 0..80 {
            for at in 0..=len {
                let mut hay = vec![b'L'; len + 12];
                hay[at..at + 12].copy_from_slice(k.needle());
                let hay = &hay[..];
                assert_eq!(
                    k.find(hay),
                    memchr::memmem::find(hay, k.needle()),
                    "{len} {at}"
                );
            }
        }
    }
}
