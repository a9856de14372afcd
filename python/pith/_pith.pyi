"""Type stubs for pith._pith, the native module behind the pith package.

The docstrings of the module itself (help(pith.Cleaner)...) describe each
call; these stubs give editors and type checkers the signatures.
"""

import os
from typing import Any, Callable, Iterable, Literal, Sequence, Tuple, Union

import numpy
import numpy.typing

__version__: str

Text = Union[str, bytes]
Path = Union[str, bytes, os.PathLike]
DocId = Union[str, int]

class Rule:
    """One rule of a rule file: ACTION NAME PATTERN."""

    @property
    def action(self) -> Literal["drop", "drop-rest", "drop-before", "strip", "reject"]: ...
    @property
    def name(self) -> str: ...
    @property
    def pattern(self) -> str: ...
    @property
    def source(self) -> str:
        """Where the rule came from: FILE:LINE."""

class RuleSet:
    """A compiled set of line rules. Bad rules raise ValueError naming FILE:LINE."""

    @staticmethod
    def default(*, max_mem: int = ..., remembered_lines: int = ...) -> RuleSet:
        """The built-in rules."""
    @staticmethod
    def from_file(path: Path, *, max_mem: int = ..., remembered_lines: int = ...) -> RuleSet:
        """Reads a rule file (FileNotFoundError if it cannot be read)."""
    @staticmethod
    def from_text(
        text: Text, name: str = "rules", *, max_mem: int = ..., remembered_lines: int = ...
    ) -> RuleSet:
        """Parses rule-file text; messages call it NAME."""
    @property
    def rules(self) -> list[Rule]: ...
    def __len__(self) -> int: ...
    def __add__(self, other: RuleSet) -> RuleSet:
        """Both sets' rules, this one's first (ValueError if a name repeats)."""
    def match(self, line: Text) -> list[str]:
        """The names of the rules that match LINE."""

class Removal:
    """One line the Cleaner removed."""

    @property
    def line(self) -> int:
        """1-based line number in the document."""
    @property
    def rule(self) -> str:
        """The rule, or "repeated-line", "edge-run", "classifier"."""
    @property
    def text(self) -> Text:
        """The removed text (str or bytes, as the document was)."""
    @property
    def partial(self) -> bool:
        """True if a strip rule removed only part of the line."""

class CleanResult:
    """The result of cleaning one document."""

    @property
    def text(self) -> Text:
        """The kept lines (str or bytes, as the document was)."""
    @property
    def removals(self) -> list[Removal]: ...
    @property
    def rejected(self) -> bool: ...
    @property
    def reject_rule(self) -> str: ...
    @property
    def reject_line(self) -> int: ...
    @property
    def unchanged(self) -> bool: ...

class Cleaner:
    """Removes scraper boilerplate: line rules plus heuristics (thread-safe)."""

    def __init__(
        self,
        rules: Union[None, RuleSet, Path] = None,
        *,
        drop_repeated_lines: bool = True,
        drop_edge_runs: bool = True,
        classify_paragraphs: bool = True,
        footer_zone: float = 0.5,
        header_zone: float = 0.5,
        tidy_blank_lines: bool = True,
        report_removed_text: bool = True,
        edge_run_max_words: int = 6,
        edge_run_min_lines: int = 3,
        classifier_length_low: int = 70,
        classifier_length_high: int = 200,
        classifier_stopwords_low: float = 0.30,
        classifier_stopwords_high: float = 0.32,
        **options: Any,
    ) -> None: ...
    def clean(self, text: Text) -> CleanResult:
        """Cleans one document (GIL released)."""
    def clean_many(self, texts: Iterable[Text], threads: int = 0) -> list[CleanResult]:
        """Cleans many documents on THREADS threads (0: one per core), GIL released."""
    @property
    def options(self) -> dict[str, Any]: ...
    @property
    def rules(self) -> list[Rule]: ...

class RemovedUnit:
    """A unit removed as a near-duplicate of an earlier one."""

    @property
    def line(self) -> int: ...
    @property
    def last_line(self) -> int: ...
    @property
    def doc(self) -> str:
        """The id of the earlier document (as a str)."""
    @property
    def doc_number(self) -> int: ...
    @property
    def of_line(self) -> int: ...
    @property
    def similarity(self) -> float: ...
    @property
    def exact(self) -> bool: ...

class Verdict:
    """The Deduplicator's verdict on one document."""

    @property
    def id(self) -> DocId: ...
    @property
    def number(self) -> int: ...
    @property
    def text(self) -> Text:
        """The text without its duplicate units (str or bytes, as given)."""
    @property
    def duplicates(self) -> int: ...
    @property
    def units(self) -> int: ...
    @property
    def removed(self) -> list[RemovedUnit]: ...

class Deduplicator:
    """Near-duplicate removal across documents (MinHash + LSH, first seen wins)."""

    def __init__(
        self,
        *,
        unit: Literal["line", "paragraph", "document"] = "line",
        threshold: float = 0.8,
        ngram: int = 3,
        min_words: int = 5,
        num_perm: int = 128,
        bands: int | None = None,
        rows: int | None = None,
        seed: int = 1,
        verify: Literal["signature", "exact"] = "signature",
        threads: int = 0,
        signature_margin: float = 0.0,
        max_candidates: int = 100,
        tidy_blank_lines: bool = True,
        shingle_unit: Literal["word", "char"] = "word",
        shingle_seed: int = 0,
        **options: Any,
    ) -> None: ...
    @staticmethod
    def open(path: Path, **options: Any) -> Deduplicator:
        """Loads a saved index, or makes an empty one if PATH does not exist."""
    @staticmethod
    def read_options(path: Path) -> dict[str, Any]:
        """The options an index file records, as keywords for open()."""
    def add(self, doc_id: DocId, text: Text) -> Verdict:
        """Decides and adds one document (GIL released)."""
    def add_batch(self, documents: Iterable[Tuple[DocId, Text]]) -> list[Verdict]:
        """add() on each (id, text) in turn, signing on several threads (GIL released)."""
    def remove(self, doc_id: DocId) -> int:
        """Forgets every document added with DOC_ID; KeyError if none."""
    def save(self, path: Path) -> None:
        """Writes the index atomically."""
    def close(self) -> None:
        """Releases the index lock that open() took; later calls raise ValueError."""
    @property
    def closed(self) -> bool: ...
    def __enter__(self) -> "Deduplicator": ...
    def __exit__(self, *exc: Any) -> bool: ...
    @property
    def stats(self) -> dict[str, Union[int, float]]: ...
    @property
    def options(self) -> dict[str, Any]: ...

def signatures(
    texts: Iterable[Text],
    ngram: int = 3,
    num_perm: int = 128,
    seed: int = 1,
    *,
    threads: int = 0,
) -> numpy.typing.NDArray[numpy.uint32]:
    """MinHash signatures, shape (len(texts), num_perm), uint32."""

def jaccard(a: numpy.typing.ArrayLike, b: numpy.typing.ArrayLike) -> float:
    """The fraction of equal slots of two signatures."""

def run(
    inputs: Union[Path, Sequence[Path]],
    output: Path,
    clean: bool = True,
    dedup: bool = True,
    report: Path | None = None,
    *,
    format: Literal["auto", "text", "jsonl"] = "auto",
    rules: Union[None, RuleSet, Path] = None,
    removals: Path | None = None,
    index: Path | None = None,
    threads: int = 0,
    drop_rejected: bool = False,
    min_chars: int = 0,
    progress: Callable[[dict[str, Any]], None] | None = None,
    **options: Any,
) -> dict[str, Any]:
    """The whole pipeline on files, as the pith command runs it."""
