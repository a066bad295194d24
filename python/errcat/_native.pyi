"""The pyo3 extension module (bindings/python). Private: use the names errcat exports."""

from typing import Any, Callable, Dict, List

__all__ = ["call", "init", "fast", "classify", "shapes", "_panic_for_test"]

def call(op: str, *args: Any) -> Any:
    """Operation ``op`` of the core with ``args`` converted mechanically (bindings/README.md, "Operations")."""

def init(errors: tuple[type[BaseException], ...]) -> None:
    """Registers the package's exception classes, one per ``ErrorKind`` in declaration order."""

def fast(
    name: str, doc: str, table: Dict[Any, Any], by_option: Dict[str, Dict[Any, Any]], slow: Callable[..., Any]
) -> Callable[..., Any]:
    """A function serving positional calls from the answer-table dicts, and every other call through ``slow``."""

def classify(body: Any, command: Any, http_status: Any, tunnel: Any, /) -> Any:
    """The classification of the arguments (as ``classify_flat``), made into the classes ``shapes`` registered."""

def shapes(
    classification: type, evidence: type, answers: List[Any], item: Callable[..., Any], no_placeholders: Any
) -> None:
    """Registers the classes, the answer rows and the item factory ``classify`` makes its answer of."""

def _panic_for_test() -> None: ...
