"""The README's Python examples run, on the seed pages as pages.jsonl."""

import json
import re
import subprocess
import sys

from conftest import SEEDS, TESTS_DIR

README = TESTS_DIR.parent / "README.md"


def python_blocks():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Python\n"):]
    section = section[:section.index("\n## ", 1)]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_readme_examples_run(tmp_path):
    blocks = python_blocks()
    assert len(blocks) == 2
    pages = [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "url": f"https://x/{p.stem}"}
             for p in SEEDS]
    pages += [dict(pages[0], id="copy")]  # A page seen before.
    (tmp_path / "pages.jsonl").write_text("".join(json.dumps(p) + "\n" for p in pages))
    subprocess.run([sys.executable, "-c", blocks[0]], cwd=tmp_path, check=True)
    out = [json.loads(line) for line in (tmp_path / "clean.jsonl").read_text().splitlines()]
    assert [d["id"] for d in out] == [p.stem for p in SEEDS]  # The copy went.
    assert all(d["url"].startswith("https://x/") for d in out)
    assert all(d["text"] for d in out)

    subprocess.run([sys.executable, "-c", "import pith\n" + blocks[1]], cwd=tmp_path,
                   check=True)
    out = [json.loads(line) for line in (tmp_path / "clean.jsonl").read_text().splitlines()]
    assert [d["id"] for d in out] == [p["id"] for p in pages]
    assert out[-1]["text"] == ""  # pith run keeps the record, without its text.
    assert (tmp_path / "dups.jsonl").read_text().count("\n") > 5
