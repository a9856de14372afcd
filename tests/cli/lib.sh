# Shared helpers for the tests/cli/*_test.sh scripts, which CMake runs as
#   bash SCRIPT PITH_BINARY TESTS_SOURCE_DIR
# A script exits 0 on success. Set PITH_UPDATE_GOLDEN=1 to rewrite goldens.

set -u
PITH=${1:?usage: $0 PITH_BINARY TESTS_SOURCE_DIR}
TESTS=${2:?usage: $0 PITH_BINARY TESTS_SOURCE_DIR}
DATA=$TESTS/cli/data
GOLDEN=$TESTS/cli/golden
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pith_cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run CMD...: runs CMD with stdout in $TMP/out, stderr in $TMP/err, and the
# exit code in $rc.
run() {
  "$@" >"$TMP/out" 2>"$TMP/err"
  rc=$?
}

# run_stdin FILE CMD...: like run, with standard input read from FILE.
run_stdin() {
  local input=$1
  shift
  "$@" <"$input" >"$TMP/out" 2>"$TMP/err"
  rc=$?
}

expect_rc() {
  [ "$rc" -eq "$1" ] || fail "$2: exit code $rc, expected $1 (stderr: $(head -c 500 "$TMP/err"))"
}

# expect_contains FILE STRING WHAT
expect_contains() {
  grep -qF -- "$2" "$1" || fail "$3: '$2' not in $(basename "$1"): $(head -c 500 "$1")"
}

expect_empty() {
  [ ! -s "$1" ] || fail "$2: $(basename "$1") is not empty: $(head -c 500 "$1")"
}

# expect_same FILE EXPECTED_FILE WHAT: byte-exact comparison.
expect_same() {
  cmp -s "$1" "$2" || fail "$3: $(basename "$1") differs from $2: $(diff <(cat -A "$2") <(cat -A "$1") | head -20)"
}

# expect_golden FILE NAME WHAT: compares with $GOLDEN/NAME.
expect_golden() {
  if [ "${PITH_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$1" "$GOLDEN/$2"
  fi
  expect_same "$1" "$GOLDEN/$2" "$3"
}

# require_shared DIR FILE: sets DEV to $PITH_SHARED_DIR/DIR, or exits with
# status 77, which ctest reports as "skipped", when DEV/FILE or python3 is
# missing (a user's clone has no ../shared).
require_shared() {
  DEV="${PITH_SHARED_DIR:-}/$1"
  if [ -z "${PITH_SHARED_DIR:-}" ] || [ ! -f "$DEV/$2" ]; then
    echo "SKIP: no \$PITH_SHARED_DIR/$1/$2"
    exit 77
  fi
  if ! command -v python3 >/dev/null; then
    echo "SKIP: no python3"
    exit 77
  fi
}

# seed_corpus FILE: writes a JSONL corpus of the seed pages
# ($TESTS/data/seeds), each 80 times under its own id (more documents than
# one batch holds; from the second round on, every page duplicates an
# earlier one), with one page that a reject rule matches among them.
seed_corpus() {
  local round page id text
  for round in $(seq 1 80); do
    for page in "$TESTS"/data/seeds/*.txt; do
      id="r${round}-$(basename "$page" .txt)"
      # JSON-escape the page: backslashes, quotes, tabs, CRs, then newlines.
      text=$(sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' -e 's/\r/\\r/g' "$page" |
        awk 'BEGIN { ORS = "\\n" } { print }')
      printf '{"id":"%s","text":"%s"}\n' "$id" "$text"
    done
    if [ "$round" = 17 ]; then
      printf '{"id":"denied","text":"Access denied\\nYou do not have access."}\n'
    fi
  done >"$1"
}

# expect_same_from_stdin COMMAND CORPUS: pith COMMAND --drop-rejected
# writes the same with -j3 reading CORPUS from stdin as with -j1 reading
# the file.
expect_same_from_stdin() {
  run "$PITH" "$1" -j1 -f jsonl --drop-rejected "$2"
  cp "$TMP/out" "$TMP/dropped1"
  run_stdin "$2" "$PITH" "$1" -j3 -f jsonl --drop-rejected -
  expect_rc 0 "$1: stdin -j3"
  expect_same "$TMP/out" "$TMP/dropped1" "$1: stdin -j3 --drop-rejected"
}

# expect_same_bad_line COMMAND CORPUS: pith COMMAND on CORPUS with a
# malformed line 251 fails alike with -j1 and -j4: exit code 2, the same
# message naming the line, and no output file.
expect_same_bad_line() {
  head -n 250 "$2" >"$TMP/bad.jsonl"
  echo '{"id": "broken", "text": ' >>"$TMP/bad.jsonl"
  tail -n 50 "$2" >>"$TMP/bad.jsonl"
  run "$PITH" "$1" -j1 -f jsonl -o "$TMP/bad1.out" "$TMP/bad.jsonl"
  expect_rc 2 "$1: malformed -j1"
  cp "$TMP/err" "$TMP/bad1.err"
  run "$PITH" "$1" -j4 -f jsonl -o "$TMP/bad4.out" "$TMP/bad.jsonl"
  expect_rc 2 "$1: malformed -j4"
  expect_same "$TMP/err" "$TMP/bad1.err" "$1: malformed -j4 message"
  expect_contains "$TMP/err" "bad.jsonl:251: " "$1: malformed -j4 message"
  [ ! -e "$TMP/bad1.out" ] || fail "$1: malformed -j1 left an output file"
  [ ! -e "$TMP/bad4.out" ] || fail "$1: malformed -j4 left an output file"
}

finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
  fi
  exit 0
}
