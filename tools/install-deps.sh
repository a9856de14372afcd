#!/usr/bin/env bash
# Installs pith's build and test dependencies from Debian 12 packages.
# Run as root. Safe to run again. "--list" prints the packages instead.
set -euo pipefail
packages=(
  ca-certificates cmake ninja-build g++ pkg-config git python3
  libabsl-dev libre2-dev libxxhash-dev libutf8proc-dev libzstd-dev zstd zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev time
  # The Python module (python/), its tests and its offline install
  # (tools/ci/python_install.sh); python3-scipy for bench/python_dedup.py's
  # datasketch.
  pybind11-dev python3-dev python3-pybind11 python3-numpy python3-pytest
  python3-setuptools python3-wheel python3-build python3-venv python3-scipy
)
if [ "${1:-}" = "--list" ]; then
  echo "${packages[@]}"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${packages[@]}"
