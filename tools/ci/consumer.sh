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

# The example is the ```cpp block between the example markers in README.md.
awk '/<!-- readme-example:begin -->/{on=1; next} /<!-- readme-example:end -->/{on=0}
     on && !/^```/' "$root/README.md" > "$work/example.cc"
[ -s "$work/example.cc" ] || { echo "consumer.sh: no example in README.md" >&2; exit 1; }

cmake -S "$root/tests/consumer" -B "$work/cmake-build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DREADME_EXAMPLE_SOURCE="$work/example.cc" >/dev/null
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
