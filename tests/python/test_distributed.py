"""pith.distributed on a Dask LocalCluster of three worker processes
(loopback): output, report and stats byte-identical to ``pith dedup`` and
``pith run`` (with capped queries too), tasks run by at least two workers,
stages resumed from a kept work dir, failures raised."""

import json
import os
import pathlib
import random
import re
import subprocess
import sys

import pytest

distributed = pytest.importorskip("distributed")

import pith.distributed as pd  # noqa: E402

OPTIONS = ["--format", "jsonl", "--unit", "paragraph", "--threshold", "0.8",
           "--ngram", "3"]


def make_corpus(path, docs, seed):
    """JSONL with exact and near-duplicate paragraphs across documents."""
    rnd = random.Random(seed)
    words = ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz")
                     for _ in range(rnd.randint(2, 8))) for _ in range(1500)]
    paras = [" ".join(rnd.choice(words) for _ in range(rnd.randint(8, 50)))
             for _ in range(600)]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(docs):
            ps = []
            for _ in range(rnd.randint(1, 6)):
                p = rnd.choice(paras)
                r = rnd.random()
                if r < 0.3:
                    w = p.split()
                    w[rnd.randrange(len(w))] = rnd.choice(words)
                    p = " ".join(w)
                elif r < 0.45:
                    p = " ".join(rnd.choice(words) for _ in range(rnd.randint(3, 30)))
                ps.append(p)
            doc = {"id": f"d{i}", "text": "\n\n".join(ps), "n": i}
            if i % 41 == 3:
                doc = {"text": "\n\n".join(ps)}
            f.write(json.dumps(doc) + "\n")


def strip_stats(text):
    text = re.sub(r'"seconds": [0-9.]+', '"seconds": X', text)
    return re.sub(r'"memory_bytes": [0-9]+', '"memory_bytes": X', text)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, pith_cli):
    d = tmp_path_factory.mktemp("dist")
    inputs = [d / "a.jsonl", d / "b.jsonl"]
    make_corpus(inputs[0], 2500, 1)
    make_corpus(inputs[1], 500, 2)
    ref = {k: d / f"ref.{k}" for k in ("out", "report", "json")}
    subprocess.run([pith_cli, "dedup"] + OPTIONS +
                   ["-o", ref["out"], "--report", ref["report"],
                    "--stats-json", ref["json"]] + inputs, check=True)
    return d, [str(i) for i in inputs], ref


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=3, threads_per_worker=1,
                                  processes=True, host="127.0.0.1",
                                  dashboard_address=":0") as c:
        yield c


def test_function_on_three_workers_is_byte_identical(corpus, cluster, pith_cli):
    d, inputs, ref = corpus
    out, report, stats = d / "f.out", d / "f.report", d / "f.json"
    result = pd.dedup(inputs, out, report=report, stats_json=stats,
                      scheduler=cluster.scheduler_address, pith=pith_cli,
                      progress=False, args=OPTIONS, shards=9, partitions=4)
    assert out.read_bytes() == ref["out"].read_bytes()
    assert report.read_bytes() == ref["report"].read_bytes()
    assert strip_stats(stats.read_text()) == strip_stats(ref["json"].read_text())
    assert len(result["workers"]) >= 2, result
    assert not os.path.exists(result["work_dir"])


def test_keywords_and_resume(corpus, cluster, pith_cli):
    d, inputs, ref = corpus
    work = d / "work"
    out = d / "k.out"
    kw = dict(format="jsonl", unit="paragraph", threshold=0.8, ngram=3)
    pd.dedup(inputs, out, scheduler=cluster.scheduler_address, pith=pith_cli,
             progress=False, work_dir=work, keep_work_dir=True, shards=5, **kw)
    assert out.read_bytes() == ref["out"].read_bytes()
    signed = {p: p.stat().st_mtime_ns for p in work.glob("sign-*")}
    assert len(signed) > 5
    out.unlink()
    # Resumed: the stages whose outputs verify are not run again.
    pd.dedup(inputs, out, scheduler=cluster.scheduler_address, pith=pith_cli,
             progress=False, work_dir=work, keep_work_dir=True, shards=5, **kw)
    assert out.read_bytes() == ref["out"].read_bytes()
    assert {p: p.stat().st_mtime_ns for p in work.glob("sign-*")} == signed


