#!/usr/bin/env bash
# Installs the Python package the README's two ways, from a fresh copy of
# the repository (its tracked and untracked-but-not-ignored files: no build
# directories), offline, with Debian's interpreter and packages:
#
#   1. /usr/bin/python3 -m venv --system-site-packages V
#      V/bin/pip install --no-build-isolation --no-index .
#   2. /usr/bin/python3 -m build --no-isolation --wheel, and the wheel
#      installed into a second venv;
#
# and in each venv imports pith from outside the source tree, checks its
# version against pith --version (if BUILD_DIR/tools/pith/pith exists) and
# runs a one-liner on a seed page.
#
#   tools/ci/python_install.sh [BUILD_DIR]       (default: build)
#
# The second build reuses the first one's CMake build (build-python/ in the
# copy), so it only links again. PITH_JOBS sets the build's parallelism.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
  xargs -0 cp --parents -t "$work/src")

check() {  # check VENV_PYTHON WHAT
  (cd "$work" && "$1" - "$root/tests/data/seeds/000_d1b62c8c4f149f24.txt" \
    "$build/tools/pith/pith" "$2" <<'PY'
import os, subprocess, sys
import pith
page, cli, what = sys.argv[1:]
assert "site-packages" in pith.__file__, pith.__file__
if os.access(cli, os.X_OK):
    version = subprocess.run([cli, "--version"], capture_output=True, text=True).stdout.split()
    assert version == ["pith", pith.__version__], (version, pith.__version__)
text = open(page, encoding="utf-8").read()
r = pith.Cleaner().clean(text)
v = pith.Deduplicator(unit="paragraph").add_batch([("a", r.text), ("b", r.text)])
assert v[0].duplicates == 0 and v[1].text == "" and v[1].duplicates > 0
print(f"python_install: {what}: pith {pith.__version__} from {pith.__file__}: "
      f"{len(r.removals)} lines cleaned, {v[1].duplicates} paragraphs deduplicated")
PY
  )
}

echo "python_install: pip install --no-build-isolation --no-index ."
"$python" -m venv --system-site-packages "$work/V"
(cd "$work/src" && "$work/V/bin/pip" install --quiet --no-build-isolation --no-index .)
check "$work/V/bin/python" "pip install"

echo "python_install: python3 -m build --no-isolation --wheel"
(cd "$work/src" && "$python" -m build --no-isolation --wheel --outdir "$work/dist" >/dev/null)
wheel=$(ls "$work"/dist/pith-*.whl)
echo "python_install: built $(basename "$wheel")"
"$python" -m venv --system-site-packages "$work/W"
"$work/W/bin/pip" install --quiet --no-index "$wheel"
check "$work/W/bin/python" "wheel"
