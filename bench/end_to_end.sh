#!/usr/bin/env bash
# Times the pith command end to end, whole process, on a generated JSONL
# file of MB megabytes (bench/gen_pages, cached in BUILD_DIR/bench/):
#
#   bench/end_to_end.sh [MB] [BUILD_DIR]     (default: 300, build-bench)
#
# Runs pith clean, pith dedup and pith run, each on 1 and 2 threads, each
# writing a real output file, and prints for each: wall seconds, MB/s of
# input, peak RSS (from /usr/bin/time -v if present) and, for dedup and run,
# peak RSS and index memory per indexed paragraph; then the -j2 / -j1 ratios
# and the targets: clean -j1 >= 100 MB/s and clean -j2 >= 1.8x clean -j1 on
# whole-page JSONL (a benchmark, not a test: it reports them, never fails).
# Build first, Release:
#   cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DPITH_BUILD_TESTS=OFF
#   cmake --build build-bench --target pith_cli gen_pages
# PITH_BENCH_INPUT=FILE.jsonl uses that file instead of a generated one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-300}
build=${2:-$root/build-bench}
pith=$build/tools/pith/pith
gen=$build/bench/gen_pages
[ -x "$pith" ] || { echo "end_to_end.sh: no $pith (build pith_cli)" >&2; exit 1; }

if [ -n "${PITH_BENCH_INPUT:-}" ]; then
  input=$PITH_BENCH_INPUT
else
  [ -x "$gen" ] || { echo "end_to_end.sh: no $gen (build gen_pages)" >&2; exit 1; }
  input=$build/bench/pages-${mb}MB.jsonl
  if [ ! -s "$input" ]; then
    echo "generating $input ..." >&2
    "$gen" --format=jsonl "$mb" > "$input.tmp" && mv "$input.tmp" "$input"
  fi
fi
bytes=$(stat -c %s "$input")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
have_time=0
[ -x /usr/bin/time ] && have_time=1

run() {
  local label=$1
  shift
  local start end secs rss="" indexed="" index_per=""
  start=$(date +%s.%N)
  if [ $have_time -eq 1 ]; then
    /usr/bin/time -v -o "$work/time" "$pith" "$@" -s -o "$work/out.jsonl" \
      "$input" 2>"$work/stats"
    rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time")
  else
    "$pith" "$@" -s -o "$work/out.jsonl" "$input" 2>"$work/stats"
  fi
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l 2>/dev/null || python3 -c "print($end - $start)")
  indexed=$(awk '/^indexed units/ {print $3}' "$work/stats")
  index_per=$(sed -n 's/^index memory.*(\([0-9.]*\) per unit)/\1/p' "$work/stats")
  python3 - "$label" "$secs" "$bytes" "${rss:-0}" "${indexed:-0}" "${index_per:--}" <<'PY'
import sys
label, secs, size, rss_kb, indexed, index_per = sys.argv[1:]
secs, size, rss_kb, indexed = float(secs), int(size), int(rss_kb), int(indexed)
per = f"{rss_kb * 1024 / indexed:.0f}" if indexed else "-"
print(f"{label:<28} {secs:8.2f} {size / secs / 1e6:9.1f} {rss_kb / 1024:10.1f} "
      f"{per:>14} {index_per:>14}")
PY
  echo "$label $secs" >> "$work/times"
  rm -f "$work/out.jsonl"
}

echo "input: $input ($((bytes / 1000000)) MB)"
printf '%-28s %8s %9s %10s %14s %14s\n' command seconds MB/s peak_MB \
  rss_B/indexed index_B/indexed
run "clean -f jsonl -j 1" clean -f jsonl -j 1
run "clean -f jsonl -j 2" clean -f jsonl -j 2
run "dedup -f jsonl -j 1" dedup -f jsonl -j 1
run "dedup -f jsonl -j 2" dedup -f jsonl -j 2
run "run -f jsonl -j 1" run -f jsonl -j 1
run "run -f jsonl -j 2" run -f jsonl -j 2

# The -j2 / -j1 ratios, and the targets for pith clean (reported, never
# failed on: the machine's speed drifts).
python3 - "$work/times" "$bytes" <<'PY'
import sys
times = {}
for line in open(sys.argv[1]):
    *label, secs = line.split()
    times[" ".join(label)] = float(secs)
size = int(sys.argv[2])
for command in ("clean", "dedup", "run"):
    one = times[f"{command} -f jsonl -j 1"]
    two = times[f"{command} -f jsonl -j 2"]
    print(f"{command}: -j2 is {one / two:.2f}x -j1")
mbs = size / times["clean -f jsonl -j 1"] / 1e6
ratio = times["clean -f jsonl -j 1"] / times["clean -f jsonl -j 2"]
print(f"target clean -j1 >= 100 MB/s: {mbs:.1f} MB/s "
      f"({'met' if mbs >= 100 else 'not met'})")
print(f"target clean -j2 >= 1.8x -j1: {ratio:.2f}x "
      f"({'met' if ratio >= 1.8 else 'not met'})")
PY
