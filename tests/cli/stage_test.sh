#!/bin/bash
# pith stage: the stages of a staged dedup, run by xargs -P2, give the
# output, report and stats of pith dedup byte for byte, for 1, 3 and 7
# shards and 1 and 4 partitions, with --clean as pith run, and with queries
# over the candidate cap (replayed); more candidates than the replay limit
# fail clearly; stage files from other options or damaged are refused.
# usage: bash stage_test.sh PITH_BINARY TESTS_SOURCE_DIR
source "$(dirname "$0")/lib.sh"

# A corpus with exact and near-duplicate paragraphs across documents, some
# without an id (named by their line number).
gen() {  # gen SEED DOCS
  awk -v seed="$1" -v docs="$2" 'BEGIN {
    srand(seed)
    for (w = 0; w < 800; w++) {
      s = ""; n = 2 + int(rand() * 7)
      for (k = 0; k < n; k++) s = s sprintf("%c", 97 + int(rand() * 26))
      word[w] = s
    }
    for (p = 0; p < 300; p++) {
      s = ""; n = 8 + int(rand() * 40)
      for (k = 0; k < n; k++) s = s (k ? " " : "") word[int(rand() * 800)]
      para[p] = s
    }
    for (d = 0; d < docs; d++) {
      text = ""; n = 1 + int(rand() * 6)
      for (k = 0; k < n; k++) {
        s = para[int(rand() * 300)]; r = rand()
        if (r < 0.3) sub(/ [a-z]+ /, " " word[int(rand() * 800)] " ", s)
        else if (r < 0.45) {
          s = ""; m = 3 + int(rand() * 30)
          for (j = 0; j < m; j++) s = s (j ? " " : "") word[int(rand() * 800)]
        }
        text = text (k ? "\\n\\n" : "") s
      }
      if (d % 37 == 5) printf "{\"text\": \"%s\"}\n", text
      else printf "{\"id\": \"s%d-%d\", \"text\": \"%s\", \"n\": %d}\n", seed, d, text, d
    }
  }'
}
gen 1 1500 > "$TMP/a.jsonl"
gen 2 300 > "$TMP/b.jsonl"
: > "$TMP/empty.jsonl"
gen 3 200 > "$TMP/c.jsonl"
INPUTS=("$TMP/a.jsonl" "$TMP/b.jsonl" "$TMP/empty.jsonl" "$TMP/c.jsonl")

# Drops what may differ: the time and the index memory row.
strip_stats() {
  sed -E -e 's/"seconds": [0-9.]+/"seconds": X/' \
    -e 's/"memory_bytes": [0-9]+/"memory_bytes": X/' \
    -e '/^(time|index memory|stage files) /d' "$1"
}

# staged SHARDS PARTITIONS NAME OPTIONS...: runs every stage with xargs -P2
# into $TMP/NAME.{out,report,json,stats}.
staged() {
  local shards=$1 parts=$2 name=$3
  shift 3
  local w="$TMP/work-$name"
  rm -rf "$w"
  "$PITH" stage plan --work-dir "$w" --shards "$shards" --partitions "$parts" \
    "$@" "${INPUTS[@]}" || { fail "$name: plan"; return; }
  local k
  seq 0 $((shards - 1)) | xargs -P2 -I{} "$PITH" stage sign --work-dir "$w" \
    --shard {} "$@" || { fail "$name: sign"; return; }
  seq 0 $((parts - 1)) | xargs -P2 -I{} "$PITH" stage bucket --work-dir "$w" \
    --partition {} "$@" || { fail "$name: bucket"; return; }
  seq 0 $((shards - 1)) | xargs -P2 -I{} "$PITH" stage decide --work-dir "$w" \
    --shard {} "$@" || { fail "$name: decide"; return; }
  "$PITH" stage resolve --work-dir "$w" "$@" || { fail "$name: resolve"; return; }
  seq 0 $((shards - 1)) | xargs -P2 -I{} "$PITH" stage apply --work-dir "$w" \
    --shard {} --report x "$@" || { fail "$name: apply"; return; }
  "$PITH" stage merge --work-dir "$w" "$@" -o "$TMP/$name.out" \
    --report "$TMP/$name.report" --stats-json "$TMP/$name.json" --stats \
    2> "$TMP/$name.stats" || fail "$name: merge"
}

