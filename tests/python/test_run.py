"""pith.run(): formats, outputs, options and errors."""

import json

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


def write_jsonl(path, docs):
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path):
    return write_jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": f"{P1}\n\n{P2}\n", "url": "https://a.example/"},
        {"id": "b", "text": f"Read more\n\n{P1}\n", "lang": "en"},
        {"id": "c", "text": f"{P2}\n"},
    ])


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_is_found_by_name_and_other_fields_are_kept(corpus, tmp_path):
    out, report, removals = tmp_path / "out.jsonl", tmp_path / "r.jsonl", tmp_path / "x.jsonl"
    stats = pith.run([corpus], out, report=report, removals=removals, unit="paragraph")
    docs = read_jsonl(out)
    assert [d["id"] for d in docs] == ["a", "b", "c"]
    assert docs[0]["url"] == "https://a.example/" and docs[1]["lang"] == "en"
    assert docs[0]["text"] == f"{P1}\n\n{P2}\n"
    assert "Read more" not in docs[1]["text"] and P1 not in docs[1]["text"]
    assert docs[2]["text"] == ""
    assert stats["documents"] == 3 and stats["units_removed"] == 2
    assert stats["documents_written"] == 3 and stats["warnings"] == []
    assert [r["doc"] for r in read_jsonl(report)] == ["b", "c"]
    assert any(r["rule"] == "read-more" for r in read_jsonl(removals))
    assert stats["dedup"]["exact_duplicates"] == 2


def test_stages_can_be_switched_off(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    pith.run(corpus, out, clean=False, dedup=False)
    assert out.read_bytes() == corpus.read_bytes()
    pith.run(corpus, out, dedup=False, drop_rejected=True)
    assert "Read more" not in out.read_text()
    pith.run(corpus, out, clean=False, unit="paragraph", min_chars=1)
    assert [d["id"] for d in read_jsonl(out)] == ["a", "b"]


def test_text_format_and_explicit_format(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(f"{P1}\n")
    b.write_text(f"{P1}\n{P2}\n")
    out = tmp_path / "out.txt"
    pith.run([a, str(b)], out, clean=False)
    assert out.read_text() == f"{P1}\n{P2}\n"
    jsonl = write_jsonl(tmp_path / "docs.data", [{"id": 1, "text": P1}])
    pith.run(jsonl, out, format="jsonl", clean=False)
    assert read_jsonl(out)[0]["text"] == P1
    with pytest.raises(ValueError, match="some inputs are named .jsonl"):
        pith.run([a, tmp_path / "x.jsonl"], out)
    with pytest.raises(ValueError, match="'format' must be"):
        pith.run(a, out, format="json")


def test_index_grows_across_runs(corpus, tmp_path):
    index = tmp_path / "corpus.pidx"
    out = tmp_path / "out.jsonl"
    first = pith.run(corpus, out, clean=False, unit="paragraph", index=index)
    assert index.exists() and first["units_removed"] == 2
    second = pith.run(corpus, out, clean=False, unit="paragraph", index=index)
    assert second["units_removed"] == 4  # Everything was seen in the first run.
    d = pith.Deduplicator.open(index, unit="paragraph")
    assert d.stats["documents"] == 6


def test_progress_is_called(corpus, tmp_path):
    calls = []
    pith.run(corpus, tmp_path / "out.jsonl", progress=calls.append)
    assert calls and calls[-1]["done"] and calls[-1]["documents"] == 3

    def fails(p):
        raise RuntimeError("stop")
    with pytest.raises(RuntimeError, match="stop"):
        pith.run(corpus, tmp_path / "out.jsonl", progress=fails)


def test_errors(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    with pytest.raises(FileNotFoundError, match="missing.jsonl"):
        pith.run(tmp_path / "missing.jsonl", out)
    assert not out.exists()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "fine"}\n{"id": "b", "text": \n')
    with pytest.raises(ValueError, match=f"^{bad}:2: "):
        pith.run(bad, out)
    assert not out.exists()  # A failed run leaves no output.
    stats = pith.run(bad, out, on_error="skip")
    assert stats["skipped_lines"] == 1 and stats["warnings"][0].startswith(f"{bad}:2: ")
    with pytest.raises(OSError):
        pith.run(corpus, tmp_path / "no" / "dir" / "out.jsonl")
    with pytest.raises(TypeError, match=r"run\(\) got an unexpected keyword argument 'treshold'"):
        pith.run(corpus, out, treshold=0.5)
    with pytest.raises(ValueError, match="'threshold' is a dedup option, but dedup=False"):
        pith.run(corpus, out, dedup=False, threshold=0.5)
    with pytest.raises(ValueError, match="'footer_zone' is a cleaning option, but clean=False"):
        pith.run(corpus, out, clean=False, footer_zone=0.3)
    with pytest.raises(ValueError, match="report given, but dedup=False"):
        pith.run(corpus, out, dedup=False, report=tmp_path / "r.jsonl")
    with pytest.raises(ValueError, match="rule"):
        pith.run(corpus, out, rules=pith.RuleSet.from_text("drop ok x\n") + pith.RuleSet.from_text("drop ok y\n"))
    with pytest.raises(TypeError):
        pith.run(corpus, None)
    with pytest.raises(TypeError, match="inputs must be a path"):
        pith.run(3, out)
    with pytest.raises(ValueError, match="at least one input"):
        pith.run([], out)
    with pytest.raises(ValueError, match="unit"):
        pith.run(corpus, out, unit="sentence")
