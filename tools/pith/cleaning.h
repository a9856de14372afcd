// Copyright 2026 The pith Authors.
//
// What "pith clean" and "pith explain" share: the options that pick the
// input format, the rules and the heuristics, and their translation into
// ReaderOptions and a Cleaner.

#ifndef PITH_TOOLS_PITH_CLEANING_H_
#define PITH_TOOLS_PITH_CLEANING_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "command.h"
#include "flags.h"
#include "pith/cleaner.h"
#include "pith/io.h"

namespace pith {
namespace cli {

// InputFlags() (documents.h), --rules, --extra-rules and the heuristic
// switches.
std::vector<FlagSpec> CleaningFlags();

// Builds the reader options and the Cleaner from "args"; the Cleaner fills
// Removal::text only if "removed_text". On failure prints the error and
// returns the exit code (kExitUsage for a bad option value, kExitData for a
// bad rule file); returns kExitOk on success.
int SetUpCleaning(const Command& command, const Args& args, bool removed_text,
                  ReaderOptions* reader, std::optional<Cleaner>* cleaner);

// Cleans "doc" into "*result". On failure prints the error, named by the
// document's source and line, and returns kExitData; else kExitOk.
int CleanDocument(const Cleaner& cleaner, const Document& doc,
                  CleanResult* result);

// Prints "error", which cleaning "doc" gave, named by the document's source
// and line, and returns kExitData.
int CleanError(const Document& doc, const absl::Status& error);

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_CLEANING_H_