# compare NAME REF: byte-identical output, report and stats.
compare() {
  expect_same "$TMP/$1.out" "$TMP/$2.out" "$1: output"
  expect_same "$TMP/$1.report" "$TMP/$2.report" "$1: report"
  expect_same <(strip_stats "$TMP/$1.json") <(strip_stats "$TMP/$2.json") \
    "$1: stats json"
  expect_same <(strip_stats "$TMP/$1.stats") <(strip_stats "$TMP/$2.stats") \
    "$1: stats"
}

# reference NAME OPTIONS...: pith dedup in one process.
reference() {
  local name=$1
  shift
  "$PITH" "${REF_COMMAND:-dedup}" "$@" -o "$TMP/$name.out" \
    --report "$TMP/$name.report" \
    --stats-json "$TMP/$name.json" --stats "${INPUTS[@]}" \
    2> "$TMP/$name.stats" || fail "$name: pith dedup"
}

OPTS=(--format jsonl --unit paragraph --threshold 0.8 --ngram 3)
reference ref "${OPTS[@]}"
grep -q '"near": 0,' "$TMP/ref.json" && fail "the corpus has no near duplicates"
grep -q '"exact": 0,' "$TMP/ref.json" && fail "the corpus has no exact duplicates"
for shards in 1 3 7; do
  for parts in 1 4; do
    staged "$shards" "$parts" "s$shards-p$parts" "${OPTS[@]}"
    compare "s$shards-p$parts" ref
  done
done
# The 7-shard plan cuts a.jsonl into line-aligned ranges.
[ "$(ls "$TMP"/work-s7-p4/sign-*-0 | wc -l)" = 7 ] || fail "7 shards signed"

# Other options: lines at threshold 1 (the exact hash only), exact
# verification, document units, 2 threads.
for variant in "line1:--unit line --threshold 1" \
  "exact:--unit paragraph --verify exact --threshold 0.7" \
  "doc:--unit document --threshold 0.5 -j 2" \
  "minwords:--unit paragraph --min-words 12 --ngram 2"; do
  name=${variant%%:*}
  read -r -a extra <<< "${variant#*:}"
  reference "ref-$name" --format jsonl "${extra[@]}"
  staged 3 4 "st-$name" --format jsonl "${extra[@]}"
  compare "st-$name" "ref-$name"
done

# Text inputs (whole files only).
for i in 1 2 3 4 5; do
  awk -v i="$i" 'NR % 5 != i % 5' "$TMP/a.jsonl" | head -40 | sed 's/[{}"]//g' \
    > "$TMP/t$i.txt"
done
INPUTS=("$TMP"/t1.txt "$TMP"/t2.txt "$TMP"/t3.txt "$TMP"/t4.txt "$TMP"/t5.txt)
reference ref-text --unit line --threshold 0.8
staged 3 2 st-text --unit line --threshold 0.8
compare st-text ref-text
INPUTS=("$TMP/a.jsonl" "$TMP/b.jsonl" "$TMP/empty.jsonl" "$TMP/c.jsonl")

# pith run: the stages with --clean, on real pages (one rejected).
seed_corpus "$TMP/seeds.jsonl"
INPUTS=("$TMP/seeds.jsonl")
REF_COMMAND=run reference ref-run --format jsonl --unit paragraph
staged 3 2 st-run --clean --format jsonl --unit paragraph
compare st-run ref-run
grep -q '"command": "run"' "$TMP/st-run.json" || fail "run: stats command"
REF_COMMAND=run reference ref-run-drop --format jsonl --drop-rejected
staged 7 4 st-run-drop --clean --format jsonl --drop-rejected
compare st-run-drop ref-run-drop
# Cleaning options are part of the fingerprint.
run "$PITH" stage sign --work-dir "$TMP/work-st-run" --shard 0 --clean \
  --format jsonl --unit paragraph --no-classifier
expect_rc 2 "other cleaning options"
INPUTS=("$TMP/a.jsonl" "$TMP/b.jsonl" "$TMP/empty.jsonl" "$TMP/c.jsonl")

