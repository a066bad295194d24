//! What classification answers: the outcome, the code with its catalog entry, the rule, and the evidence.

use super::rules::{ArkletCommand, Rule, Shape, Tunnel};
use super::subject::Subject;
use super::trace::Origin;
use crate::{KouplelessEntry, Reporter, Resolved, Result};

/// Whether the answer reports a success or a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The operation succeeded (or, for an async operation, has not failed).
    Success,
    /// The operation failed; the classification names the code.
    Error,
}

impl Outcome {
    /// `success` or `error` (a binding's JSON also has `unclassified`, for an error value).
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Error => "error",
        }
    }
}

/// What the answer showed, as the rule saw it. Absent fields are `None`; text is copied as received.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Evidence {
    /// For an entry of a composite answer: its URL (`batchInstallBiz`) or `name:version` (`queryAllBiz`).
    pub key: Option<String>,
    /// What part of the answer was classified.
    pub shape: Shape,
    /// The tunnel.
    pub tunnel: Tunnel,
    /// The command (the caller's, or the one an MQTT payload names).
    pub command: Option<ArkletCommand>,
    /// The HTTP status the caller gave.
    pub http_status: Option<u16>,
    /// The envelope code (`FAILED`).
    pub envelope: Option<String>,
    /// `data.code` (`REPEAT_BIZ`), or a batch entry's code.
    pub data_code: Option<String>,
    /// The envelope message, the plain text, or a record's message.
    pub message: Option<String>,
    /// `data.message`, or a batch entry's message.
    pub data_message: Option<String>,
    /// A biz's state or an operation's status.
    pub state: Option<String>,
    /// The reason of a biz's latest state record.
    pub reason: Option<String>,
    /// The failure text (after `Internal Error: `, …).
    pub error: Option<String>,
    /// The exception class the failure text names.
    pub exception: Option<String>,
    /// That exception's message.
    pub exception_message: Option<String>,
    /// The deepest cause's class.
    pub cause: Option<String>,
    /// The deepest cause's message.
    pub cause_message: Option<String>,
    /// Where the deepest cause was thrown from (when there is a failure).
    pub cause_origin: Option<Origin>,
    /// The frame it was thrown from (`com.example.Service.init`).
    pub cause_frame: Option<String>,
    /// Throwables in the stack trace's main chain (0 without a trace).
    pub causes: usize,
    /// Frames in the stack trace (0 without a trace).
    pub frames: usize,
    /// The values of the matched patterns' placeholders, in pattern order (`bizName`, `bizVersion`, …).
    pub placeholders: Vec<(String, String)>,
}

impl Evidence {
    pub(crate) fn of(s: &Subject<'_>, captures: &[(&str, &str)], key: Option<&str>) -> Evidence {
        let owned = |t: Option<&str>| t.map(str::to_string);
        let failure = s.failure.as_ref();
        let deepest = failure.map(|f| f.deepest());
        let trace = failure.and_then(|f| f.trace.as_ref());
        Evidence {
            key: owned(key),
            shape: s.shape,
            tunnel: s.tunnel,
            command: s.command,
            http_status: s.http_status,
            envelope: owned(s.envelope),
            data_code: owned(s.data_code),
            message: owned(s.message),
            data_message: owned(s.data_message),
            state: owned(s.state),
            reason: owned(s.reason),
            error: owned(failure.map(|f| f.error)),
            exception: owned(failure.and_then(|f| f.exception).and_then(|e| e.class)),
            exception_message: owned(failure.and_then(|f| f.exception).and_then(|e| e.message)),
            cause: owned(deepest.and_then(|d| d.class)),
            cause_message: owned(deepest.and_then(|d| d.message)),
            cause_origin: deepest.map(|d| d.origin),
            cause_frame: deepest
                .and_then(|d| d.origin_frame)
                .map(|f| format!("{}.{}", f.class, f.method)),
            causes: trace.map_or(0, |t| t.links),
            frames: trace.map_or(0, |t| t.frames),
            placeholders: captures
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// The value of placeholder `name`, if the rule captured it.
    pub fn placeholder(&self, name: &str) -> Option<&str> {
        self.placeholders
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One entry of a composite answer (`batchInstallBiz`, `queryAllBiz`): its key and its own classification, or why
/// it has none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassifiedItem {
    /// The entry's URL or `name:version`.
    pub key: String,
    /// The entry's classification, or the error saying why no rule knows it.
    pub result: Result<Classification>,
}

/// An answer classified: success, or a two-level code with its entry, the rule that decided and the evidence.
///
/// ```
/// use errcat::{classify, ClassifyContext, Outcome};
/// let body = br#"{"code":"FAILED","data":{"code":"REPEAT_BIZ","message":"Biz: demo:1.0.0 has been installed or registered."}}"#;
/// let c = classify(body, &ClassifyContext::default()).unwrap();
/// assert_eq!(c.outcome(), Outcome::Error);
/// assert_eq!(c.code().unwrap().to_string(), "Arklet.InstallationRequirementNotMet");
/// assert_eq!(c.rule(), "biz.repeat");
/// assert_eq!(c.evidence().placeholder("bizName"), Some("demo"));
/// assert_eq!(c.retryable(), Some(false));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification {
    pub(crate) outcome: Outcome,
    pub(crate) code: Option<Resolved>,
    pub(crate) rule: &'static Rule,
    pub(crate) evidence: Evidence,
    pub(crate) results: Vec<ClassifiedItem>,
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for Rule {}

impl Classification {
    /// Success or error.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// Whether the answer is a success.
    pub fn is_success(&self) -> bool {
        self.outcome == Outcome::Success
    }

    /// The two-level code with its catalog entry (`None` for a success).
    pub fn code(&self) -> Option<Resolved> {
        self.code
    }

    /// The catalog entry of the code (`None` for a success).
    pub fn entry(&self) -> Option<&'static KouplelessEntry> {
        self.code.map(|c| c.entry)
    }

    /// The reporter whose table holds the code (`None` for a success): Arklet for what Arklet answered,
    /// ModuleController for its own client's errors.
    pub fn reporter(&self) -> Option<Reporter> {
        self.code.map(|c| c.entry.reporter)
    }

    /// Whether the catalog says to retry (`None` for a success).
    pub fn retryable(&self) -> Option<bool> {
        self.code.map(|c| c.entry.retryable)
    }

    /// The id of the rule that decided (`install.user-error`); for a composite answer, the first failing entry's.
    pub fn rule(&self) -> &'static str {
        self.rule.id
    }

    /// Why that rule's answers mean its code, in one sentence.
    pub fn why(&self) -> &'static str {
        self.rule.why
    }

    /// What the answer showed.
    pub fn evidence(&self) -> &Evidence {
        &self.evidence
    }

    /// For a composite answer (`batchInstallBiz`, `queryAllBiz`): every entry, in the answer's order; else empty.
    pub fn results(&self) -> &[ClassifiedItem] {
        &self.results
    }
}
