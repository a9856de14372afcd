#!/bin/bash
# pith dedup --index: a corpus deduped in two halves with one index gives
# the same output as one run over the whole; bad or mismatched indexes are
# clear errors.
# usage: bash dedup_index_test.sh PITH_BINARY TESTS_SOURCE_DIR
set -euo pipefail
PITH=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

DEV="${PITH_SHARED_DIR:-}/corpus/dev-neardup/docs.jsonl"
if [ -f "$DEV" ]; then
  head -n 3000 "$DEV" > "$TMP/all.jsonl"
else
  # A small generated corpus: paragraphs repeated with one word changed.
  for i in $(seq 1 400); do
    j=$((i % 97))
    printf '{"id": "d%d", "text": "intro %d words about topic %d and more words here to be long\\n\\nshared paragraph %d with several words that repeat across many pages w%d\\n\\nunique tail %d for page number %d only"}\n' \
      "$i" "$i" "$i" "$j" "$((i % 2))" "$i" "$i"
  done > "$TMP/all.jsonl"
fi
n=$(wc -l < "$TMP/all.jsonl")
half=$((n / 2))
head -n "$half" "$TMP/all.jsonl" > "$TMP/a.jsonl"
tail -n +"$((half + 1))" "$TMP/all.jsonl" > "$TMP/b.jsonl"

opts=(--format jsonl --unit paragraph --min-words 1 --threads 2)
"$PITH" dedup "${opts[@]}" --report "$TMP/r.jsonl" -o "$TMP/whole.jsonl" \
  "$TMP/all.jsonl"
"$PITH" dedup "${opts[@]}" --index "$TMP/idx" --report "$TMP/r1.jsonl" \
  -o "$TMP/h1.jsonl" "$TMP/a.jsonl"
[ -s "$TMP/idx" ] || fail "no index written"
"$PITH" dedup "${opts[@]}" --index "$TMP/idx" --report "$TMP/r2.jsonl" \
  -o "$TMP/h2.jsonl" "$TMP/b.jsonl"
cat "$TMP/h1.jsonl" "$TMP/h2.jsonl" > "$TMP/halves.jsonl"
cmp "$TMP/halves.jsonl" "$TMP/whole.jsonl" || fail "two halves != whole"
cat "$TMP/r1.jsonl" "$TMP/r2.jsonl" > "$TMP/rr.jsonl"
cmp "$TMP/rr.jsonl" "$TMP/r.jsonl" || fail "reports differ"
[ -s "$TMP/r2.jsonl" ] || fail "the second half removed nothing"

# pith run takes --index too.
"$PITH" run "${opts[@]}" --index "$TMP/idx_run" -o "$TMP/run.jsonl" \
  "$TMP/a.jsonl"
[ -s "$TMP/idx_run" ] || fail "pith run wrote no index"

# Other options than the index was saved with: a clear error.
set +e
"$PITH" dedup "${opts[@]}" --num-perm 64 --index "$TMP/idx" \
  -o "$TMP/x.jsonl" "$TMP/b.jsonl" 2> "$TMP/err"
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "mismatched options accepted"
grep -q "num_perm: 64 here, 128 in the index" "$TMP/err" ||
  fail "mismatch message: $(cat "$TMP/err")"
[ ! -e "$TMP/x.jsonl" ] || fail "output written on error"

# An index built at threshold 0.8 refuses a run at 0.5, naming the
# threshold with both values; so for every other recorded option, by name
# (enums by their names, never numbers).
set +e
"$PITH" dedup "${opts[@]}" --threshold 0.5 --index "$TMP/idx" \
  -o "$TMP/x.jsonl" "$TMP/b.jsonl" 2> "$TMP/err"
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "a run at another threshold accepted"
grep -q "threshold: 0.5 here, 0.8 in the index" "$TMP/err" ||
  fail "threshold message: $(cat "$TMP/err")"
set +e
"$PITH" dedup --format jsonl --unit line --min-words 5 --verify exact \
  --ngram 4 --seed 7 --index "$TMP/idx" -o "$TMP/x.jsonl" "$TMP/b.jsonl" \
  2> "$TMP/err"
set -e
for part in "unit: line here, paragraph in the index" \
  "verify: exact here, signature in the index" \
  "min_words: 5 here, 1 in the index" "ngram: 4 here, 3 in the index" \
  "seed: 7 here, 1 in the index"; do
  grep -q "$part" "$TMP/err" || fail "no '$part' in: $(cat "$TMP/err")"
done
[ ! -e "$TMP/x.jsonl" ] || fail "output written on error"

# --stats with a loaded index: this run's counts beside the index's totals.
"$PITH" dedup "${opts[@]}" --index "$TMP/idx" --stats -o /dev/null \
  "$TMP/b.jsonl" 2> "$TMP/stats"
grep -q "this run *index total" "$TMP/stats" ||
  fail "stats without columns: $(cat "$TMP/stats")"
docs=$(wc -l < "$TMP/b.jsonl")
grep -Eq "^documents +$docs +$((n + docs))\$" "$TMP/stats" ||
  fail "documents row: $(grep documents "$TMP/stats")"

# A corrupt index is an error, and is left as it was.
head -c 100 "$TMP/idx" > "$TMP/cut"
set +e
"$PITH" dedup "${opts[@]}" --index "$TMP/cut" -o "$TMP/y.jsonl" \
  "$TMP/b.jsonl" 2> "$TMP/err"
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "truncated index accepted"
grep -q "truncated" "$TMP/err" || fail "truncation message: $(cat "$TMP/err")"
[ "$(wc -c < "$TMP/cut")" -eq 100 ] || fail "corrupt index overwritten"
echo PASS
