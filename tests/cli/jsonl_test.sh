# pith clean --format jsonl: other fields kept byte for byte, errors.
source "$(dirname "$0")/lib.sh"
cd "$DATA" || exit 1
R=(--rules test.rules --no-repeated-lines --no-edge-runs --no-classifier
   --no-comments --no-recirculation --no-main-region)

run "$PITH" clean "${R[@]}" --format jsonl docs.jsonl
expect_rc 0 "jsonl"
expect_golden "$TMP/out" docs.clean.jsonl "jsonl"
expect_empty "$TMP/err" "jsonl"

# Everything outside the text value is unchanged.
sed -E 's/"text": ?"([^"\\]|\\.)*"/"text":X/' docs.jsonl | grep -v '^ *$' > "$TMP/a"
sed -E 's/"text": ?"([^"\\]|\\.)*"/"text":X/' "$TMP/out" > "$TMP/b"
expect_same "$TMP/b" "$TMP/a" "jsonl other fields"

run "$PITH" clean "${R[@]}" -f jsonl --drop-rejected docs.jsonl
expect_rc 0 "--drop-rejected"
[ "$(wc -l < "$TMP/out")" -eq 3 ] || fail "--drop-rejected: expected 3 lines"

# CRLF line ends are accepted.
run "$PITH" clean "${R[@]}" --format=jsonl crlf.jsonl
expect_rc 0 "crlf jsonl"
printf '{"id":"w","text":"Win line\\r\\n"}\n{"id":"w2","text":"ok"}\n' > "$TMP/expected"
expect_same "$TMP/out" "$TMP/expected" "crlf jsonl"

# A malformed line is an error naming the file and the line.
run "$PITH" clean "${R[@]}" --format jsonl bad.jsonl
expect_rc 2 "malformed jsonl"
expect_contains "$TMP/err" "pith: bad.jsonl:3: " "malformed jsonl"
run "$PITH" clean "${R[@]}" --format jsonl -o "$TMP/bad.out" bad.jsonl
expect_rc 2 "malformed jsonl with -o"
[ ! -e "$TMP/bad.out" ] || fail "malformed jsonl with -o left an output file"

# --on-error=skip goes on, warns, and counts.
run "$PITH" clean "${R[@]}" --format jsonl --on-error=skip --stats bad.jsonl
expect_rc 0 "skip"
expect_contains "$TMP/err" "bad.jsonl:3: " "skip"
expect_contains "$TMP/err" "bad.jsonl:4: no \"text\" member (skipped)" "skip"
expect_contains "$TMP/err" "skipped lines   2" "skip"
[ "$(wc -l < "$TMP/out")" -eq 3 ] || fail "skip: expected 3 lines"
run "$PITH" clean "${R[@]}" --format jsonl --on-error=skip -q bad.jsonl
expect_empty "$TMP/err" "skip -q"

# --field picks another member; a missing one is a clear error.
run "$PITH" clean "${R[@]}" --format jsonl --field body bad.jsonl
expect_rc 2 "missing field"
expect_contains "$TMP/err" "pith: bad.jsonl:1: no \"body\" member" "missing field"

finish
