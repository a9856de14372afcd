// Copyright 2026 The pith Authors.
//
// The pith command: parses the arguments and dispatches to a subcommand
// (see command.h). The work is done by the library, through include/pith/.

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "command.h"
#include "flags.h"
#include "output_paths.h"

namespace pith {
namespace cli {
namespace {

// The subcommands, in the order "pith --help" lists them.
const std::vector<const Command*>& Commands() {
  static const std::vector<const Command*>* const kCommands =
      new std::vector<const Command*>{
          &CleanCommand(),
          &DedupCommand(),
          &RunCommand(),
          &ExplainCommand(),
      };
  return *kCommands;
}

std::string MainUsage() {
  std::string names;
  for (const Command* c : Commands()) {
    absl::StrAppend(&names, names.empty() ? "" : "|", c->name);
  }
  return absl::StrCat("Usage: pith ", names,
                      " [OPTIONS...] [INPUT... | -] [-o OUTPUT]\n");
}

std::string MainHelp() {
  std::string out = MainUsage();
  out +=
      "\nCleans scraped web text: removes boilerplate lines and "
      "near-duplicates.\n\nCommands:\n";
  for (const Command* c : Commands()) {
    std::string name = c->name;
    name.resize(std::max<size_t>(name.size() + 2, 10), ' ');
    absl::StrAppend(&out, "  ", name, c->summary, "\n");
  }
  absl::StrAppend(&out,
                  "\nRun 'pith COMMAND --help' for the options of a command.\n"
                  "\n",
                  kExitCodesHelp);
  return out;
}

std::string CommandHelp(const Command& c) {
  return absl::StrCat("Usage: ", c.usage, "\n\n", c.description, "\n",
                      FormatOptions(c.flags), "\n", kExitCodesHelp);
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(MainUsage().c_str(), stderr);
    std::fputs("Try 'pith --help' for more information.\n", stderr);
    return kExitUsage;
  }
  const absl::string_view name = argv[1];
  if (name == "-h" || name == "--help" || name == "help") {
    std::fputs(MainHelp().c_str(), stdout);
    return kExitOk;
  }
  for (const Command* c : Commands()) {
    if (name != c->name) continue;
    Args args;
    std::string error;
    if (!ParseArgs(c->flags, argc - 2, argv + 2, &args, &error)) {
      return UsageError(*c, error);
    }
    if (args.Has("help")) {
      std::fputs(CommandHelp(*c).c_str(), stdout);
      return kExitOk;
    }
    return c->run(args);
  }
  std::fprintf(stderr, "pith: unknown command '%s'\n",
               std::string(name).c_str());
  std::fputs(MainUsage().c_str(), stderr);
  std::fputs("Try 'pith --help' for more information.\n", stderr);
  return kExitUsage;
}

}  // namespace

int UsageError(const Command& command, absl::string_view message) {
  std::fprintf(
      stderr,
      "pith %s: %s\nUsage: %s\nTry 'pith %s --help' for more information.\n",
      command.name, std::string(message).c_str(), command.usage, command.name);
  return kExitUsage;
}

void PrintError(absl::string_view message) {
  std::string line = absl::StrCat("pith: ", message, "\n");
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace cli
}  // namespace pith

int main(int argc, char** argv) {
  pith::cli::InstallSignalCleanup();
  return pith::cli::Main(argc, argv);
}
