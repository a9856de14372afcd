# pith dedup --index: two runs on one index never both load and save it
# (issue 15, item 2). The second fails at once (exit 4) naming the index and
# the holder, or with --wait-for-index waits and then sees the first run's
# units; concurrent waiting runs lose nothing.
source "$(dirname "$0")/lib.sh"
mkdir "$TMP/w"
cd "$TMP/w" || exit 1

# Paragraphs unique to each file; b.txt repeats a.txt.
for f in a c d; do
  for i in 1 2 3 4 5 6; do
    echo "paragraph $i of file $f has enough words to be compared here"
    echo
  done >"$f.txt"
done
cp a.txt b.txt
D=(dedup --unit paragraph --min-words 3)

# Run 1 holds the index while it waits for its input (a FIFO).
mkfifo in.fifo
"$PITH" "${D[@]}" --index idx -o out1.txt <in.fifo 2>err1 &
first=$!
exec 3>in.fifo
for _ in $(seq 1 100); do [ -e idx.lock ] && break; sleep 0.05; done
[ -e idx.lock ] || fail "run 1 made no lock file"

# Run 2 fails at once, naming the index and run 1.
run "$PITH" "${D[@]}" --index idx -o out2.txt b.txt 3>&-
expect_rc 4 "second run on a held index"
expect_contains "$TMP/err" "index idx is in use by process $first" "second run"
expect_contains "$TMP/err" "--wait-for-index" "second run"
[ ! -e out2.txt ] || fail "the refused run wrote its output"

# Run 3 waits for run 1, then dedups against what run 1 saved.
"$PITH" "${D[@]}" --index idx --wait-for-index -o out3.txt b.txt 2>err3 3>&- &
third=$!
sleep 0.3
kill -0 "$third" 2>/dev/null || fail "run 3 did not wait"
cat a.txt >&3
exec 3>&-
wait "$first"
rc=$?
expect_rc 0 "run 1"
wait "$third"
rc=$?
expect_rc 0 "run 3 (waited)"
expect_same out1.txt a.txt "run 1 output"
[ ! -s out3.txt ] || fail "run 3 did not see run 1's paragraphs: $(head -c 200 out3.txt)"

# Two runs at once, both waiting: the index ends up with both.
rm -f idx2 idx2.lock
"$PITH" "${D[@]}" --index idx2 --wait-for-index -o oc.txt c.txt 2>errc &
pc=$!
"$PITH" "${D[@]}" --index idx2 --wait-for-index -o od.txt d.txt 2>errd &
pd=$!
wait "$pc" || fail "concurrent run c: $(cat errc)"
wait "$pd" || fail "concurrent run d: $(cat errd)"
cat c.txt d.txt >cd.txt
run "$PITH" "${D[@]}" --index idx2 -o again.txt cd.txt
expect_rc 0 "run over both"
[ ! -s again.txt ] || fail "one concurrent run's paragraphs were lost: $(head -c 300 again.txt)"

finish
