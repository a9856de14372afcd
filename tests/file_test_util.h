// Copyright 2026 The pith Authors.
//
// File helpers shared by the reader and writer tests.

#ifndef PITH_TESTS_FILE_TEST_UTIL_H_
#define PITH_TESTS_FILE_TEST_UTIL_H_

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace pith {
namespace testing_files {

// A new directory under the test's temporary directory, named NAME_XXXXXX.
inline std::string MakeTempDir(const std::string& name) {
  std::string t = testing::TempDir() + "/" + name + "_XXXXXX";
  EXPECT_NE(mkdtemp(&t[0]), nullptr);
  return t;
}

// The bytes of the file at "path" (empty if it cannot be read).
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace testing_files
}  // namespace pith

#endif  // PITH_TESTS_FILE_TEST_UTIL_H_
