# pith run --threads: workers clean ahead while the calling thread
# deduplicates. The output, the --report records, --stats and errors do not
# depend on the number of threads, across many batches of documents.
source "$(dirname "$0")/lib.sh"
SEEDS=$TESTS/data/seeds

seed_corpus "$TMP/corpus.jsonl"
docs=$(wc -l < "$TMP/corpus.jsonl")
[ "$docs" -gt 300 ] || fail "corpus: only $docs documents"

# --stats ends with the time, which differs from run to run.
stats() { grep -v '^time ' "$TMP/err" > "$1"; }

run "$PITH" run -j1 -f jsonl -s --report "$TMP/report1.jsonl" \
  -o "$TMP/out1.jsonl" "$TMP/corpus.jsonl"
expect_rc 0 "-j1"
stats "$TMP/stats1"
expect_contains "$TMP/stats1" "documents         $docs" "-j1 stats"
expect_contains "$TMP/stats1" "rejected          1" "-j1 stats"
grep -q '"duplicate_of"' "$TMP/report1.jsonl" || fail "-j1: no duplicates"
for j in 2 3 8 0; do
  run "$PITH" run -j$j -f jsonl -s --report "$TMP/report$j.jsonl" \
    -o "$TMP/out$j.jsonl" "$TMP/corpus.jsonl"
  expect_rc 0 "-j$j"
  expect_same "$TMP/out$j.jsonl" "$TMP/out1.jsonl" "-j$j output"
  expect_same "$TMP/report$j.jsonl" "$TMP/report1.jsonl" "-j$j report"
  stats "$TMP/stats$j"
  expect_same "$TMP/stats$j" "$TMP/stats1" "-j$j stats"
done

# From stdin, with rejected documents left out.
expect_same_from_stdin run "$TMP/corpus.jsonl"

# Text format, long inputs read in pieces.
run "$PITH" run -j1 --max-document-bytes 3000 "$SEEDS"/*.txt "$SEEDS"/*.txt
cp "$TMP/out" "$TMP/text1"
run "$PITH" run -j2 --max-document-bytes 3000 "$SEEDS"/*.txt "$SEEDS"/*.txt
expect_rc 0 "text -j2"
expect_same "$TMP/out" "$TMP/text1" "text -j2"

# A malformed line far into the input: the same error and exit code, and no
# output file.
expect_same_bad_line run "$TMP/corpus.jsonl"

finish
