//! What the caller knows about the call, parsed from the strings every binding passes through.

use super::rules::{ArkletCommand, Tunnel};
use super::subject::Call;
use crate::{Error, Result};

/// Empty means "not given" for every string argument of [`ClassifyContext::parse`].
fn given(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.is_empty())
}

impl ArkletCommand {
    /// Parses a command id: the exact Arklet spelling with ASCII case ignored, one leading `/` allowed
    /// (`installBiz`, `installbiz`, `/installBiz`); anything else is `InvalidArgument`.
    ///
    /// ```
    /// use errcat::ArkletCommand;
    /// assert_eq!(ArkletCommand::parse("/INSTALLBIZ").unwrap(), ArkletCommand::InstallBiz);
    /// assert!(ArkletCommand::parse("install").is_err());
    /// ```
    pub fn parse(name: &str) -> Result<ArkletCommand> {
        ArkletCommand::from_name_ignore_case(name).ok_or_else(|| {
            let known: Vec<&str> = ArkletCommand::ALL.iter().map(|c| c.name()).collect();
            Error::invalid_argument(format!(
                "unknown Arklet command {name:?} (one of {}; case is ignored)",
                known.join(", ")
            ))
        })
    }
}

impl Tunnel {
    /// Parses `http`, `mqtt` or `client`, ASCII case ignored; anything else is `InvalidArgument`.
    ///
    /// ```
    /// assert_eq!(errcat::Tunnel::parse("MQTT").unwrap(), errcat::Tunnel::Mqtt);
    /// ```
    pub fn parse(name: &str) -> Result<Tunnel> {
        Tunnel::from_name_ignore_case(name).ok_or_else(|| {
            Error::invalid_argument(format!(
                "unknown tunnel {name:?} (http, mqtt or client; case is ignored)"
            ))
        })
    }
}

/// The call an answer belongs to: the tunnel it came through (default HTTP), the command that was sent and the
/// HTTP status, when known. Rules that depend on the command (the fallbacks for an exception on the install,
/// uninstall or switch path) only apply when it is given.
///
/// ```
/// use errcat::{ArkletCommand, ClassifyContext, Tunnel};
/// let ctx = ClassifyContext::parse(Some("installBiz"), Some(200), None).unwrap();
/// assert_eq!(ctx.command(), Some(ArkletCommand::InstallBiz));
/// assert_eq!(ctx.tunnel(), Tunnel::Http);
/// let same = ClassifyContext::new(Tunnel::Http).with_command(ArkletCommand::InstallBiz).with_http_status(200);
/// assert_eq!(ctx, same);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClassifyContext {
    call: Call,
}

impl ClassifyContext {
    /// A context with only the tunnel known.
    pub fn new(tunnel: Tunnel) -> ClassifyContext {
        ClassifyContext {
            call: Call {
                tunnel,
                ..Call::default()
            },
        }
    }

    /// Parses the strings a binding passes through: `command` (see [`ArkletCommand::parse`]), `http_status`
    /// (100..=599) and `tunnel` (see [`Tunnel::parse`]; default `http`). `None`, an empty string or a status of 0
    /// means "not given" (so a C caller can pass `NULL`/`""`/`0`); any other bad value is `InvalidArgument`.
    ///
    /// ```
    /// use errcat::{ClassifyContext, ErrorKind};
    /// assert!(ClassifyContext::parse(None, None, Some("")).is_ok());
    /// assert_eq!(ClassifyContext::parse(Some("fly"), None, None).unwrap_err().kind(), ErrorKind::InvalidArgument);
    /// assert!(ClassifyContext::parse(None, Some(99), None).is_err());
    /// assert_eq!(ClassifyContext::parse(None, Some(0), None).unwrap().http_status(), None);
    /// ```
    pub fn parse(
        command: Option<&str>,
        http_status: Option<i64>,
        tunnel: Option<&str>,
    ) -> Result<ClassifyContext> {
        let tunnel = given(tunnel)
            .map(Tunnel::parse)
            .transpose()?
            .unwrap_or_default();
        let command = given(command).map(ArkletCommand::parse).transpose()?;
        let http_status = http_status
            .filter(|&n| n != 0)
            .map(|n| {
                u16::try_from(n)
                    .ok()
                    .filter(|n| (100..=599).contains(n))
                    .ok_or_else(|| {
                        Error::invalid_argument(format!(
                            "HTTP status {n} is not between 100 and 599"
                        ))
                    })
            })
            .transpose()?;
        Ok(ClassifyContext {
            call: Call {
                tunnel,
                command,
                http_status,
            },
        })
    }

    /// The same context with the command known.
    pub fn with_command(mut self, command: ArkletCommand) -> ClassifyContext {
        self.call.command = Some(command);
        self
    }

    /// The same context with the HTTP status known.
    pub fn with_http_status(mut self, status: u16) -> ClassifyContext {
        self.call.http_status = Some(status);
        self
    }

    /// The tunnel.
    pub fn tunnel(&self) -> Tunnel {
        self.call.tunnel
    }

    /// The command, when given.
    pub fn command(&self) -> Option<ArkletCommand> {
        self.call.command
    }

    /// The HTTP status, when given.
    pub fn http_status(&self) -> Option<u16> {
        self.call.http_status
    }

    pub(crate) fn call(&self) -> Call {
        self.call
    }
}
