//! Truth tests: every row of the published tables (en, zh) and of the Go-source TSV in `../shared/reference` is in
//! the catalog with identical text.

mod common;

use common::reference;
use errcat::{entries, find, status, Entry, Filter, Lang, Reporter, System, Version};

/// The cells of every Markdown table row in `text`, grouped per table, header and separator rows dropped.
fn tables(text: &str) -> Vec<Vec<Vec<String>>> {
    let mut out: Vec<Vec<Vec<String>>> = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        let line = line.trim();
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        let cells: Vec<String> = line
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect();
        if !in_table {
            in_table = true;
            out.push(Vec::new()); // header row: skipped
        } else if !cells
            .iter()
            .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':')))
        {
            out.last_mut().unwrap().push(cells);
        }
    }
    out
}

fn koupleless(lang: Lang, file: &str) {
    let published = tables(&reference(file));
    assert_eq!(
        published.len(),
        6,
        "{file}: three reporters, two tables each"
    );
    let mut rows = 0;
    for (i, reporter) in Reporter::ALL.iter().enumerate() {
        let info = reporter.info();
        let level1: Vec<Vec<String>> = info
            .sources
            .iter()
            .map(|s| vec![s.source.name().into(), s.description.get(lang).into()])
            .collect();
        assert_eq!(
            published[2 * i],
            level1,
            "{file}: Level-1 table of {reporter}"
        );
        let ours: Vec<Entry> = entries(Filter {
            reporter: Some(*reporter),
            ..Filter::default()
        })
        .collect();
        assert_eq!(
            ours.len(),
            published[2 * i + 1].len(),
            "{file}: rows of the {reporter} table"
        );
        let mut business = String::new();
        for (row, entry) in published[2 * i + 1].iter().zip(ours) {
            let Entry::Koupleless(e) = entry else {
                panic!("not a Koupleless entry")
            };
            let sources: Vec<&str> = row[1].split('/').map(str::trim).collect();
            let ours_sources: Vec<&str> = e.sources.iter().map(|s| s.name()).collect();
            assert_eq!(ours_sources, sources, "{file}: sources of {}", row[2]);
            assert_eq!(e.error_type, row[2]);
            assert_eq!(e.meaning.get(lang), row[3], "{file}: meaning of {}", row[2]);
            assert_eq!(
                e.solution.get(lang),
                row[4],
                "{file}: solution of {}",
                row[2]
            );
            if row[0].is_empty() || row[0] == "<br />" {
                assert_eq!(
                    e.business_type_cell,
                    Some(row[0].as_str()),
                    "{file}: cell of {}",
                    row[2]
                );
            } else {
                business = row[0].clone();
                assert_eq!(e.business_type_cell, None);
            }
            assert_eq!(
                e.business_type.get(lang),
                business,
                "{file}: business type of {}",
                row[2]
            );
            rows += 1;
        }
    }
    assert_eq!(rows, 56, "{file}: 18 + 25 + 13 rows");
}

#[test]
fn koupleless_en_tables_are_in_the_catalog() {
    koupleless(Lang::En, "koupleless-error-codes.en.md");
}

#[test]
fn koupleless_zh_tables_are_in_the_catalog() {
    koupleless(Lang::Zh, "koupleless-error-codes.zh.md");
}

#[test]
fn every_published_row_is_re_created_by_the_markdown_export() {
    for (lang, file) in [
        (Lang::En, "koupleless-error-codes.en.md"),
        (Lang::Zh, "koupleless-error-codes.zh.md"),
    ] {
        let ours = tables(&errcat::export(errcat::Format::Markdown, lang));
        let published = tables(&reference(file));
        assert_eq!(
            &ours[..6],
            &published[..],
            "{file}: the export re-creates the published tables"
        );
    }
}

/// `v3.3.0` in the TSV stands for v3.3.0..v3.3.2 and `v3.5.1` for v3.5.1..v3.5.2 (identical code tables).
fn expand(tag: &str) -> Vec<&'static str> {
    match tag {
        "v3.3.0" => vec!["v3.3.0", "v3.3.1", "v3.3.2"],
        "v3.5.1" => vec!["v3.5.1", "v3.5.2"],
        other => vec![Version::parse(other).expect("a known version").name()],
    }
}

#[test]
fn every_go_source_row_is_in_the_catalog() {
    let tsv = reference("blobstore-go-codes.tsv");
    let mut rows = 0;
    for line in tsv.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "TSV row {line:?}");
        let code: u16 = f[0].parse().unwrap();
        let message = if f[4] == "<none>" { "" } else { f[4] };
        let versions: Vec<&str> = f[5].split(',').flat_map(expand).collect();
        let all = find(f[0]).unwrap_or_else(|e| panic!("{code}: {e}"));
        let found = all.iter().find_map(|e| match e {
            Entry::Blobstore(s) if s.go_const == f[2] => Some(*s),
            _ => None,
        });
        let e = found.unwrap_or_else(|| panic!("{code} {}: not in the catalog", f[2]));
        assert_eq!(
            (e.go_file, e.go_err, e.message),
            (f[1], f[3], message),
            "{code} {}",
            f[2]
        );
        let ours: Vec<&str> = e.versions.iter().map(|v| v.name()).collect();
        assert_eq!(ours, versions, "{code} {}: versions", f[2]);
        for v in &versions {
            let m = status(i64::from(code), Some(Version::parse(v).unwrap())).unwrap();
            assert!(
                m.valid && std::ptr::eq(m.entry, e),
                "status({code}, {v}) is this row"
            );
        }
        rows += 1;
    }
    assert_eq!(rows, 129);
    let generic = entries(Filter {
        service: Some(errcat::Service::Generic),
        ..Filter::default()
    })
    .count();
    let all = entries(Filter {
        system: Some(System::Blobstore),
        ..Filter::default()
    })
    .count();
    assert_eq!(
        all,
        rows + generic,
        "every blobstore entry is a TSV row or a generic audit-log code"
    );
}

#[test]
fn every_row_of_the_published_status_doc_is_in_the_catalog() {
    for (lang, file) in [
        (Lang::En, "blobstore-status-codes.en.md"),
        (Lang::Zh, "blobstore-status-codes.zh.md"),
    ] {
        let mut rows = 0;
        for table in tables(&reference(file)) {
            for row in table {
                let code: i64 = row[0].parse().unwrap();
                // The doc matches v3.3.0..v3.5.0.
                let m = status(code, Some(Version::parse("v3.5.0").unwrap())).unwrap();
                assert!(m.valid && m.entry.documented, "{file}: {code}");
                assert_eq!(m.entry.message, row[1], "{file}: message of {code}");
                assert_eq!(
                    m.entry.description.map(|d| d.get(lang)),
                    Some(row[2].as_str()),
                    "{file}: {code}"
                );
                rows += 1;
            }
        }
        let documented =
            entries(Filter::default()).filter(|e| matches!(e, Entry::Blobstore(s) if s.documented));
        assert_eq!(
            documented.count(),
            rows,
            "{file}: nothing else is marked documented"
        );
    }
}
