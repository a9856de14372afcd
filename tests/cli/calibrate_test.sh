#!/bin/bash
# pith calibrate: a text summary on stdout, a self-contained HTML page with
# --html (an SVG histogram with bars, the S-curve, both thresholds, no
# external resource), the options of an index with --index, usage errors.
# usage: bash calibrate_test.sh PITH_BINARY TESTS_SOURCE_DIR
source "$(dirname "$0")/lib.sh"

# A corpus of paragraphs with copies and edits of one to six words.
words="alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima
mike november oscar papa quebec romeo sierra tango uniform victor whiskey"
for d in $(seq 0 59); do
  text=""
  for p in 0 1 2; do
    src=$(( (d * 3 + p) % 40 ))
    para=""
    for k in $(seq 0 29); do para="$para w${src}x$k"; done
    edits=$(( d < 20 ? 0 : (d + p) % 7 ))
    for e in $(seq 1 $edits); do
      para=$(echo "$para" | sed "s/ w${src}x$((e * 4)) / e${d}x$e /")
    done
    text="$text${para# }\\n\\n"
  done
  printf '{"id": "d%d", "text": "%s"}\n' "$d" "$text"
done > "$TMP/docs.jsonl"

run "$PITH" calibrate -f jsonl -u paragraph --min-words 1 --low 0.3 \
  --html "$TMP/page.html" "$TMP/docs.jsonl"
expect_rc 0 "calibrate"
for s in "60 documents, 180 units" "exact J of the candidate pairs" \
  "LSH 12 x 5: P(candidate)" "suggested threshold: 0." \
  "pith dedup removes" "pairs closest to 0.8"; do
  expect_contains "$TMP/out" "$s" "summary"
done
expect_empty "$TMP/err" "calibrate stderr"
page=$TMP/page.html
expect_contains "$page" "<!DOCTYPE html>" "page"
expect_contains "$page" "<svg" "page: an SVG"
[ "$(grep -c '<rect class="bar"' "$page")" -ge 5 ] ||
  fail "page: fewer than 5 histogram bars"
expect_contains "$page" '<polyline class="curve"' "page: the S-curve"
expect_contains "$page" 'class="threshold"' "page: the threshold"
expect_contains "$page" 'class="suggested"' "page: the suggestion"
expect_contains "$page" '<mark class="a">' "page: differences marked"
for bad in http src= href= 'url(' '<script' '@import'; do
  if grep -qF -- "$bad" "$page"; then fail "page: external reference '$bad'"; fi
done

# With an index: its options, and the index is not modified.
run "$PITH" dedup -f jsonl -u paragraph --min-words 1 -t 0.7 \
  --index "$TMP/idx" -o /dev/null "$TMP/docs.jsonl"
expect_rc 0 "dedup --index"
cp "$TMP/idx" "$TMP/idx.before"
run "$PITH" calibrate -f jsonl --index "$TMP/idx" "$TMP/docs.jsonl"
expect_rc 0 "calibrate --index"
expect_contains "$TMP/out" "threshold 0.7" "index options"
expect_contains "$TMP/out" "(recorded in $TMP/idx)" "index options"
expect_same "$TMP/idx" "$TMP/idx.before" "index untouched"

# Usage errors.
run "$PITH" calibrate --low 0 "$TMP/docs.jsonl"
expect_rc 1 "--low 0"
expect_contains "$TMP/err" "--low must be in (0, 1)" "--low 0"
run "$PITH" calibrate -f jsonl --index "$TMP/none" "$TMP/docs.jsonl"
expect_rc 2 "missing index"
run "$PITH" calibrate --help
expect_rc 0 "--help"
expect_contains "$TMP/out" "--html FILE" "--help"

[ "$failures" -eq 0 ] || exit 1
echo PASS
