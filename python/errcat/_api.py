"""The operations. Each passes its arguments, as given, to the core (``_native.call``) and turns the answer (ids and
indices) into the package's objects; it judges nothing. ``lookup`` and ``status`` are served from the answer table
when their arguments are in it (``_answers``): the exported functions are native (``_native.fast``) and answer a
positional call from the table's dicts at the cost of a dict lookup, handing any other call to the Python
functions below, which serve keyword calls from the same dicts and cross for the rest."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Union, cast

from . import _native
from ._answers import ANSWERS, LOOKUP, LOOKUP_BY, STATUS, STATUS_BY
from ._audit import AuditReport
from ._generated import ENTRIES, Entry, Lang, Reporter, Service, Source, System
from ._model import Code, Resolved, StatusMatch

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
]

_call = _native.call
_SOURCES = tuple(Source)
_SERVICES = tuple(Service)
_EMPTY: Dict[Any, Any] = {}
PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


def _stored(table: Dict[Any, Any], by_option: Dict[str, Dict[Any, Any]], key: Any, option: Any) -> Any:
    """The table's answer for ``key`` (and ``option``) when both are of the exact types the table holds."""
    if (type(key) is str or type(key) is int) and (option is None or type(option) is str):
        return (table if option is None else by_option.get(option, _EMPTY)).get(key)
    return None


def _lookup(code: Any, reporter: Any = None) -> Resolved:
    hit: Optional[Resolved] = _stored(LOOKUP, LOOKUP_BY, code, reporter)
    return hit if hit is not None else cast(Resolved, ANSWERS[_call("lookup", code, reporter)])


def _status(code: Any, version: Any = None) -> StatusMatch:
    hit: Optional[StatusMatch] = _stored(STATUS, STATUS_BY, code, version)
    return hit if hit is not None else cast(StatusMatch, ANSWERS[_call("status", code, version)])


_LOOKUP_DOC = """Resolves a two-level code (``"Arklet.InstallBizFailed"``) to its entry, in ``reporter``'s table if given.

Raises NotFoundError (with suggestions), AmbiguousError (with candidates), InvalidCodeError, InvalidArgumentError
(an unknown reporter, or an argument of the wrong type)."""

_STATUS_DOC = """The blobstore entry for a status number at a CubeFS version (default: newest). A number known only in
other versions is returned with ``valid == False``."""

if TYPE_CHECKING:

    def lookup(code: str, reporter: Union[Reporter, str, None] = None) -> Resolved:
        """Resolves a two-level code to its entry, in ``reporter``'s table if given."""

    def status(code: int, version: Optional[str] = None) -> StatusMatch:
        """The blobstore entry for a status number at a CubeFS version (default: newest)."""

else:
    lookup = _native.fast("lookup", "lookup(code, reporter=None)\n--\n\n" + _LOOKUP_DOC, LOOKUP, LOOKUP_BY, _lookup)
    status = _native.fast("status", "status(code, version=None)\n--\n\n" + _STATUS_DOC, STATUS, STATUS_BY, _status)


def _entries(ids: List[int]) -> List[Entry]:
    return [ENTRIES[i] for i in ids]


def find(code: str) -> List[Entry]:
    """Every entry a code could mean: a two-level code (in every table), a bare type (``"InstallBizFailed"``) or a
    status number written as text (``"552"``, in every version)."""
    return _entries(_call("find", code))


def search(words: str) -> List[Entry]:
    """The entries whose code, meaning, solution, message or description holds every word (English or Chinese)."""
    return _entries(_call("search", words))


def service_of(code: int, version: Optional[str] = None) -> Service:
    """The service of a status number at a CubeFS version (default: newest): by its entry, else by range."""
    service: Service = _SERVICES[_call("service_of", code, version)]
    return service


def _code(parts: List[Any]) -> Code:
    return Code(_SOURCES[parts[0]], parts[1], parts[2])


def parse(text: str) -> Code:
    """Parses a two-level code strictly: PascalCase parts, exactly one ``.``, a known source."""
    return _code(_call("parse", text))


def compose(source: Union[Source, str], error_type: str) -> Code:
    """Builds ``source.error_type``, checking the type like ``parse`` does (the source is a name: ``arklet`` too)."""
    return _code(_call("compose", source, error_type))


def entries(
    system: Union[System, str, None] = None,
    reporter: Union[Reporter, str, None] = None,
    service: Union[Service, str, None] = None,
    version: Optional[str] = None,
) -> List[Entry]:
    """The catalog's entries that pass every given filter, in catalog order (an empty name means not given)."""
    return _entries(_call("entries", system, reporter, service, version))


def export(format: str = "json", lang: Union[Lang, str] = "en") -> str:
    """The catalog as ``json`` (both languages; equals testdata/catalog.json), ``md`` or ``csv`` (in ``lang``)."""
    result: str = _call("export", format, lang)
    return result


def _path(p: Any) -> Any:
    """A path as the bytes the OS sees (``os.fsencode``: a ``str`` from ``os.listdir`` may hold escaped bytes)."""
    if isinstance(p, (str, os.PathLike)):
        try:
            return os.fsencode(p)
        except UnicodeEncodeError:
            return p  # a lone surrogate that is no escaped byte: the core says so
    return p


def analyze_audit(
    paths: Union[PathArg, Iterable[PathArg]],
    version: Optional[str] = None,
    max_api_level: Optional[int] = None,
    errors: Optional[str] = None,
) -> AuditReport:
    """Analyses blobstore audit-log files and directories in Rust, with the GIL released. ``paths`` is one path or
    an iterable of them (none: an empty report); ``max_api_level`` defaults to 2; ``errors`` is an error-code spec
    such as ``"sla"`` or ``"5xx,!596"``."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        items: Any = [paths]
    elif isinstance(paths, (list, tuple)):
        items = paths
    else:
        try:
            items = list(cast(Iterable[Any], paths))
        except TypeError:
            items = paths  # not a list of paths: the core says so
    if isinstance(items, (list, tuple)):
        items = [_path(p) for p in items]
    options = [["version", version], ["max_api_level", max_api_level], ["errors", errors]]
    lines, malformed, report = _call("audit", items, options)
    return AuditReport(lines, malformed, report)
