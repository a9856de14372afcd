#!/bin/bash
# One definition of a blank line and a paragraph: lines of U+00A0, \v, \f,
# tabs or a lone CR separate paragraphs for pith clean, pith dedup --unit
# paragraph and pith run alike.
# usage: bash paragraphs_test.sh PITH_BINARY TESTS_SOURCE_DIR
source "$(dirname "$0")/lib.sh"

A="The central bank raised interest rates by a quarter of a point on Thursday, its third increase this year, citing stubborn inflation and strong wages."
B="Heavy rain flooded roads across the north of the country and forced schools to close, while forecasters warned of more storms to come."
C="The new phone has a larger screen and a faster chip, but reviewers said the battery life was disappointing for the price."

# one.txt holds A and B, two.txt B and C, each pair parted by a kind of
# blank line. If that line did not part paragraphs, each file would be one
# paragraph and nothing would be removed; as it does, two.txt's B (line 1)
# is a duplicate of one.txt's (line 3).
seps=("\xc2\xa0" "\v" "\f" "\t \t" "\r" " \r \xc2\xa0 ")
names=(nbsp vt ff tabs lone-cr mixed)
for k in "${!seps[@]}"; do
  sep=${seps[$k]}
  name=${names[$k]}
  one=$TMP/$name-one.txt
  two=$TMP/$name-two.txt
  printf "%s\n${sep}\n%s\n" "$A" "$B" > "$one"
  printf "%s\n${sep}\n%s\n" "$B" "$C" > "$two"

  # clean: nothing to remove; the blank lines stay as they are.
  run "$PITH" clean -o "$TMP/clean.txt" "$one" "$two"
  expect_rc 0 "$name: clean"
  cat "$one" "$two" > "$TMP/both.txt"
  expect_same "$TMP/clean.txt" "$TMP/both.txt" "$name: clean keeps the text"

  want="{\"doc\": \"$two\", \"line\": 1, \"duplicate_of\": {\"doc\": \"$one\", \"line\": 3}, \"similarity\": 1.0000}"
  printf "%s\n${sep}\n%s\n%s\n" "$A" "$B" "$C" > "$TMP/want.txt"
  for cmd in dedup run; do
    run "$PITH" $cmd --unit paragraph -R "$TMP/$cmd.report" \
      -o "$TMP/$cmd.txt" "$one" "$two"
    expect_rc 0 "$name: $cmd"
    [ "$(cat "$TMP/$cmd.report")" = "$want" ] ||
      fail "$name: $cmd report: $(cat "$TMP/$cmd.report")"
    expect_same "$TMP/$cmd.txt" "$TMP/want.txt" "$name: $cmd output"
  done

  # The same in JSONL.
  for f in "$one" "$two"; do
    /usr/bin/python3 -c 'import json,sys; print(json.dumps({"text": open(sys.argv[1], newline="").read()}))' "$f"
  done > "$TMP/$name.jsonl"
  for cmd in dedup run; do
    run "$PITH" $cmd -f jsonl --unit paragraph -R "$TMP/j.report" \
      -o /dev/null "$TMP/$name.jsonl"
    expect_rc 0 "$name: jsonl $cmd"
    expect_contains "$TMP/j.report" \
      "{\"doc\": \"$TMP/$name.jsonl:2\", \"line\": 1, \"duplicate_of\": {\"doc\": \"$TMP/$name.jsonl:1\", \"line\": 3}" \
      "$name: jsonl $cmd report"
  done
done
exit $((failures > 0))
