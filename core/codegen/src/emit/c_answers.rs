//! Every successful answer of `errcat_lookup` and `errcat_blobstore_status` as static C data, from the core's answer
//! table (its text, format in `core/src/boundary/answers.rs`; `bindings/c/build.rs` passes it): the table itself (for
//! the hosts that load it), the answers (`RESOLVED`, `STATUS_TABLES`) and the maps from the spellings the table lists
//! to them, so that the C library serves those calls with one hash and one compare. Nothing here decides an answer:
//! the core did.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::static_map::{bucket, key_hash, slot, EMPTY};
use crate::Catalog;

/// The rows of the answer table, by kind.
#[derive(Default)]
struct Table<'a> {
    /// `R`: answer id → (entry id, alias or `-`, dynamic `0|1`, code).
    resolved: BTreeMap<u32, (usize, &'a str, &'a str, &'a str)>,
    /// `S`: answer id → (entry id, version index, valid `0|1`).
    statuses: BTreeMap<u32, (usize, usize, &'a str)>,
    /// `L`: (answer id, reporter spelling or `-`, code).
    lookups: Vec<(u32, &'a str, &'a str)>,
    /// `N`: (answer id, version spelling or `-`, number).
    numbers: Vec<(u32, &'a str, usize)>,
}

fn parse(text: &str) -> Table<'_> {
    let number = |s: &str| -> usize { s.parse().unwrap_or_else(|_| panic!("answer table: {s:?}")) };
    let mut table = Table::default();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let id = number(f[1]) as u32;
        match (f[0], f.len()) {
            ("R", 7) => {
                table.resolved.insert(id, (number(f[2]), f[4], f[5], f[6]));
            }
            ("S", 5) => {
                table
                    .statuses
                    .insert(id, (number(f[2]), number(f[3]), f[4]));
            }
            ("L", 4) => table.lookups.push((id, f[2], f[3])),
            ("N", 4) => table.numbers.push((id, f[2], number(f[3]))),
            _ => panic!("answer table: unknown row {line:?}"),
        }
    }
    table
}

fn bytes(key: &str) -> String {
    assert!(
        key.is_ascii(),
        "a key of the answer table is ASCII: {key:?}"
    );
    format!("b{key:?}")
}

/// Where each key goes: the displacement of each bucket, the position of the key in each slot. Buckets are placed
/// largest first, each with the first displacement that puts its keys in free slots of their own.
fn place(hashes: &[u64], bucket_bits: u32, slot_bits: u32) -> Option<(Vec<u16>, Vec<u16>)> {
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); 1 << bucket_bits];
    for (i, &h) in hashes.iter().enumerate() {
        buckets[bucket(h, bucket_bits)].push(i);
    }
    let mut order: Vec<usize> = (0..buckets.len()).collect();
    order.sort_by_key(|&b| std::cmp::Reverse(buckets[b].len()));
    let (mut displacements, mut slots) =
        (vec![0u16; 1 << bucket_bits], vec![EMPTY; 1 << slot_bits]);
    for b in order.into_iter().filter(|&b| !buckets[b].is_empty()) {
        let fits = |d: u16| {
            let mut taken: Vec<usize> = buckets[b]
                .iter()
                .map(|&i| slot(hashes[i], d, slot_bits))
                .collect();
            taken.sort_unstable();
            taken.windows(2).all(|w| w[0] != w[1]) && taken.iter().all(|&s| slots[s] == EMPTY)
        };
        let d = (0..u16::MAX).find(|&d| fits(d))?;
        displacements[b] = d;
        for &i in &buckets[b] {
            slots[slot(hashes[i], d, slot_bits)] = i as u16;
        }
    }
    Some((displacements, slots))
}

/// A `StaticMap` (core/src/boundary/static_map.rs) of `keys` as a Rust expression.
fn static_map(keys: &[(&str, u16)]) -> String {
    assert!(
        keys.len() < usize::from(EMPTY),
        "a static map holds fewer than 65535 keys"
    );
    let hashes: Vec<u64> = keys.iter().map(|(k, _)| key_hash(k.as_bytes())).collect();
    let bucket_bits = (keys.len() / 4).max(2).next_power_of_two().trailing_zeros();
    let fewest_slots = (keys.len() + keys.len() / 4)
        .max(2)
        .next_power_of_two()
        .trailing_zeros();
    let (slot_bits, (displacements, slots)) = (fewest_slots..fewest_slots + 4)
        .find_map(|bits| Some((bits, place(&hashes, bucket_bits, bits)?)))
        .expect("the keys of a static map can be placed (no two hash alike)");
    let list = |v: &[u16]| v.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
    let keys: Vec<String> = keys
        .iter()
        .map(|(k, v)| format!("({}, {v})", bytes(k)))
        .collect();
    format!(
        "StaticMap {{\n    bucket_bits: {bucket_bits},\n    displacements: &[{}],\n    slot_bits: {slot_bits},\n    \
         slots: &[{}],\n    keys: &[{}],\n}}",
        list(&displacements),
        list(&slots),
        keys.join(", ")
    )
}

