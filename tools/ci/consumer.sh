#!/usr/bin/env bash
# Installs pith from build dir $1 into a temporary prefix, then builds the
# README's library example against it twice: with CMake's find_package(pith)
# and with pkg-config. Runs both programs on a seed page.
set -euo pipefail
build=${1:?usage: consumer.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null

# extract NAME OUT: the ```cpp block between the NAME markers in README.md.
extract() {
  awk -v b="<!-- $1:begin -->" -v e="<!-- $1:end -->" \
    '$0 == b {on=1; next} $0 == e {on=0} on && !/^```/' "$root/README.md" > "$2"
  [ -s "$2" ] || { echo "consumer.sh: no $1 in README.md" >&2; exit 1; }
}
extract readme-example "$work/example.cc"
extract crawler-example "$work/crawler.cc"

cmake -S "$root/tests/consumer" -B "$work/cmake-build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DREADME_EXAMPLE_SOURCE="$work/example.cc" \
  -DCRAWLER_EXAMPLE_SOURCE="$work/crawler.cc" >/dev/null
cmake --build "$work/cmake-build" >/dev/null
page="$root/tests/data/seeds/000_d1b62c8c4f149f24.txt"
out1=$("$work/cmake-build/readme_example" < "$page")

PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig" \
  g++ -std=c++17 "$work/example.cc" -o "$work/pc_example" \
  $(PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig" pkg-config --cflags --libs --static pith)
out2=$("$work/pc_example" < "$page")

[ "$out1" = "$out2" ] || { echo "consumer.sh: the two builds disagree" >&2; exit 1; }
[ -n "$out1" ] || { echo "consumer.sh: the example printed nothing" >&2; exit 1; }
echo "consumer: find_package(pith) and pkg-config builds of the README example agree"

# The crawler example, twice over the same pages with one index file: the
# second run must find every page's long paragraphs in the saved index.
seeds=("$root"/tests/data/seeds/*.txt)
"$work/cmake-build/crawler_example" "$work/pages.pidx" "${seeds[@]}" > "$work/run1"
[ -s "$work/pages.pidx" ] || { echo "consumer.sh: the crawler saved no index" >&2; exit 1; }
"$work/cmake-build/crawler_example" "$work/pages.pidx" "${seeds[@]}" > "$work/run2"
seen() { awk -F'[: ]+' '/seen before/ {d += $(NF-5); n += $(NF-3)} END {print d, n}' "$1"; }
read -r d1 n1 < <(seen "$work/run1")
read -r d2 n2 < <(seen "$work/run2")
echo "crawler: run 1: $d1 of $n1 paragraphs seen before; run 2: $d2 of $n2"
[ "$n1" -gt 0 ] && [ "$d2" -gt "$d1" ] && [ "$n2" -eq "$n1" ] ||
  { echo "consumer.sh: the crawler's second run did not reuse the index" >&2; exit 1; }
