// Copyright 2026 The pith Authors.
//
// What "pith clean", "pith run" and "pith explain" share: the options that
// pick the rules and the heuristics, and their translation into a Cleaner.

#ifndef PITH_TOOLS_PITH_CLEANING_H_
#define PITH_TOOLS_PITH_CLEANING_H_

#include <optional>
#include <vector>

#include "command.h"
#include "flags.h"
#include "pith/cleaner.h"

namespace pith {
namespace cli {

// --rules, --extra-rules and the heuristic switches.
std::vector<FlagSpec> CleaningFlags();

// Builds the Cleaner from "args"; it fills Removal::text only if
// "removed_text". On failure prints the error and returns the exit code
// (kExitData for a bad rule file); returns kExitOk on success.
int SetUpCleaner(const Args& args, bool removed_text,
                 std::optional<Cleaner>* cleaner);

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_CLEANING_H_
