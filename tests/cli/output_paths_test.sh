# Outputs that are not regular files are written in place through their
# descriptor, so that ">>" appends (issue 15, items 1, 5 and 7): only regular
# files are replaced (temporary file + rename), they keep their mode, and two
# outputs on one path are refused.
source "$(dirname "$0")/lib.sh"
cd "$DATA" || exit 1
R=(--rules test.rules --no-repeated-lines --no-edge-runs --no-classifier
   --no-comments --no-recirculation --no-main-region)
mkdir "$TMP/o"
cat "$GOLDEN/page.clean.txt" "$GOLDEN/page.clean.txt" >"$TMP/twice.txt"

# -o /dev/stdout >> FILE, twice: FILE holds both runs.
for name in /dev/stdout /proc/self/fd/1 /dev/fd/1; do
  rm -f "$TMP/o/acc.txt"
  for i in 1 2; do
    "$PITH" clean "${R[@]}" page.txt -o "$name" >>"$TMP/o/acc.txt" 2>"$TMP/err"
    rc=$?
    expect_rc 0 "-o $name >> acc.txt ($i)"
  done
  expect_same "$TMP/o/acc.txt" "$TMP/twice.txt" "-o $name >> acc.txt, twice"
  [ "$(ls -A "$TMP/o")" = acc.txt ] || fail "-o $name: stray files: $(ls -A "$TMP/o")"
done

# --report /dev/stderr 2>> job.log appends the report to the log.
echo "earlier log line" >"$TMP/o/job.log"
"$PITH" dedup --min-words 1 --report /dev/stderr page.txt page.txt \
  >"$TMP/out" 2>>"$TMP/o/job.log"
rc=$?
expect_rc 0 "--report /dev/stderr 2>> job.log"
[ "$(head -n 1 "$TMP/o/job.log")" = "earlier log line" ] ||
  fail "--report /dev/stderr replaced the log: $(head -c 300 "$TMP/o/job.log")"
expect_contains "$TMP/o/job.log" '"duplicate_of"' "--report /dev/stderr 2>> job.log"

# The same through a pipe, and through a symlink to /dev/stdout.
"$PITH" clean "${R[@]}" page.txt -o /dev/stdout 2>"$TMP/err" | cat >"$TMP/piped.txt"
expect_same "$TMP/piped.txt" "$GOLDEN/page.clean.txt" "-o /dev/stdout | cat"
ln -s /dev/stdout "$TMP/o/link"
rm -f "$TMP/o/acc.txt"
for i in 1 2; do
  "$PITH" clean "${R[@]}" page.txt -o "$TMP/o/link" >>"$TMP/o/acc.txt" 2>"$TMP/err"
done
expect_same "$TMP/o/acc.txt" "$TMP/twice.txt" "-o LINK-TO-/dev/stdout >> acc.txt"
rm -f "$TMP/o/link" "$TMP/o/acc.txt" "$TMP/o/job.log"

# A FIFO is written in place.
mkfifo "$TMP/o/fifo"
cat "$TMP/o/fifo" >"$TMP/fifo.out" &
reader=$!
run "$PITH" clean "${R[@]}" page.txt -o "$TMP/o/fifo"
expect_rc 0 "-o FIFO"
wait "$reader"
expect_same "$TMP/fifo.out" "$GOLDEN/page.clean.txt" "-o FIFO"
[ -p "$TMP/o/fifo" ] || fail "-o FIFO: the FIFO was replaced"
rm -f "$TMP/o/fifo"

# A replaced regular file keeps its mode.
echo old >"$TMP/o/out.txt"
chmod 0640 "$TMP/o/out.txt"
echo old >"$TMP/o/report.jsonl"
chmod 0600 "$TMP/o/report.jsonl"
run "$PITH" dedup --min-words 1 page.txt page.txt -o "$TMP/o/out.txt" -R "$TMP/o/report.jsonl"
expect_rc 0 "mode kept"
[ "$(stat -c %a "$TMP/o/out.txt")" = 640 ] ||
  fail "-o: mode 0640 became $(stat -c %a "$TMP/o/out.txt")"
[ "$(stat -c %a "$TMP/o/report.jsonl")" = 600 ] ||
  fail "-R: mode 0600 became $(stat -c %a "$TMP/o/report.jsonl")"
# A new file gets 0666 minus the umask.
(umask 027 && "$PITH" clean "${R[@]}" page.txt -o "$TMP/o/new.txt")
[ "$(stat -c %a "$TMP/o/new.txt")" = 640 ] ||
  fail "new file with umask 027: mode $(stat -c %a "$TMP/o/new.txt")"

# Two outputs on one path: a usage error, and the file is left alone.
check_same_path() {
  local what=$1
  shift
  echo keep >"$TMP/o/same"
  run "$PITH" "$@"
  expect_rc 1 "$what"
  expect_contains "$TMP/err" "name the same file" "$what"
  [ "$(cat "$TMP/o/same")" = keep ] || fail "$what: the file was changed"
}
check_same_path "-o X -R X" dedup page.txt -o "$TMP/o/same" -R "$TMP/o/same"
check_same_path "-o X --index X" dedup page.txt -o "$TMP/o/same" --index "$TMP/o/same"
check_same_path "-R X --index X" run page.txt -R "$TMP/o/same" --index "$TMP/o/same"
check_same_path "-o X -e X" clean page.txt -o "$TMP/o/same" -e "$TMP/o/same"
check_same_path "-o X -R ./X" dedup page.txt -o "$TMP/o/same" -R "$TMP/o/../o/same"
ln -s same "$TMP/o/same-link"
check_same_path "-o X -R LINK-TO-X" dedup page.txt -o "$TMP/o/same" -R "$TMP/o/same-link"
check_same_path "-o NEW -R NEW" dedup page.txt -o "$TMP/o/new1" -R "$TMP/o/new1"
[ ! -e "$TMP/o/new1" ] || fail "-o NEW -R NEW created NEW"
check_same_path "-o NEW --index NEW" dedup page.txt -o "$TMP/o/new2" --index "$TMP/o/new2"
[ ! -e "$TMP/o/new2" ] || fail "-o NEW --index NEW created NEW"
run "$PITH" dedup page.txt -o /dev/stdout -R -
expect_rc 1 "-o /dev/stdout -R - (both stdout)"
# /dev/null may take both.
run "$PITH" dedup page.txt -o /dev/null -R /dev/null
expect_rc 0 "-o /dev/null -R /dev/null"

finish
