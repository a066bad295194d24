"""The catalog's values as Python objects. The extension builds them from the core's data and caches them, so
``errcat.lookup("Arklet.InstallBizFailed")`` returns the same object every time; they are frozen and hashable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from ._enums import Reporter, RetryClass, Service, Source, System

__all__ = ["Text", "KouplelessEntry", "StatusEntry", "Resolved", "StatusMatch", "Code"]


@dataclass(frozen=True)
class Text:
    """A text published in English and Chinese; ``zh`` is empty where no Chinese text exists."""

    en: str
    zh: str

    def __str__(self) -> str:
        return self.en


@dataclass(frozen=True, repr=False)
class KouplelessEntry:
    """A Koupleless two-level error code: one row of a reporter's published table (key = reporter, type)."""

    key: str
    """``Reporter/Type``, e.g. ``Arklet/InstallBizFailed``."""
    system: System
    reporter: Reporter
    """The table the row is published in."""
    business_type: Text
    business_type_cell: Optional[str]
    """The published business-type cell when it is not the business type itself."""
    sources: Tuple[Source, ...]
    """Catalogued sources; the first is the default."""
    error_type: str
    """The Level-2 type, as published (canonical spelling)."""
    meaning: Text
    solution: Text
    retryable: bool
    """Whether the published solution says to retry."""
    aliases: Tuple[str, ...]
    """Other spellings that resolve to this entry."""
    notes: Tuple[str, ...]
    """Quirks of the published row."""

    def __repr__(self) -> str:
        return f"KouplelessEntry({self.key!r})"


@dataclass(frozen=True, repr=False)
class StatusEntry:
    """A CubeFS blobstore status code: one (number, Go const, message) as defined in a range of versions."""

    key: str
    """``number/GoConst``, e.g. ``552/CodeAccessLimited``."""
    system: System
    code: int
    """The number, written as the HTTP status."""
    service: Service
    message: str
    """The exact Go error message (may be empty)."""
    meaning: Text
    """The published description, else the Go message (in both languages)."""
    description: Optional[Text]
    """The published description, where there is one."""
    documented: bool
    """Whether the published status-code doc lists it."""
    go_file: str
    go_const: str
    go_err: str
    versions: Tuple[str, ...]
    """The CubeFS versions in which this exact entry is defined, oldest first."""
    renumbered_to: Optional[int]
    renumbered_from: Optional[int]
    retry: RetryClass
    retryable: bool
    """Whether a client should retry (transient or overload)."""
    notes: Tuple[str, ...]

    def __repr__(self) -> str:
        return f"StatusEntry({self.key!r})"


@dataclass(frozen=True, repr=False)
class Resolved:
    """A two-level code resolved to its entry. ``str()`` gives ``Source.Type`` with the canonical type."""

    code: str
    source: Source
    """The source given in the code (may be outside the entry's catalogued ones: see ``dynamic``)."""
    entry: KouplelessEntry
    alias: Optional[str]
    """The alias spelling the code used, when it was not the canonical type."""
    dynamic: bool
    """Whether the source is not one of the entry's catalogued sources (``User.PullBizError``)."""

    @property
    def reporter(self) -> Reporter:
        """The reporter whose table holds the entry."""
        return self.entry.reporter

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"Resolved({self.code!r}, entry={self.entry!r})"


@dataclass(frozen=True, repr=False)
class StatusMatch:
    """A status number resolved at a CubeFS version; ``valid`` is false when the entry is from other versions."""

    entry: StatusEntry
    version: str
    """The version asked about."""
    valid: bool

    def __repr__(self) -> str:
        return f"StatusMatch({self.entry!r}, version={self.version!r}, valid={self.valid})"


@dataclass(frozen=True, repr=False)
class Code:
    """A syntactically valid two-level code (its type need not be catalogued). ``str()`` gives ``Source.Type``."""

    source: Source
    error_type: str
    text: str

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Code({self.text!r})"


for _cls in (Text, KouplelessEntry, StatusEntry, Resolved, StatusMatch, Code):
    _cls.__module__ = "errcat"
del _cls
