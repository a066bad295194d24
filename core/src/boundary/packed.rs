//! An answer packed for hosts where every value that crosses costs a call into the host's runtime (JNI, N-API): all
//! its text in one UTF-8 string, its shape in one array of UTF-16 units. The host's own code unpacks them into the very values a
//! conversion value by value would make (`Native.call` in Java, `call` in node/errcat.js): objects made by the
//! host's compiled code cost a fraction of the calls that would make them one by one.
//!
//! The shape is a sequence of unsigned integers, each written in 15-bit groups, low group first, in UTF-16 units
//! (a unit with its top bit set has another group after it): the values in order, each a tag and its operands: `0`
//! null, `1` false, `2` true, `3 z` the integer whose zigzag code is `z` (`0, -1, 1, -2, …` ↦ `0, 1, 2, 3, …`),
//! `4 len` a text (the next `len` UTF-16 units of the text, once the host has it as a string of its own), `5 n` a
//! list of the `n` values that follow, `6 n` a map of `n` members, each its name (`len`: the next `len` units of the
//! text) and its value.

use super::call::Out;

/// An answer's text and shape (module documentation).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Packed {
    /// Every text of the answer, in order.
    pub text: String,
    /// The values, in order: tags and their operands, in 15-bit groups.
    pub shape: Vec<u16>,
}

/// `out`, packed.
///
/// ```
/// use errcat::boundary::{pack, Out};
/// let p = pack(&Out::List(vec![Out::Str("é".into()), Out::Int(-1), Out::Int(40_000), Out::Null]));
/// // 4 items; text of 1 unit; -1 (zigzag 1); 40,000 (zigzag 80,000: 15 bits, then 2); null
/// assert_eq!(p.shape, [5, 4, 4, 1, 3, 1, 3, 0x8000 | 14_464, 2, 0]);
/// assert_eq!(p.text, "é");
/// ```
pub fn pack(out: &Out) -> Packed {
    let mut packed = Packed::new();
    packed.add(out);
    packed
}

impl Packed {
    /// An empty answer, with room for most (the text of most answers: less than a "large" allocation).
    pub(crate) fn new() -> Packed {
        Packed {
            text: String::with_capacity(512),
            shape: Vec::with_capacity(64),
        }
    }

    /// `null` (what `Out::Null` packs to); the writers below are what the other `Out`s pack to, so that an answer
    /// may be written packed without its `Out` (the flat classification: `classify_flat`).
    pub(crate) fn null(&mut self) {
        self.shape.push(0);
    }

    pub(crate) fn int(&mut self, n: i64) {
        self.shape.push(3);
        self.number(((n << 1) ^ (n >> 63)) as u64);
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.shape.push(4);
        self.text(s);
    }

    /// Text, or null.
    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    /// A list of the `n` values written next.
    pub(crate) fn list(&mut self, n: usize) {
        self.shape.push(5);
        self.number(n as u64);
    }

    /// A map of the `n` members written next, each [`Packed::name`] then its value.
    pub(crate) fn map(&mut self, n: usize) {
        self.shape.push(6);
        self.number(n as u64);
    }

    /// A member's name.
    pub(crate) fn name(&mut self, name: &str) {
        self.text(name);
    }

    fn number(&mut self, mut n: u64) {
        while n >= 0x8000 {
            self.shape.push(0x8000 | (n & 0x7fff) as u16);
            n >>= 15;
        }
        self.shape.push(n as u16);
    }

    fn text(&mut self, text: &str) {
        self.text.push_str(text);
        let units = match text.is_ascii() {
            true => text.len(),
            false => text.encode_utf16().count(),
        };
        self.number(units as u64);
    }

    fn add(&mut self, out: &Out) {
        match out {
            Out::Null => self.null(),
            Out::Bool(b) => self.shape.push(1 + u16::from(*b)),
            Out::Int(n) => self.int(*n),
            Out::Str(s) => self.str(s),
            Out::List(items) => {
                self.list(items.len());
                items.iter().for_each(|item| self.add(item));
            }
            Out::Map(members) => {
                self.map(members.len());
                for (name, value) in members {
                    self.name(name);
                    self.add(value);
                }
            }
        }
    }
}
