"""Shared fixtures. The tests run against the installed errcat (the wheel pip built), never python/errcat."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import errcat

REPO = Path(os.environ.get("ERRCAT_REPO", Path(__file__).resolve().parents[2]))
SOURCE_TREE = REPO / "python" / "errcat"


def pytest_sessionstart(session: pytest.Session) -> None:
    imported = Path(errcat.__file__).resolve().parent
    if imported == SOURCE_TREE.resolve():
        raise pytest.UsageError(f"errcat was imported from the source tree ({imported}); run against the wheel")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO

