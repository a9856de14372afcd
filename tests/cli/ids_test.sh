#!/bin/bash
# JSONL fields and ids, and documents in a text stream: --field and
# --id-field with nested paths, numeric ids written as numbers, FILE:LINE for
# documents without an id (distinct across files, null ids included), and
# --separator for text on stdin.
# usage: bash ids_test.sh PITH_BINARY TESTS_SOURCE_DIR
source "$(dirname "$0")/lib.sh"

A="the quick brown fox jumps over the lazy dog near the river bank today"
B="a completely different sentence about cooking pasta with garlic and oil"

# Nested --field and --id-field: the nested text is deduplicated, the report
# names the nested id, and every other byte of the line is kept.
printf '{"meta": {"key": "k1"}, "content": {"text": "%s\\n\\n%s", "lang": "en"}}\n' "$A" "$B" > "$TMP/nested.jsonl"
printf '{"meta": {"key": 7}, "content": {"lang": "en", "text": "%s"}, "n": 2}\n' "$B" >> "$TMP/nested.jsonl"
run "$PITH" dedup -f jsonl --unit paragraph --field content.text \
  --id-field meta.key -R "$TMP/r.jsonl" -o "$TMP/o.jsonl" "$TMP/nested.jsonl"
expect_rc 0 "nested dedup"
expect_contains "$TMP/r.jsonl" \
  '{"doc": 7, "line": 1, "duplicate_of": {"doc": "k1", "line": 3}' \
  "nested id, numeric id as a JSON number"
expect_contains "$TMP/o.jsonl" \
  '{"meta": {"key": 7}, "content": {"lang": "en", "text": ""}, "n": 2}' \
  "nested text replaced, other bytes kept"
expect_contains "$TMP/o.jsonl" "\"text\": \"$A\\n\\n$B\", \"lang\": \"en\"" \
  "first document kept whole"
# A nested field that is missing is an error naming the file and line.
printf '{"content": {"body": "x"}}\n' > "$TMP/missing.jsonl"
run "$PITH" dedup -f jsonl --field content.text "$TMP/missing.jsonl"
expect_rc 2 "missing nested field"
expect_contains "$TMP/err" "missing.jsonl:1" "missing field names FILE:LINE"

# Without an id (or with null or a boolean), a document is named FILE:LINE:
# two files' line 1 are two documents, and never the number 1.
printf '{"text": "%s"}\n{"text": "x", "id": null}\n' "$A" > "$TMP/a.jsonl"
printf '{"text": "%s", "id": true}\n{"id": 1, "text": "%s"}\n' "$A" "$A" > "$TMP/b.jsonl"
run "$PITH" dedup -f jsonl --unit document -R "$TMP/r2.jsonl" \
  -o /dev/null "$TMP/a.jsonl" "$TMP/b.jsonl"
expect_rc 0 "ids dedup"
expect_contains "$TMP/r2.jsonl" \
  "{\"doc\": \"$TMP/b.jsonl:1\", \"line\": 1, \"duplicate_of\": {\"doc\": \"$TMP/a.jsonl:1\", \"line\": 1}" \
  "boolean id is FILE:LINE, first of another file"
expect_contains "$TMP/r2.jsonl" \
  "{\"doc\": 1, \"line\": 1, \"duplicate_of\": {\"doc\": \"$TMP/a.jsonl:1\", \"line\": 1}" \
  "numeric id 1 is not line 1 of a file"
run "$PITH" explain -f jsonl "$TMP/a.jsonl"
expect_contains "$TMP/out" "# $TMP/a.jsonl:2" "explain header of a null id"

# Text mode: each file a document of its own in every command.
printf '%s\n' "$A" > "$TMP/one.txt"
printf '%s\n' "$A" > "$TMP/two.txt"
for cmd in dedup run; do
  run "$PITH" $cmd --unit document $([ $cmd = run ] && echo --no-classifier) -R "$TMP/r3.jsonl" -o "$TMP/o3.txt" \
    "$TMP/one.txt" "$TMP/two.txt"
  expect_rc 0 "text $cmd"
  expect_contains "$TMP/r3.jsonl" "{\"doc\": \"$TMP/two.txt\"" "text $cmd: files are documents"
done

# --separator: a form feed, or a given line, splits stdin into documents.
printf '%s\n\f\n%s\n\f\n%s\n' "$A" "$B" "$A" |
  "$PITH" dedup --unit document --separator ff -R "$TMP/r4.jsonl" > "$TMP/o4.txt" 2> "$TMP/err"
expect_rc_of=$?
[ "$expect_rc_of" = 0 ] || fail "separator ff: rc $expect_rc_of: $(cat "$TMP/err")"
expect_contains "$TMP/r4.jsonl" '{"doc": "stdin#3", "line": 5, "duplicate_of": {"doc": "stdin#1", "line": 1}' \
  "separator ff: third document duplicates the first"
printf '%s\n\f\n%s\n\f\n' "$A" "$B" > "$TMP/want4.txt"  # The emptied third stays a document.
cmp -s "$TMP/o4.txt" "$TMP/want4.txt" || fail "separator ff: output keeps the separators: $(od -c "$TMP/o4.txt" | head)"
printf '%s\n=====\n%s\n=====\n%s\n' "$A" "$B" "$A" |
  "$PITH" explain --separator ===== > "$TMP/o5.txt" 2> "$TMP/err" ||
  fail "separator line: $(cat "$TMP/err")"
[ "$(grep -c '^# stdin#' "$TMP/o5.txt")" = 3 ] || fail "separator line: $(cat "$TMP/o5.txt")"
exit $((failures > 0))
