# -o writes atomically; a failed run leaves no file (and no temporary).
source "$(dirname "$0")/lib.sh"
cd "$DATA" || exit 1
R=(--rules test.rules --no-repeated-lines --no-edge-runs --no-classifier
   --no-comments --no-recirculation --no-main-region)
mkdir "$TMP/o"

run "$PITH" clean "${R[@]}" page.txt -o "$TMP/o/out.txt"
expect_rc 0 "-o"
expect_empty "$TMP/out" "-o stdout"
expect_golden "$TMP/o/out.txt" page.clean.txt "-o"
[ "$(ls -A "$TMP/o")" = out.txt ] || fail "-o: stray files: $(ls -A "$TMP/o")"

# A run that fails half-way (second input missing) leaves no file.
run "$PITH" clean "${R[@]}" -o "$TMP/o/new.txt" page.txt missing.txt
expect_rc 2 "failing run"
[ ! -e "$TMP/o/new.txt" ] || fail "failing run left new.txt"
[ "$(ls -A "$TMP/o")" = out.txt ] || fail "failing run left: $(ls -A "$TMP/o")"

# ... and leaves an existing output as it was.
run "$PITH" clean "${R[@]}" --output="$TMP/o/out.txt" missing.txt
expect_rc 2 "failing run over an existing file"
expect_golden "$TMP/o/out.txt" page.clean.txt "failing run over an existing file"

# An --explain file is atomic too.
run "$PITH" clean "${R[@]}" -e "$TMP/o/x.jsonl" -o "$TMP/o/y.txt" page.txt missing.txt
[ ! -e "$TMP/o/x.jsonl" ] && [ ! -e "$TMP/o/y.txt" ] || fail "failing run left explain output"

# An unwritable output directory is an I/O error.
run "$PITH" clean "${R[@]}" -o "$TMP/nodir/out.txt" page.txt
expect_rc 3 "missing output directory"
expect_contains "$TMP/err" "pith: $TMP/nodir/out.txt: " "missing output directory"

# -o FILE.zst compresses.
if command -v zstd >/dev/null; then
  run "$PITH" clean "${R[@]}" page.txt -o "$TMP/o/out.txt.zst"
  expect_rc 0 "-o .zst"
  zstd -q -d -c "$TMP/o/out.txt.zst" > "$TMP/o/unz.txt" || fail "-o .zst: not zstd"
  expect_golden "$TMP/o/unz.txt" page.clean.txt "-o .zst"
fi

finish
