# --explain records and the explain command.
source "$(dirname "$0")/lib.sh"
cd "$DATA" || exit 1
R=(--rules test.rules --no-repeated-lines --no-edge-runs --no-classifier
   --no-comments --no-recirculation --no-main-region)

run "$PITH" clean "${R[@]}" --explain "$TMP/explain.jsonl" page.txt denied.txt
expect_rc 0 "--explain"
expect_golden "$TMP/explain.jsonl" page.explain.jsonl "--explain text"

run "$PITH" clean "${R[@]}" -f jsonl -e "$TMP/explain.jsonl" docs.jsonl
expect_rc 0 "--explain jsonl"
expect_golden "$TMP/explain.jsonl" docs.explain.jsonl "--explain jsonl"

run "$PITH" explain "${R[@]}" page.txt denied.txt
expect_rc 0 "explain"
expect_golden "$TMP/out" page.explain.txt "explain"

run "$PITH" explain "${R[@]}" --format jsonl -o "$TMP/x.txt" docs.jsonl
expect_rc 0 "explain jsonl"
expect_empty "$TMP/out" "explain -o"
expect_golden "$TMP/x.txt" docs.explain.txt "explain jsonl"

finish
