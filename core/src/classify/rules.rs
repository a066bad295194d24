//! Classification rules as compiled from `catalog/koupleless-wire.toml`: what each rule tests, and the test.
//!
//! A rule is a conjunction of conditions on a [`Subject`]; an empty condition does not constrain. Rules are tried
//! in file order and the first that matches decides (codegen rejects a rule that an earlier one shadows). Shared
//! with `errcat-codegen`'s tests: `std` only.

use super::pattern::Pattern;
use super::subject::Subject;
use super::trace::Origin;

/// How an answer reached the caller.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Tunnel {
    /// Arklet's HTTP API (`POST /<command>` on port 1238): the body of the HTTP response.
    #[default]
    Http,
    /// The MQTT tunnel: the payload published on `koupleless_<env>/<id>/base/bizOperation` (or its `response`).
    Mqtt,
    /// ModuleController's own HTTP client: the text of the Go error it returned instead of an answer.
    Client,
}

impl Tunnel {
    /// Every value, in declaration order.
    pub const ALL: [Tunnel; 3] = [Tunnel::Http, Tunnel::Mqtt, Tunnel::Client];

    /// `http`, `mqtt` or `client`.
    pub fn name(self) -> &'static str {
        match self {
            Tunnel::Http => "http",
            Tunnel::Mqtt => "mqtt",
            Tunnel::Client => "client",
        }
    }

    /// The tunnel named `name`, ASCII case ignored.
    pub fn from_name_ignore_case(name: &str) -> Option<Tunnel> {
        Tunnel::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(name))
    }
}

/// An Arklet command (the path of `POST /<command>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArkletCommand {
    /// `help`.
    Help,
    /// `installBiz`.
    InstallBiz,
    /// `batchInstallBiz` (runtime 1.4.1 / 2.1.10 and newer).
    BatchInstallBiz,
    /// `uninstallBiz`.
    UninstallBiz,
    /// `switchBiz`.
    SwitchBiz,
    /// `queryAllBiz`.
    QueryAllBiz,
    /// `health`.
    Health,
    /// `queryBizOps` (the record of an `async` operation).
    QueryBizOps,
}

impl ArkletCommand {
    /// Every command, in the order Arklet registers them.
    pub const ALL: [ArkletCommand; 8] = [
        ArkletCommand::InstallBiz,
        ArkletCommand::Help,
        ArkletCommand::QueryAllBiz,
        ArkletCommand::UninstallBiz,
        ArkletCommand::SwitchBiz,
        ArkletCommand::Health,
        ArkletCommand::QueryBizOps,
        ArkletCommand::BatchInstallBiz,
    ];

    /// The command id as Arklet spells it (`installBiz`).
    pub fn name(self) -> &'static str {
        match self {
            ArkletCommand::Help => "help",
            ArkletCommand::InstallBiz => "installBiz",
            ArkletCommand::BatchInstallBiz => "batchInstallBiz",
            ArkletCommand::UninstallBiz => "uninstallBiz",
            ArkletCommand::SwitchBiz => "switchBiz",
            ArkletCommand::QueryAllBiz => "queryAllBiz",
            ArkletCommand::Health => "health",
            ArkletCommand::QueryBizOps => "queryBizOps",
        }
    }

    /// The command named `name`, ASCII case ignored, one leading `/` allowed (`/installBiz`).
    pub fn from_name_ignore_case(name: &str) -> Option<ArkletCommand> {
        let name = name.strip_prefix('/').unwrap_or(name);
        ArkletCommand::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(name))
    }
}

/// What part of an answer a subject is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A body that is not JSON (Arklet's plain-text HTTP 500, or a ModuleController client error).
    Text,
    /// No body at all.
    Empty,
    /// An Arklet envelope `{code, message, data, errorStackTrace, baseIdentity}`.
    Envelope,
    /// One entry of a `batchInstallBiz` answer (`data.bizUrlToResponse[url]`, a sofa-ark `ClientResponse`).
    BatchEntry,
    /// One biz of a `queryAllBiz` answer, with its latest state record.
    BizRecord,
    /// The `ProcessRecord` of an async operation (`queryBizOps`, or the acceptance of an `async` call).
    OpsRecord,
}

impl Shape {
    /// Every value, in declaration order.
    pub const ALL: [Shape; 6] = [
        Shape::Text,
        Shape::Empty,
        Shape::Envelope,
        Shape::BatchEntry,
        Shape::BizRecord,
        Shape::OpsRecord,
    ];

    /// `text`, `empty`, `envelope`, `batch-entry`, `biz-record` or `ops-record`.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Text => "text",
            Shape::Empty => "empty",
            Shape::Envelope => "envelope",
            Shape::BatchEntry => "batch-entry",
            Shape::BizRecord => "biz-record",
            Shape::OpsRecord => "ops-record",
        }
    }
}

