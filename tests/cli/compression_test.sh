# Compression (issue 15, item 9): gzip input is read by its magic number
# (whatever its name); -o NAME.gz writes gzip and NAME.zst zstd, with
# --level; an input in a compressed format pith does not read names the
# format.
source "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
J=(dedup -f jsonl --min-words 2)

cp "$DATA/docs.jsonl" docs.jsonl
"$PITH" "${J[@]}" docs.jsonl >plain.out 2>/dev/null || fail "plain run"

# gzip input, by magic number: .gz, another name, stdin, concatenated members.
gzip -c docs.jsonl >docs.jsonl.gz
cp docs.jsonl.gz disguised.jsonl
for input in docs.jsonl.gz disguised.jsonl; do
  run "$PITH" "${J[@]}" "$input"
  expect_rc 0 "gzip input $input"
  expect_same "$TMP/out" plain.out "gzip input $input"
done
run_stdin docs.jsonl.gz "$PITH" "${J[@]}" -
expect_same "$TMP/out" plain.out "gzip on stdin"
head -n 2 docs.jsonl | gzip -c >two.gz
tail -n +3 docs.jsonl | gzip -c >>two.gz
run "$PITH" "${J[@]}" two.gz
expect_same "$TMP/out" plain.out "concatenated gzip members"

# Truncated gzip is an error naming the file.
head -c 60 docs.jsonl.gz >cut.gz
run "$PITH" "${J[@]}" cut.gz
expect_rc 2 "truncated gzip"
expect_contains "$TMP/err" "pith: cut.gz: truncated gzip data" "truncated gzip"

# -o .gz writes gzip (gzip -t accepts it), -o .zst zstd; -R too.
run "$PITH" "${J[@]}" docs.jsonl -o out.jsonl.gz -R rep.jsonl.gz
expect_rc 0 "-o .gz"
gzip -t out.jsonl.gz || fail "-o .gz: not gzip"
gzip -dc out.jsonl.gz >out.jsonl
expect_same out.jsonl plain.out "-o .gz content"
gzip -t rep.jsonl.gz || fail "-R .gz: not gzip"
for level in 1 9; do
  run "$PITH" "${J[@]}" docs.jsonl -o "l$level.jsonl.gz" --level "$level"
  expect_rc 0 "--level $level"
  gzip -dc "l$level.jsonl.gz" | cmp -s - plain.out || fail "--level $level content"
done
if command -v zstd >/dev/null; then
  run "$PITH" "${J[@]}" docs.jsonl -o out.jsonl.zst --level 19
  expect_rc 0 "-o .zst --level 19"
  zstd -q -d -c out.jsonl.zst | cmp -s - plain.out || fail "-o .zst content"
fi
# ... and reads back what it wrote.
run "$PITH" "${J[@]}" out.jsonl.gz
expect_same "$TMP/out" plain.out "reads its own gzip"

# Bad levels are usage errors.
run "$PITH" "${J[@]}" docs.jsonl -o x.gz --level 10
expect_rc 1 "--level 10 for gzip"
expect_contains "$TMP/err" "--level must be 1 to 9 for gzip" "--level 10 for gzip"
run "$PITH" "${J[@]}" docs.jsonl -o x.jsonl --level 3
expect_rc 1 "--level without a compressed output"

# Formats pith does not read are named.
printf 'BZh91AY&SY\x01\x02\x03\x04' >docs.jsonl.bz2
printf '\xfd7zXZ\x00\x00\x04' >docs.jsonl.xz
for f in docs.jsonl.bz2:bzip2 docs.jsonl.xz:xz; do
  run "$PITH" "${J[@]}" "${f%%:*}"
  expect_rc 2 "${f#*:} input"
  expect_contains "$TMP/err" "pith: ${f%%:*}: ${f#*:}-compressed data: pith reads only gzip and zstd" \
    "${f#*:} input"
done

finish
