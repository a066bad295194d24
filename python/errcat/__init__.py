"""errcat: one error-code catalog for the Koupleless two-level codes and the CubeFS blobstore status codes.

The data and the logic are the Rust core's (through the extension ``errcat._native``); this package gives them a
Python shape. See ``__init__.pyi`` for the typed API.
"""

from . import _load  # noqa: F401  (first: one clear line where the native module cannot load)
from ._enums import VERSIONS, ErrorKind, Reporter, RetryClass, Service, Source, System
from ._errors import (
    AmbiguousError,
    Error,
    InternalError,
    InvalidArgumentError,
    InvalidCodeError,
    IoError,
    NotFoundError,
)
from ._model import Code, KouplelessEntry, Resolved, StatusEntry, StatusMatch, Text
from ._audit import AuditReport
from ._wire import CodedError
from typing import Union

from ._native import (
    VERSION as __version__,
    analyze_audit,
    compose,
    entries,
    export,
    find,
    lookup,
    parse,
    service_of,
    status,
)

Entry = Union[KouplelessEntry, StatusEntry]
"""Any catalog entry."""

__all__ = [
    "lookup",
    "find",
    "status",
    "service_of",
    "parse",
    "compose",
    "entries",
    "export",
    "analyze_audit",
    "Source",
    "Reporter",
    "Service",
    "System",
    "RetryClass",
    "ErrorKind",
    "VERSIONS",
    "Text",
    "KouplelessEntry",
    "StatusEntry",
    "Entry",
    "Resolved",
    "StatusMatch",
    "Code",
    "AuditReport",
    "CodedError",
    "Error",
    "NotFoundError",
    "AmbiguousError",
    "InvalidCodeError",
    "InvalidArgumentError",
    "IoError",
    "InternalError",
]