/// One compiled classification rule. Every list is "any of"; an empty list does not constrain.
#[derive(Debug)]
pub struct Rule {
    /// Stable id (`install.user-error`), reported with every classification.
    pub id: &'static str,
    /// `true` for a rule that recognises a success.
    pub success: bool,
    /// The two-level code it means (empty for a success rule).
    pub code: &'static str,
    /// The reporter whose table holds the code (`Arklet`, `ModuleController`).
    pub reporter: &'static str,
    /// Why the answer means this code, in one sentence.
    pub why: &'static str,
    /// The rows of the reference TSV (`koupleless-arklet-responses.tsv`, 1 = first data row) it stands for.
    pub rows: &'static [u16],
    /// Tunnels.
    pub tunnel: &'static [Tunnel],
    /// Shapes of the subject.
    pub shape: &'static [Shape],
    /// Commands (a rule with commands never matches when the command is not known).
    pub command: &'static [ArkletCommand],
    /// HTTP statuses (a status the caller did not give is not tested).
    pub http_status: &'static [u16],
    /// Envelope codes (`FAILED`, `CMD_PROCESS_INTERNAL_ERROR`, …).
    pub envelope: &'static [&'static str],
    /// Nested sofa-ark codes (`data.code`, or a batch entry's code).
    pub data_code: &'static [&'static str],
    /// Biz state or operation status (ASCII case ignored: runtime 1.3.0 / 2.1.5 lowercased it).
    pub state: &'static [&'static str],
    /// Reason of a biz state record (`Install Failed`, `INSTALL_FAILED`).
    pub reason: &'static [&'static str],
    /// The message (envelope `message`, plain text, record message).
    pub message: &'static [Pattern],
    /// `data.message`, or a batch entry's message.
    pub data_message: &'static [Pattern],
    /// The failure text: after `Internal Error: `, the MQTT exception message, after `internal exception: `, an
    /// operation record's message.
    pub error: &'static [Pattern],
    /// The exception class that the failure text starts with (`*`, `java.net.*`, exact names).
    pub exception: &'static [&'static str],
    /// The message after that class.
    pub exception_message: &'static [Pattern],
    /// The deepest cause's class.
    pub cause: &'static [&'static str],
    /// The deepest cause's message.
    pub cause_message: &'static [Pattern],
    /// Where the deepest cause was thrown from.
    pub cause_origin: Option<Origin>,
    /// Frames that must all be in the trace (`Class.method`, any package).
    pub frames: &'static [&'static str],
}

/// Whether `class` is named by `pattern`: `*` (any class), `pkg.*` (a package and its subpackages), or exact.
pub fn class_matches(pattern: &str, class: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some("") => true,
        Some(prefix) => class.starts_with(prefix),
        None => pattern == class,
    }
}

fn any_pattern(list: &[Pattern], text: Option<&str>) -> bool {
    list.is_empty() || text.is_some_and(|t| list.iter().any(|p| p.matches(t)))
}

fn any_class(list: &[&str], class: Option<&str>) -> bool {
    list.is_empty() || class.is_some_and(|c| list.iter().any(|p| class_matches(p, c)))
}

fn listed<T: PartialEq>(list: &[T], value: Option<T>) -> bool {
    list.is_empty() || value.is_some_and(|v| list.contains(&v))
}

impl Rule {
    /// Whether the rule matches `s`.
    pub fn matches(&self, s: &Subject<'_>) -> bool {
        if !(listed(self.tunnel, Some(s.tunnel))
            && listed(self.shape, Some(s.shape))
            && listed(self.command, s.command)
            && (self.http_status.is_empty()
                || s.http_status.is_none_or(|h| self.http_status.contains(&h)))
            && listed(self.envelope, s.envelope)
            && listed(self.data_code, s.data_code)
            && (self.state.is_empty()
                || s.state
                    .is_some_and(|v| self.state.iter().any(|x| x.eq_ignore_ascii_case(v))))
            && listed(self.reason, s.reason)
            && any_pattern(self.message, s.message)
            && any_pattern(self.data_message, s.data_message))
        {
            return false;
        }
        if !self.needs_failure() {
            return true;
        }
        let Some(f) = &s.failure else {
            return false;
        };
        let deepest = f.deepest();
        any_pattern(self.error, Some(f.error))
            && any_class(self.exception, f.exception.and_then(|e| e.class))
            && any_pattern(self.exception_message, f.exception.and_then(|e| e.message))
            && any_class(self.cause, deepest.class)
            && any_pattern(self.cause_message, deepest.message)
            && self.cause_origin.is_none_or(|o| o == deepest.origin)
            && (self.frames.is_empty()
                || f.trace
                    .as_ref()
                    .is_some_and(|t| self.frames.iter().all(|p| t.has_frame(p))))
    }

    /// Whether any condition is about the failure (exception, cause, frames).
    pub fn needs_failure(&self) -> bool {
        !(self.error.is_empty()
            && self.exception.is_empty()
            && self.exception_message.is_empty()
            && self.cause.is_empty()
            && self.cause_message.is_empty()
            && self.cause_origin.is_none()
            && self.frames.is_empty())
    }

    /// The named placeholders' values in `s` (call only when the rule matched), in the order of the fields
    /// `message`, `data_message`, `error`, `exception_message`, `cause_message`; a name seen twice keeps its first
    /// value.
    pub fn captures<'a>(&self, s: &Subject<'a>) -> Vec<(&'static str, &'a str)> {
        let failure = s.failure.as_ref();
        let deepest = failure.map(|f| f.deepest());
        let fields: [(&[Pattern], Option<&'a str>); 5] = [
            (self.message, s.message),
            (self.data_message, s.data_message),
            (self.error, failure.map(|f| f.error)),
            (
                self.exception_message,
                failure.and_then(|f| f.exception.and_then(|e| e.message)),
            ),
            (self.cause_message, deepest.and_then(|d| d.message)),
        ];
        let mut out: Vec<(&'static str, &'a str)> = Vec::new();
        for (patterns, text) in fields {
            let Some(text) = text else { continue };
            if let Some(caps) = patterns.iter().find_map(|p| p.captures(text)) {
                for (name, value) in caps {
                    if !out.iter().any(|(n, _)| *n == name) {
                        out.push((name, value));
                    }
                }
            }
        }
        out
    }
}

/// The first rule of `rules` that matches `s`.
pub fn first_match<'r>(rules: &'r [Rule], s: &Subject<'_>) -> Option<&'r Rule> {
    rules.iter().find(|r| r.matches(s))
}
