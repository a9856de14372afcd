#!/bin/bash
# pith dedup and pith run end to end: text and JSONL, reports, units, errors.
# usage: bash dedup_test.sh PITH_BINARY TESTS_SOURCE_DIR
set -euo pipefail
PITH=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

A="The central bank raised interest rates by a quarter of a point on Thursday, its third increase this year, citing stubborn inflation and strong wages."
B="Heavy rain flooded roads across the north of the country and forced schools to close, while forecasters warned of more storms to come."
C="The new phone has a larger screen and a faster chip, but reviewers said the battery life was disappointing for the price."

# Text mode: two files, the second repeats a line of the first.
printf '%s\n%s\n' "$A" "$B" > "$TMP/one.txt"
printf '%s\n%s\n' "$C" "$A" > "$TMP/two.txt"
"$PITH" dedup --report "$TMP/r.jsonl" "$TMP/one.txt" "$TMP/two.txt" \
  -o "$TMP/out.txt"
printf '%s\n%s\n%s\n' "$A" "$B" "$C" > "$TMP/want.txt"
cmp "$TMP/out.txt" "$TMP/want.txt" || fail "text output"
want="{\"doc\": \"$TMP/two.txt\", \"line\": 2, \"duplicate_of\": {\"doc\": \"$TMP/one.txt\", \"line\": 1}, \"similarity\": 1.0000}"
[ "$(cat "$TMP/r.jsonl")" = "$want" ] || fail "report: $(cat "$TMP/r.jsonl")"

# JSONL: other fields kept, --field, ids from "id".
printf '{"id": "a", "body": "%s\\n\\n%s", "n": 1}\n{"id": 7, "body": "%s\\n\\n%s", "n": 2}\n' \
  "$A" "$B" "$C" "$B" > "$TMP/in.jsonl"
"$PITH" dedup --format jsonl --field body --report "$TMP/r2.jsonl" \
  --stats "$TMP/in.jsonl" > "$TMP/out.jsonl" 2> "$TMP/stats.txt"
grep -q "\"body\": \"$C\", \"n\": 2" "$TMP/out.jsonl" ||
  fail "jsonl text: $(cat "$TMP/out.jsonl")"
grep -q '"doc": 7, "line": 3, "duplicate_of": {"doc": "a", "line": 3}' \
  "$TMP/r2.jsonl" || fail "jsonl report: $(cat "$TMP/r2.jsonl")"
grep -q "near duplicates" "$TMP/stats.txt" || fail "stats"

# Same bytes for any thread count.
"$PITH" dedup --format jsonl --field body -j 1 "$TMP/in.jsonl" > "$TMP/o1.jsonl"
"$PITH" dedup --format jsonl --field body -j 4 "$TMP/in.jsonl" > "$TMP/o4.jsonl"
cmp "$TMP/o1.jsonl" "$TMP/o4.jsonl" || fail "threads"

# JSONL: a document whose every unit is a duplicate is written with an
# empty text (not whole), for every unit kind and thread count; a document
# left as it was is its input line byte for byte.
printf '{"id":"x", "text":"%s"}\n{"text": "%s" , "k":[1]}\n{"id":"z","text":"%s"}\n' \
  "$A" "$A" "$B" > "$TMP/dup.jsonl"
for unit in document paragraph line; do
  for j in 1 2; do
    "$PITH" dedup -f jsonl --unit "$unit" -j "$j" "$TMP/dup.jsonl" \
      > "$TMP/dup_out.jsonl"
    [ "$(sed -n 1p "$TMP/dup_out.jsonl")" = "$(sed -n 1p "$TMP/dup.jsonl")" ] ||
      fail "unit $unit -j $j: first document changed"
    [ "$(sed -n 2p "$TMP/dup_out.jsonl")" = '{"text": "" , "k":[1]}' ] ||
      fail "unit $unit -j $j: duplicate document: $(sed -n 2p "$TMP/dup_out.jsonl")"
    [ "$(sed -n 3p "$TMP/dup_out.jsonl")" = "$(sed -n 3p "$TMP/dup.jsonl")" ] ||
      fail "unit $unit -j $j: third document changed"
  done
done

# --unit document, --min-words, stdin.
printf '%s\n' "$A" | "$PITH" dedup --unit document - > /dev/null
printf 'short line here\nshort line here\n' | "$PITH" dedup > "$TMP/short.txt"
[ "$(wc -l < "$TMP/short.txt")" = 2 ] || fail "min-words"
printf 'short line here\nshort line here\n' | "$PITH" dedup --min-words 1 \
  > "$TMP/short.txt"
[ "$(wc -l < "$TMP/short.txt")" = 1 ] || fail "min-words 1"

# Bad usage exits 1; a missing file exits 2.
set +e
"$PITH" dedup --unit sentence "$TMP/one.txt" > /dev/null 2>&1
[ $? = 1 ] || fail "bad --unit"
"$PITH" dedup --threshold 2 "$TMP/one.txt" > /dev/null 2>&1
[ $? = 1 ] || fail "bad --threshold"
"$PITH" dedup --bands 100 --rows 100 "$TMP/one.txt" > /dev/null 2>&1
[ $? = 1 ] || fail "bad --bands"
"$PITH" dedup "$TMP/missing.txt" > /dev/null 2>&1
[ $? = 2 ] || fail "missing file"
set -e
# Capture first: "grep -q" exits early and pith would get SIGPIPE under pipefail.
"$PITH" dedup --help > "$TMP/help" || fail "help exit code"
grep -q -- "--min-words" "$TMP/help" || fail "help"

# Duplicate ids: both documents deduped, a warning.
printf '{"id": "x", "text": "%s"}\n{"id": "x", "text": "%s"}\n' "$A" "$A" \
  > "$TMP/dup.jsonl"
"$PITH" dedup --format jsonl "$TMP/dup.jsonl" > /dev/null 2> "$TMP/warn.txt"
grep -q "repeat an earlier id" "$TMP/warn.txt" || fail "duplicate id warning"

# pith run: cleaning then dedup; report lines refer to the cleaned text.
"$PITH" run --report "$TMP/r3.jsonl" "$TMP/one.txt" "$TMP/two.txt" \
  -o "$TMP/run.txt"
grep -q "$C" "$TMP/run.txt" || fail "run output"
[ "$(grep -c "central bank" "$TMP/run.txt")" = 1 ] || fail "run dedup"
echo PASS
