# Long inputs and long lines (issue 15, items 3 and 10): a text input longer
# than --max-document-bytes is read in pieces cut at line ends, never inside
# a line; a line longer than a piece is processed whole; a line over
# --max-line-bytes is an error naming FILE:LINE, or with --on-error=skip is
# skipped, counted and reported; pieces are bounded by lines too.
source "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1

# Lines of 10 to 300 bytes (one word each: nothing is a duplicate).
python3 - >long.txt <<'EOF'
for i in range(400):
    print("w%d" % i + "x" * (i * 37 % 290))
EOF
# dedup with --min-words 2 removes nothing: the output is the input.
K=(dedup --min-words 2)
run "$PITH" "${K[@]}" --max-document-bytes 256 long.txt
expect_rc 0 "pieces of 256 bytes"
expect_same "$TMP/out" long.txt "pieces of 256 bytes: a line was cut or a newline added"
run "$PITH" "${K[@]}" --max-document-bytes 64 --max-document-lines 3 -j1 long.txt
expect_rc 0 "pieces of 64 bytes and 3 lines"
expect_same "$TMP/out" long.txt "pieces of 64 bytes and 3 lines"
run_stdin long.txt "$PITH" clean --rules "$DATA/test.rules" --no-repeated-lines \
  --no-edge-runs --no-classifier --max-document-bytes 100 -
expect_rc 0 "clean in pieces from stdin"
expect_same "$TMP/out" long.txt "clean in pieces from stdin"

# --report lines count from the start of the file, across pieces.
{ echo "first line is here"; cat long.txt; echo "first line is here"; } >rep.txt
run "$PITH" dedup --min-words 2 --max-document-bytes 100 --report r.jsonl rep.txt
expect_rc 0 "report across pieces"
expect_contains r.jsonl '"line": 402, "duplicate_of": {"doc": "rep.txt", "line": 1}' \
  "report across pieces"

# A line over --max-line-bytes: an error naming the file and the line.
{ echo one; head -c 5000 /dev/zero | tr '\0' 'z'; echo; echo three; } >huge.txt
run "$PITH" "${K[@]}" --max-line-bytes 1000 -o out.txt huge.txt
expect_rc 2 "line over the cap"
expect_contains "$TMP/err" "pith: huge.txt:2: line longer than 1000 bytes" "line over the cap"
[ ! -e out.txt ] || fail "line over the cap: output written"

# ... skipped and counted with --on-error=skip.
run "$PITH" "${K[@]}" --max-line-bytes 1000 --on-error=skip -o out.txt huge.txt
expect_rc 0 "line over the cap, skipped"
printf 'one\nthree\n' >want.txt
expect_same out.txt want.txt "line over the cap, skipped"
expect_contains "$TMP/err" "huge.txt:2: line longer than 1000 bytes (skipped)" "skip warning"
run "$PITH" clean --on-error=skip --max-line-bytes 1000 --stats -o out.txt huge.txt
expect_rc 0 "clean --stats, skipped"
expect_contains "$TMP/err" "skipped lines   1" "clean --stats counts the skipped line"

# The same in JSONL.
{
  echo '{"id":"a","text":"one"}'
  printf '{"id":"b","text":"%s"}\n' "$(head -c 5000 /dev/zero | tr '\0' 'z')"
  echo '{"id":"c","text":"three"}'
} >huge.jsonl
run "$PITH" "${K[@]}" -f jsonl --max-line-bytes 1000 huge.jsonl
expect_rc 2 "JSONL line over the cap"
expect_contains "$TMP/err" "huge.jsonl:2: line longer than 1000 bytes" "JSONL line over the cap"
run "$PITH" "${K[@]}" -f jsonl --max-line-bytes 1000 --on-error=skip -j2 huge.jsonl
expect_rc 0 "JSONL line over the cap, skipped"
grep -v '"b"' huge.jsonl >want.jsonl
expect_same "$TMP/out" want.jsonl "JSONL line over the cap, skipped"
expect_contains "$TMP/err" "huge.jsonl:2: line longer than 1000 bytes (skipped)" "JSONL skip warning"

finish
