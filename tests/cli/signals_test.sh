# Signals (issue 15, item 6): SIGTERM, SIGINT or SIGHUP during a run remove
# its hidden temporary files (.NAME.tmp.XXXXXX), leave the previous outputs
# as they were, and end the run with exit status 128 + the signal.
source "$(dirname "$0")/lib.sh"
# Job control: without it, bash starts background commands with SIGINT
# ignored (and pith rightly leaves an ignored signal ignored).
set -m
mkdir "$TMP/w"
cd "$TMP/w" || exit 1

# no_temporaries WHAT: no hidden temporary file is left in the directory.
no_temporaries() {
  local left
  left=$(ls -A | grep '\.tmp\.' || true)
  [ -z "$left" ] || fail "$1: left $left"
}

# kill_during SIGNAL STATUS CMD...: runs CMD with its stdin from a FIFO that
# stays open, waits until its temporary output exists, sends SIGNAL and
# checks the exit status.
kill_during() {
  local sig=$1 want=$2
  shift 2
  rm -f in.fifo
  mkfifo in.fifo
  "$@" <in.fifo 2>err &
  local pid=$!
  exec 3>in.fifo
  printf 'Some text that is read before the signal.\n' >&3
  for _ in $(seq 1 200); do
    ls -A | grep -q '^\.out\.txt\.tmp\.' && break
    sleep 0.02
  done
  ls -A | grep -q '^\.out\.txt\.tmp\.' || fail "$sig: no temporary file seen"
  kill "-$sig" "$pid"
  wait "$pid"
  local rc=$?
  exec 3>&-
  [ "$rc" -eq "$want" ] || fail "$sig: exit status $rc, expected $want ($(cat err))"
  no_temporaries "$sig"
  [ "$(cat out.txt)" = "old output" ] || fail "$sig: the old output changed"
  [ "$(cat report.jsonl)" = "old report" ] || fail "$sig: the old report changed"
}

echo "old output" >out.txt
echo "old report" >report.jsonl
kill_during TERM 143 "$PITH" dedup -o out.txt -R report.jsonl -
kill_during INT 130 "$PITH" run -o out.txt -R report.jsonl -
kill_during HUP 129 "$PITH" clean -o out.txt -
kill_during TERM 143 "$PITH" dedup -j3 -o out.txt -R report.jsonl --index idx -

# A big input, killed while it is being written.
python3 - >big.txt <<'EOF'
import random
random.seed(15)
words = ["w%d" % i for i in range(5000)]
for i in range(250000):
    print(" ".join(random.choice(words) for _ in range(12)))
EOF
"$PITH" dedup -j2 -o out.txt -R report.jsonl big.txt 2>err &
pid=$!
# Wait (while it runs, up to a minute) until part of the output is written.
seen=0
for _ in $(seq 1 6000); do
  if [ -s "$(ls -A | grep '^\.out\.txt\.tmp\.' | head -n 1)" ] 2>/dev/null; then
    seen=1
    break
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.01
done
if [ "$seen" = 1 ] && kill -TERM "$pid" 2>/dev/null; then
  wait "$pid"
  rc=$?
  expect_rc 143 "SIGTERM during a big run"
  no_temporaries "SIGTERM during a big run"
  [ "$(cat out.txt)" = "old output" ] || fail "big run: the old output changed"
else
  wait "$pid"
  echo "note: the big run ended before it could be killed; only the FIFO cases ran"
fi

finish
