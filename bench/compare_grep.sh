#!/usr/bin/env bash
# Times `pith clean` against `grep -v -E` with the same default rules, whole
# process, on the same generated text file, and prints the ratio:
#
#   bench/compare_grep.sh [MB] [BUILD_DIR]     (default: 20, build-bench)
#
# How the rules become grep patterns (python3 below; lib/rules/default.rules
# is the source):
#   * Every drop, drop-rest, drop-before and reject rule becomes one
#     "grep -v" pattern (grep can only drop matching lines); strip rules are
#     left out, and so are pith's heuristics, which grep cannot express. So
#     grep does LESS work than pith clean: the ratio flatters grep.
#   * A leading "(?i)" is dropped and the pattern goes to the -i pattern
#     file; the others go to a case-sensitive file (two greps in a pipe).
#   * RE2 -> POSIX ERE: (?:  -> (;  lazy *? +? ?? -> greedy (same lines
#     match); \s \S \d -> [[:space:]] [^[:space:]] [0-9]; \p{L} \p{Lu}
#     \p{Ll} \p{M} -> [[:alpha:]] [[:upper:]] [[:lower:]] (marks dropped);
#     \x{a0} -> the character itself; \w \b are GNU extensions, kept.
#   * Patterns that still do not convert (inline flag groups like (?i:...)
#     or (?-i:...), other escapes) or that GNU grep rejects are left out and
#     counted.
# Both run in the C.UTF-8 locale so that (?i) and classes see UTF-8.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-20}
build=${2:-$root/build-bench}
pith=$build/tools/pith/pith
gen=$build/bench/gen_pages
for f in "$pith" "$gen"; do
  [ -x "$f" ] || { echo "compare_grep.sh: no $f (build pith_cli gen_pages)" >&2; exit 1; }
done
export LC_ALL=C.UTF-8
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
input=$build/bench/pages-${mb}MB.txt
if [ ! -s "$input" ]; then
  "$gen" --format=text "$mb" > "$input.tmp" && mv "$input.tmp" "$input"
fi
bytes=$(stat -c %s "$input")

python3 - "$root/lib/rules/default.rules" "$work" <<'PY'
import re, subprocess, sys
rules_path, work = sys.argv[1], sys.argv[2]
CLASS = {'s': '[:space:]', 'd': '[:digit:]', 'w': '[:alnum:]_'}
PROP = {'L': '[:alpha:]', 'Lu': '[:upper:]', 'Ll': '[:lower:]', 'M': '', 'N': '[:digit:]'}

def convert(p):
    out, i, in_class = [], 0, False
    while i < len(p):
        c = p[i]
        if c == '\\' and i + 1 < len(p):
            n = p[i + 1]
            if n in 'sd':
                out.append(CLASS[n] if in_class else '[' + CLASS[n] + ']'); i += 2; continue
            if n == 'S' and not in_class:
                out.append('[^[:space:]]'); i += 2; continue
            if n == 'p':
                m = re.match(r'\\p\{(\w+)\}', p[i:])
                if not m or m.group(1) not in PROP: return None
                cls = PROP[m.group(1)]
                out.append(cls if in_class else ('[' + cls + ']' if cls else ''))
                i += len(m.group(0)); continue
            if n == 'x':
                m = re.match(r'\\x\{([0-9a-fA-F]+)\}', p[i:])
                if not m: return None
                out.append(chr(int(m.group(1), 16))); i += len(m.group(0)); continue
            if in_class and n in '-]\\^':
                return None  # Escapes inside brackets do not exist in ERE.
            if n in 'wbWB' and not in_class or n in '.()[]{}*+?|^$/\\-&\'"@#!:,<>=~%':
                out.append(p[i:i + 2] if n not in '-&\'"@#!:,<>=~%' else n); i += 2; continue
            return None
        if in_class:
            if c == ']' and out and out[-1] != '[' and out[-1] != '[^':
                in_class = False
            out.append(c); i += 1; continue
        if c == '[':
            in_class = True
            if p[i + 1:i + 2] == '^':
                out.append('[^'); i += 2
            else:
                out.append('['); i += 1
            continue
        if p.startswith('(?:', i):
            out.append('('); i += 3; continue
        if p.startswith('(?', i):
            return None
        if c in '*+?' and p[i + 1:i + 2] == '?':
            out.append(c); i += 2; continue
        out.append(c); i += 1
    return ''.join(out)

ci, cs, skipped, total = [], [], [], 0
for line in open(rules_path, encoding='utf-8'):
    line = line.strip()
    if not line or line.startswith('#'):
        continue
    action, name, pattern = re.split(r'[ \t]+', line, maxsplit=2)
    if action == 'strip':
        continue
    total += 1
    icase = pattern.startswith('(?i)')
    ere = convert(pattern[4:] if icase else pattern)
    if ere is not None:
        r = subprocess.run(['grep', '-E', '-e', ere], input=b'', capture_output=True)
        if r.returncode == 2:
            ere = None
    if ere is None:
        skipped.append(name)
        continue
    (ci if icase else cs).append(ere)
open(f'{work}/ci.txt', 'w', encoding='utf-8').write('\n'.join(ci) + '\n')
open(f'{work}/cs.txt', 'w', encoding='utf-8').write('\n'.join(cs) + '\n')
print(f'rules: {total} line-dropping rules, {len(ci)} as grep -i, {len(cs)} as grep, '
      f'{len(skipped)} not convertible: {" ".join(skipped)}')
PY
[ -s "$work/cs.txt" ] && [ "$(cat "$work/cs.txt")" != "" ] || echo 'a^' > "$work/cs.txt"

timeit() {  # Prints wall seconds of "$@" (output to a file).
  local start end
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')"
}
# grep can be very slow on these patterns in a UTF-8 locale: it is given
# PITH_GREP_TIMEOUT seconds (300), and a timeout reports a lower bound.
grep_timeout=${PITH_GREP_TIMEOUT:-300}
grep_both() {
  timeout "$grep_timeout" grep -v -i -E -f "$work/ci.txt" "$input" |
    grep -v -E -f "$work/cs.txt" > "$work/grep.out" || true
}
t_pith=$(timeit "$pith" clean -f text -q -o "$work/pith.out" "$input")
t_grep=$(timeit grep_both)
python3 - "$bytes" "$t_pith" "$t_grep" "$grep_timeout" <<'PY'
import sys
size, tp, tg, limit = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
bound = ">= " if tg >= limit else ""
print(f"input {size / 1e6:.0f} MB")
print(f"pith clean      {tp:8.2f} s {size / tp / 1e6:8.1f} MB/s")
print(f"grep -v -E -f   {bound}{tg:8.2f} s {'<= ' if bound else ''}{size / tg / 1e6:8.1f} MB/s")
print(f"pith / grep speed ratio: {bound}{tg / tp:.2f}x")
PY
