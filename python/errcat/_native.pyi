"""The pyo3 extension module (bindings/python). Private: use the names errcat re-exports."""

import os
from typing import Iterable

from . import AuditReport, Code, KouplelessEntry, Reporter, Resolved, Service, Source, StatusEntry, StatusMatch, System

__all__ = [
    "VERSION",
    "lookup",
    "find",
    "status",
    "service_of",
    "parse",
    "compose",
    "entries",
    "export",
    "names",
    "resolve_code",
    "problem_json",
    "arklet_json",
    "analyze_audit",
    "_panic_for_test",
    "_fast_path",
]

VERSION: str

def lookup(code: str, reporter: Reporter | str | None = None) -> Resolved: ...
def find(code: str) -> list[KouplelessEntry | StatusEntry]: ...
def status(code: int, version: str | None = None) -> StatusMatch: ...
def service_of(code: int, version: str | None = None) -> Service: ...
def parse(text: str) -> Code: ...
def compose(source: Source | str, error_type: str) -> Code: ...
def entries(
    system: System | str | None = None,
    reporter: Reporter | str | None = None,
    service: Service | str | None = None,
    version: str | None = None,
) -> list[KouplelessEntry | StatusEntry]: ...
def export(format: str = "json", lang: str = "en") -> str: ...
def names(of: str) -> list[str]: ...
def resolve_code(code: str | int) -> str: ...
def problem_json(links: Iterable[tuple[str | int, str]]) -> str: ...
def arklet_json(links: Iterable[tuple[str | int, str]]) -> str: ...
def analyze_audit(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    version: str | None = None,
    max_api_level: int = 2,
) -> AuditReport: ...
def _panic_for_test() -> None: ...
def _fast_path(cap: int | None = None) -> dict[str, int]: ...
