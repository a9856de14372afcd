#!/bin/bash
# pith explain --html and pith run --html: one self-contained page that
# names every rule or heuristic that removed a line, links near-duplicates
# to what they repeat, and refers to nothing outside itself. Where Chromium
# is installed, the page is also rendered headless and its legend checked.
# usage: bash html_test.sh PITH_BINARY TESTS_SOURCE_DIR
source "$(dirname "$0")/lib.sh"
seeds=("$TESTS"/data/seeds/*.txt)

run "$PITH" explain --html "$TMP/e.html" "${seeds[@]}"
expect_rc 0 "explain --html"
expect_empty "$TMP/out" "explain --html writes no text view without -o"
head -c 15 "$TMP/e.html" | grep -q '<!DOCTYPE html>' || fail "no doctype"
grep -Eiq '(src|href)="(https?:)?//|<link|@import|url\(' "$TMP/e.html" &&
  fail "the page refers to an outside resource"
# Every reason that removed a line is in the page's legend counts.
"$PITH" clean -e "$TMP/removed.jsonl" -o /dev/null "${seeds[@]}"
/usr/bin/python3 - "$TMP/removed.jsonl" "$TMP/e.html" <<'PY' || fail "reasons"
import json, re, sys
rules = {json.loads(l)["rule"] for l in open(sys.argv[1])}
page = open(sys.argv[2]).read()
counts = json.loads(re.search(r'id="counts">(.*?)</script>', page).group(1))
missing = rules - set(counts)
if missing:
    sys.exit(f"reasons missing from the page: {sorted(missing)}")
for rule in rules:
    if f"drop {rule}<" not in page and f"strip {rule}<" not in page:
        sys.exit(f"no line is marked as removed by {rule}")
PY

# With -o, the text view is written too.
run "$PITH" explain --html "$TMP/e2.html" -o "$TMP/view.txt" "${seeds[0]}"
expect_rc 0 "explain --html -o"
expect_contains "$TMP/view.txt" "keep" "text view"

# pith run: the repeated quote links to the line it repeats.
run "$PITH" run --threshold 0.55 --html "$TMP/r.html" -o /dev/null "${seeds[@]}"
expect_rc 0 "run --html"
expect_contains "$TMP/r.html" 'near-duplicate' "run page"
expect_contains "$TMP/e.html" 'main region (shaded): lines' "the page-level decision"
expect_contains "$TMP/e.html" ' main"><span' "main-region lines marked"
grep -q 'href="#d0-l16">duplicate of' "$TMP/r.html" ||
  fail "no link to page 000 line 16: $(grep -o 'duplicate of[^<]*' "$TMP/r.html")"

if command -v chromium >/dev/null; then
  profile=$(mktemp -d)
  timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$profile" --dump-dom \
    "file://$TMP/r.html" >"$TMP/dom.html" 2>/dev/null
  rm -rf "$profile"
  grep -q '<label><input type="checkbox">' "$TMP/dom.html" ||
    grep -q 'type="checkbox"' "$TMP/dom.html" ||
    fail "the rendered page has no legend"
  grep -q 'near-duplicate (1)' "$TMP/dom.html" ||
    fail "the legend does not count the near-duplicate"
fi
exit $((failures > 0))
