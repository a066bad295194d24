"""Where the native module cannot load, ``import errcat`` fails with one line naming the supported platforms.

The platform is simulated in a child interpreter: ``platform`` reports another machine and an import hook makes
``errcat._native`` unloadable, as it is where the wheel has no module for the platform.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

SIMULATE = """
import importlib.abc, platform, sys
platform.system = lambda: {system!r}
platform.machine = lambda: {machine!r}
platform.libc_ver = lambda *a, **k: {libc!r}

class Unloadable(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "errcat._native":
            raise ImportError({error!r})
        return None

sys.meta_path.insert(0, Unloadable())
try:
    import errcat
except ImportError as e:
    print(type(e).__name__, e, sep=": ")
    print("cause:", type(e.__cause__).__name__)
"""


@pytest.mark.parametrize(
    "system, machine, libc, error, where",
    [
        ("Linux", "aarch64", ("glibc", "2.31"), "wrong ELF class", "linux-aarch64 glibc 2.31"),
        ("Darwin", "arm64", ("", ""), "No module named 'errcat._native'", "darwin-aarch64"),
        ("Linux", "x86_64", ("", ""), "Error loading shared library ld-linux-x86-64.so.2", "linux-x86_64 (not glibc: musl?)"),
    ],
)
def test_unsupported_platform_is_one_line(system: str, machine: str, libc: tuple[str, str], error: str, where: str) -> None:
    code = SIMULATE.format(system=system, machine=machine, libc=libc, error=error)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert len(lines) == 2, out
    version = f"CPython {sys.version_info[0]}.{sys.version_info[1]}"
    assert lines[0] == (
        f"ImportError: errcat: the native module errcat._native does not load on {where}, {version}: this package"
        " supports linux-x86_64 with glibc 2.17 or newer (manylinux2014), CPython 3.9 or newer (abi3); on another"
        f" platform install from the source distribution, which builds it with Rust ({error})"
    )
    assert lines[1] == "cause: ImportError"


def test_this_platform_loads() -> None:
    import errcat

    assert errcat.lookup("Arklet.InstallBizFailed").code == "Arklet.InstallBizFailed"
