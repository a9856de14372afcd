// Copyright 2026 The pith Authors.
//
// Shell completion and the man page, generated from the commands' option
// tables, so that neither is written twice. The build runs "pith
// completion bash" and "pith --man-page" and installs what they print.

#ifndef PITH_TOOLS_PITH_COMPLETION_H_
#define PITH_TOOLS_PITH_COMPLETION_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "command.h"

namespace pith {
namespace cli {

// A bash completion script for "commands": subcommands, their options, the
// values of options with a fixed set of them, file names elsewhere.
std::string BashCompletion(const std::vector<const Command*>& commands);

// The man page (roff) for "commands": the description, each command with
// its options and defaults, and "exit_codes".
std::string ManPage(const std::vector<const Command*>& commands,
                    absl::string_view description,
                    absl::string_view exit_codes);

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_COMPLETION_H_
