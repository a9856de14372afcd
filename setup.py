"""Builds pith's Python package: setuptools for the package, CMake for pith._pith.

pyproject.toml holds the metadata; this file adds the build step that
configures this repository with CMake (only the library and the extension)
and builds the _pith target straight into the package directory of the
build. It needs no network: CMake finds pybind11 and the library's
dependencies among the installed Debian packages (tools/install-deps.sh).

Environment: PITH_JOBS (or CMAKE_BUILD_PARALLEL_LEVEL) sets the build's
parallelism (default: one job per core); PITH_CMAKE_ARGS adds CMake
arguments (e.g. "-DCMAKE_BUILD_TYPE=RelWithDebInfo").
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def version():
    """The one version, from the top-level CMakeLists.txt (as pith::Version())."""
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(pith\s+VERSION\s+([0-9][0-9.]*)", text)
    if not match:
        raise RuntimeError("no 'project(pith VERSION ...)' in CMakeLists.txt")
    return match.group(1)


class CMakeExtension(Extension):
    """An extension that CMake builds (no sources for setuptools to compile)."""

    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        cmake = shutil.which("cmake")
        if cmake is None:
            raise RuntimeError("pith needs cmake to build (apt-get install cmake)")
        module = Path(self.get_ext_fullpath(ext.name)).resolve()
        build_dir = Path(self.build_temp).resolve() / "cmake"
        build_dir.mkdir(parents=True, exist_ok=True)
        config = "Debug" if self.debug else "Release"
        args = [
            cmake, "-S", str(ROOT), "-B", str(build_dir),
            f"-DCMAKE_BUILD_TYPE={config}",
            "-DPITH_BUILD_PYTHON=ON",
            "-DPITH_BUILD_TESTS=OFF",
            "-DPITH_BUILD_BENCHMARKS=OFF",
            "-DPITH_BUILD_FUZZERS=OFF",
            "-DPITH_BUILD_TOOLS=OFF",
            "-DPITH_INSTALL=OFF",
            f"-DPython_EXECUTABLE={sys.executable}",
            f"-DPITH_PYTHON_OUTPUT_DIR={module.parent}",
        ]
        if not (build_dir / "CMakeCache.txt").exists() and shutil.which("ninja"):
            args += ["-G", "Ninja"]
        args += shlex.split(os.environ.get("PITH_CMAKE_ARGS", ""))
        subprocess.run(args, check=True)
        jobs = (os.environ.get("PITH_JOBS")
                or os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL")
                or str(os.cpu_count() or 1))
        subprocess.run([cmake, "--build", str(build_dir), "--target", "_pith",
                        "--parallel", jobs], check=True)
        if not module.exists():
            raise RuntimeError(f"CMake did not build {module}")


setup(
    version=version(),
    package_dir={"": "python"},
    packages=["pith"],
    package_data={"pith": ["py.typed", "*.pyi"]},
    ext_modules=[CMakeExtension("pith._pith")],
    cmdclass={"build_ext": CMakeBuild},
    # Not "build/": that is where the README's CMake build goes.
    options={"build": {"build_base": "build-python"}},
    zip_safe=False,
)
