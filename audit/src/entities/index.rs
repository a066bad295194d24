//! Entity key → slot index, for the summaries: open addressing with linear probing over a power-of-two table
//! kept at most half full. A lookup is a multiplication, a shift and, nearly always, one compare; a summary is
//! rebuilt rather than edited when it drops entities, so entries are only ever added or all cleared.

/// An empty entry's value.
const EMPTY: u32 = u32::MAX;

/// Entity key → index into the summary's slots.
#[derive(Clone, Debug, Default)]
pub(crate) struct KeyIndex {
    keys: Vec<u64>,
    values: Vec<u32>,
    /// `64 - log2(table size)`: the hash is the top bits of a multiplication.
    shift: u32,
    len: usize,
}

impl KeyIndex {
    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The index stored for `key`.
    #[inline]
    pub fn get(&self, key: u64) -> Option<u32> {
        if self.len == 0 {
            return None;
        }
        let mask = self.values.len() - 1;
        let mut at = self.home(key);
        loop {
            let v = self.values[at];
            if v == EMPTY {
                return None;
            }
            if self.keys[at] == key {
                return Some(v);
            }
            at = (at + 1) & mask;
        }
    }

    /// Stores `value` for `key` (not present).
    pub fn insert(&mut self, key: u64, value: u32) {
        if 2 * (self.len + 1) > self.values.len() {
            self.grow();
        }
        let mask = self.values.len() - 1;
        let mut at = self.home(key);
        while self.values[at] != EMPTY {
            at = (at + 1) & mask;
        }
        self.keys[at] = key;
        self.values[at] = value;
        self.len += 1;
    }

    /// Forgets every entry (the table keeps its size).
    pub fn clear(&mut self) {
        if self.len > 0 {
            self.values.fill(EMPTY);
            self.len = 0;
        }
    }

    #[cold]
    fn grow(&mut self) {
        let size = (self.values.len() * 2).max(16);
        let keys = std::mem::replace(&mut self.keys, vec![0; size]);
        let values = std::mem::replace(&mut self.values, vec![EMPTY; size]);
        self.shift = 64 - size.trailing_zeros();
        self.len = 0;
        for (k, v) in keys.into_iter().zip(values) {
            if v != EMPTY {
                self.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_map() {
        let mut ix = KeyIndex::default();
        let mut reference = std::collections::HashMap::new();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for round in 0..20_000u32 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Clustered keys (the low bits of disk ids and vuids vary most) and wide ones.
            let key = if round % 3 == 0 { state } else { state % 3000 };
            if round % 5000 == 4999 {
                ix.clear();
                reference.clear();
            }
            match reference.get(&key) {
                Some(&v) => assert_eq!(ix.get(key), Some(v)),
                None => {
                    assert_eq!(ix.get(key), None);
                    ix.insert(key, round);
                    reference.insert(key, round);
                }
            }
        }
        for (k, v) in reference {
            assert_eq!(ix.get(k), Some(v));
        }
    }
}
