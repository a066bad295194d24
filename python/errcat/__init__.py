"""errcat: one error-code catalog for the Koupleless two-level codes and the CubeFS blobstore status codes.

The data and the logic are the Rust core's (through the extension ``errcat._native``, bindings/python); this package
converts arguments and answers. Its types and entries are generated from catalog/fields.toml (``_generated``); the
answers of ``lookup`` and ``status`` come from the core's answer table, loaded once at import (``_answers``).
"""

from . import _load  # noqa: F401  (first: one clear line where the native module cannot load)
from ._generated import VERSIONS, ErrorKind, Lang, Reporter, RetryClass, Service, Source, System
from ._generated import Entry, KouplelessEntry, StatusEntry, Text
from ._errors import (
    AmbiguousError,
    Error,
    InternalError,
    InvalidArgumentError,
    InvalidCodeError,
    IoError,
    NotFoundError,
)
from ._model import Code, Resolved, StatusMatch
from ._audit import AuditReport
from ._api import analyze_audit, compose, entries, export, find, lookup, parse, search, service_of, status
from ._wire import CodedError
from . import _native

__version__: str = _native.call("version")

__all__ = [
    "lookup",
    "find",
    "search",
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
    "Lang",
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
