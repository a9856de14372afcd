# Help, usage errors and exit codes of the pith command.
source "$(dirname "$0")/lib.sh"

run "$PITH" --help
expect_rc 0 "pith --help"
expect_contains "$TMP/out" "Usage: pith clean" "pith --help"
expect_contains "$TMP/out" "Exit status:" "pith --help"
expect_empty "$TMP/err" "pith --help"

run "$PITH"
expect_rc 1 "pith without a command"
expect_empty "$TMP/out" "pith without a command"
expect_contains "$TMP/err" "Usage: pith" "pith without a command"

run "$PITH" frobnicate
expect_rc 1 "unknown command"
expect_contains "$TMP/err" "unknown command 'frobnicate'" "unknown command"

for cmd in clean explain; do
  run "$PITH" $cmd --help
  expect_rc 0 "$cmd --help"
  expect_contains "$TMP/out" "Usage: pith $cmd" "$cmd --help"
  expect_contains "$TMP/out" "[Default: text]" "$cmd --help"
  expect_contains "$TMP/out" "-o, --output FILE" "$cmd --help"
  expect_contains "$TMP/out" "2  input or data error" "$cmd --help"
  expect_empty "$TMP/err" "$cmd --help"

  run "$PITH" $cmd -h
  expect_rc 0 "$cmd -h"

  run "$PITH" $cmd --bogus
  expect_rc 1 "$cmd --bogus"
  expect_contains "$TMP/err" "unknown option '--bogus'" "$cmd --bogus"
  expect_contains "$TMP/err" "Usage: pith $cmd" "$cmd --bogus"
  expect_empty "$TMP/out" "$cmd --bogus"
done

run "$PITH" clean -Z
expect_rc 1 "unknown short option"
run "$PITH" clean --format=xml "$DATA/page.txt"
expect_rc 1 "bad --format value"
expect_contains "$TMP/err" "--format must be text or jsonl" "bad --format value"
run "$PITH" clean --on-error maybe "$DATA/page.txt"
expect_rc 1 "bad --on-error value"
run "$PITH" clean "$DATA/page.txt" -o
expect_rc 1 "missing option value"
expect_contains "$TMP/err" "needs a value" "missing option value"
run "$PITH" clean --stats=yes "$DATA/page.txt"
expect_rc 1 "value for a switch"
run "$PITH" clean --max-document-bytes 0 "$DATA/page.txt"
expect_rc 1 "bad size"

run "$PITH" clean "$TMP/missing.txt"
expect_rc 2 "missing input"
expect_contains "$TMP/err" "pith: $TMP/missing.txt: " "missing input"

# "--" ends the options: "--stats" is then a file name.
run "$PITH" clean -- --stats
expect_rc 2 "-- ends the options"
expect_contains "$TMP/err" "pith: --stats: " "-- ends the options"

finish
