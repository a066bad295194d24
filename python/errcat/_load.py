"""Imports the native module ``errcat._native``; where it cannot load, says in one line what this package supports.

``errcat/__init__.py`` imports this module first, so an unsupported platform (aarch64, macOS, musl, an old glibc)
gets one ``ImportError`` naming the supported platforms instead of a bare loader error (kept as ``__cause__``).
"""

import platform
import sys

SUPPORTED = "linux-x86_64 with glibc 2.17 or newer (manylinux2014), CPython 3.9 or newer (abi3)"


def describe() -> str:
    """This interpreter's platform, as the error names it: ``linux-aarch64 glibc 2.31, CPython 3.11``."""
    system = platform.system().lower() or sys.platform
    machine = platform.machine().lower() or "unknown"
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    where = f"{system}-{machine}"
    if system == "linux":
        libc, version = platform.libc_ver()
        where += f" {libc} {version}" if libc else " (not glibc: musl?)"
    return f"{where}, {platform.python_implementation()} {sys.version_info[0]}.{sys.version_info[1]}"


def message(cause: BaseException) -> str:
    reason = " ".join(str(cause).split())
    return (
        f"errcat: the native module errcat._native does not load on {describe()}: this package supports {SUPPORTED};"
        f" on another platform install from the source distribution, which builds it with Rust ({reason})"
    )


def load() -> None:
    try:
        from . import _native  # noqa: F401
    except ImportError as error:
        raise ImportError(message(error), name="errcat._native") from error


load()
