"""The module gives what the pith command gives: Cleaner on each seed page
as pith clean, Deduplicator on dev-neardup as pith dedup --unit paragraph,
and run() byte for byte as pith run / pith dedup."""

import json

import pytest

import pith
from conftest import run_cli


def as_cli_writes(text):
    """pith clean's text output for one document: the text, plus a newline
    if it is not empty and does not end with one."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    return text if not text or text.endswith(newline) else text + newline


def test_cleaner_equals_pith_clean_on_each_seed(pith_cli, seeds):
    cleaner = pith.Cleaner()
    removals = 0
    for path, text in seeds:
        r = cleaner.clean(text)
        assert not r.rejected
        removals += len(r.removals)
        cli = run_cli(pith_cli, "clean", path).decode("utf-8")
        assert as_cli_writes(r.text) == cli, path
        # Bytes in: the same bytes out.
        assert as_cli_writes(cleaner.clean(text.encode()).text) == cli.encode()
    assert removals > 20  # The seeds have boilerplate.


def test_clean_many_equals_pith_clean_on_the_seeds(pith_cli, seeds):
    results = pith.Cleaner().clean_many([t for _, t in seeds], threads=2)
    cli = run_cli(pith_cli, "clean", *[p for p, _ in seeds]).decode("utf-8")
    assert "".join(as_cli_writes(r.text) for r in results) == cli


def test_cleaner_removals_equal_pith_clean_explain(pith_cli, seeds, tmp_path):
    for path, text in seeds:
        explain = tmp_path / "explain.jsonl"
        run_cli(pith_cli, "clean", "--explain", explain, path)
        cli = [json.loads(line) for line in explain.read_text().splitlines()]
        r = pith.Cleaner().clean(text)
        assert [(x.line, x.rule, x.text) for x in r.removals] == \
            [(c["line"], c["rule"], c["text"]) for c in cli], path


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_dedup_keeps_what_pith_dedup_keeps_on_dev_neardup(pith_cli, shared_dir, tmp_path):
    docs_path = shared_dir / "corpus" / "dev-neardup" / "docs.jsonl"
    docs = read_jsonl(docs_path)
    out, report = tmp_path / "out.jsonl", tmp_path / "report.jsonl"
    run_cli(pith_cli, "dedup", "--unit", "paragraph", "-f", "jsonl", "-o", out,
            "--report", report, docs_path)
    cli = read_jsonl(out)
    d = pith.Deduplicator(unit="paragraph", threshold=0.8, ngram=3)
    verdicts = d.add_batch((doc["id"], doc["text"]) for doc in docs)
    assert len(verdicts) == len(cli) == len(docs)
    mismatched = [v.id for v, c in zip(verdicts, cli) if v.text != c["text"]]
    assert mismatched == []
    removed = [{"doc": v.id, "line": r.line,
                "duplicate_of": {"doc": r.doc, "line": r.of_line}}
               for v in verdicts for r in v.removed]
    cli_removed = read_jsonl(report)
    assert len(removed) == len(cli_removed) > 1000
    assert removed == [{k: c[k] for k in ("doc", "line", "duplicate_of")} for c in cli_removed]
    assert [round(r.similarity, 4) for v in verdicts for r in v.removed] == \
        [round(c["similarity"], 4) for c in cli_removed]


def test_run_equals_pith_run_on_the_seeds(pith_cli, seeds, tmp_path):
    paths = [p for p, _ in seeds]
    out, report = tmp_path / "py.txt", tmp_path / "py-report.jsonl"
    stats = pith.run(paths, out, report=report, threshold=0.55)
    cli_out, cli_report = tmp_path / "cli.txt", tmp_path / "cli-report.jsonl"
    run_cli(pith_cli, "run", "--threshold", "0.55", "--report", cli_report, "-o", cli_out, *paths)
    assert out.read_bytes() == cli_out.read_bytes()
    assert report.read_bytes() == cli_report.read_bytes()
    assert report.read_bytes()  # The README's one record.
    assert stats["documents"] == len(paths) and stats["units_removed"] >= 1
    assert stats["lines_removed"] > 0 and stats["removed_by"]


def test_run_equals_pith_dedup_on_dev_neardup(pith_cli, shared_dir, tmp_path):
    docs_path = shared_dir / "corpus" / "dev-neardup" / "docs.jsonl"
    out, report = tmp_path / "py.jsonl", tmp_path / "py-report.jsonl"
    pith.run(docs_path, out, clean=False, report=report, unit="paragraph", threads=2)
    cli_out, cli_report = tmp_path / "cli.jsonl", tmp_path / "cli-report.jsonl"
    run_cli(pith_cli, "dedup", "-f", "jsonl", "--unit", "paragraph", "--report", cli_report,
            "-o", cli_out, docs_path)
    assert out.read_bytes() == cli_out.read_bytes()
    assert report.read_bytes() == cli_report.read_bytes()


def test_run_equals_pith_run_on_dev_neardup_jsonl(pith_cli, shared_dir, tmp_path):
    docs_path = shared_dir / "corpus" / "dev-neardup" / "docs.jsonl"
    out = tmp_path / "py.jsonl"
    pith.run([docs_path], out, unit="paragraph")
    cli_out = tmp_path / "cli.jsonl"
    run_cli(pith_cli, "run", "-f", "jsonl", "--unit", "paragraph", "-o", cli_out, docs_path)
    assert out.read_bytes() == cli_out.read_bytes()


def test_version_is_the_cli_version(pith_cli):
    out = run_cli(pith_cli, "--version").decode().split()
    assert out == ["pith", pith.__version__]
