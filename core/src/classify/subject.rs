//! The subject of classification: one answer (or one entry, record) reduced to the fields rules test, with the
//! failure view (failure text, exception, parsed trace) built the same way for every tunnel.
//!
//! Shared with `errcat-codegen`'s tests: `std` only.

use super::rules::{ArkletCommand, Shape, Tunnel};
use super::trace::{Link, Origin, Packages, Trace};

/// What the caller knows about the call: the tunnel, the command, the HTTP status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Call {
    /// The tunnel the answer came through.
    pub tunnel: Tunnel,
    /// The command that was sent, when known.
    pub command: Option<ArkletCommand>,
    /// The HTTP status of the response, when known.
    pub http_status: Option<u16>,
}

/// The failure inside an answer: its text, the exception that text names, and the stack trace.
#[derive(Clone, Debug)]
pub struct Failure<'a> {
    /// The failure text: after `Internal Error: `, the MQTT exception message, after `internal exception: `, or an
    /// operation record's message.
    pub error: &'a str,
    /// The exception the failure text starts with (`java.net.MalformedURLException: no protocol: x`).
    pub exception: Option<Link<'a>>,
    /// The stack trace, when the answer carries one.
    pub trace: Option<Trace<'a>>,
}

impl<'a> Failure<'a> {
    fn new(error: &'a str, trace: Option<Trace<'a>>) -> Failure<'a> {
        Failure {
            error,
            exception: exception(error),
            trace,
        }
    }

    /// The deepest cause: the trace's, else the exception of the failure text, else the failure text itself.
    pub fn deepest(&self) -> Link<'a> {
        self.trace
            .as_ref()
            .map(|t| t.deepest)
            .or(self.exception)
            .unwrap_or(Link {
                class: None,
                message: Some(self.error),
                origin_frame: None,
                origin: Origin::Unknown,
            })
    }
}

/// Whether `text` starts like a Java class name: dotted identifiers, the last capitalised (`java.lang.Error`,
/// `a.b.Outer$Inner`), then the end or `: `.
pub fn looks_like_class(text: &str) -> bool {
    let name = text.split_once(": ").map_or(text, |(c, _)| c);
    let mut segments = name.split('.');
    let mut count = 0;
    let mut last = "";
    for s in segments.by_ref() {
        let mut chars = s.chars();
        let ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
        if !ok {
            return false;
        }
        count += 1;
        last = s;
    }
    count >= 2 && last.starts_with(|c: char| c.is_ascii_uppercase())
}

/// The exception a failure text names, if it starts with a class name.
fn exception(error: &str) -> Option<Link<'_>> {
    looks_like_class(error).then(|| Link::from_text(error))
}

/// One answer, entry or record, as the rules see it.
#[derive(Clone, Debug)]
pub struct Subject<'a> {
    /// What it is.
    pub shape: Shape,
    /// The tunnel.
    pub tunnel: Tunnel,
    /// The command (the caller's, or the one an MQTT payload names).
    pub command: Option<ArkletCommand>,
    /// The HTTP status the caller gave.
    pub http_status: Option<u16>,
    /// The envelope code.
    pub envelope: Option<&'a str>,
    /// `data.code`, or a batch entry's code.
    pub data_code: Option<&'a str>,
    /// The envelope message, the plain text, or a record's message.
    pub message: Option<&'a str>,
    /// `data.message`, or a batch entry's message.
    pub data_message: Option<&'a str>,
    /// A biz's state or an operation's status.
    pub state: Option<&'a str>,
    /// The reason of a biz's latest state record.
    pub reason: Option<&'a str>,
    /// The failure view, when the answer carries an exception.
    pub failure: Option<Failure<'a>>,
}

/// The prefix Arklet's HTTP server puts before `e.getMessage()`.
pub const INTERNAL_ERROR: &str = "Internal Error: ";
/// The prefix of a failed `batchInstallBiz` entry's message.
pub const INTERNAL_EXCEPTION: &str = "internal exception: ";
/// How Java writes a null message into a string: the failure text of an exception whose message was null.
const NULL: &str = "null";