# More shards than lines (empty shards), an input given twice (its ids
# repeat across shards: counted in the stats), a zstd output.
head -n 3 "$TMP/a.jsonl" > "$TMP/tiny.jsonl"
INPUTS=("$TMP/tiny.jsonl" "$TMP/tiny.jsonl")
reference ref-tiny "${OPTS[@]}"
grep -q '"repeated_ids": 3' "$TMP/ref-tiny.json" || fail "tiny: repeated ids"
staged 7 3 st-tiny "${OPTS[@]}"
compare st-tiny ref-tiny
"$PITH" dedup "${OPTS[@]}" -o "$TMP/ref-tiny.zst" "${INPUTS[@]}" 2> /dev/null
"$PITH" stage merge --work-dir "$TMP/work-st-tiny" "${OPTS[@]}" \
  -o "$TMP/st-tiny.zst" 2> /dev/null
expect_same "$TMP/st-tiny.zst" "$TMP/ref-tiny.zst" "tiny: zstd output"
INPUTS=("$TMP/a.jsonl" "$TMP/b.jsonl" "$TMP/empty.jsonl" "$TMP/c.jsonl")

# A stage run with other options than the plan is refused.
run "$PITH" stage sign --work-dir "$TMP/work-s3-p4" --shard 0 --format jsonl \
  --unit paragraph --threshold 0.7 --ngram 3
expect_rc 2 "other options"
expect_contains "$TMP/err" "other options" "other options"
# A damaged stage file is detected.
printf 'X' | dd of="$TMP/work-s3-p4/sign-1-2" bs=1 seek=100 conv=notrunc \
  2> /dev/null
run "$PITH" stage bucket --work-dir "$TMP/work-s3-p4" --partition 2 "${OPTS[@]}"
expect_rc 2 "damaged stage file"
expect_contains "$TMP/err" "corrupt" "damaged stage file"
# --index is refused.
run "$PITH" stage plan --work-dir "$TMP/w" --index "$TMP/i" "${OPTS[@]}" \
  "$TMP/a.jsonl"
expect_rc 1 "--index"
expect_contains "$TMP/err" "not supported in staged mode" "--index"

# The candidate cap: six near copies of one paragraph (one word differs in
# each). With --max-candidates 2 the fourth has three earlier candidates:
# one process caps its query and leaves it out of the index, and so the
# fifth (and sixth); resolve replays that, and the result is the same.
P="the quick brown fox jumps over the lazy dog while the farmer watches from the old wooden porch and drinks his morning coffee slowly"
for w in alpha beta gamma delta epsilon zeta; do
  printf '{"id": "%s", "text": "%s %s\\n\\nshort %s paragraph of its own here"}\n' \
    "$w" "$P" "$w" "$w"
done > "$TMP/cap.jsonl"
cat "$TMP/a.jsonl" >> "$TMP/cap.jsonl"
INPUTS=("$TMP/cap.jsonl")
for cap in 2 3 5; do
  CAP=(--format jsonl --unit paragraph --threshold 0.5 --max-candidates "$cap")
  reference "ref-cap$cap" "${CAP[@]}"
  grep -q '"capped_queries": 0' "$TMP/ref-cap$cap.json" &&
    fail "the cap corpus does not hit --max-candidates $cap"
  staged 3 2 "st-cap$cap" "${CAP[@]}"
  compare "st-cap$cap" "ref-cap$cap"
done
[ -s "$TMP/work-st-cap2/capped" ] || fail "cap: no capped file"

# More candidates than 16 x --max-candidates (at least 1024) cannot be
# replayed: bucket fails and says why.
for i in $(seq 1 1030); do
  printf '{"id": "n%d", "text": "%s w%d"}\n' "$i" "$P" "$i"
done > "$TMP/many.jsonl"
LIM=(--format jsonl --unit paragraph --threshold 0.5 --max-candidates 2)
W="$TMP/work-limit"
"$PITH" stage plan --work-dir "$W" "${LIM[@]}" "$TMP/many.jsonl" &&
  "$PITH" stage sign --work-dir "$W" --shard 0 "${LIM[@]}" ||
  fail "limit: plan and sign"
run "$PITH" stage bucket --work-dir "$W" --partition 0 "${LIM[@]}"
expect_rc 2 "limit"
expect_contains "$TMP/err" "cannot replay" "limit"
[ -e "$W/pairs-0-0" ] && fail "limit: bucket wrote its pairs"

exit $((failures > 0))
