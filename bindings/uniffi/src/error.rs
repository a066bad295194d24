//! The one error type of the interface: every `errcat::Error` kind, with its suggestions and candidates.

/// An errcat failure. The variant is the error kind (the same set in every language); `reason` is the message.
///
/// Kotlin raises it as `ErrcatException.NotFound` etc. (a sealed class), Swift throws `ErrcatError.notFound`.
/// The field is `reason`, not `message`: Kotlin exceptions already have a `message` (uniffi fills it with every
/// field).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
pub enum ErrcatError {
    /// No entry for the code; `suggestions` holds close matches, best first (may be empty).
    NotFound {
        /// What was not found.
        reason: String,
        /// Close matches, best first.
        suggestions: Vec<String>,
    },
    /// Several entries match and nothing chooses; `candidates` names them (`Reporter/Source.Type`).
    Ambiguous {
        /// Why nothing chooses.
        reason: String,
        /// The entries the code could mean.
        candidates: Vec<String>,
    },
    /// The text is not a well-formed code (`Source.Type`, PascalCase, known source) or status number;
    /// `suggestions` holds the well-formed codes it may have meant (`arklet.installBizFailed`).
    InvalidCode {
        /// Which rule the text breaks.
        reason: String,
        /// Well-formed codes it may have meant.
        suggestions: Vec<String>,
    },
    /// Another argument is wrong: an unknown version, reporter, format, a negative count, text that is not
    /// well-formed Unicode.
    InvalidArgument {
        /// Which argument is wrong and why.
        reason: String,
    },
    /// Reading input failed (audit logs).
    Io {
        /// What could not be read.
        reason: String,
    },
    /// A bug in errcat: a panic caught at the boundary.
    Internal {
        /// The panic message.
        reason: String,
    },
}

// uniffi requires `std::error::Error` (hence `Display`) on error types.
impl std::error::Error for ErrcatError {}

impl std::fmt::Display for ErrcatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.reason())
    }
}

impl ErrcatError {
    /// The message, without the kind.
    pub fn reason(&self) -> &str {
        match self {
            ErrcatError::NotFound { reason, .. }
            | ErrcatError::Ambiguous { reason, .. }
            | ErrcatError::InvalidCode { reason, .. }
            | ErrcatError::InvalidArgument { reason }
            | ErrcatError::Io { reason }
            | ErrcatError::Internal { reason } => reason,
        }
    }
}

impl From<errcat::Error> for ErrcatError {
    fn from(e: errcat::Error) -> ErrcatError {
        use errcat::ErrorKind;
        let reason = e.message().to_string();
        match e.kind() {
            ErrorKind::NotFound => ErrcatError::NotFound {
                reason,
                suggestions: e.suggestions().to_vec(),
            },
            ErrorKind::Ambiguous => ErrcatError::Ambiguous {
                reason,
                candidates: e.candidates().to_vec(),
            },
            ErrorKind::InvalidCode => ErrcatError::InvalidCode {
                reason,
                suggestions: e.suggestions().to_vec(),
            },
            ErrorKind::InvalidArgument => ErrcatError::InvalidArgument { reason },
            ErrorKind::Io => ErrcatError::Io { reason },
            ErrorKind::Internal => ErrcatError::Internal { reason },
        }
    }
}
