#ifndef PITH_LIB_CLEAN_DEFAULT_RULES_H_
#define PITH_LIB_CLEAN_DEFAULT_RULES_H_

#include "absl/strings/string_view.h"

namespace pith {
namespace internal {

// The text of lib/rules/default.rules, compiled into the library.
absl::string_view DefaultRulesText();

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_DEFAULT_RULES_H_
