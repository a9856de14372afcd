#!/usr/bin/env bash
# CI sanitizer pass: Debug build with ASan + UBSan (PITH_SANITIZE) in
# build-asan/, then every test except those labelled "slow", the fuzz
# corpus replays included.
#
#   tools/ci/sanitize.sh [BUILD_DIR]     (default: build-asan)
#
# detect_container_overflow=0: Debian's Abseil and RE2 are not built with
# ASan, and mixing instrumented and plain container code can report false
# container-overflow errors (see fuzz/run.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-asan}
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Debug \
  -DPITH_SANITIZE=ON -DPITH_BUILD_TESTS=ON -DPITH_BUILD_FUZZERS=ON \
  -DPITH_BUILD_TOOLS=ON -DPITH_BUILD_BENCHMARKS=OFF -DPITH_INSTALL=OFF
cmake --build "$build" -j"${PITH_JOBS:-2}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_container_overflow=0:detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" --output-on-failure -j"${PITH_JOBS:-2}" \
  --timeout 900 -LE slow
