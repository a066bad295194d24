#!/usr/bin/env python3
"""The highest GLIBC_x.y symbol version each shipped ELF file needs, read from its .gnu.version_r section.

    elf_glibc.py --floor 2.17 --expect N PATH...
    elf_glibc.py --floor 2.17 --at-least N PATH...

A PATH is an ELF file or an archive holding some (.jar/.whl/.zip, .tgz/.tar.gz); every ELF shared object or
executable inside is read (static archives, .a, are not: their symbols bind when a program links them). Prints one
line per ELF ("GLIBC_2.17  errcat-0.1.0.jar!native/linux-x86_64/liberrcat_jni.so") and fails when any needs a
version above the floor, or when the number of ELF files found is not --expect or is below --at-least (so a missing
library cannot pass).
No binutils needed: the reader below follows the ELF64 layout (Elf64_Ehdr, Elf64_Shdr, Elf64_Verneed/Vernaux).
"""

from __future__ import annotations

import argparse
import io
import struct
import sys
import tarfile
import zipfile
from typing import Iterator

SHT_GNU_VERNEED = 0x6FFFFFFE
ET_EXEC, ET_DYN = 2, 3


def needed_versions(data: bytes) -> list[str]:
    """Every version name (GLIBC_2.17, GCC_3.0, ...) the ELF file requires from its shared libraries."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a little-endian ELF64 file")
    (e_shoff,) = struct.unpack_from("<Q", data, 0x28)
    e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, e_shoff + i * e_shentsize) for i in range(e_shnum)]
    names: list[str] = []
    for _name, sh_type, _flags, _addr, offset, _size, link, info, _align, _entsize in sections:
        if sh_type != SHT_GNU_VERNEED:
            continue
        strtab = sections[link][4]
        entry = offset
        for _ in range(info):  # sh_info = the number of Verneed entries
            _version, count, _file, aux, next_entry = struct.unpack_from("<HHIII", data, entry)
            at = entry + aux
            for _ in range(count):
                _hash, _flags2, _other, name, next_aux = struct.unpack_from("<IHHII", data, at)
                end = data.index(b"\0", strtab + name)
                names.append(data[strtab + name : end].decode())
                at += next_aux
            entry += next_entry
    return names


def glibc_max(data: bytes) -> tuple[int, ...]:
    versions = [tuple(int(p) for p in n[6:].split(".")) for n in needed_versions(data) if n.startswith("GLIBC_2")]
    return max(versions, default=(0,))


def is_elf_object(data: bytes) -> bool:
    return data[:4] == b"\x7fELF" and len(data) > 0x12 and struct.unpack_from("<H", data, 0x10)[0] in (ET_EXEC, ET_DYN)


def members(path: str) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every file in PATH (itself when it is not an archive)."""
    if path.endswith((".jar", ".whl", ".zip")):
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if not info.is_dir():
                    yield f"{path}!{info.filename}", z.read(info)
    elif path.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path) as t:
            for m in t.getmembers():
                if m.isfile():
                    f = t.extractfile(m)
                    assert f is not None
                    yield f"{path}!{m.name}", f.read()
    else:
        with open(path, "rb") as f:
            yield path, f.read()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--floor", required=True, help="the highest glibc version allowed, e.g. 2.17")
    parser.add_argument("--expect", type=int, help="how many ELF files must be found")
    parser.add_argument("--at-least", type=int, default=1, help="the fewest ELF files that may be found")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    floor = tuple(int(p) for p in args.floor.split("."))
    found, bad = 0, 0
    for path in args.paths:
        for name, data in members(path):
            if not is_elf_object(data):
                continue
            found += 1
            top = glibc_max(io.BytesIO(data).getvalue())
            label = "GLIBC_" + ".".join(map(str, top)) if top != (0,) else "(no glibc)"
            over = top > floor
            bad += over
            # an archive's members by the archive's file name, a file by its path
            shown = name.replace(path, path.rsplit("/", 1)[-1]) if name != path else path
            print(f"{label:<12} {'ABOVE THE FLOOR ' if over else ''}{shown}")
    if args.expect is not None and found != args.expect:
        print(f"elf_glibc: found {found} ELF files, expected {args.expect}", file=sys.stderr)
        return 1
    if found < args.at_least:
        print(f"elf_glibc: found {found} ELF files, expected at least {args.at_least}", file=sys.stderr)
        return 1
    if bad:
        print(f"elf_glibc: {bad} file(s) need a glibc newer than {args.floor}", file=sys.stderr)
        return 1
    print(f"elf_glibc: {found} ELF file(s), none needs more than GLIBC_{args.floor}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