impl<'a> Subject<'a> {
    fn base(call: Call, shape: Shape) -> Subject<'a> {
        Subject {
            shape,
            tunnel: call.tunnel,
            command: call.command,
            http_status: call.http_status,
            envelope: None,
            data_code: None,
            message: None,
            data_message: None,
            state: None,
            reason: None,
            failure: None,
        }
    }

    /// A body that is not JSON (trimmed).
    pub fn text(call: Call, text: &'a str) -> Subject<'a> {
        Subject {
            message: Some(text.trim()),
            ..Subject::base(call, Shape::Text)
        }
    }

    /// No body.
    pub fn empty(call: Call) -> Subject<'a> {
        Subject::base(call, Shape::Empty)
    }

    /// An Arklet envelope. A `CMD_PROCESS_INTERNAL_ERROR` carries its failure in `message` (after
    /// `Internal Error: `) and `errorStackTrace`; over MQTT, a `FAILED` whose `data.message` is a stack trace
    /// carries it in `message` (no prefix) and that trace.
    #[allow(clippy::too_many_arguments)]
    pub fn envelope(
        call: Call,
        code: &'a str,
        message: Option<&'a str>,
        data_code: Option<&'a str>,
        data_message: Option<&'a str>,
        stack_trace: Option<&'a str>,
        packages: &Packages,
    ) -> Subject<'a> {
        let failure = if code == "CMD_PROCESS_INTERNAL_ERROR" {
            let text = message.unwrap_or("");
            let error = text
                .strip_prefix(INTERNAL_ERROR)
                .unwrap_or(text.strip_prefix("Internal Error").unwrap_or(text));
            Some(Failure::new(
                error,
                stack_trace.and_then(|t| Trace::parse(t, packages)),
            ))
        } else if call.tunnel == Tunnel::Mqtt && code == "FAILED" {
            // `t.getMessage()`; a null one is omitted, and reads "null" as Java's "Internal Error: " + null does.
            data_message
                .and_then(|t| Trace::parse(t, packages))
                .filter(|t| t.frames > 0)
                .map(|t| Failure::new(message.unwrap_or(NULL), Some(t)))
        } else {
            None
        };
        Subject {
            envelope: Some(code),
            message,
            data_code,
            data_message,
            failure,
            ..Subject::base(call, Shape::Envelope)
        }
    }

    /// One `batchInstallBiz` entry (a sofa-ark `ClientResponse`); a message `internal exception: <text>` is its
    /// failure.
    pub fn batch_entry(call: Call, code: Option<&'a str>, message: Option<&'a str>) -> Subject<'a> {
        Subject {
            data_code: code,
            data_message: message,
            failure: message
                .and_then(|m| m.strip_prefix(INTERNAL_EXCEPTION))
                .map(|e| Failure::new(e, None)),
            ..Subject::base(call, Shape::BatchEntry)
        }
    }

    /// One biz of `queryAllBiz` with its latest state record; a broken biz's record message is a stack trace.
    pub fn biz_record(
        call: Call,
        state: Option<&'a str>,
        reason: Option<&'a str>,
        message: Option<&'a str>,
        packages: &Packages,
    ) -> Subject<'a> {
        let broken = state.is_some_and(|s| s.eq_ignore_ascii_case("broken"));
        let failure = message.filter(|m| broken && !m.trim().is_empty()).map(|m| {
            let first = m.trim_start().lines().next().unwrap_or("").trim_end();
            Failure::new(first, Trace::parse(m, packages))
        });
        Subject {
            state,
            reason,
            message,
            failure,
            ..Subject::base(call, Shape::BizRecord)
        }
    }

    /// An operation record; a `FAILED` one carries its failure in `message` (`throwable.getMessage()`; absent reads
    /// `null`) and the serialised throwable.
    pub fn ops_record(
        call: Call,
        status: Option<&'a str>,
        message: Option<&'a str>,
        trace: Option<Trace<'a>>,
    ) -> Subject<'a> {
        let failed = status.is_some_and(|s| s.eq_ignore_ascii_case("FAILED"));
        Subject {
            state: status,
            message,
            failure: failed.then(|| Failure::new(message.unwrap_or(NULL), trace)),
            ..Subject::base(call, Shape::OpsRecord)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKAGES: Packages = Packages {
        platform: &["java."],
        framework: &["com.alipay.sofa.ark."],
        frames: &[],
    };

    #[test]
    fn class_names_are_told_from_messages() {
        assert!(looks_like_class(
            "java.lang.reflect.InvocationTargetException"
        ));
        assert!(looks_like_class(
            "java.net.MalformedURLException: no protocol: a.jar"
        ));
        assert!(looks_like_class("a.b.Outer$Inner: x"));
        assert!(!looks_like_class("bizUrl should not be blank"));
        assert!(!looks_like_class("type: x can not be found"));
        assert!(!looks_like_class(
            "refresh biz info from jar failed: no protocol: x"
        ));
        assert!(!looks_like_class("null"));
        assert!(!looks_like_class("java.lang.exception"));
    }

    #[test]
    fn an_internal_error_is_a_failure_with_its_exception() {
        let s = Subject::envelope(
            Call::default(),
            "CMD_PROCESS_INTERNAL_ERROR",
            Some("Internal Error: java.net.MalformedURLException: no protocol: demo.jar"),
            None,
            None,
            None,
            &PACKAGES,
        );
        let f = s.failure.unwrap();
        assert_eq!(
            f.error,
            "java.net.MalformedURLException: no protocol: demo.jar"
        );
        assert_eq!(
            f.exception.unwrap().class,
            Some("java.net.MalformedURLException")
        );
        assert_eq!(f.deepest().message, Some("no protocol: demo.jar"));
    }

    #[test]
    fn an_mqtt_failure_needs_a_trace_in_data_message() {
        let call = Call {
            tunnel: Tunnel::Mqtt,
            ..Call::default()
        };
        let plain = Subject::envelope(
            call,
            "FAILED",
            Some("uninstall biz not success!"),
            Some("FAILED"),
            Some("Master biz must not be uninstalled."),
            None,
            &PACKAGES,
        );
        assert!(plain.failure.is_none());
        let thrown = Subject::envelope(
            call,
            "FAILED",
            Some("bizUrl should not be blank"),
            Some("FAILED"),
            Some("com.x.CommandValidationException: bizUrl should not be blank\n\tat com.x.Y.z(Y.java:1)"),
            None,
            &PACKAGES,
        );
        assert_eq!(thrown.failure.unwrap().error, "bizUrl should not be blank");
    }
}
