"""Shared fixtures of the pith Python tests (pytest; run by ctest, see
tests/CMakeLists.txt).

The environment ctest sets: PYTHONPATH (the build's python/ folder, where
the pith package and its extension are), PITH_CLI (the pith command of the
same build, for the tests that compare the module with it) and
PITH_SHARED_DIR (../shared, the larger dev sets; tests that need it skip
without it).
"""

import os
import pathlib
import subprocess

import pytest

TESTS_DIR = pathlib.Path(__file__).resolve().parents[1]
SEEDS = sorted((TESTS_DIR / "data" / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def pith_cli():
    """The path of the pith command, or skip."""
    cli = os.environ.get("PITH_CLI", "")
    if not cli or not os.access(cli, os.X_OK):
        pytest.skip("no pith command (PITH_CLI)")
    return cli


@pytest.fixture(scope="session")
def shared_dir():
    """The ../shared folder with the dev corpora, or skip."""
    shared = os.environ.get("PITH_SHARED_DIR") or str(TESTS_DIR.parent.parent / "shared")
    path = pathlib.Path(shared)
    if not (path / "corpus").is_dir():
        pytest.skip(f"no dev corpora in {path}")
    return path


@pytest.fixture(scope="session")
def seeds():
    """The seed pages shipped in tests/data/seeds: [(path, text)]."""
    assert SEEDS, "tests/data/seeds is empty"
    return [(p, p.read_text(encoding="utf-8")) for p in SEEDS]


def run_cli(cli, *args, stdin=None):
    """Runs the pith command; returns its stdout (bytes). Fails on an error."""
    result = subprocess.run([cli, *map(str, args)], input=stdin,
                            capture_output=True, check=False)
    assert result.returncode == 0, (args, result.stderr.decode(errors="replace"))
    return result.stdout
