//! The flat view of a classification (the boundary's `classify_flat`, [`super::json`]'s `View::flat`) written
//! packed ([`crate::boundary::Packed`]) straight from the classification: the bytes `pack` makes of the flat view's
//! `Out`, without making that `Out` first (a tree of about 40 values, each moved in, packed, then freed), which is
//! what JNI and N-API answer. `tests` below hold the two to the same bytes.

use super::result::{Classification, ClassifiedItem, Evidence};
use crate::boundary::{Answer, Packed};
use crate::Error;

/// The members of a classification in the flat view: key, outcome, rule, why, error, evidence, results, answer.
const MEMBERS: usize = 8;
/// The members of evidence.
const EVIDENCE: usize = 21;

fn evidence(p: &mut Packed, e: &Evidence) {
    p.list(EVIDENCE);
    p.opt_str(e.key.as_deref());
    p.str(e.tunnel.name());
    p.str(e.shape.name());
    p.opt_str(e.command.map(|c| c.name()));
    match e.http_status {
        Some(s) => p.int(s.into()),
        None => p.null(),
    }
    for text in [
        &e.envelope,
        &e.data_code,
        &e.message,
        &e.data_message,
        &e.state,
        &e.reason,
        &e.error,
        &e.exception,
        &e.exception_message,
        &e.cause,
        &e.cause_message,
    ] {
        p.opt_str(text.as_deref());
    }
    p.opt_str(e.cause_origin.map(|o| o.name()));
    p.opt_str(e.cause_frame.as_deref());
    for n in [e.causes, e.frames] {
        p.int(i64::try_from(n).unwrap_or(i64::MAX));
    }
    p.map(e.placeholders.len());
    for (name, value) in &e.placeholders {
        p.name(name);
        p.str(value);
    }
}

fn classified(p: &mut Packed, c: &Classification, key: Option<&str>) {
    p.list(MEMBERS);
    p.opt_str(key);
    p.str(c.outcome.name());
    p.str(c.rule.id);
    p.str(c.rule.why);
    p.null(); // error
    evidence(p, &c.evidence);
    p.list(c.results.len());
    c.results.iter().for_each(|i| item(p, i));
    match c.code {
        Some(r) => p.int(i64::from(Answer::Lookup(r).id())),
        None => p.null(),
    }
}

fn unclassified(p: &mut Packed, error: &Error, key: &str) {
    p.list(MEMBERS);
    p.str(key);
    p.str("unclassified");
    p.null(); // rule
    p.null(); // why
    p.list(2);
    p.str(error.kind().name());
    p.str(error.message());
    p.null(); // evidence
    p.list(0); // results
    p.null(); // answer
}

fn item(p: &mut Packed, i: &ClassifiedItem) {
    match &i.result {
        Ok(c) => classified(p, c, Some(&i.key)),
        Err(e) => unclassified(p, e, &i.key),
    }
}

impl Classification {
    /// The flat view (`classify_flat`), packed: what `pack` makes of `into_out` of the flat view.
    pub(crate) fn pack_flat(&self) -> Packed {
        let mut p = Packed::new();
        classified(&mut p, self, None);
        p
    }
}

#[cfg(test)]
mod tests {
    use crate::boundary::{call, call_packed, pack, Arg};
    use serde_json::Value;

    /// Every case of the conformance vectors with a body (testdata/vectors.json, testdata/vectors-classify.json),
    /// and the samples, classified both ways: the same bytes (or the same error).
    #[test]
    fn packed_directly_is_the_flat_view_packed() {
        let mut cases: Vec<Value> = Vec::new();
        for vectors in [
            include_str!("../../../testdata/vectors.json"),
            include_str!("../../../testdata/vectors-classify.json"),
        ] {
            let vectors: Value = serde_json::from_str(vectors).unwrap();
            let with_body = vectors["cases"].as_array().unwrap().iter();
            cases.extend(
                with_body
                    .filter(|c| c["args"]["body"].is_string())
                    .map(|c| c["args"].clone()),
            );
        }
        for (command, body) in crate::classify::sample_bodies() {
            cases.push(serde_json::json!({ "body": body, "command": command }));
        }
        let (mut same, mut errors) = (0, 0);
        for args in &cases {
            let Some(body) = args["body"].as_str() else {
                continue;
            };
            let opt = |v: &Value| v.as_str().map_or(Arg::Absent, Arg::from);
            let status = args["http_status"].as_i64().map_or(Arg::Absent, Arg::Int);
            let args = vec![
                Arg::from(body),
                opt(&args["command"]),
                status,
                opt(&args["tunnel"]),
            ];
            let direct = call_packed("classify_flat", &mut args.clone()).unwrap();
            match (call("classify_flat", args), direct) {
                (Ok(out), Ok(packed)) => {
                    assert_eq!(pack(&out), packed, "{body}");
                    same += 1;
                }
                (Err(a), Err(b)) => {
                    assert_eq!(a, b);
                    errors += 1;
                }
                (a, b) => panic!("{body}: {a:?} / {b:?}"),
            }
        }
        assert!(same > 150 && errors > 0, "{same} {errors}");
    }
}