/// `RESOLVED` (the `R` rows in id order) with their ids, and the maps from a code and a reporter spelling to them.
fn lookups(out: &mut String, table: &Table<'_>) {
    writeln!(
        out,
        "pub(crate) static RESOLVED: [errcat_resolved; {}] = [",
        table.resolved.len()
    )
    .unwrap();
    for (entry, alias, dynamic, code) in table.resolved.values() {
        let source = code.split('.').next().unwrap();
        let alias = match *alias {
            "-" => "std::ptr::null()".to_string(),
            a => format!("c{a:?}.as_ptr()"),
        };
        writeln!(
            out,
            "    errcat_resolved {{ entry: &ENTRIES[{entry}], code: c{code:?}.as_ptr(), source: c{source:?}.as_ptr(), \
             alias: {alias}, dynamic: {} }},",
            *dynamic == "1"
        )
        .unwrap();
    }
    let ids: Vec<String> = table.resolved.keys().map(u32::to_string).collect();
    writeln!(
        out,
        "];\n\npub(crate) static RESOLVED_IDS: [u32; {}] = [{}];\n",
        ids.len(),
        ids.join(", ")
    )
    .unwrap();

    let position = |id: u32| {
        table
            .resolved
            .keys()
            .position(|&k| k == id)
            .expect("an L row names an R row") as u16
    };
    let mut codes: Vec<&str> = Vec::new();
    let mut reporters: Vec<&str> = vec!["-"];
    let mut answers: BTreeMap<(usize, usize), u16> = BTreeMap::new();
    for &(id, reporter, code) in &table.lookups {
        let row = codes.iter().position(|c| *c == code).unwrap_or_else(|| {
            codes.push(code);
            codes.len() - 1
        });
        let column = reporters
            .iter()
            .position(|r| *r == reporter)
            .unwrap_or_else(|| {
                reporters.push(reporter);
                reporters.len() - 1
            });
        answers.insert((row, column), position(id));
    }
    let keys: Vec<(&str, u16)> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i as u16))
        .collect();
    writeln!(
        out,
        "pub(crate) static LOOKUP_CODES: StaticMap = {};\n",
        static_map(&keys)
    )
    .unwrap();
    let spellings: Vec<(&str, u16)> = reporters
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, r)| (*r, i as u16))
        .collect();
    writeln!(
        out,
        "pub(crate) static LOOKUP_REPORTERS: StaticMap = {};\n",
        static_map(&spellings)
    )
    .unwrap();
    writeln!(
        out,
        "pub(crate) static LOOKUP_ANSWERS: [[u16; {}]; {}] = [",
        reporters.len(),
        codes.len()
    )
    .unwrap();
    for row in 0..codes.len() {
        let cells: Vec<String> = (0..reporters.len())
            .map(|c| answers.get(&(row, c)).copied().unwrap_or(EMPTY).to_string())
            .collect();
        writeln!(out, "    [{}],", cells.join(", ")).unwrap();
    }
    writeln!(out, "];\n").unwrap();
}

/// `STATUS_TABLES` (`[version][number]`, every `N` row's answer), the version of a call without one, and the map
/// from a version spelling to its table.
fn statuses(out: &mut String, cat: &Catalog, table: &Table<'_>) {
    let versions = &cat.blobstore.versions;
    let mut spellings: BTreeMap<&str, usize> = BTreeMap::new();
    let mut tables: Vec<BTreeMap<usize, u32>> = vec![BTreeMap::new(); versions.len()];
    for &(id, spelling, number) in &table.numbers {
        let version = table.statuses[&id].1;
        let known = *spellings.entry(spelling).or_insert(version);
        assert_eq!(
            known, version,
            "answer table: version spelling {spelling:?} names one version"
        );
        let previous = tables[version].insert(number, id);
        assert!(
            previous.is_none_or(|p| p == id),
            "answer table: status {number} has one answer per version"
        );
    }
    let default = spellings
        .remove("-")
        .expect("answer table: status answers without a version");
    writeln!(out, "pub(crate) const STATUS_DEFAULT: usize = {default};\n").unwrap();
    let keys: Vec<(&str, u16)> = spellings.iter().map(|(s, v)| (*s, *v as u16)).collect();
    writeln!(
        out,
        "pub(crate) static STATUS_VERSIONS: StaticMap = {};\n",
        static_map(&keys)
    )
    .unwrap();
    out.push_str(
        "/// `ERRCAT_STATUS_TABLE_LEN` matches: `hits` at their numbers, `NONE` elsewhere.\n\
         const fn filled_status_table(hits: &[(usize, errcat_status_match)]) -> [errcat_status_match; ERRCAT_STATUS_TABLE_LEN] {\n\
         \x20   let mut table = [errcat_status_match::NONE; ERRCAT_STATUS_TABLE_LEN];\n\
         \x20   let mut i = 0;\n\
         \x20   while i < hits.len() {\n\
         \x20       table[hits[i].0] = hits[i].1;\n\
         \x20       i += 1;\n\
         \x20   }\n\
         \x20   table\n\
         }\n\n",
    );
    writeln!(
        out,
        "pub(crate) static STATUS_TABLES: [[errcat_status_match; ERRCAT_STATUS_TABLE_LEN]; {}] = [",
        versions.len()
    )
    .unwrap();
    for (version, hits) in tables.iter().enumerate() {
        writeln!(out, "    filled_status_table(&[").unwrap();
        for (number, id) in hits {
            let (entry, v, valid) = table.statuses[id];
            assert_eq!(v, version, "answer table: S row {id} is at its version");
            writeln!(
                out,
                "        ({number}, errcat_status_match {{ entry: &ENTRIES[{entry}], version: c{:?}.as_ptr(), valid: {} }}),",
                versions[version],
                valid == "1"
            )
            .unwrap();
        }
        writeln!(out, "    ]),").unwrap();
    }
    writeln!(out, "];").unwrap();
}

