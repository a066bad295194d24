//! The body of a partial report: everything [`Partial`] counted, after [`Partial::seal`], in the order that
//! `audit/PARTIAL.md` gives. Input indices are local to the partial (see the header's `inputs`).

use std::sync::Arc;

use crate::entities::{CodeCounts, Sketch, Slot};
use crate::filter::Setup;
use crate::parse::MalformedKind;
use crate::stats::{split_key, Group, MalformedAt, Partial, Svc, UnitCount, UnitId};
use crate::timeline::{Cell, Timeline};
use crate::tracelog::{StageAcc, TraceLogAcc};

use super::wire::{Fallible, Reader, Writer};

fn codes(w: &mut Writer, c: &CodeCounts) {
    let list: Vec<(u16, u64)> = c.iter().collect();
    w.u64(list.len() as u64);
    for (code, n) in list {
        w.u64(u64::from(code));
        w.u64(n);
    }
}

fn read_codes(r: &mut Reader<'_>) -> Fallible<CodeCounts> {
    let mut c = CodeCounts::default();
    for _ in 0..r.len("codes")? {
        let code = r.u16("a status code")?;
        c.add(code, r.u64()?);
    }
    Ok(c)
}

/// Writes the sealed `p`.
pub(crate) fn encode(p: &Partial, w: &mut Writer) {
    for v in [
        p.lines,
        p.counted,
        p.filtered,
        p.json_lines,
        p.first_us,
        p.last_us,
    ] {
        w.u64(v);
    }
    w.u64(p.kinds.len() as u64);
    for &k in &p.kinds {
        w.u64(k);
    }
    w.u64(p.units.len() as u64);
    for u in &p.units {
        for v in [u64::from(u.unit.input), u.unit.seq, u.lines, u.malformed] {
            w.u64(v);
        }
    }
    w.u64(p.first_malformed.len() as u64);
    for m in &p.first_malformed {
        for v in [
            u64::from(m.unit.input),
            m.unit.seq,
            m.line,
            m.kind.index() as u64,
        ] {
            w.u64(v);
        }
        w.bytes(m.reason.as_bytes());
        w.bytes(m.excerpt.as_bytes());
    }
    w.u64(p.names.names.len() as u64);
    for n in &p.names.names {
        w.bytes(n);
    }
    w.u64(p.svcs.len() as u64);
    for s in &p.svcs {
        w.bytes(&s.module);
        let t = &s.timeline;
        w.u64(t.width);
        w.bool(t.given);
        w.u64(t.cells.len() as u64);
        for (start, c) in &t.cells {
            w.u64(*start);
            w.u64(c.requests);
            codes(w, &c.codes);
            w.counts(&c.durations);
        }
        // The per-piece vuid and bid summaries are empty once a piece ends: only the six kinds travel.
        for sk in &s.sketches[..6] {
            w.u64(sk.capacity as u64);
            for v in [sk.subtracted, sk.total_weight, sk.dropped] {
                w.u64(v);
            }
            w.u64(sk.slots.len() as u64);
            for slot in &sk.slots {
                for v in [slot.key, slot.weight, slot.requests, slot.errors] {
                    w.u64(v);
                }
                codes(w, &slot.codes);
                w.counts(&slot.durations);
            }
        }
    }
    w.u64(p.groups.len() as u64);
    for (key, g) in &p.groups {
        w.bytes(key);
        w.u64(u64::from(g.svc));
        w.bool(g.pass);
        w.u64(g.rows.len() as u64);
        for row in &g.rows {
            w.u64(u64::from(row.code));
            w.bytes(&row.method);
            w.bytes(&row.host);
            w.u64(row.count);
        }
        w.u64(g.max_us);
        w.histogram(&g.hist, true);
        w.u64(g.sum_us);
        w.u64(g.ms.len() as u64);
        for &m in &g.ms {
            w.u64(m);
        }
        let t = &g.tracelog;
        for v in [t.requests, t.failed, t.other_errors] {
            w.u64(v);
        }
        w.bool(t.micro());
        w.u64(t.stages.len() as u64);
        for s in &t.stages {
            w.bytes(&s.via);
            w.bytes(&s.name);
            w.u64(s.requests);
            w.u64(s.zero);
            w.counts(&s.durations);
        }
        w.u64(t.errors.len() as u64);
        for (m, e, n) in &t.errors {
            w.bytes(m);
            w.bytes(e);
            w.u64(*n);
        }
    }
}

