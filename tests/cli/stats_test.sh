# --stats prints counts per rule to stderr and leaves stdout alone.
source "$(dirname "$0")/lib.sh"
cd "$DATA" || exit 1
R=(--rules test.rules --no-repeated-lines --no-edge-runs --no-classifier
   --no-comments --no-recirculation --no-main-region)

run "$PITH" clean "${R[@]}" page.txt denied.txt
cp "$TMP/out" "$TMP/plain"
run "$PITH" clean "${R[@]}" --stats page.txt denied.txt
expect_rc 0 "--stats"
expect_same "$TMP/out" "$TMP/plain" "--stats stdout"
expect_contains "$TMP/err" "documents       2" "--stats"
expect_contains "$TMP/err" "rejected        1" "--stats"
grep -qE '^  read-more +2$' "$TMP/err" || fail "--stats: read-more 2: $(cat "$TMP/err")"
grep -qE '^  share +1$' "$TMP/err" || fail "--stats: share 1"
grep -qE '^  denied +1$' "$TMP/err" || fail "--stats: denied 1"

finish
