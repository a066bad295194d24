"""The result of ``errcat.analyze_audit``: the core's JSON report, with its counters as attributes."""

from __future__ import annotations

from typing import Any, Dict

__all__ = ["AuditReport"]


class AuditReport:
    """An audit-log analysis. ``lines`` and ``malformed`` are attributes; so is every other top-level member of
    the JSON report (``report.services``); ``to_dict()`` and ``to_json()`` give all of it."""

    __slots__ = ("lines", "malformed", "_json", "_members")

    def __init__(self, lines: int, malformed: int, json_text: str) -> None:
        self.lines: int = lines
        """Lines read (= lines counted + malformed lines)."""
        self.malformed: int = malformed
        """Malformed lines."""
        self._json = json_text
        self._members: Dict[str, Any] = _loads(json_text)

    def to_json(self) -> str:
        """The full report as JSON, exactly as the core (and ``errcat audit --format json``) writes it."""
        return self._json

    def to_dict(self) -> Dict[str, Any]:
        """The full report as a new dict."""
        result: Dict[str, Any] = _loads(self._json)
        return result

    def __getattr__(self, name: str) -> Any:
        try:
            return self._members[name]
        except KeyError:
            raise AttributeError(f"AuditReport has no attribute {name!r}") from None

    def __repr__(self) -> str:
        return f"AuditReport(lines={self.lines}, malformed={self.malformed})"


def _loads(text: str) -> Any:
    import json  # not at import: a catalog-only user does not pay for the json module

    return json.loads(text)


AuditReport.__module__ = "errcat"
