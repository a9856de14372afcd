#!/bin/bash
# pith clean on the dev-pages set, scored by its score.py against floors.
# usage: bash clean_eval_test.sh PITH_BINARY TESTS_SOURCE_DIR
source "$(dirname "$0")/lib.sh"
require_shared corpus/dev-pages pages.jsonl
set -eo pipefail

"$PITH" clean --format jsonl -q -o "$TMP/out.jsonl" "$DEV/pages.jsonl"
python3 "$DEV/score.py" "$DEV/pages.jsonl" "$DEV/labels.jsonl" \
  "$TMP/out.jsonl" --by-lang > "$TMP/score.txt"
cat "$TMP/score.txt"

# Floors just under what the defaults reach (boilerplate removed 0.849,
# content kept 0.947; the content floor is the base build's 0.943).
python3 - "$TMP/score.txt" <<'PY'
import re, sys
last = open(sys.argv[1]).read().strip().splitlines()[-1]
m = re.match(r"boilerplate removed ([\d.]+) content kept ([\d.]+)", last)
if not m:
    sys.exit("FAIL: cannot parse: " + last)
removed, kept = float(m.group(1)), float(m.group(2))
floors = {"boilerplate removed": (removed, 0.845), "content kept": (kept, 0.943)}
bad = [f"{k} {v:.3f} < {f}" for k, (v, f) in floors.items() if v < f]
if bad:
    sys.exit("FAIL: " + "; ".join(bad))
print("PASS")
PY