/// The table itself, for hosts that load it (`errcat_answer_table`): static, as every answer in it.
const TABLE_READER: &str = r#"
pub(crate) fn answer_table() -> *const c_char {
    ANSWER_TABLE.as_ptr()
}
"#;

/// How the C glue reads the lookup tables, emitted with them so that their layout is known in one place.
const LOOKUP_READERS: &str = r#"
/// The answer of `lookup(code, reporter)` (`None`: no reporter) when the answer table lists the call: one hash and
/// one compare for the code, one more for a reporter. Inlined into the exports' hot paths.
#[inline(always)]
pub(crate) fn listed_lookup(code: &[u8], reporter: Option<&[u8]>) -> Option<&'static errcat_resolved> {
    let column = match reporter {
        None => 0,
        Some(spelling) => LOOKUP_REPORTERS.get(spelling)?,
    };
    let answers = LOOKUP_ANSWERS.get(usize::from(LOOKUP_CODES.get(code)?))?;
    RESOLVED.get(usize::from(*answers.get(usize::from(column))?))
}

/// A lookup answer of the core as C sees it: its row of `RESOLVED`, found by its answer id.
pub(crate) fn resolved(r: Resolved) -> errcat_resolved {
    RESOLVED[RESOLVED_IDS.binary_search(&Answer::Lookup(r).id()).expect("every lookup answer is in the table")]
}
"#;

/// How the C glue reads the status tables.
const STATUS_READERS: &str = r#"
/// The answer of `status(number, version)` (`None`: no version) when the answer table lists the call. Inlined into
/// the export's hot path.
#[inline(always)]
pub(crate) fn listed_status(number: i64, version: Option<&[u8]>) -> Option<&'static errcat_status_match> {
    let version = match version {
        None => STATUS_DEFAULT,
        Some(spelling) => usize::from(STATUS_VERSIONS.get(spelling)?),
    };
    let answer = STATUS_TABLES.get(version)?.get(usize::try_from(number).ok()?)?;
    (!answer.entry.is_null()).then_some(answer)
}

/// A status answer of the core as C sees it: its slot of its version's table.
pub(crate) fn status_match(m: StatusMatch) -> errcat_status_match {
    STATUS_TABLES[m.version.index()][usize::from(m.entry.code)]
}

/// The answers of every number at `version`, for `errcat_status_table`.
pub(crate) fn status_table(version: Version) -> *const errcat_status_match {
    STATUS_TABLES[version.index()].as_ptr()
}
"#;

/// The answers, their maps and the functions that read them, as Rust source for the C glue's `tables` module (after
/// the entries).
pub fn data_source(cat: &Catalog, answers: &str) -> String {
    let table = parse(answers);
    let mut out = String::from(
        "use errcat_core::boundary::{Answer, StaticMap};\n\
         use errcat_core::{Resolved, StatusMatch, Version};\n\n\
         use crate::{errcat_resolved, errcat_status_match, ERRCAT_STATUS_TABLE_LEN};\n\n",
    );
    writeln!(out, "pub(crate) static ANSWER_TABLE: &CStr = c{answers:?};").unwrap();
    out.push_str(TABLE_READER);
    lookups(&mut out, &table);
    out.push_str(LOOKUP_READERS);
    statuses(&mut out, cat, &table);
    out.push_str(STATUS_READERS);
    out
}
