"""pith.Deduplicator: verdicts, add vs add_batch, ids and remove(), save and
open, options (the CLI's defaults), errors."""

import re
import subprocess

import pytest

import pith

P1 = ("The council approved the new budget on Tuesday after a long debate that "
      "went on until late in the evening, and the mayor said that the plan would "
      "be published next week so that residents could read it and send their "
      "comments to the office before the final vote in the spring.")
P2 = ("Officials expect the changes to take effect in the spring, when the first "
      "projects are due to start across the city, and they said that the work "
      "on the roads and the schools would be done in stages over the next three "
      "years to keep the disruption for the people who live there small.")
P3 = ("A completely different paragraph about football results, with the home "
      "side winning three goals to one in the rain after the visitors had taken "
      "the lead in the first half, and the manager said that he was proud of the "
      "way his players had come back in front of their own fans on the night.")


def keyed(verdicts):
    return [(v.number, v.text, v.duplicates,
             [(r.line, r.last_line, r.doc, r.doc_number, r.of_line, r.similarity, r.exact)
              for r in v.removed]) for v in verdicts]


def docs():
    edited = P1.replace("Tuesday", "Wednesday")
    return [
        ("a", f"{P1}\n\n{P2}\n"),
        ("b", f"{P3}\n\n{P1}\n"),
        ("c", f"{edited}\n\nShort line.\n\n{P2}\n"),
        (7, f"{P3}\n"),
        ("e", ""),
    ]


def test_add_gives_verdicts():
    d = pith.Deduplicator(unit="paragraph")
    first = d.add("a", f"{P1}\n\n{P2}\n")
    assert first.duplicates == 0 and first.removed == [] and first.units == 2
    second = d.add("b", f"{P3}\n\n{P1}\n")
    assert second.id == "b" and second.number == 1
    assert second.text == f"{P3}\n"
    assert second.duplicates == 1
    (r,) = second.removed
    assert (r.line, r.doc, r.doc_number, r.of_line, r.similarity, r.exact) == \
        (3, "a", 0, 1, 1.0, True)


def test_add_batch_equals_add_in_turn():
    one = pith.Deduplicator(unit="paragraph")
    by_add = [one.add(i, t) for i, t in docs()]
    for threads in (1, 2, 0):
        batch = pith.Deduplicator(unit="paragraph", threads=threads)
        by_batch = batch.add_batch(docs())
        assert keyed(by_batch) == keyed(by_add)
        assert [v.id for v in by_batch] == [i for i, _ in docs()]
        assert batch.stats == one.stats
    near = by_add[2]
    assert near.duplicates == 2 and not near.removed[0].exact
    assert 0.8 <= near.removed[0].similarity < 1
    # Generators and lists of lists work too.
    d = pith.Deduplicator(unit="paragraph")
    assert keyed(d.add_batch([list(x) for x in docs()])) == keyed(by_add)
    d = pith.Deduplicator(unit="paragraph")
    assert keyed(d.add_batch(x for x in docs())) == keyed(by_add)


def test_text_types():
    d = pith.Deduplicator(unit="paragraph")
    v = d.add("a", f"{P1}\n".encode())
    assert isinstance(v.text, bytes)
    v = d.add("b", f"{P2}\n\n{P1}\n".encode() + b"\xff\xfe\n")
    assert v.text == f"{P2}\n\n".encode() + b"\xff\xfe\n" or v.text.startswith(P2.encode())
    text = f"{P3}\n"
    v = d.add("c", text)
    assert v.text is text  # Nothing removed: the object given.


def test_remove_forgets_every_document_with_the_id():
    d = pith.Deduplicator(unit="paragraph")
    d.add("page", f"{P1}\n")
    d.add("page", f"{P2}\n")  # A repeated id: a second document.
    assert d.add("x", f"{P1}\n").duplicates == 1
    assert d.remove("page") == 2
    assert d.stats["removed_documents"] == 2
    with pytest.raises(KeyError):
        d.remove("page")
    with pytest.raises(KeyError):
        d.remove("never")
    # P2 is forgotten; P1 was indexed again by "x"? No: an exact duplicate is
    # not indexed, so P1 is forgotten too.
    assert d.add("y", f"{P2}\n").duplicates == 0
    # Int ids are kept as their digits.
    d.add(42, f"{P3}\n")
    v = d.add("z", f"{P3}\n")
    assert v.removed[0].doc == "42"
    assert d.remove(42) == 1


def test_save_and_open(tmp_path):
    path = tmp_path / "index.pidx"
    d = pith.Deduplicator.open(path, unit="paragraph")  # Missing: empty.
    d.add("a", f"{P1}\n\n{P2}\n")
    d.save(path)
    assert path.stat().st_size > 0
    # open() holds the index lock until close(): a second open() is refused.
    with pytest.raises(OSError, match="in use by process"):
        pith.Deduplicator.open(path, unit="paragraph")
    d.close()
    assert d.closed
    with pytest.raises(ValueError, match="closed"):
        d.add("c", P1)
    again = pith.Deduplicator.open(str(path), unit="paragraph")
    assert again.stats["documents"] == 1
    v = again.add("b", f"{P2}\n")
    assert v.duplicates == 1 and v.removed[0].doc == "a"
    again.close()
    with pytest.raises(ValueError, match="unit"):
        pith.Deduplicator.open(path, unit="line")
    with pytest.raises(ValueError, match="threshold"):
        pith.Deduplicator.open(path, unit="paragraph", threshold=0.5)
    recorded = pith.Deduplicator.read_options(path)
    assert recorded["unit"] == "paragraph" and recorded["threshold"] == 0.8
    assert "threads" not in recorded
    with pith.Deduplicator.open(path, **recorded) as reopened:
        assert reopened.stats["documents"] == 1
    with pytest.raises(FileNotFoundError):
        pith.Deduplicator.read_options(tmp_path / "none.pidx")
    bad = tmp_path / "bad.pidx"
    bad.write_bytes(b"not an index at all" * 10)
    with pytest.raises(ValueError):
        pith.Deduplicator.open(bad, unit="paragraph")
    truncated = tmp_path / "truncated.pidx"
    truncated.write_bytes(path.read_bytes()[:100])
    with pytest.raises(OSError):
        pith.Deduplicator.open(truncated, unit="paragraph")
    fresh = pith.Deduplicator(unit="paragraph")
    with pytest.raises(OSError):
        fresh.save(tmp_path / "no" / "such" / "dir" / "index.pidx")


