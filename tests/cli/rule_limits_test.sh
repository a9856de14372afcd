# Rule limits (issue 15, item 10): 2,000 extra rules exceed the memory budget
# of the whole set, and the error says so, with the numbers and
# --max-rule-memory (not "default.rules:78: pattern too large"); a rule that
# would be slow ("(.*a){1000}", a 1 MB literal) is refused at once, by name.
source "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
PAGE=$DATA/page.txt

python3 -c '
for i in range(2100): print("drop r%d ^word%d here$" % (i, i))' >many.rules
run "$PITH" clean -x many.rules "$PAGE"
expect_rc 2 "2,100 extra rules"
expect_contains "$TMP/err" "pith: the rule memory budget (max_mem 512.0 MiB) is for the whole set" \
  "2,100 extra rules"
expect_contains "$TMP/err" "so the set needs about" "2,100 extra rules"
expect_contains "$TMP/err" "(--max-rule-memory, now 512M)" "2,100 extra rules"
run "$PITH" clean -x many.rules --max-rule-memory 4G --stats "$PAGE"
expect_rc 0 "--max-rule-memory 4G"
run "$PITH" clean --max-rule-memory 12x "$PAGE"
expect_rc 1 "bad --max-rule-memory"

# timed SECONDS WHAT CMD...: runs CMD and fails if it takes SECONDS or more.
timed() {
  local limit=$1 what=$2 start end
  shift 2
  start=$(date +%s%N)
  run "$@"
  end=$(date +%s%N)
  [ $(((end - start) / 1000000)) -lt $((limit * 1000)) ] ||
    fail "$what took $(((end - start) / 1000000)) ms"
}

head -c 1000000 /dev/zero | tr '\0' 'a' >a.txt
echo 'drop slow (.*a){1000}' >slow.rules
timed 5 "(.*a){1000}" "$PITH" clean -x slow.rules a.txt
expect_rc 2 "(.*a){1000}"
expect_contains "$TMP/err" 'pith: slow.rules:1: rule "slow": pattern has 1000 unbounded repeats' \
  "(.*a){1000}"

python3 -c 'print("drop big " + "x" * 1000000)' >big.rules
timed 5 "a 1 MB rule" "$PITH" clean -x big.rules "$PAGE"
expect_rc 2 "a 1 MB rule"
expect_contains "$TMP/err" 'pith: big.rules:1: rule "big": pattern is 1000000 bytes' "a 1 MB rule"

finish
