#!/bin/bash
# Prints pith clean's quality on the development sets in one go:
# dev-extract token F1/P/R on both dumps, dev-pages boilerplate removed and
# content kept, and the seed pages' test (if its binary is given or found).
#
# usage: tools/dev/quality.sh PITH [SEEDS_TEST_BINARY]
#   SHARED   the shared data folder (default: $PITH_SHARED_DIR, else
#            ../shared next to the repo)
#   OUT      where outputs go (default: a temporary folder, removed)
#   PY       the Python that runs the scorers (default: /usr/bin/python3)
#   EXTRA    extra arguments for pith clean (e.g. "--no-main-region")
set -eo pipefail
pith=${1:?usage: quality.sh PITH [SEEDS_TEST_BINARY]}
seeds_test=${2:-$(dirname "$pith")/../../tests/seeds_quality_test}
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-${PITH_SHARED_DIR:-$top/../shared}}
if [ ! -d "$shared/corpus" ]; then
  echo "quality.sh: no corpus in $shared (set SHARED or PITH_SHARED_DIR)" >&2
  exit 2
fi
py=${PY:-/usr/bin/python3}
corpus=$shared/corpus
if [ -n "$OUT" ]; then
  out=$OUT
  mkdir -p "$out"
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi

# shellcheck disable=SC2086
clean() { "$pith" clean -f jsonl -q $EXTRA "$1" -o "$2"; }

clean "$corpus/dev-extract/pages.jsonl" "$out/de.jsonl"
clean "$corpus/dev-extract/pages_lynx.jsonl" "$out/del.jsonl"
clean "$corpus/dev-pages/pages.jsonl" "$out/dp.jsonl"
score_extract() {
  "$py" "$corpus/dev-extract/score.py" "$corpus/dev-extract/gold.jsonl" "$1" \
    --scraped none --n-bootstrap 0 --quiet --per-page "$2" | tail -1
}
printf 'dev-extract blocks  %s\n' "$(score_extract "$out/de.jsonl" "$out/de.pages.tsv")"
printf 'dev-extract lynx    %s\n' "$(score_extract "$out/del.jsonl" "$out/del.pages.tsv")"
printf 'dev-pages           %s\n' "$("$py" "$corpus/dev-pages/score.py" \
  "$corpus/dev-pages/pages.jsonl" "$corpus/dev-pages/labels.jsonl" \
  "$out/dp.jsonl" | tail -1)"
if [ -x "$seeds_test" ]; then
  if seeds=$("$seeds_test" 2>&1); then status=PASS; else status=FAIL; fi
  printf 'seeds               %s %s\n' "$status" \
    "$(grep -o 'boilerplate removed [0-9/]*' <<<"$seeds" | tail -1)"
  grep -E 'content removed|boilerplate kept' <<<"$seeds" | sed 's/^/  /' | head -20 || true
fi
