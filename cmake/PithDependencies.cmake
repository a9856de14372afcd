# Finds pith's dependencies. Debian 12 ships CMake configs for Abseil, zstd,
# GTest and benchmark, and only pkg-config files for RE2, xxHash, utf8proc
# and zlib (whose FindZLIB module would do too; pkg-config keeps one way).
find_package(absl CONFIG REQUIRED)
find_package(PkgConfig REQUIRED)

find_package(re2 CONFIG QUIET)
if(NOT TARGET re2::re2)
  pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET GLOBAL re2)
  add_library(re2::re2 ALIAS PkgConfig::RE2)
endif()
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET GLOBAL libxxhash)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET GLOBAL libutf8proc)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET GLOBAL libzstd)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET GLOBAL zlib)
find_package(Threads REQUIRED)
