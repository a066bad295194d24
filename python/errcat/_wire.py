"""Error values on the wire: an exception carrying a catalogued code, rendered by the core."""

from __future__ import annotations

from typing import List, Optional, Tuple, Union

from . import _native

__all__ = ["CodedError"]


class CodedError(Exception):
    """An error value for a service to raise: a catalogued code, a detail for this occurrence and optionally the
    error value that caused it. It renders as RFC 9457 problem+json and as the Arklet envelope.

    ``code`` is a two-level code (an alias resolves to its entry) or a blobstore status number (newest version).
    An unknown or ambiguous code raises the matching ``errcat.Error`` here, not at render time.
    """

    def __init__(self, code: Union[str, int], detail: str = "", cause: Optional[CodedError] = None) -> None:
        if not isinstance(detail, str):
            raise TypeError(f"detail must be str, not {type(detail).__name__}")
        if cause is not None and not isinstance(cause, CodedError):
            raise TypeError(f"cause must be CodedError or None, not {type(cause).__name__}")
        self.code: str = _native.resolve_code(code)
        """The code as text: ``Source.Type`` with the canonical type, or the status number."""
        self.detail: str = detail
        self.cause: Optional[CodedError] = cause
        self._given = code
        super().__init__(f"{self.code}: {detail}" if detail else self.code)

    def _chain(self) -> List[Tuple[Union[str, int], str]]:
        links: List[Tuple[Union[str, int], str]] = []
        seen = set()
        value: Optional[CodedError] = self
        while value is not None and id(value) not in seen:
            seen.add(id(value))
            links.append((value._given, value.detail))
            value = value.cause
        return links

    def to_problem_json(self) -> str:
        """RFC 9457 ``application/problem+json`` text, the cause chain nested under ``cause``."""
        result: str = _native.problem_json(self._chain())
        return result

    def to_arklet_json(self) -> str:
        """The Arklet envelope ``{code, message, errorStackTrace, errorCode}`` as JSON text."""
        result: str = _native.arklet_json(self._chain())
        return result


CodedError.__module__ = "errcat"
