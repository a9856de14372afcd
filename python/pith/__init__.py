"""pith: cleans scraped web text and removes near-duplicates, at native speed.

The Python face of the pith C++ library and of the ``pith`` command:

* ``Cleaner`` removes boilerplate lines (``RuleSet`` rules and heuristics)
  from one document or many (``clean_many``, on several threads);
* ``Deduplicator`` removes near-duplicate lines, paragraphs or documents
  across documents (MinHash + LSH, first seen wins), one document at a time
  (``add``) or in batches (``add_batch``, on several threads);
* ``run`` runs the whole pipeline on files, as ``pith run`` does;
* ``signatures`` and ``jaccard`` are the MinHash building blocks.

Texts may be ``str`` or ``bytes``. A ``str`` is passed as its UTF-8 bytes (a
lone surrogate becomes U+FFFD, as in pith's JSONL reader); ``bytes`` are
passed as they are, invalid UTF-8 included, as the ``pith`` command reads a
file. Results come back in the type given.

Errors are exceptions, never crashes: ``ValueError`` for bad rules, options
or input data (with the message the ``pith`` command prints, e.g.
``site.rules:7: rule "x": missing ): (foo``), ``OSError`` (and
``FileNotFoundError``...) for files, ``TypeError`` for arguments of the wrong
type or unknown keywords, ``MemoryError`` when a memory budget runs out.

Example::

    import json, pith

    cleaner = pith.Cleaner()
    dedup = pith.Deduplicator(unit="paragraph")
    with open("pages.jsonl") as f:
        docs = [json.loads(line) for line in f]
    cleaned = cleaner.clean_many([d["text"] for d in docs])
    verdicts = dedup.add_batch((d["id"], c.text) for d, c in zip(docs, cleaned))
"""

from ._pith import (
    CleanResult,
    Cleaner,
    Deduplicator,
    Removal,
    RemovedUnit,
    Rule,
    RuleSet,
    Verdict,
    __version__,
    jaccard,
    run,
    signatures,
)

__all__ = [
    "CleanResult",
    "Cleaner",
    "Deduplicator",
    "Removal",
    "RemovedUnit",
    "Rule",
    "RuleSet",
    "Verdict",
    "__version__",
    "jaccard",
    "run",
    "signatures",
]
