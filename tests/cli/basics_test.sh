#!/bin/bash
# What a data engineer expects of a command line: --version, help COMMAND,
# "did you mean", a refusal to read a terminal, progress on a terminal only,
# --stats-json, --drop-empty and --min-chars, --output-dir, and the bash
# completion and man page generated from the option tables.
# usage: bash basics_test.sh PITH_BINARY TESTS_SOURCE_DIR
source "$(dirname "$0")/lib.sh"
seeds=("$TESTS"/data/seeds/*.txt)

run "$PITH" --version
expect_rc 0 "--version"
grep -Eq '^pith [0-9]+\.[0-9]+\.[0-9]+$' "$TMP/out" || fail "version: $(cat "$TMP/out")"

run "$PITH" help dedup
expect_rc 0 "help dedup"
expect_contains "$TMP/out" "Usage: pith dedup" "help dedup"
expect_contains "$TMP/out" "[Default: 0.8]" "defaults from the options"

run "$PITH" dedpu
expect_rc 1 "unknown command"
expect_contains "$TMP/err" "did you mean 'dedup'?" "command suggestion"
run "$PITH" clean --thraeds 2
expect_rc 1 "unknown option"
expect_contains "$TMP/err" "did you mean '--threads'?" "option suggestion"

# A terminal on stdin is refused, with a hint; a pipe is read.
if command -v script >/dev/null; then
  script -qec "$PITH clean" /dev/null >"$TMP/tty" 2>&1 </dev/null
  expect_contains "$TMP/tty" "standard input is a terminal" "terminal stdin"
fi

# Progress: with stderr on a terminal, a percentage and then a summary;
# with stderr to a file, nothing unless --progress.
for i in $(seq 60); do
  for f in "${seeds[@]}"; do
    /usr/bin/python3 -c 'import json,sys; print(json.dumps({"text": open(sys.argv[1]).read()}))' "$f"
  done
done > "$TMP/big.jsonl"
if command -v script >/dev/null; then
  script -qec "$PITH clean -f jsonl -o /dev/null $TMP/big.jsonl" /dev/null \
    >"$TMP/tty" 2>&1 </dev/null
  expect_contains "$TMP/tty" "%)" "progress shows a percentage"
  expect_contains "$TMP/tty" "documents in" "progress ends with a summary"
  script -qec "$PITH clean -f jsonl --no-progress -o /dev/null $TMP/big.jsonl" /dev/null \
    >"$TMP/tty" 2>&1 </dev/null
  grep -q "documents in" "$TMP/tty" && fail "--no-progress printed progress"
fi
run "$PITH" clean -f jsonl -o /dev/null "$TMP/big.jsonl"
expect_empty "$TMP/err" "no progress when stderr is a file"
run "$PITH" clean -f jsonl --progress -o /dev/null "$TMP/big.jsonl"
expect_contains "$TMP/err" "documents in" "--progress to a file"

# --stats-json: the numbers of --stats, as JSON.
run "$PITH" run --threshold 0.55 -s --stats-json "$TMP/s.json" -o /dev/null "${seeds[@]}"
expect_rc 0 "stats-json"
/usr/bin/python3 - "$TMP/s.json" "$TMP/err" <<'PY' || fail "stats-json content"
import json, re, sys
s = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
for key in ["documents_in", "documents_out", "bytes_in", "bytes_out",
            "lines_removed", "removed_by", "duplicates", "rejected",
            "skipped_errors", "seconds", "threads", "version"]:
    assert key in s, key
assert s["removed_by"], "empty removed_by"
assert s["duplicates"]["units"] == 1, s["duplicates"]
assert s["documents_in"] == int(re.search(r"documents +(\d+)", text).group(1))
assert s["bytes_out"] == int(re.search(r"bytes out +(\d+)", text).group(1))
PY

# --drop-empty leaves out the documents cleaning emptied, and counts them.
B1="Heavy rain flooded roads across the north of the country and forced schools to close on Monday, while forecasters warned of more storms to come later in the week."
B2="The central bank raised interest rates by a quarter of a point on Thursday, its third increase this year, citing stubborn inflation and strong wages."
B3="The new phone has a larger screen and a faster chip, but reviewers said that the battery life was disappointing for the price that the company asks."
printf '{"id":"a","text":"Home\\nNews\\nSport\\nContact"}\n{"id":"b","text":"%s\\n\\n%s\\n\\n%s"}\n' \
  "$B1" "$B2" "$B3" > "$TMP/e.jsonl"
run "$PITH" clean -f jsonl --drop-empty --stats-json "$TMP/e.json" \
  -o "$TMP/e.out" "$TMP/e.jsonl"
expect_rc 0 "drop-empty"
[ "$(wc -l < "$TMP/e.out")" -eq 1 ] || fail "drop-empty kept: $(cat "$TMP/e.out")"
expect_contains "$TMP/e.out" '"id":"b"' "drop-empty keeps the text"
expect_contains "$TMP/e.json" '"documents_dropped": 1' "drop-empty counted"
run "$PITH" clean -f jsonl --min-chars 1000 -o "$TMP/m.out" "$TMP/e.jsonl"
expect_empty "$TMP/m.out" "min-chars"

# --output-dir: one output per input, same name, same compression.
mkdir -p "$TMP/in"
cp "$TMP/e.jsonl" "$TMP/in/one.jsonl"
zstd -q -c "$TMP/e.jsonl" > "$TMP/in/two.jsonl.zst"
run "$PITH" clean -f jsonl --output-dir "$TMP/od" "$TMP/in/one.jsonl" \
  "$TMP/in/two.jsonl.zst"
expect_rc 0 "output-dir"
[ -f "$TMP/od/one.jsonl" ] && [ -f "$TMP/od/two.jsonl.zst" ] ||
  fail "output-dir files: $(ls "$TMP/od")"
zstd -q -t "$TMP/od/two.jsonl.zst" || fail "output-dir: .zst is not zstd"
expect_same "$TMP/od/one.jsonl" <(zstd -q -d -c "$TMP/od/two.jsonl.zst") \
  "output-dir: both outputs alike"
run "$PITH" clean --output-dir "$TMP/od2" -o x.txt "${seeds[0]}"
expect_rc 1 "output-dir with -o"
run "$PITH" clean --output-dir "$TMP/od3" "${seeds[0]}" "${seeds[0]}"
expect_rc 1 "output-dir with two inputs of one name"
# A bad input: the outputs of the inputs before it are complete, its own
# never appears, and no temporary file is left.
printf '{"text": oops}\n' > "$TMP/in/bad.jsonl"
run "$PITH" clean -f jsonl --output-dir "$TMP/od4" "$TMP/in/one.jsonl" \
  "$TMP/in/bad.jsonl"
expect_rc 2 "output-dir with a bad input"
[ -f "$TMP/od4/one.jsonl" ] || fail "output-dir: the good input's output is missing"
[ -e "$TMP/od4/bad.jsonl" ] && fail "output-dir: the bad input has an output"
[ -z "$(ls -A "$TMP/od4" | grep tmp)" ] || fail "output-dir: a temporary file is left"

# Completion and man page.
run "$PITH" completion bash
expect_rc 0 "completion"
bash -n "$TMP/out" || fail "completion: not valid bash"
expect_contains "$TMP/out" "--threshold" "completion knows the options"
expect_contains "$TMP/out" "paragraph" "completion knows the values"
run "$PITH" --man-page
expect_contains "$TMP/out" ".TH PITH 1" "man page"
exit $((failures > 0))
