"""The JSON export equals the committed testdata/catalog.json byte for byte; the other formats work."""

from __future__ import annotations

from pathlib import Path

import pytest

import errcat


def test_json_export_equals_committed_catalog(repo: Path) -> None:
    committed = (repo / "testdata" / "catalog.json").read_bytes()
    assert errcat.export().encode("utf-8") == committed
    assert errcat.export("json", "zh").encode("utf-8") == committed


@pytest.mark.parametrize("fmt", ["md", "markdown", "csv"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_other_formats(fmt: str, lang: str) -> None:
    text = errcat.export(fmt, lang)
    assert "InstallBizFailed" in text


def test_markdown_in_chinese() -> None:
    assert "| 通用 | Arklet | UnknownError | 未知错误（默认） | 请排查 |" in errcat.export("md", "zh")


@pytest.mark.parametrize("args", [("xml", "en"), ("json", "fr")])
def test_unknown_format_or_language(args: "tuple[str, str]") -> None:
    with pytest.raises(errcat.InvalidArgumentError):
        errcat.export(*args)
