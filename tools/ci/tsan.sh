#!/bin/bash
# Builds the concurrency tests (the worker pool, the pipeline, Deduplicator,
# RuleSet shared by threads, pith clean --threads and pith run --threads)
# with ThreadSanitizer in its own build directory (build-tsan) and runs them.
# usage: bash tools/ci/tsan.sh [SOURCE_DIR]
set -euo pipefail
SRC=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
BUILD=$SRC/build-tsan
cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
ninja -C "$BUILD" -j"${PITH_JOBS:-2}" dedup_index_file_test dedup_test \
  rules_test worker_pool_test parallel_test pipeline_test pith_cli
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
# The fork/kill crash test is not a concurrency test (and TSan dislikes
# fork in a threaded process); everything else runs.
"$BUILD/tests/dedup_index_file_test" \
  --gtest_filter='-*KillDuringSave*'
"$BUILD/tests/dedup_test"
"$BUILD/tests/worker_pool_test"
"$BUILD/tests/parallel_test"
"$BUILD/tests/pipeline_test"
"$BUILD/tests/rules_test" --gtest_filter='*ManyThreads*'
for t in clean_threads run_threads; do
  bash "$SRC/tests/cli/${t}_test.sh" "$BUILD/tools/pith/pith" "$SRC/tests"
done
echo "tsan: PASS"
