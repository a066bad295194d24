"""Classification of real Arklet and ModuleController answers: ``classify`` and ``enrich``. The core classifies and
answers the classification's members as lists by position (with the ``answer`` id of each code); this module turns
them into frozen objects, the code being the answer table's own ``Resolved``."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, List, Literal, Mapping, Optional, Tuple, Union, overload

from . import _native
from ._answers import ANSWERS
from ._errors import _BY_KIND, Error
from ._generated import ErrorKind, KouplelessEntry, Reporter
from ._model import Resolved

__all__ = ["classify", "enrich", "Classification", "ClassifiedItem", "Evidence"]

_call = _native.call
_NO_PLACEHOLDERS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Evidence:
    """What an answer showed, as the deciding rule saw it. Text is as received; what the answer did not have is
    ``None``."""

    key: Optional[str]
    """For an entry of a composite answer: its URL (``batchInstallBiz``) or ``name:version`` (``queryAllBiz``)."""
    tunnel: str
    """``http``, ``mqtt`` or ``client``."""
    shape: str
    """What part of the answer was classified: ``text``, ``empty``, ``envelope``, ``batch-entry``, ``biz-record``
    or ``ops-record``."""
    command: Optional[str]
    """The command: the caller's, or the one an MQTT payload names (``installBiz``)."""
    http_status: Optional[int]
    """The HTTP status the caller gave."""
    envelope: Optional[str]
    """The envelope code (``FAILED``, ``CMD_PROCESS_INTERNAL_ERROR``)."""
    data_code: Optional[str]
    """``data.code`` (``REPEAT_BIZ``), or a batch entry's code."""
    message: Optional[str]
    """The envelope's message, the plain text, or a record's message."""
    data_message: Optional[str]
    """``data.message``, or a batch entry's message."""
    state: Optional[str]
    """A biz's state or an operation's status."""
    reason: Optional[str]
    """The reason of a biz's latest state record."""
    error: Optional[str]
    """The failure text (after ``Internal Error: ``, ...)."""
    exception: Optional[str]
    """The exception class the failure text names."""
    exception_message: Optional[str]
    """That exception's message."""
    cause: Optional[str]
    """The deepest cause's class (the last ``Caused by:`` of the stack trace)."""
    cause_message: Optional[str]
    """The deepest cause's message."""
    cause_origin: Optional[str]
    """Where the deepest cause was thrown from: ``user``, ``framework`` (``com.alipay.sofa.ark.*``,
    ``com.alipay.sofa.koupleless.*``), ``platform`` or ``unknown``; ``None`` without a failure."""
    cause_frame: Optional[str]
    """The frame the deepest cause was thrown from (``com.example.Service.init``)."""
    causes: int
    """Throwables in the stack trace's main chain (0 without a trace)."""
    frames: int
    """Frames in the stack trace (0 without a trace)."""
    placeholders: Mapping[str, str]
    """The matched patterns' placeholders (``bizName``, ``bizVersion``, ...) and their values, in pattern order
    (read-only)."""

    def __hash__(self) -> int:
        return hash((self.key, self.shape, self.message, self.error, self.frames, tuple(self.placeholders.items())))


@dataclass(frozen=True, eq=False)
class ClassifiedItem:
    """One entry of a composite answer: its key, and its classification or the error saying why no rule knows it.
    Items are equal when their keys, classifications and errors' kinds and messages are."""

    key: str
    """The entry's URL (``batchInstallBiz``) or ``name:version`` (``queryAllBiz``)."""
    classification: Optional[Classification]
    """The entry's classification; ``None`` when no rule knows it (see ``error``)."""
    error: Optional[Error]
    """What ``classify`` would raise for the entry alone (``NotFoundError`` for a well-formed entry no rule
    classifies); ``None`` when it is classified."""

    def _value(self) -> Tuple[Any, ...]:
        error = None if self.error is None else (self.error.kind, self.error.message)
        return (self.key, self.classification, error)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ClassifiedItem) and self._value() == other._value()

    def __hash__(self) -> int:
        return hash(self._value())


