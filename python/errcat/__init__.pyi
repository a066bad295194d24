"""Type stubs for the public API of errcat (the runtime is errcat._native plus the package's Python modules)."""

import enum
import os
from dataclasses import dataclass
from typing import Any, ClassVar, Iterable, Union

from typing_extensions import Self

__version__: str

VERSIONS: tuple[str, ...]
"""The CubeFS versions the catalog knows, oldest first; the last (``master``) is the default."""

# Enumerations: every member is its own name as a str, and every function taking a member takes the name too.

class Source(str, enum.Enum):
    """A Level-1 source of a Koupleless two-level code."""

    def __new__(cls, value: object) -> Self: ...

    User = "User"
    Arklet = "Arklet"
    ModuleController = "ModuleController"
    KouplelessBoard = "KouplelessBoard"
    OtherUpstream = "OtherUpstream"
    OtherDownstream = "OtherDownstream"
    KubeAPIServer = "KubeAPIServer"

class Reporter(str, enum.Enum):
    """A Koupleless component whose published table holds error codes."""

    def __new__(cls, value: object) -> Self: ...

    Arklet = "Arklet"
    ModuleController = "ModuleController"
    KouplelessBoard = "KouplelessBoard"

class Service(str, enum.Enum):
    """A CubeFS blobstore service (the owner of a status-code range)."""

    def __new__(cls, value: object) -> Self: ...

    Access = "Access"
    BlobNode = "BlobNode"
    Scheduler = "Scheduler"
    Proxy = "Proxy"
    ShardNode = "ShardNode"
    Clustermgr = "Clustermgr"
    Generic = "Generic"

class System(str, enum.Enum):
    """One of the two systems the catalog holds."""

    def __new__(cls, value: object) -> Self: ...

    koupleless = "koupleless"
    blobstore = "blobstore"

class RetryClass(str, enum.Enum):
    """How a client should treat a blobstore status code."""

    def __new__(cls, value: object) -> Self: ...

    never = "never"
    transient = "transient"
    overload = "overload"
    ignore = "ignore"

class ErrorKind(str, enum.Enum):
    """The kind of an errcat failure, the same in every language."""

    def __new__(cls, value: object) -> Self: ...

    NotFound = "NotFound"
    Ambiguous = "Ambiguous"
    InvalidCode = "InvalidCode"
    InvalidArgument = "InvalidArgument"
    Io = "Io"
    Internal = "Internal"

# Values: built by the extension from the core's data, cached, frozen and hashable.

@dataclass(frozen=True)
class Text:
    """A text published in English and Chinese; ``zh`` is empty where no Chinese text exists."""

    en: str
    zh: str

@dataclass(frozen=True, repr=False)
class KouplelessEntry:
    """A Koupleless two-level error code: one row of a reporter's published table."""

    key: str
    system: System
    reporter: Reporter
    business_type: Text
    business_type_cell: str | None
    sources: tuple[Source, ...]
    error_type: str
    meaning: Text
    solution: Text
    retryable: bool
    aliases: tuple[str, ...]
    notes: tuple[str, ...]

@dataclass(frozen=True, repr=False)
class StatusEntry:
    """A CubeFS blobstore status code as defined in a range of versions."""

    key: str
    system: System
    code: int
    service: Service
    message: str
    meaning: Text
    description: Text | None
    documented: bool
    go_file: str
    go_const: str
    go_err: str
    versions: tuple[str, ...]
    renumbered_to: int | None
    renumbered_from: int | None
    retry: RetryClass
    retryable: bool
    notes: tuple[str, ...]

Entry = Union[KouplelessEntry, StatusEntry]
"""Any catalog entry."""

@dataclass(frozen=True, repr=False)
class Resolved:
    """A two-level code resolved to its entry. ``str()`` gives ``Source.Type`` with the canonical type."""

    code: str
    source: Source
    entry: KouplelessEntry
    alias: str | None
    dynamic: bool
    @property
    def reporter(self) -> Reporter: ...