def test_command_line_local_cluster(corpus, pith_cli):
    d, inputs, ref = corpus
    out, report = d / "c.out", d / "c.report"
    env = dict(os.environ, PITH_CLI=pith_cli)
    done = subprocess.run(
        [sys.executable, "-m", "pith.distributed", "dedup", "--workers", "3"] +
        OPTIONS + ["-o", str(out), "--report", str(report)] + inputs,
        env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == ref["out"].read_bytes()
    assert report.read_bytes() == ref["report"].read_bytes()
    assert "pith.distributed: sign" in done.stderr


def test_capped_queries_are_replayed(corpus, cluster, pith_cli, tmp_path):
    d, inputs, ref = corpus
    opts = ["--format", "jsonl", "--unit", "paragraph", "--threshold", "0.5",
            "--max-candidates", "2"]
    subprocess.run([pith_cli, "dedup"] + opts +
                   ["-o", tmp_path / "ref.out", "--stats-json",
                    tmp_path / "ref.json"] + inputs, check=True)
    assert json.loads((tmp_path / "ref.json").read_text())["index"][
        "capped_queries"] > 0
    pd.dedup(inputs, tmp_path / "d.out", stats_json=tmp_path / "d.json",
             scheduler=cluster.scheduler_address, pith=pith_cli,
             progress=False, args=opts, shards=4)
    assert (tmp_path / "d.out").read_bytes() == (tmp_path / "ref.out").read_bytes()
    assert strip_stats((tmp_path / "d.json").read_text()) == \
        strip_stats((tmp_path / "ref.json").read_text())


def test_stage_failure_is_raised(cluster, pith_cli, tmp_path):
    with pytest.raises(RuntimeError, match="regular files only"):
        pd.dedup(["/dev/null"], tmp_path / "x.out",
                 scheduler=cluster.scheduler_address, pith=pith_cli,
                 progress=False, args=OPTIONS)
    assert not (tmp_path / "x.out").exists()


def test_run_cleans_then_dedups_like_pith_run(tmp_path, cluster, pith_cli):
    seeds = sorted((pathlib.Path(__file__).resolve().parents[1] / "data" /
                    "seeds").glob("*.txt"))
    corpus = tmp_path / "pages.jsonl"
    with open(corpus, "w", encoding="utf-8") as f:
        for r in range(30):
            for page in seeds:
                text = page.read_text(encoding="utf-8")
                f.write(json.dumps({"id": f"{r}-{page.stem}", "text": text}) + "\n")
    opts = ["--format", "jsonl", "--unit", "paragraph"]
    subprocess.run([pith_cli, "run"] + opts + ["-o", tmp_path / "ref.out",
                   "--report", tmp_path / "ref.report", corpus], check=True)
    result = pd.run([str(corpus)], tmp_path / "d.out", report=tmp_path / "d.report",
                    scheduler=cluster.scheduler_address, pith=pith_cli,
                    progress=False, args=opts, shards=6)
    assert (tmp_path / "d.out").read_bytes() == (tmp_path / "ref.out").read_bytes()
    assert (tmp_path / "d.report").read_bytes() == \
        (tmp_path / "ref.report").read_bytes()
    assert len(result["workers"]) >= 2


def test_readme_example_runs(tmp_path, pith_cli):
    readme = pathlib.Path(__file__).resolve().parents[2] / "README.md"
    text = readme.read_text(encoding="utf-8")
    section = text[text.index("## Beyond one machine\n"):]
    section = section[:section.index("\n## ", 1)]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1
    make_corpus(tmp_path / "pages.jsonl", 400, 5)
    env = dict(os.environ, PITH_CLI=pith_cli)
    subprocess.run([sys.executable, "-c", blocks[0]], cwd=tmp_path, env=env,
                   check=True, capture_output=True, timeout=300)
    subprocess.run([pith_cli, "dedup", "--format", "jsonl", "--unit", "paragraph",
                    "-o", "ref.jsonl", "--report", "ref-dups.jsonl", "pages.jsonl"],
                   cwd=tmp_path, check=True)
    assert (tmp_path / "clean.jsonl").read_bytes() == (tmp_path / "ref.jsonl").read_bytes()
    assert (tmp_path / "dups.jsonl").read_bytes() == \
        (tmp_path / "ref-dups.jsonl").read_bytes()
