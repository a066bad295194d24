"""The generated module (python/errcat/_generated.py, from catalog/fields.toml by core/codegen/src/emit/python.rs)
agrees with the native library it runs against: every entry, field by field, with the core's own JSON of that entry;
every enum in the core's order. (That the committed file is what the generator writes is cargo's drift test.)"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Dict

import pytest

import errcat
from errcat import _generated, _native

# Fields the catalog export spells differently from the record (the export's names are its own schema).
EXPORT_NAME = {("KouplelessEntry", "error_type"): "type", ("KouplelessEntry", "default_code"): "code"}


def plain(value: Any) -> Any:
    """A field value as the export writes it."""
    if isinstance(value, errcat.Text):
        return {"en": value.en, "zh": value.zh}
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, str):  # enum members are their names
        return str(value)
    return value


def test_every_entry_is_the_cores() -> None:
    for entry_id, entry in enumerate(_generated.ENTRIES):
        core: Dict[str, Any] = json.loads(_native.call("entry_json", entry_id))
        assert core["system"] == entry.system.value
        name = type(entry).__name__
        for field in dataclasses.fields(entry):
            key = EXPORT_NAME.get((name, field.name), field.name)
            if key in core:
                assert plain(getattr(entry, field.name)) == core[key], (entry.key, field.name)
    assert [e.key for e in errcat.entries()] == [e.key for e in _generated.ENTRIES]


def test_every_field_of_fields_toml_is_a_typed_documented_attribute(repo: Path) -> None:
    text = (repo / "catalog" / "fields.toml").read_text("utf-8")
    for record in (errcat.KouplelessEntry, errcat.StatusEntry):
        section = text.split(f'name = "{record.__name__}"')[1].split("[[record]]")[0].split("[[enum]]")[0]
        names = [line.split('"')[1] for line in section.splitlines() if line.startswith("name = ")]
        assert [f.name for f in dataclasses.fields(record)] == names
        assert all(f.type for f in dataclasses.fields(record))
    assert dataclasses.is_dataclass(errcat.Text)


def test_enums_in_the_cores_order() -> None:
    for i, source in enumerate(errcat.Source):
        assert errcat.parse(f"{source.value}.DiskFull").source is source
        assert errcat.compose(source.value.lower(), "DiskFull").source is source, i
    assert [errcat.service_of(e.code, e.versions[-1]) for e in errcat.entries(system="blobstore")] == [
        e.service for e in errcat.entries(system="blobstore")
    ]
    assert [k.value for k in errcat.ErrorKind] == ["NotFound", "Ambiguous", "InvalidCode", "InvalidArgument", "Io", "Internal"]
    for version in errcat.VERSIONS:
        assert errcat.status(552, version).version == version


def test_fingerprint_is_the_native_librarys() -> None:
    assert _native.call("fingerprint") == _generated.FINGERPRINT
    assert _native.call("version") == errcat.__version__


def test_a_mismatched_native_library_is_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from errcat import _answers

    monkeypatch.setattr(_answers, "FINGERPRINT", "0123456789abcdef")
    with pytest.raises(errcat.InternalError, match="another catalog than this package"):
        _answers._load()  # what import does: the header is checked before anything is read
