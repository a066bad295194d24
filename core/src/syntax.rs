//! Lexical rules shared by the build-time validator (`errcat-codegen`, which includes this file by path) and the
//! run-time parser, so the two can never disagree about what a code part looks like.

/// Longest part of a code accepted anywhere; longer input is rejected before any other work.
pub const MAX_PART_LEN: usize = 128;

/// `true` when `part` is PascalCase as the Koupleless rule means it: an ASCII capital letter first, then ASCII
/// letters and digits only, at most [`MAX_PART_LEN`] bytes.
pub fn is_pascal_case(part: &str) -> bool {
    let bytes = part.as_bytes();
    match bytes.first() {
        Some(first) if first.is_ascii_uppercase() && bytes.len() <= MAX_PART_LEN => {
            bytes.iter().all(u8::is_ascii_alphanumeric)
        }
        _ => false,
    }
}

/// Slot of a type spelling in the compiled-in perfect-hash index (`tables::TYPE_SLOTS`). The build step searches
/// a `seed` for which every catalogued spelling gets its own slot; run time hashes the same way. FxHash, not
/// SipHash: the index only ever holds the catalog's own keys, and SipHash alone would cost as much as the whole
/// `HashMap` baseline the lookup is measured against.
pub fn type_slot(text: &str, seed: usize, mask: usize) -> usize {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::with_seed(seed);
    hasher.write(text.as_bytes());
    // Fibonacci hashing: the top bits of the product depend on every bit of the hash; FxHash's low bits do not.
    let mixed = hasher.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> (u64::BITS - (mask as u64).count_ones())) as usize & mask
}
