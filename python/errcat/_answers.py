"""The answer table: every successful answer of ``lookup`` and ``status``, loaded once at import in one crossing
(``answers``, format in core/src/boundary/answers.rs) into dicts that are never changed afterwards. Each answer id
maps to one frozen ``Resolved`` or ``StatusMatch``; the ``L``/``N`` rows say which call returns which answer, so
those calls are served from here at the cost of a dict lookup. Anything else crosses to the core, whose answer id
picks the same object; errors always come from the core. No cache, no bound, no eviction: the table is complete."""

from __future__ import annotations

from typing import Dict, Union, cast

from . import _native
from ._errors import InternalError
from ._generated import ENTRIES, FINGERPRINT, VERSIONS, KouplelessEntry, Source, StatusEntry
from ._model import Resolved, StatusMatch

__all__ = ["Answer", "ANSWERS", "LOOKUP", "LOOKUP_BY", "STATUS", "STATUS_BY"]

Answer = Union[Resolved, StatusMatch]

ANSWERS: Dict[int, Answer] = {}
"""Answer id → the answer object."""
LOOKUP: Dict[str, Resolved] = {}
"""``lookup(code)``: code → answer."""
LOOKUP_BY: Dict[str, Dict[str, Resolved]] = {}
"""``lookup(code, reporter)``: reporter spelling → code → answer."""
STATUS: Dict[int, StatusMatch] = {}
"""``status(number)``: number → answer."""
STATUS_BY: Dict[str, Dict[int, StatusMatch]] = {}
"""``status(number, version)``: version spelling → number → answer."""


def _load() -> None:
    lines = _native.call("answers").split("\n")
    head = lines[0].split("\t")
    if head != ["errcat-answers", "1", FINGERPRINT]:
        raise InternalError(
            f"errcat's native library (answer table {head!r}) was built from another catalog than this package "
            f"(fingerprint {FINGERPRINT}): reinstall errcat so that both come from the same build"
        )
    sources = tuple(Source)
    answers, lookup, lookup_by, status, status_by = ANSWERS, LOOKUP, LOOKUP_BY, STATUS, STATUS_BY
    for line in lines[1:]:
        f = line.split("\t")
        tag = f[0]
        if tag == "N":
            (status if f[2] == "-" else status_by.setdefault(f[2], {}))[int(f[3])] = cast(
                StatusMatch, answers[int(f[1])]
            )
        elif tag == "L":
            (lookup if f[2] == "-" else lookup_by.setdefault(f[2], {}))[f[3]] = cast(Resolved, answers[int(f[1])])
        elif tag == "S":
            entry = cast(StatusEntry, ENTRIES[int(f[2])])
            answers[int(f[1])] = StatusMatch(entry, VERSIONS[int(f[3])], f[4] == "1")
        elif tag == "R":
            k = cast(KouplelessEntry, ENTRIES[int(f[2])])
            answers[int(f[1])] = Resolved(f[6], sources[int(f[3])], k, None if f[4] == "-" else f[4], f[5] == "1")


_load()
