// Copyright 2026 The pith Authors.
//
// The subcommands of the pith command. main.cc parses the arguments with a
// Command's flags and calls its Run(); each <name>_command.cc defines one.
// To add a subcommand, define a Command in a new file and list it in
// Commands() in main.cc.

#ifndef PITH_TOOLS_PITH_COMMAND_H_
#define PITH_TOOLS_PITH_COMMAND_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "flags.h"

namespace pith {
namespace cli {

struct Command {
  const char* name;         // "clean"
  const char* summary;      // One line for "pith --help".
  const char* usage;        // "pith clean [OPTIONS...] [FILE... | -]"
  const char* description;  // Paragraphs for "pith clean --help".
  std::vector<FlagSpec> flags;
  // Runs the command; returns the exit code. Prints its own errors.
  int (*run)(const Args& args);
};

// Prints "pith NAME: message", the usage line and a hint to stderr, and
// returns kExitUsage.
int UsageError(const Command& command, absl::string_view message);

// Prints "pith: message" to stderr. Status messages name the file (and
// line), so this reads "pith: FILE:LINE: cause".
void PrintError(absl::string_view message);

const Command& CalibrateCommand();
const Command& CleanCommand();
const Command& ExplainCommand();
const Command& DedupCommand();
const Command& RunCommand();
const Command& StageCommand();

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_COMMAND_H_
