// Copyright 2026 The pith Authors.
//
// The version of the pith library, as "MAJOR.MINOR.PATCH". It is the
// version of the CMake package (find_package(pith 0.2)), of the pkg-config
// file, of "pith --version" and of the Python module's __version__: all
// come from the one number in the top-level CMakeLists.txt.
//
//   std::cout << "pith " << pith::Version() << "\n";

#ifndef PITH_VERSION_H_
#define PITH_VERSION_H_

#include "absl/strings/string_view.h"

namespace pith {

// The library's version, e.g. "0.2.0".
absl::string_view Version();

}  // namespace pith

#endif  // PITH_VERSION_H_
