#!/usr/bin/env bash
# Shows that two builds of pith give byte-identical output: runs
# pith clean, dedup, run and explain (JSONL and text, one thread and two) on
# the seed pages and, where ../shared exists, on dev-pages, both dev-extract
# dumps and dev-neardup, with each build, and compares every output, report
# and --explain file byte for byte.
#
#   tools/dev/compare_outputs.sh OLD_PITH NEW_PITH [SHARED_DIR]
#
# Prints one line per comparison and exits 1 if any differs. Use it for a
# change that must not change behaviour (a refactoring): build the commit
# before it and the change, then compare.
set -uo pipefail
old=${1:?usage: $0 OLD_PITH NEW_PITH [SHARED_DIR]}
new=${2:?usage: $0 OLD_PITH NEW_PITH [SHARED_DIR]}
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${3:-$root/../shared}
work=$(mktemp -d "${TMPDIR:-/tmp}/pith_compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
differ=0

# compare NAME ARGS...: runs "pith ARGS..." with each build; "@OUT@",
# "@REPORT@" and "@EXPLAIN@" in ARGS name per-build files.
compare() {
  local name=$1
  shift
  for side in old new; do
    local bin=$old
    [ $side = new ] && bin=$new
    local args=()
    for a in "$@"; do
      a=${a//@OUT@/$work/$side.out}
      a=${a//@REPORT@/$work/$side.report}
      a=${a//@EXPLAIN@/$work/$side.explain}
      args+=("$a")
    done
    rm -f "$work/$side".*
    "$bin" "${args[@]}" >"$work/$side.stdout" 2>"$work/$side.stderr"
    echo "exit $?" >>"$work/$side.stdout"
    # Timings differ from run to run.
    sed -i -E 's/^(time +).*/\1T/' "$work/$side.stderr"
  done
  local bad=()
  for f in stdout stderr out report explain; do
    [ -e "$work/old.$f" ] || [ -e "$work/new.$f" ] || continue
    cmp -s "$work/old.$f" "$work/new.$f" || bad+=("$f")
  done
  if [ ${#bad[@]} -eq 0 ]; then
    echo "same     $name"
  else
    echo "DIFFERS  $name (${bad[*]})"
    differ=1
  fi
}

seeds=("$root"/tests/data/seeds/*.txt)
for j in 1 2; do
  compare "seeds clean -j$j" clean -j$j -s -e @EXPLAIN@ -o @OUT@ "${seeds[@]}"
  compare "seeds dedup -j$j" dedup -j$j -s --threshold 0.55 -R @REPORT@ -o @OUT@ "${seeds[@]}"
  compare "seeds run -j$j" run -j$j -s --threshold 0.55 -R @REPORT@ -o @OUT@ "${seeds[@]}"
done
compare "seeds explain" explain "${seeds[@]}"

corpus() {
  local name=$1 file=$2
  [ -f "$file" ] || { echo "skipped  $name (no $file)"; return; }
  for j in 1 2; do
    compare "$name clean -j$j" clean -f jsonl -j$j -s -e @EXPLAIN@ -o @OUT@ "$file"
    for unit in line paragraph; do
      compare "$name dedup $unit -j$j" dedup -f jsonl -j$j -s -u $unit -R @REPORT@ -o @OUT@ "$file"
      compare "$name run $unit -j$j" run -f jsonl -j$j -s -u $unit -R @REPORT@ -o @OUT@ "$file"
    done
  done
  compare "$name explain" explain -f jsonl -o @OUT@ "$file"
}
corpus dev-pages "$shared/corpus/dev-pages/pages.jsonl"
corpus dev-extract "$shared/corpus/dev-extract/pages.jsonl"
corpus dev-extract-lynx "$shared/corpus/dev-extract/pages_lynx.jsonl"
corpus dev-neardup "$shared/corpus/dev-neardup/docs.jsonl"
if [ -f "$shared/corpus/dev-neardup/docs.jsonl" ]; then
  compare "dev-neardup dedup t0.8 min-words 1" dedup -f jsonl --ngram 3 \
    --threshold 0.8 --min-words 1 -R @REPORT@ -o @OUT@ \
    "$shared/corpus/dev-neardup/docs.jsonl"
fi
exit $differ
