"""The exceptions errcat raises: one base class, one subclass per kind that also inherits the matching builtin. The
native module raises them (registered here, in ``ErrorKind`` order) with the core's message, suggestions and
candidates."""

from __future__ import annotations

from typing import Iterable, List

from . import _native
from ._generated import ErrorKind

__all__ = [
    "Error",
    "NotFoundError",
    "AmbiguousError",
    "InvalidCodeError",
    "InvalidArgumentError",
    "IoError",
    "InternalError",
]


class Error(Exception):
    """Base class of every errcat failure. ``kind`` says which; ``suggestions`` and ``candidates`` say what to try."""

    kind: ErrorKind = ErrorKind.Internal
    """The kind (each subclass sets its own)."""

    def __init__(self, message: str, suggestions: Iterable[str] = (), candidates: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message: str = message
        self.suggestions: List[str] = list(suggestions)
        """For NotFound: close matches, best first (may be empty)."""
        self.candidates: List[str] = list(candidates)
        """For Ambiguous: the entries the code could mean, as ``Reporter/Source.Type``."""


class NotFoundError(Error, LookupError):
    """No entry for the code; ``suggestions`` holds close matches."""

    kind = ErrorKind.NotFound


class AmbiguousError(Error, LookupError):
    """Several entries match and nothing chooses; ``candidates`` names them (pass a reporter)."""

    kind = ErrorKind.Ambiguous


class InvalidCodeError(Error, ValueError):
    """The text is not a well-formed code (``Source.Type``, PascalCase, known source) or status number."""

    kind = ErrorKind.InvalidCode


class InvalidArgumentError(Error, ValueError, TypeError):
    """An argument other than the code is wrong: an unknown version, reporter or format, a limit, or a value of the
    wrong type (the core judges types too, so this is also a ``TypeError``)."""

    kind = ErrorKind.InvalidArgument


class IoError(Error, OSError):
    """Reading input failed."""

    kind = ErrorKind.Io


class InternalError(Error, RuntimeError):
    """A bug in errcat (a Rust panic caught at the boundary), or a native library that does not match the package."""

    kind = ErrorKind.Internal


_BY_KIND = {c.kind: c for c in (NotFoundError, AmbiguousError, InvalidCodeError, InvalidArgumentError, IoError,
                                InternalError)}
_native.init(tuple(_BY_KIND[kind] for kind in ErrorKind))

for _cls in (Error, *_BY_KIND.values()):
    _cls.__module__ = "errcat"
del _cls
