# pith clean --threads: the output, --explain records, --stats and errors do
# not depend on the number of threads, across many batches of documents.
source "$(dirname "$0")/lib.sh"
SEEDS=$TESTS/data/seeds

seed_corpus "$TMP/corpus.jsonl"
docs=$(wc -l < "$TMP/corpus.jsonl")
[ "$docs" -gt 300 ] || fail "corpus: only $docs documents"

run "$PITH" clean -j1 -f jsonl -s -e "$TMP/explain1.jsonl" \
  -o "$TMP/out1.jsonl" "$TMP/corpus.jsonl"
expect_rc 0 "-j1"
cp "$TMP/err" "$TMP/stats1"
expect_contains "$TMP/stats1" "documents       $docs" "-j1 stats"
expect_contains "$TMP/stats1" "rejected        1" "-j1 stats"
for j in 2 3 8 0; do
  run "$PITH" clean -j$j -f jsonl -s -e "$TMP/explain$j.jsonl" \
    -o "$TMP/out$j.jsonl" "$TMP/corpus.jsonl"
  expect_rc 0 "-j$j"
  expect_same "$TMP/out$j.jsonl" "$TMP/out1.jsonl" "-j$j output"
  expect_same "$TMP/explain$j.jsonl" "$TMP/explain1.jsonl" "-j$j explain"
  expect_same "$TMP/err" "$TMP/stats1" "-j$j stats"
done

# From stdin, with rejected documents left out.
expect_same_from_stdin clean "$TMP/corpus.jsonl"

# Text format: each file is a document, written in the order given.
run "$PITH" clean -j1 "$SEEDS"/*.txt "$SEEDS"/*.txt
cp "$TMP/out" "$TMP/text1"
run "$PITH" clean -j2 "$SEEDS"/*.txt "$SEEDS"/*.txt
expect_rc 0 "text -j2"
expect_same "$TMP/out" "$TMP/text1" "text -j2"

# A malformed line far into the input: the same error and exit code, and no
# output file.
expect_same_bad_line clean "$TMP/corpus.jsonl"

# Bad values are usage errors.
for bad in -1 x 5000 ""; do
  run "$PITH" clean --threads="$bad" "$SEEDS/000_d1b62c8c4f149f24.txt"
  expect_rc 1 "--threads=$bad"
  expect_contains "$TMP/err" "--threads must be 0 to 4096" "--threads=$bad"
done

finish