def cli_defaults(cli, command):
    """{flag: default} from the option table of 'pith COMMAND --help'."""
    help_text = subprocess.run([cli, command, "--help"], capture_output=True,
                               text=True, check=True).stdout
    defaults, flag = {}, None
    for line in help_text.splitlines():
        m = re.match(r"\s+(?:-\w, )?--([a-z-]+)", line)
        if m:
            flag = m.group(1)
        d = re.search(r"\[Default: ([^\]]+)\]", line)
        if d and flag:
            defaults[flag] = d.group(1)
    return defaults


def test_defaults_are_the_cli_defaults(pith_cli):
    cli = cli_defaults(pith_cli, "dedup")
    options = pith.Deduplicator().options
    for flag, name in [("unit", "unit"), ("threshold", "threshold"), ("ngram", "ngram"),
                       ("min-words", "min_words"), ("verify", "verify"),
                       ("num-perm", "num_perm"), ("seed", "seed"), ("threads", "threads")]:
        assert str(options[name]) == cli[flag], flag
    assert options["bands"] is None and options["rows"] is None
    assert "bands" not in cli and "rows" not in cli  # Chosen from the threshold.


def test_defaults_keep_what_the_cli_keeps(pith_cli, seeds, tmp_path):
    out = run_dedup_cli(pith_cli, tmp_path, seeds, [])
    d = pith.Deduplicator()
    verdicts = d.add_batch((str(p), t) for p, t in seeds)
    assert "".join(v.text if v.text.endswith("\n") or not v.text else v.text + "\n"
                   for v in verdicts) == out


def run_dedup_cli(cli, tmp_path, seeds, args):
    out = tmp_path / "out.txt"
    subprocess.run([cli, "dedup", *args, "-o", str(out), *[str(p) for p, _ in seeds]],
                   check=True)
    return out.read_text(encoding="utf-8")


def test_margin_as_the_cli_sets_it():
    default = pith.Deduplicator().options["signature_margin"]
    assert pith.Deduplicator(threshold=0.5).options["signature_margin"] == default
    if default > 0:  # A threshold below the default margin zeroes it.
        assert pith.Deduplicator(threshold=default / 2).options["signature_margin"] == 0
    assert pith.Deduplicator(threshold=0.5, signature_margin=0.03).options[
        "signature_margin"] == 0.03
    with pytest.raises(ValueError, match="margin"):
        pith.Deduplicator(threshold=0.04, signature_margin=0.045)


def test_errors_are_exceptions():
    with pytest.raises(TypeError, match=r"Deduplicator\(\) got an unexpected keyword argument 'treshold'"):
        pith.Deduplicator(treshold=0.8)
    with pytest.raises(ValueError, match="'unit' must be 'line', 'paragraph' or 'document', not 'para'"):
        pith.Deduplicator(unit="para")
    with pytest.raises(ValueError, match="threshold must be in"):
        pith.Deduplicator(threshold=1.5)
    with pytest.raises(ValueError, match="bands and rows"):
        pith.Deduplicator(bands=4)
    with pytest.raises(ValueError):
        pith.Deduplicator(bands=20, rows=20)
    with pytest.raises(ValueError):
        pith.Deduplicator(num_perm=0)
    with pytest.raises(TypeError, match="must be an int, not float"):
        pith.Deduplicator(ngram=3.0)
    with pytest.raises(TypeError):
        pith.Deduplicator("paragraph")
    d = pith.Deduplicator()
    with pytest.raises(TypeError, match="doc_id must be a str or an int, not NoneType"):
        d.add(None, "text")
    with pytest.raises(TypeError, match="text must be str or bytes, not list"):
        d.add("a", ["text"])
    with pytest.raises(TypeError, match=r"items must be \(id, text\) pairs, not str"):
        d.add_batch(["abc"])
    with pytest.raises(TypeError, match=r"items must be \(id, text\) pairs"):
        d.add_batch([("a", "b", "c")])
    with pytest.raises(TypeError):
        d.add_batch("not pairs")
    with pytest.raises(TypeError):
        d.add_batch(None)
    assert d.stats["documents"] == 0  # Nothing was added by the failed calls.


def test_stats_and_options():
    d = pith.Deduplicator(unit="paragraph", bands=16, rows=8)
    d.add_batch(docs())
    s = d.stats
    assert s["documents"] == 5 and s["bands"] == 16 and s["rows"] == 8
    assert s["exact_duplicates"] >= 2 and s["memory_bytes"] > 0
    assert d.options["bands"] == 16 and d.options["unit"] == "paragraph"
