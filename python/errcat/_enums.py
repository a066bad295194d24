"""The catalog's enumerations, built from the names the Rust core declares, so the names live in one place.

Every class mixes in ``str``: a member is its own name (``Source.Arklet == "Arklet"``), and every function that
takes a member also takes the plain name.
"""

from __future__ import annotations

import enum
from typing import Any, Tuple

from . import _native

__all__ = ["Source", "Reporter", "Service", "System", "RetryClass", "ErrorKind", "VERSIONS"]


class _Named(str, enum.Enum):
    """A member whose value is its name as spelled in the catalog."""

    def __str__(self) -> str:
        return str(self.value)


def _enum(name: str, of: str, doc: str) -> Any:
    members = [(n, n) for n in _native.names(of)]
    cls = _Named(name, members, module="errcat", qualname=name)  # type: ignore[call-overload]
    cls.__doc__ = doc
    return cls


Source = _enum("Source", "source", "A Level-1 source of a Koupleless two-level code.")
Reporter = _enum("Reporter", "reporter", "A Koupleless component whose published table holds error codes.")
Service = _enum("Service", "service", "A CubeFS blobstore service (the owner of a status-code range).")
System = _enum("System", "system", "One of the two systems the catalog holds.")
RetryClass = _enum("RetryClass", "retry_class", "How a client should treat a blobstore status code.")
ErrorKind = _enum("ErrorKind", "error_kind", "The kind of an errcat failure, the same in every language.")

VERSIONS: Tuple[str, ...] = tuple(_native.names("version"))
"""The CubeFS versions the catalog knows, oldest first; the last (``master``) is the default."""
