// Copyright 2026 The pith Authors.

#include "pith/version.h"

#ifndef PITH_VERSION_STRING
#error \
    "PITH_VERSION_STRING is set by lib/CMakeLists.txt from the project version"
#endif

namespace pith {

absl::string_view Version() { return PITH_VERSION_STRING; }

}  // namespace pith