/// Reads a body written by [`encode`] into a partial of `setup`.
pub(crate) fn decode(r: &mut Reader<'_>, setup: &Arc<Setup>) -> Fallible<Partial> {
    let mut p = Partial::new(setup);
    let mut six = [0u64; 6];
    for v in &mut six {
        *v = r.u64()?;
    }
    [
        p.lines,
        p.counted,
        p.filtered,
        p.json_lines,
        p.first_us,
        p.last_us,
    ] = six;
    r.u64s_into("kinds of malformed line", &mut p.kinds)?;
    for _ in 0..r.len("units")? {
        let input = u32::try_from(r.u64()?).map_err(|_| "an input index above 2^32")?;
        let unit = UnitId {
            input,
            seq: r.u64()?,
        };
        p.units.push(UnitCount {
            unit,
            lines: r.u64()?,
            malformed: r.u64()?,
        });
    }
    for _ in 0..r.len("malformed lines")? {
        let input = u32::try_from(r.u64()?).map_err(|_| "an input index above 2^32")?;
        let unit = UnitId {
            input,
            seq: r.u64()?,
        };
        let line = r.u64()?;
        let kind = *usize::try_from(r.u64()?)
            .ok()
            .and_then(|k| MalformedKind::ALL.get(k))
            .ok_or("an unknown kind of malformed line")?;
        p.first_malformed.push(MalformedAt {
            unit,
            line,
            kind,
            reason: r.text()?,
            excerpt: r.text()?,
        });
    }
    for _ in 0..r.len("names")? {
        p.names.key(r.bytes()?);
    }
    for _ in 0..r.len("services")? {
        let module: Box<[u8]> = r.bytes()?.into();
        let width = r.u64()?.max(1);
        let given = r.bool()?;
        let mut cells = Vec::new();
        for _ in 0..r.len("timeline cells")? {
            let start = r.u64()?;
            cells.push((
                start,
                Cell {
                    requests: r.u64()?,
                    codes: read_codes(r)?,
                    durations: r.counts()?,
                },
            ));
        }
        let timeline = Timeline::restored(width, given, cells);
        let mut sketches: [Sketch; 8] = std::array::from_fn(|_| Sketch::new(setup.entity_capacity));
        for sk in &mut sketches[..6] {
            let capacity = usize::try_from(r.u64()?).map_err(|_| "a capacity above usize")?;
            let bounds = (r.u64()?, r.u64()?, r.u64()?);
            let mut slots = Vec::new();
            for _ in 0..r.len("entities")? {
                let mut s = Slot {
                    key: r.u64()?,
                    weight: r.u64()?,
                    requests: r.u64()?,
                    errors: r.u64()?,
                    ..Slot::default()
                };
                s.codes = read_codes(r)?;
                s.durations = r.counts()?;
                slots.push(s);
            }
            *sk = Sketch::restored(capacity, bounds, slots);
        }
        p.svcs.push(Svc {
            module,
            timeline,
            sketches,
        });
    }
    for _ in 0..r.len("groups")? {
        let key: Box<[u8]> = r.bytes()?.into();
        if key.len() < 4
            || u32::from_le_bytes([key[0], key[1], key[2], key[3]]) as usize > key.len() - 4
        {
            return Err("a group key that does not hold its module".into());
        }
        let svc = u32::try_from(r.u64()?)
            .ok()
            .filter(|&s| (s as usize) < p.svcs.len())
            .ok_or("a group of a service that is not there")?;
        let pass = r.bool()?;
        let mut g = Group::restored(svc, pass, split_key(&key).0);
        for _ in 0..r.len("rows")? {
            let code = r.u16("a status code")?;
            let (method, host) = (r.bytes()?, r.bytes()?);
            g.add_row(code, method, host, r.u64()?);
        }
        g.max_us = r.u64()?;
        g.hist = r.histogram()?;
        g.sum_us = r.u64()?;
        r.u64s_into("millisecond buckets", &mut g.ms)?;
        let t: &mut TraceLogAcc = &mut g.tracelog;
        t.requests = r.u64()?;
        t.failed = r.u64()?;
        t.other_errors = r.u64()?;
        t.set_micro(r.bool()?);
        for _ in 0..r.len("stages")? {
            let (via, name) = (r.bytes()?, r.bytes()?);
            let mut s = StageAcc::restored(via, name);
            s.requests = r.u64()?;
            s.zero = r.u64()?;
            s.durations = r.counts()?;
            t.stages.push(s);
        }
        for _ in 0..r.len("downstream errors")? {
            let (m, e) = (r.bytes()?, r.bytes()?);
            t.errors.push((m.into(), e.into(), r.u64()?));
        }
        p.add_group(key, g);
    }
    if !r.done() {
        return Err("bytes after the last group".into());
    }
    Ok(p)
}
