#!/usr/bin/env bash
# Runs every benchmark binary of a build once, briefly, so that none rots:
#
#   bench/run.sh [BUILD_DIR] [extra benchmark flags...]   (default: build)
#
# Fails if there is no benchmark binary or any of them fails. For real
# numbers run a binary directly in a Release build, e.g.
#   build-bench/bench/minhash_benchmark --benchmark_filter=K:128
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shift || true
found=0
for bin in "$build"/bench/*_benchmark; do
  [ -x "$bin" ] || continue
  found=$((found + 1))
  echo "== $(basename "$bin")"
  "$bin" --benchmark_min_time=0.01 "$@"
done
if [ $found -eq 0 ]; then
  echo "bench/run.sh: no benchmark binaries in $build/bench" >&2
  exit 1
fi
echo "bench/run.sh: $found benchmark binaries ran"
# The Python module against the CLI (and datasketch, if PITH_DATASKETCH
# names a checkout), once, on a small generated corpus.
if ls "$build"/python/pith/_pith*.so >/dev/null 2>&1 && [ -x "$build/bench/gen_pages" ]; then
  echo "== python_dedup.py"
  /usr/bin/python3 "$root/bench/python_dedup.py" --build "$build" --mb 2 --rounds 1
fi