@dataclass(frozen=True, repr=False)
class StatusMatch:
    """A status number resolved at a CubeFS version; ``valid`` is false when the entry is from other versions."""

    entry: StatusEntry
    version: str
    valid: bool

@dataclass(frozen=True, repr=False)
class Code:
    """A syntactically valid two-level code. ``str()`` gives ``Source.Type``."""

    source: Source
    error_type: str
    text: str

class AuditReport:
    """An audit-log analysis: ``lines``, ``malformed`` and every top-level member of the JSON report."""

    lines: int
    malformed: int
    def __init__(self, lines: int, malformed: int, json_text: str) -> None: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __getattr__(self, name: str) -> Any: ...

# Operations.

def lookup(code: str, reporter: Reporter | str | None = None) -> Resolved:
    """Resolves a two-level code (``"Arklet.InstallBizFailed"``) to its entry, in ``reporter``'s table if given.

    Raises NotFoundError (with suggestions), AmbiguousError (with candidates), InvalidCodeError,
    InvalidArgumentError (unknown reporter), TypeError (not a str).
    """

def find(code: str) -> list[KouplelessEntry | StatusEntry]:
    """Every entry a two-level code (in every table) or a status number such as ``"552"`` (in every version)
    could mean."""

def status(code: int, version: str | None = None) -> StatusMatch:
    """The blobstore entry for a status number at a CubeFS version (default: newest). A number known only in
    other versions is returned with ``valid == False``."""

def service_of(code: int, version: str | None = None) -> Service:
    """The service of a status number at a CubeFS version (default: newest): by its entry, else by range."""

def parse(text: str) -> Code:
    """Parses a two-level code strictly: PascalCase parts, exactly one ``.``, a known source."""

def compose(source: Source | str, error_type: str) -> Code:
    """Builds ``source.error_type``, checking the type like ``parse`` does."""

def entries(
    system: System | str | None = None,
    reporter: Reporter | str | None = None,
    service: Service | str | None = None,
    version: str | None = None,
) -> list[KouplelessEntry | StatusEntry]:
    """The catalog's entries that pass every given filter, in catalog order."""

def export(format: str = "json", lang: str = "en") -> str:
    """The catalog as ``json`` (both languages; equals testdata/catalog.json), ``md`` or ``csv`` (in ``lang``)."""

def analyze_audit(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    version: str | None = None,
    max_api_level: int = 2,
) -> AuditReport:
    """Analyses blobstore audit-log files and directories in Rust, with the GIL released."""

# Error values a service raises and puts on the wire.

class CodedError(Exception):
    """An error value: a catalogued code, a detail and optionally the error value that caused it."""

    code: str
    detail: str
    cause: CodedError | None
    def __init__(self, code: str | int, detail: str = "", cause: CodedError | None = None) -> None: ...
    def to_problem_json(self) -> str:
        """RFC 9457 ``application/problem+json`` text, the cause chain nested under ``cause``."""
    def to_arklet_json(self) -> str:
        """The Arklet envelope ``{code, message, errorStackTrace, errorCode}`` as JSON text."""

# Failures of errcat itself.

class Error(Exception):
    """Base class of every errcat failure."""

    kind: ClassVar[ErrorKind]
    message: str
    suggestions: list[str]
    candidates: list[str]
    def __init__(self, message: str, suggestions: Iterable[str] = (), candidates: Iterable[str] = ()) -> None: ...

class NotFoundError(Error, LookupError):
    """No entry for the code; ``suggestions`` holds close matches."""

class AmbiguousError(Error, LookupError):
    """Several entries match and nothing chooses; ``candidates`` names them."""

class InvalidCodeError(Error, ValueError):
    """The text is not a well-formed code or status number."""

class InvalidArgumentError(Error, ValueError):
    """An argument other than the code is wrong (unknown version, reporter, format, …)."""

class IoError(Error, OSError):
    """Reading input failed."""

class InternalError(Error, RuntimeError):
    """A bug in errcat (a Rust panic caught at the boundary)."""

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
