// Copyright 2026 The pith Authors.
//
// PITH_FUZZ_CHECK(cond, ...): a property check that stays on in every build
// (unlike assert), prints what failed and aborts, so that libFuzzer saves
// the input and the corpus-replay ctest fails.

#ifndef PITH_FUZZ_FUZZ_CHECK_H_
#define PITH_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <string>

#define PITH_FUZZ_CHECK(cond, ...)                                            \
  do {                                                                        \
    if (!(cond)) {                                                            \
      std::fprintf(stderr, "pith fuzz check failed at %s:%d: %s\n", __FILE__, \
                   __LINE__, #cond);                                          \
      std::string pith_fuzz_detail_ = std::string(__VA_ARGS__);               \
      if (!pith_fuzz_detail_.empty()) {                                       \
        std::fprintf(stderr, "  %s\n", pith_fuzz_detail_.c_str());            \
      }                                                                       \
      std::abort();                                                           \
    }                                                                         \
  } while (0)

#endif  // PITH_FUZZ_FUZZ_CHECK_H_