@dataclass(frozen=True)
class Classification:
    """Which two-level code an answer means: a success, or the code with its catalog entry, the rule of
    catalog/koupleless-wire.toml that decided, why, the catalog's retryability and the evidence."""

    outcome: Literal["success", "error"]
    """``success`` or ``error``."""
    code: Optional[Resolved]
    """The code with its entry: the very object ``errcat.lookup`` returns for it; ``None`` for a success."""
    rule: str
    """The id of the rule that decided (``install.user-error``); for a composite answer, its first failing
    entry's."""
    why: str
    """Why the rule's answers mean its code, in one sentence."""
    retryable: Optional[bool]
    """Whether the catalog says to retry; ``None`` for a success."""
    evidence: Evidence
    """What the answer showed."""
    results: Tuple[ClassifiedItem, ...]
    """For a composite answer (``batchInstallBiz``, ``queryAllBiz``): every entry, in the answer's order; else
    empty."""

    @property
    def is_success(self) -> bool:
        """Whether the answer reports a success."""
        return self.outcome == "success"

    @property
    def reporter(self) -> Optional[Reporter]:
        """The reporter whose table holds the code (Arklet for what Arklet answered, ModuleController for its own
        client's errors); ``None`` for a success."""
        return None if self.code is None else self.code.entry.reporter

    @property
    def entry(self) -> Optional[KouplelessEntry]:
        """The code's catalog entry; ``None`` for a success."""
        return None if self.code is None else self.code.entry

    def __str__(self) -> str:
        return f"{self.code if self.code is not None else 'success'} ({self.rule})"


# The extension (``_native.classify``, bindings/python/src/classify.rs) makes these objects itself from the core's
# classification (the members of ``classify_flat``, bindings/README.md): each made by its ``__new__`` and its fields
# set as ``object.__setattr__`` sets them, without the lists of the flat view or any dict display (no frozen
# ``__init__`` runs, which would cost more than the classification itself; tests/test_classify.py checks that they
# hold exactly the fields). The code is the answer table's Resolved, picked by its answer id; an item of a composite
# answer is made by ``_item``.
def _item(key: str, classification: Optional[Classification], error: Optional[Tuple[str, str]]) -> ClassifiedItem:
    if error is None:
        return ClassifiedItem(key, classification, None)
    kind, message = error
    return ClassifiedItem(key, None, _BY_KIND[ErrorKind(kind)](message))


def _answer_rows() -> List[Optional[Resolved]]:
    """Answer id → the lookup answer (``None`` for a status answer)."""
    rows: List[Optional[Resolved]] = [None] * (max(ANSWERS) + 1)
    for id, answer in ANSWERS.items():
        if isinstance(answer, Resolved):
            rows[id] = answer
    return rows


_native.shapes(Classification, Evidence, _answer_rows(), _item, _NO_PLACEHOLDERS)
_classify = _native.classify


Body = Union[str, bytes, bytearray]


def classify(
    body: Body, command: Optional[str] = None, http_status: Optional[int] = None, tunnel: Optional[str] = None
) -> Classification:
    """Which two-level code a real answer means. ``body`` is the answer exactly as received (``str``, or ``bytes``
    or ``bytearray`` in UTF-8): the body of Arklet's HTTP response, a ``bizOperation`` payload (``tunnel="mqtt"``;
    it names its command) or the text of an error ModuleController's own client returned (``tunnel="client"``).
    ``command`` is the Arklet command sent (``installBiz``; rules for an exception on the install, uninstall or
    switch path need it), ``http_status`` the response's status, ``tunnel`` ``http`` (the default), ``mqtt`` or
    ``client``; names are read case-insensitively, an empty one (or status 0) means not given.

    >>> c = classify(b'{"code":"FAILED","data":{"code":"REPEAT_BIZ",'
    ...              b'"message":"Biz: demo:1.0.0 has been installed or registered."}}', command="installBiz")
    >>> str(c.code), c.rule, c.retryable, c.evidence.placeholders["bizName"]
    ('Arklet.InstallationRequirementNotMet', 'biz.repeat', False, 'demo')

    Never a guess: raises ``NotFoundError`` for a well-formed answer no rule classifies (the message says what was
    seen, and which command would decide when none was given), ``InvalidArgumentError`` for input that is not an
    answer errcat can read (over 16 MiB, not UTF-8, not JSON, plain text no rule knows) or a bad argument."""
    classification: Classification = _classify(body, command, http_status, tunnel)
    return classification


@overload
def enrich(
    body: str, command: Optional[str] = None, http_status: Optional[int] = None, tunnel: Optional[str] = None
) -> str: ...


@overload
def enrich(
    body: Union[bytes, bytearray],
    command: Optional[str] = None,
    http_status: Optional[int] = None,
    tunnel: Optional[str] = None,
) -> bytes: ...


def enrich(
    body: Body, command: Optional[str] = None, http_status: Optional[int] = None, tunnel: Optional[str] = None
) -> Union[str, bytes]:
    """The answer with the ``errorCode`` of its classification added after its last member, every other byte kept
    (over MQTT: in ``data.response``; an operation record: ``data.errorCode``); ModuleController's decoder ignores
    the member. Returns ``str`` for a ``str`` body, else UTF-8 ``bytes``; raises as ``classify``."""
    enriched: str = _call("enrich", body, command, http_status, tunnel)
    return enriched if isinstance(body, str) else enriched.encode()


for _cls in (Evidence, ClassifiedItem, Classification):
    _cls.__module__ = "errcat"
del _cls
