# pith run --threads: workers clean ahead while the calling thread
# deduplicates. The output, the --report records, --stats and errors do not
# depend on the number of threads, across many batches of documents.
source "$(dirname "$0")/lib.sh"
SEEDS=$TESTS/data/seeds

# A JSONL corpus of the seed pages, each many times under its own id (more
# documents than a cleaning batch holds, and every page a duplicate of an
# earlier one after the first round), with a rejected page among them.
for round in $(seq 1 80); do
  for page in "$SEEDS"/*.txt; do
    id="r${round}-$(basename "$page" .txt)"
    # JSON-escape the page: backslashes, quotes, tabs, CRs, then newlines.
    text=$(sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' -e 's/\r/\\r/g' "$page" |
      awk 'BEGIN { ORS = "\\n" } { print }')
    printf '{"id":"%s","text":"%s"}\n' "$id" "$text"
  done
  if [ "$round" = 17 ]; then
    printf '{"id":"denied","text":"Access denied\\nYou do not have access."}\n'
  fi
done > "$TMP/corpus.jsonl"
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

# Rejected documents left out, from stdin.
run "$PITH" run -j1 -f jsonl --drop-rejected "$TMP/corpus.jsonl"
cp "$TMP/out" "$TMP/dropped1"
run_stdin "$TMP/corpus.jsonl" "$PITH" run -j3 -f jsonl --drop-rejected -
expect_rc 0 "stdin -j3"
expect_same "$TMP/out" "$TMP/dropped1" "stdin -j3 --drop-rejected"

# Text format, long inputs read in pieces.
run "$PITH" run -j1 --max-document-bytes 3000 "$SEEDS"/*.txt "$SEEDS"/*.txt
cp "$TMP/out" "$TMP/text1"
run "$PITH" run -j2 --max-document-bytes 3000 "$SEEDS"/*.txt "$SEEDS"/*.txt
expect_rc 0 "text -j2"
expect_same "$TMP/out" "$TMP/text1" "text -j2"

# A malformed line far into the input: the same error and exit code, and no
# output file.
head -n 250 "$TMP/corpus.jsonl" > "$TMP/bad.jsonl"
echo '{"id": "broken", "text": ' >> "$TMP/bad.jsonl"
tail -n 50 "$TMP/corpus.jsonl" >> "$TMP/bad.jsonl"
run "$PITH" run -j1 -f jsonl -o "$TMP/bad1.out" "$TMP/bad.jsonl"
expect_rc 2 "malformed -j1"
cp "$TMP/err" "$TMP/bad1.err"
run "$PITH" run -j4 -f jsonl -o "$TMP/bad4.out" "$TMP/bad.jsonl"
expect_rc 2 "malformed -j4"
expect_same "$TMP/err" "$TMP/bad1.err" "malformed -j4 message"
expect_contains "$TMP/err" "bad.jsonl:251: " "malformed -j4 message"
[ ! -e "$TMP/bad1.out" ] || fail "malformed -j1 left an output file"
[ ! -e "$TMP/bad4.out" ] || fail "malformed -j4 left an output file"

finish
