//! The one error type of errcat, with the kinds every language binding maps to its own idiom.

use std::fmt;

/// What went wrong. The same set in every language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// No entry for the code; [`Error::suggestions`] holds close matches.
    NotFound,
    /// Several entries match and nothing chooses; [`Error::candidates`] names them.
    Ambiguous,
    /// The text is not a well-formed code (`Source.Type`, PascalCase, known source) or number.
    InvalidCode,
    /// An argument other than the code is wrong (unknown version, reporter, format, …).
    InvalidArgument,
    /// Reading input failed.
    Io,
    /// A bug in errcat (a caught panic at a language boundary).
    Internal,
}

impl ErrorKind {
    /// The kind's name as written in the conformance vectors: `NotFound`, `Ambiguous`, …
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "NotFound",
            ErrorKind::Ambiguous => "Ambiguous",
            ErrorKind::InvalidCode => "InvalidCode",
            ErrorKind::InvalidArgument => "InvalidArgument",
            ErrorKind::Io => "Io",
            ErrorKind::Internal => "Internal",
        }
    }

    /// Every kind, in declaration order (the order of the C status codes after `ERRCAT_OK`).
    pub const ALL: [ErrorKind; 6] = [
        ErrorKind::NotFound,
        ErrorKind::Ambiguous,
        ErrorKind::InvalidCode,
        ErrorKind::InvalidArgument,
        ErrorKind::Io,
        ErrorKind::Internal,
    ];
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An errcat failure: a kind, a message for people, and for `NotFound`/`Ambiguous` the codes to offer instead.
///
/// One pointer wide (the members are boxed), so that every `Result<T>` of a hot path stays the size of its `T`:
/// failures are rare and allocate anyway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(Box<Members>);

const _: () = assert!(std::mem::size_of::<Error>() == std::mem::size_of::<usize>());

#[derive(Clone, Debug, PartialEq, Eq)]
struct Members {
    kind: ErrorKind,
    message: String,
    suggestions: Vec<String>,
    candidates: Vec<String>,
}

/// `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// A new error of `kind`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error(Box::new(Members {
            kind,
            message: message.into(),
            suggestions: Vec::new(),
            candidates: Vec::new(),
        }))
    }

    /// An `InvalidCode` error.
    pub fn invalid_code(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidCode, message)
    }

    /// An `InvalidArgument` error.
    pub fn invalid_argument(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    /// A `NotFound` error with close matches.
    pub fn not_found(message: impl Into<String>, suggestions: Vec<String>) -> Error {
        Error::new(ErrorKind::NotFound, message).with_suggestions(suggestions)
    }

    /// An `Ambiguous` error naming the candidates.
    pub fn ambiguous(message: impl Into<String>, candidates: Vec<String>) -> Error {
        let mut e = Error::new(ErrorKind::Ambiguous, message);
        e.0.candidates = candidates;
        e
    }

    pub(crate) fn with_suggestions(mut self, suggestions: Vec<String>) -> Error {
        self.0.suggestions = suggestions;
        self
    }

    /// The kind.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The message, without the kind.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// For `NotFound`: close matches, best first (may be empty).
    pub fn suggestions(&self) -> &[String] {
        &self.0.suggestions
    }

    /// For `Ambiguous`: the entries the code could mean, as `Reporter/Source.Type`.
    pub fn candidates(&self) -> &[String] {
        &self.0.candidates
    }
}

impl Error {
    /// The error as JSON, `{"kind", "message", "suggestions", "candidates"}` (the message as [`Display`] writes it),
    /// the shape every binding that speaks JSON hands over.
    ///
    /// [`Display`]: fmt::Display
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "kind": self.0.kind.name(),
            "message": self.to_string(),
            "suggestions": self.0.suggestions,
            "candidates": self.0.candidates,
        })
        .to_string()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)?;
        if !self.0.suggestions.is_empty() {
            write!(f, " (did you mean {}?)", self.0.suggestions.join(", "))?;
        }
        if !self.0.candidates.is_empty() {
            write!(f, " (candidates: {})", self.0.candidates.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io, e.to_string())
    }
}
