//! The primitives of a partial report's body: LEB128 varints, length-prefixed bytes, and HdrHistogram V2
//! encodings (see `audit/PARTIAL.md`).

use hdrhistogram::serialization::{Deserializer, Serializer, V2DeflateSerializer, V2Serializer};
use hdrhistogram::Histogram;

use crate::hist::Counts;

/// Appends to a body.
#[derive(Default)]
pub(crate) struct Writer {
    pub out: Vec<u8>,
    v2: V2Serializer,
    deflate: V2DeflateSerializer,
}

impl Writer {
    pub fn u64(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.out.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.out.push(v as u8);
    }

    pub fn bool(&mut self, b: bool) {
        self.out.push(u8::from(b));
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.out.extend_from_slice(b);
    }

    /// A histogram as its V2 encoding (`deflate`: V2+DEFLATE), length-prefixed.
    pub fn histogram(&mut self, h: &Histogram<u64>, deflate: bool) {
        let at = self.out.len();
        self.out.extend_from_slice(&[0; 4]);
        let written = if deflate {
            self.deflate.serialize(h, &mut self.out).ok()
        } else {
            self.v2.serialize(h, &mut self.out).ok()
        };
        // Serialising into a Vec cannot fail; an empty encoding would be refused when read.
        let n = written.unwrap_or(0) as u32;
        self.out[at..at + 4].copy_from_slice(&n.to_le_bytes());
    }

    /// Bucket counts as `n`, the exact maximum and the V2 encoding of their histogram.
    pub fn counts<const S: u32>(&mut self, c: &Counts<S>) {
        self.u64(c.n);
        if c.n > 0 {
            self.u64(c.max);
            self.histogram(&c.histogram(), false);
        }
    }
}

/// Reads a body; every method fails with a message on truncated or invalid input.
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    at: usize,
    de: Deserializer,
}

pub(crate) type Fallible<T> = std::result::Result<T, String>;

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Reader<'a> {
        Reader {
            data,
            at: 0,
            de: Deserializer::new(),
        }
    }

    pub fn done(&self) -> bool {
        self.at == self.data.len()
    }

    pub fn u64(&mut self) -> Fallible<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self
                .data
                .get(self.at)
                .ok_or("the body ends inside a number")?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("a number longer than 64 bits".into())
    }

    pub fn len(&mut self, what: &str) -> Fallible<usize> {
        let n = self.u64()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.data.len() - self.at)
            .ok_or_else(|| format!("{what}: {n} items announced, more than the body holds"))
    }

    /// A counted list of numbers into `into`, whose length this errcat fixes: another count is refused.
    pub fn u64s_into(&mut self, what: &str, into: &mut [u64]) -> Fallible<()> {
        let n = self.len(what)?;
        if n != into.len() {
            return Err(format!("{n} {what}, this errcat has {}", into.len()));
        }
        for v in into {
            *v = self.u64()?;
        }
        Ok(())
    }

    pub fn u16(&mut self, what: &str) -> Fallible<u16> {
        u16::try_from(self.u64()?).map_err(|_| format!("{what} above 65535"))
    }

    pub fn bool(&mut self) -> Fallible<bool> {
        match self.u64()? {
            0 => Ok(false),
            1 => Ok(true),
            n => Err(format!("a flag of {n}")),
        }
    }

    pub fn bytes(&mut self) -> Fallible<&'a [u8]> {
        let n = self.len("bytes")?;
        let b = &self.data[self.at..self.at + n];
        self.at += n;
        Ok(b)
    }

    pub fn text(&mut self) -> Fallible<String> {
        String::from_utf8(self.bytes()?.to_vec()).map_err(|_| "text that is not UTF-8".into())
    }

    pub fn histogram(&mut self) -> Fallible<Histogram<u64>> {
        let n = self
            .data
            .get(self.at..self.at + 4)
            .ok_or("the body ends inside a histogram")?;
        let n = u32::from_le_bytes([n[0], n[1], n[2], n[3]]) as usize;
        self.at += 4;
        let mut enc = self
            .data
            .get(self.at..self.at + n)
            .ok_or("the body ends inside a histogram")?;
        self.at += n;
        let mut h: Histogram<u64> = self
            .de
            .deserialize(&mut enc)
            .map_err(|e| format!("a histogram encoding that does not decode: {e:?}"))?;
        // As the counting histograms: adding a wider one into it resizes it.
        h.auto(true);
        Ok(h)
    }

    pub fn counts<const S: u32>(&mut self) -> Fallible<Counts<S>> {
        let mut c = Counts::<S>::default();
        let n = self.u64()?;
        if n == 0 {
            return Ok(c);
        }
        let max = self.u64()?;
        let h = self.histogram()?;
        for v in h.iter_recorded() {
            c.record_n(
                h.lowest_equivalent(v.value_iterated_to()),
                v.count_at_value(),
            );
        }
        if c.n != n {
            return Err(format!(
                "a histogram of {} values where {n} were announced",
                c.n
            ));
        }
        c.max = max;
        Ok(c)
    }
}
