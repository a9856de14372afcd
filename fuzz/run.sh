#!/usr/bin/env bash
# Builds every fuzz/<target>_fuzzer.cc with clang's libFuzzer, ASan and UBSan
# in build-fuzz/, then runs each for SECONDS seconds on a temporary copy of
# fuzz/corpus/<target>/ (the repository is not modified). Fails if any
# fuzzer finds a crash, a leak, undefined behaviour or a broken property;
# the reproducer is kept in build-fuzz/artifacts/<target>/.
#
#   fuzz/run.sh [SECONDS] [TARGET...]      (default: 60 s, every target)
#
# Environment: PITH_FUZZ_BUILD_DIR (build-fuzz), PITH_FUZZ_JOBS (2).
#
# ASAN_OPTIONS sets detect_container_overflow=0: Debian's Abseil and RE2 are
# built with GCC and without ASan, and containers whose inline code is
# instrumented in our objects but not in theirs can report false
# container-overflow errors. Every other ASan check stays on.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
shift || true
build=${PITH_FUZZ_BUILD_DIR:-$root/build-fuzz}
jobs=${PITH_FUZZ_JOBS:-2}

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" "${generator[@]}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPITH_LIBFUZZER=ON -DPITH_SANITIZE=ON -DPITH_BUILD_FUZZERS=ON \
    -DPITH_BUILD_TESTS=OFF -DPITH_BUILD_BENCHMARKS=OFF \
    -DPITH_BUILD_TOOLS=OFF -DPITH_INSTALL=OFF >/dev/null
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for src in "$root"/fuzz/*_fuzzer.cc; do
    name=$(basename "$src" .cc)
    targets+=("${name%_fuzzer}")
  done
fi
bins=()
for t in "${targets[@]}"; do bins+=("${t}_fuzzer"); done
cmake --build "$build" -j"$jobs" --target "${bins[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_container_overflow=0:detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  mkdir -p "$work/corpus"
  if [ -d "$root/fuzz/corpus/$t" ]; then
    cp -R "$root/fuzz/corpus/$t/." "$work/corpus/"
  fi
  dict=()
  [ -f "$root/fuzz/$t.dict" ] && dict=(-dict="$root/fuzz/$t.dict")
  echo "== fuzz $t for ${secs}s"
  set +e
  "$build/fuzz/${t}_fuzzer" "$work/corpus" "${dict[@]}" \
    -max_total_time="$secs" -timeout=30 -rss_limit_mb=2560 -max_len=65536 \
    -artifact_prefix="$work/" -print_final_stats=1 >"$work/log" 2>&1
  rc=$?
  set -e
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done )' \
    "$work/log" || true
  if [ $rc -ne 0 ]; then
    failed+=("$t")
    mkdir -p "$build/artifacts/$t"
    cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* \
      "$build/artifacts/$t/" 2>/dev/null || true
    cp "$work/log" "$build/artifacts/$t/log"
    echo "!! $t failed (exit $rc); log and reproducer in $build/artifacts/$t/"
    grep -m 20 -E 'ERROR|SUMMARY|runtime error|Assertion|pith fuzz' \
      "$work/log" || true
  fi
  rm -rf "$work"
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz/run.sh: failing targets: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz/run.sh: ${#targets[@]} targets ran ${secs}s each without findings"
