//! A map from byte strings to small numbers whose keys are all known at build time, for the fast paths of the
//! bindings (the C library serves the answer table's successful calls with it): one hash, one compare, no
//! allocation. Hash and displace: a key's hash picks a bucket, and the bucket's displacement, found by
//! errcat-codegen (which includes this file, so both sides hash alike), gives each of its keys a slot of its own.

use std::hash::Hasher;

/// A slot holding no key.
pub const EMPTY: u16 = u16::MAX;

/// The hash of a key. FxHash, not SipHash: only the catalog's own keys are placed, and SipHash alone would cost as
/// much as the baseline a lookup is measured against.
#[inline]
pub fn key_hash(key: &[u8]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(key);
    hasher.finish()
}

/// The bucket of `hash` among `1 << bits` (the top bits of a Fibonacci product depend on every bit of the hash).
#[inline]
pub fn bucket(hash: u64, bits: u32) -> usize {
    (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (u64::BITS - bits)) as usize
}

/// The slot of `hash`, displaced by its bucket's `displacement`, among `1 << bits`: the displaced hash through
/// splitmix64's finalizer, so that keys sharing a bucket (their hashes alike in the top bits) part for some value.
#[inline]
pub fn slot(hash: u64, displacement: u16, bits: u32) -> usize {
    let mut x = hash ^ u64::from(displacement).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (x >> (u64::BITS - bits)) as usize
}

/// The map, built in a `static` by generated code. Both `bits` are at least 1.
#[derive(Debug)]
pub struct StaticMap {
    /// log2 of the number of buckets.
    pub bucket_bits: u32,
    /// The displacement of each bucket (`1 << bucket_bits` of them).
    pub displacements: &'static [u16],
    /// log2 of the number of slots.
    pub slot_bits: u32,
    /// Each slot's position in `keys`, or [`EMPTY`] (`1 << slot_bits` of them).
    pub slots: &'static [u16],
    /// The keys and their numbers.
    pub keys: &'static [(&'static [u8], u16)],
}

impl StaticMap {
    /// The number stored for `key`, if it is a key.
    #[inline(always)] // into the callers' fast paths (a few instructions, on their hot path)
    pub fn get(&self, key: &[u8]) -> Option<u16> {
        let hash = key_hash(key);
        let displacement = *self.displacements.get(bucket(hash, self.bucket_bits))?;
        let at = *self.slots.get(slot(hash, displacement, self.slot_bits))?;
        let (stored, value) = self.keys.get(usize::from(at))?;
        (*stored == key).then_some(*value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_its_keys_and_nothing_else() {
        static KEYS: [(&[u8], u16); 2] = [(b"Arklet", 7), (b"User", 9)];
        // Both buckets displaced alike, two slots: the first displacement that separates the keys.
        let (a, u) = (key_hash(b"Arklet"), key_hash(b"User"));
        let d = (0..=u16::MAX)
            .find(|&d| slot(a, d, 1) != slot(u, d, 1))
            .unwrap();
        let mut slots = vec![EMPTY; 2];
        slots[slot(a, d, 1)] = 0;
        slots[slot(u, d, 1)] = 1;
        let map = StaticMap {
            bucket_bits: 1,
            displacements: Box::leak(Box::new([d, d])),
            slot_bits: 1,
            slots: slots.leak(),
            keys: &KEYS,
        };
        assert_eq!(map.get(b"Arklet"), Some(7));
        assert_eq!(map.get(b"User"), Some(9));
        assert_eq!(map.get(b"user"), None);
        assert_eq!(map.get(b""), None);
    }
}
