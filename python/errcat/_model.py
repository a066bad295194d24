"""The answers of the operations as Python objects. ``Resolved`` and ``StatusMatch`` are the rows of the core's answer
table, built once at import (see ``_answers``): ``errcat.lookup("Arklet.InstallBizFailed")`` returns the same object
every time. The entries they hold are the generated ones (``_generated``); everything is frozen and hashable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ._generated import KouplelessEntry, Reporter, Source, StatusEntry

__all__ = ["Resolved", "StatusMatch", "Code"]


@dataclass(frozen=True, repr=False)
class Resolved:
    """A two-level code resolved to its entry. ``str()`` gives ``Source.Type`` with the canonical type."""

    code: str
    """``Source.Type`` with the canonical type."""
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
    """The version asked about (its canonical name)."""
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


for _cls in (Resolved, StatusMatch, Code):
    _cls.__module__ = "errcat"
del _cls
