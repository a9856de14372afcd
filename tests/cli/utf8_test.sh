# JSON output is always valid JSON (issue 15, items 8 and 10): invalid UTF-8
# in a JSONL input, and lone surrogate escapes, become U+FFFD in every
# output (-o, --report, --explain), are counted in --stats and reported; a
# UTF-8 byte order mark at the start of a JSONL file is skipped.
source "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1

# valid_json FILE WHAT: every line of FILE is strict UTF-8 and a JSON object.
valid_json() {
  python3 - "$1" <<'EOF' || fail "$2: $(head -c 300 "$1" | cat -A)"
import json, sys
with open(sys.argv[1], "rb") as f:
    for n, line in enumerate(f, 1):
        try:
            json.loads(line.decode("utf-8", errors="strict"))
        except Exception as e:
            sys.exit("line %d: %s" % (n, e))
EOF
}

{
  printf '{"id":"a","text":"caf\xe9 au lait is a drink\\nthe same line twice here\\nthe same line twice here","src":"\xff"}\n'
  printf '{"id":"b\xc3","text":"lone \\ud800 surrogate stays valid json\\nok"}\n'
  printf '{"id":"c","text":"the same line twice here"}\n'
} >bad.jsonl

run "$PITH" dedup -f jsonl --min-words 2 --stats -R report.jsonl -o out.jsonl bad.jsonl
expect_rc 0 "dedup of invalid UTF-8"
valid_json out.jsonl "dedup -o output"
valid_json report.jsonl "dedup --report"
expect_contains "$TMP/err" "utf-8 replaced    4" "dedup --stats"
expect_contains "$TMP/err" "bad.jsonl: 4 invalid UTF-8 sequences replaced by U+FFFD" "warning"
# Copied lines carry the replacement too (document c is unchanged: copied).
expect_contains out.jsonl "$(printf '"src":"\xef\xbf\xbd"')" "unchanged member repaired"
expect_contains out.jsonl "$(printf '"id":"b\xef\xbf\xbd"')" "id repaired"

for j in 1 3; do
  run "$PITH" clean -f jsonl -j$j --stats -e explain.jsonl -o clean.jsonl bad.jsonl
  expect_rc 0 "clean -j$j of invalid UTF-8"
  valid_json clean.jsonl "clean -j$j -o output"
  valid_json explain.jsonl "clean -j$j --explain"
  expect_contains "$TMP/err" "utf-8 replaced  4" "clean -j$j --stats"
done

# --quiet drops the warning, not the repair.
run "$PITH" clean -f jsonl -q -o clean.jsonl bad.jsonl
expect_empty "$TMP/err" "--quiet"
valid_json clean.jsonl "clean -q"

# Text input: kept bytes stay as they were; the JSON reports are valid.
printf 'caf\xe9 one two three four\ncaf\xe9 one two three four\n' >bad.txt
run "$PITH" dedup --min-words 2 -R report.jsonl -o out.txt bad.txt
expect_rc 0 "text dedup"
printf 'caf\xe9 one two three four\n' >want.txt
expect_same out.txt want.txt "text bytes kept"
valid_json report.jsonl "text --report"
run "$PITH" clean -e explain.jsonl -o out.txt "$DATA/page.txt" bad.txt
valid_json explain.jsonl "text --explain"

# A byte order mark at the start of a JSONL file.
printf '\xef\xbb\xbf{"id":"x","text":"hello there"}\n{"id":"y","text":"second"}\n' >bom.jsonl
run "$PITH" dedup -f jsonl bom.jsonl
expect_rc 0 "BOM"
printf '{"id":"x","text":"hello there"}\n{"id":"y","text":"second"}\n' >want.jsonl
expect_same "$TMP/out" want.jsonl "BOM skipped"

finish
