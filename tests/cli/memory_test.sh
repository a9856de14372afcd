#!/bin/bash
# Memory on short lines (issue 15, item 4): 60 MB of five-byte lines stays
# under 1 GB of address space at -j1 in every command, and an allocation
# that fails is an error message with exit status 5, never an abort: the
# previous output stays and no temporary file is left.
# usage: bash memory_test.sh PITH_BINARY TESTS_SOURCE_DIR
source "$(dirname "$0")/lib.sh"
# A sanitizer's shadow memory does not fit under these limits.
if ldd "$PITH" 2>/dev/null | grep -q 'lib[at]san' || grep -qa __asan_init "$PITH"; then
  echo "skipped: sanitizer build"
  exit 77
fi

yes abcd | head -c 60000000 > "$TMP/short.txt"
for cmd in clean dedup run; do
  (ulimit -v 1048576; exec "$PITH" $cmd -j1 -o "$TMP/o.txt" "$TMP/short.txt") 2>"$TMP/err"
  rc=$?
  expect_rc 0 "$cmd -j1 on 60 MB of short lines under 1 GB"
done

echo "the previous output" > "$TMP/keep.txt"
(ulimit -v 300000; exec "$PITH" clean -j2 -o "$TMP/keep.txt" "$TMP/short.txt") 2>"$TMP/err"
rc=$?
expect_rc 5 "clean -j2 under 300 MB"
expect_contains "$TMP/err" "pith: out of memory" "out of memory message"
[ "$(cat "$TMP/keep.txt")" = "the previous output" ] || fail "the previous output was replaced"
leftovers=$(find "$TMP" -name '.keep.txt.tmp*' | wc -l)
[ "$leftovers" = 0 ] || fail "temporary files left: $(ls -a "$TMP")"
exit $((failures > 0))
