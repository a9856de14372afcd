#!/usr/bin/env bash
# Times pith.distributed dedup against pith dedup on a generated JSONL file
# of MB megabytes (bench/gen_pages), with a Dask scheduler and 1, 2 and 3
# worker processes started as on a cluster (dask-scheduler, dask-worker;
# loopback only), and checks that output and report are byte-identical:
#
#   bench/distributed.sh [MB] [BUILD_DIR]     (default: 16, build)
#
# Options: --format jsonl --unit paragraph --threshold 0.8 --ngram 3; each
# stage process runs on one thread (-j 1), each worker runs one task at a
# time (--nthreads 1). Prints for each run: wall seconds, MB/s, the seconds
# of each stage, the workers that ran tasks and whether the bytes match. A
# benchmark, not a test: it reports, and exits 1 only if the bytes differ.
# Needs /usr/bin/python3 with python3-distributed, and a build with the
# Python module (BUILD_DIR/python) and pith_cli and gen_pages.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-16}
build=${2:-$root/build}
pith=$build/tools/pith/pith
gen=$build/bench/gen_pages
for f in "$pith" "$gen"; do
  [ -x "$f" ] || { echo "distributed.sh: no $f" >&2; exit 1; }
done
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
input=$work/pages-${mb}MB.jsonl
"$gen" --format=jsonl --seed=18 "$mb" > "$input"
bytes=$(stat -c %s "$input")
opts=(--format jsonl --unit paragraph --threshold 0.8 --ngram 3)
export PYTHONPATH=$build/python PITH_CLI=$pith

now() { date +%s.%N; }
mbs() { echo "$bytes $1" | awk '{ printf "%.1f", $1 / $2 / 1e6 }'; }

echo "input: $bytes bytes; $(nproc) cores"
for j in 1 2; do
  t0=$(now)
  "$pith" dedup "${opts[@]}" -j "$j" -o "$work/ref.out" \
    --report "$work/ref.report" "$input"
  t=$(echo "$(now) $t0" | awk '{ print $1 - $2 }')
  printf 'pith dedup -j%d:            %6.2f s  %6.1f MB/s\n' "$j" "$t" "$(mbs "$t")"
done

status=0
for n in 1 2 3; do
  sched=$work/scheduler-$n.json
  dask-scheduler --host 127.0.0.1 --port 0 --dashboard-address :0 \
    --scheduler-file "$sched" > "$work/scheduler-$n.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$sched" ] && break; sleep 0.1; done
  for w in $(seq "$n"); do
    dask-worker --scheduler-file "$sched" --nthreads 1 --nworkers 1 \
      --host 127.0.0.1 --dashboard-address :0 --no-nanny \
      > "$work/worker-$n-$w.log" 2>&1 &
    pids+=($!)
  done
  address=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["address"])' "$sched")
  # Wait for the workers to join.
  /usr/bin/python3 - "$address" "$n" <<'PY'
import sys
from distributed import Client
c = Client(sys.argv[1])
c.wait_for_workers(int(sys.argv[2]), timeout=60)
c.close()
PY
  t0=$(now)
  /usr/bin/python3 -m pith.distributed dedup --scheduler "$address" \
    "${opts[@]}" -j 1 -o "$work/d.out" --report "$work/d.report" "$input" \
    2> "$work/d.err"
  t=$(echo "$(now) $t0" | awk '{ print $1 - $2 }')
  same=identical
  cmp -s "$work/d.out" "$work/ref.out" && cmp -s "$work/d.report" "$work/ref.report" ||
    { same=DIFFERENT; status=1; }
  printf 'pith.distributed %d worker(s): %6.2f s  %6.1f MB/s  %s\n' "$n" "$t" \
    "$(mbs "$t")" "$same"
  grep 'pith.distributed: done' "$work/d.err" | sed 's/^/    /' || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
done
exit $status
