# Rule files: a bad one is reported with its file and line.
source "$(dirname "$0")/lib.sh"
cd "$DATA" || exit 1

run "$PITH" clean --rules bad.rules page.txt
expect_rc 2 "bad rule file"
expect_contains "$TMP/err" "pith: bad.rules:3: " "bad rule file"
expect_empty "$TMP/out" "bad rule file"

run "$PITH" clean --extra-rules bad.rules page.txt
expect_rc 2 "bad extra rule file"
expect_contains "$TMP/err" "pith: bad.rules:3: " "bad extra rule file"

run "$PITH" clean --rules missing.rules page.txt
expect_rc 2 "missing rule file"
expect_contains "$TMP/err" "missing.rules" "missing rule file"

# Extra rules add to the built-in ones.
printf 'drop zz-custom ^The end\\.$\n' > "$TMP/extra.rules"
run "$PITH" clean --no-classifier --no-edge-runs -x "$TMP/extra.rules" --stats page.txt
expect_rc 0 "extra rules"
expect_contains "$TMP/err" "zz-custom" "extra rules"

finish
