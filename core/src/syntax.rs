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
