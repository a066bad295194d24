"""Error values on the wire: an exception carrying a catalogued code, rendered by the core."""

from __future__ import annotations

import warnings
from typing import Any, List, Optional, Union

from . import _native
from ._answers import ANSWERS, Answer
from ._generated import MAX_CAUSE_DEPTH, Reporter
from ._model import Resolved

__all__ = ["CodedError"]


class CodedError(Exception):
    """An error value for a service to raise: a catalogued code, a detail for this occurrence and optionally the
    error value that caused it. It renders as RFC 9457 problem+json and as the Arklet envelope.

    ``code`` is a two-level code looked up in ``reporter``'s table (an alias resolves to its entry), or a blobstore
    status number (an ``int``, or digits as text) at ``version`` (default: newest). The code is resolved once, here:
    an unknown or ambiguous code raises the matching ``errcat.Error`` now, not at render time. The value holds a
    reference to its cause, never a copy of the chain; rendering walks the chain iteratively and the core refuses a
    chain deeper than its limit (``InvalidArgumentError``), a chain that loops back on itself included.
    """

    def __init__(
        self,
        code: Union[str, int],
        detail: str = "",
        reporter: Union[Reporter, str, None] = None,
        version: Optional[str] = None,
        cause: Optional[CodedError] = None,
    ) -> None:
        if isinstance(reporter, CodedError) and cause is None and version is None:
            warnings.warn(
                "CodedError(code, detail, cause) is deprecated: pass the cause as cause=...",
                DeprecationWarning,
                stacklevel=2,
            )
            reporter, cause = None, reporter
        self._id: int = _native.call("error_code", code, reporter, version)
        answer = ANSWERS[self._id]
        self.answer: Answer = answer
        """The resolved code: a ``Resolved`` or a ``StatusMatch`` (the same objects ``lookup``/``status`` give)."""
        self.code: str = answer.code if isinstance(answer, Resolved) else str(answer.entry.code)
        """The code as text: ``Source.Type`` with the canonical type, or the status number."""
        self.detail: str = detail
        self.cause = cause
        super().__init__(f"{self.code}: {detail}" if detail else self.code)

    @property
    def cause(self) -> Optional[CodedError]:
        """The error value that caused this one, or ``None``."""
        return self._cause

    @cause.setter
    def cause(self, cause: Optional[CodedError]) -> None:
        if cause is not None and not isinstance(cause, CodedError):
            raise TypeError(f"cause must be a CodedError or None, not {type(cause).__name__}")
        self._cause = cause

    def _chain(self) -> List[List[Any]]:
        """The chain outermost first as ``[answer id, detail]`` links: at most one past the core's limit is taken,
        so the core refuses a deeper (or looping) chain without the whole of it crossing."""
        links: List[List[Any]] = []
        value: Optional[CodedError] = self
        while value is not None and len(links) <= MAX_CAUSE_DEPTH + 1:
            links.append([value._id, value.detail])
            value = value._cause
        return links

    def to_problem_json(self) -> str:
        """RFC 9457 ``application/problem+json`` text, the cause chain nested under ``cause``."""
        result: str = _native.call("render", "problem", self._chain())
        return result

    def to_arklet_json(self) -> str:
        """The Arklet envelope ``{code, message, errorStackTrace, errorCode}`` as JSON text."""
        result: str = _native.call("render", "arklet", self._chain())
        return result


CodedError.__module__ = "errcat"
