// Copyright 2026 The pith Authors.
//
// The one place where absl::string_view and re2::StringPiece meet. In the
// packaged Abseil (20220623) absl::string_view is its own type, and RE2's
// StringPiece is neither it nor std::string_view, so conversions are spelled
// out here once.

#ifndef PITH_LIB_CLEAN_RE2_UTIL_H_
#define PITH_LIB_CLEAN_RE2_UTIL_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "re2/re2.h"
#include "re2/stringpiece.h"

namespace pith {
namespace internal {

inline re2::StringPiece ToPiece(absl::string_view s) {
  return re2::StringPiece(s.data(), s.size());
}

// The RE2 options every pith expression is compiled with: UTF-8 (invalid
// bytes are safe and simply match no character), no logging, and a memory
// budget of "max_mem" bytes.
inline RE2::Options MakeRe2Options(int64_t max_mem) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_max_mem(max_mem);
  return options;
}

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_RE2_UTIL_H_
