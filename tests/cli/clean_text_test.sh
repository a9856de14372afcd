# pith clean in text mode: files, stdin, several files, edge cases.
source "$(dirname "$0")/lib.sh"
cd "$DATA" || exit 1
R=(--rules test.rules --no-repeated-lines --no-edge-runs --no-classifier
   --no-comments --no-recirculation --no-main-region)

run "$PITH" clean "${R[@]}" page.txt
expect_rc 0 "clean page.txt"
expect_golden "$TMP/out" page.clean.txt "clean page.txt"
expect_empty "$TMP/err" "clean page.txt"

# stdin, as no operand and as "-"; options after the operands.
cp "$TMP/out" "$TMP/expected"
run_stdin page.txt "$PITH" clean "${R[@]}"
expect_rc 0 "stdin"
expect_same "$TMP/out" "$TMP/expected" "stdin"
run_stdin page.txt "$PITH" clean - "${R[@]}"
expect_same "$TMP/out" "$TMP/expected" "stdin as -"

# Several files: each file's cleaned text, in order; a rejected one is absent.
run "$PITH" clean "${R[@]}" crlf.txt denied.txt page.txt
expect_rc 0 "several files"
expect_golden "$TMP/out" several.clean.txt "several files"

# CRLF: kept lines keep their "\r\n".
run "$PITH" clean "${R[@]}" crlf.txt
printf 'Line one\r\nLine three\r\n' > "$TMP/expected"
expect_same "$TMP/out" "$TMP/expected" "crlf"

# NUL bytes pass through.
run "$PITH" clean "${R[@]}" nul.txt
printf 'Before\0NUL\nAfter \0\n' > "$TMP/expected"
expect_same "$TMP/out" "$TMP/expected" "nul bytes"

# An empty file, and empty stdin, give empty output.
run "$PITH" clean "${R[@]}" empty.txt
expect_rc 0 "empty file"
expect_empty "$TMP/out" "empty file"
run_stdin /dev/null "$PITH" clean
expect_rc 0 "empty stdin"
expect_empty "$TMP/out" "empty stdin"

# The built-in rules and heuristics run, and keep a subset of the lines.
run "$PITH" clean page.txt
expect_rc 0 "default rules"
grep -vxFf page.txt "$TMP/out" | grep -v '(photo' > "$TMP/extra"
expect_empty "$TMP/extra" "default rules output lines come from the input"

# zstd input, detected by content whatever the name.
if command -v zstd >/dev/null; then
  zstd -q -c page.txt > "$TMP/page.bin"
  run "$PITH" clean "${R[@]}" "$TMP/page.bin"
  expect_golden "$TMP/out" page.clean.txt "zstd input"
  head -c 40 "$TMP/page.bin" > "$TMP/cut.zst"
  run "$PITH" clean "${R[@]}" "$TMP/cut.zst"
  expect_rc 2 "truncated zstd"
  expect_contains "$TMP/err" "pith: $TMP/cut.zst: " "truncated zstd"
fi

# A long input is cleaned in pieces cut at line ends.
for i in $(seq 1 200); do echo "Paragraph $i has some words."; echo "Read more"; done > "$TMP/long.txt"
run "$PITH" clean "${R[@]}" --max-document-bytes 1K "$TMP/long.txt"
expect_rc 0 "pieces"
grep -v 'Read more' "$TMP/long.txt" > "$TMP/expected"
expect_same "$TMP/out" "$TMP/expected" "pieces"

finish
