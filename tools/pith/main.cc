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
#include "completion.h"
#include "fatal.h"
#include "flags.h"
#include "output_paths.h"
#include "pith/version.h"

namespace pith {
namespace cli {
namespace {

// The subcommands, in the order "pith --help" lists them.
const std::vector<const Command*>& Commands() {
  static const std::vector<const Command*>* const kCommands =
      new std::vector<const Command*>{
          &CleanCommand(),   &DedupCommand(),     &RunCommand(),
          &ExplainCommand(), &CalibrateCommand(), &StageCommand(),
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
  size_t width = 0;
  for (const Command* c : Commands()) {
    width = std::max(width, std::string(c->name).size() + 2);
  }
  for (const Command* c : Commands()) {
    std::string name = c->name;
    name.resize(width, ' ');
    absl::StrAppend(&out, "  ", name, c->summary, "\n");
  }
  absl::StrAppend(
      &out,
      "\nRun 'pith help COMMAND' (or 'pith COMMAND --help') for the "
      "options of a\ncommand, 'pith --version' for the version, "
      "and 'pith completion bash'\nfor a bash completion script.\n"
      "\n",
      kExitCodesHelp);
  return out;
}

// The description for the man page.
std::string ManDescription() {
  return "pith cleans scraped web text: it removes boilerplate lines (menus,\n"
         "share buttons, cookie notices, comment threads, related-article\n"
         "lists) with rule files, line heuristics and a page-level decision,\n"
         "and removes near-duplicate lines, paragraphs or documents across a\n"
         "corpus with MinHash and LSH. It reads text files or JSON Lines\n"
         "(plain, zstd or gzip), and writes the kept text.";
}

// The command named "name", or null.
const Command* Find(absl::string_view name) {
  for (const Command* c : Commands()) {
    if (name == c->name) return c;
  }
  return nullptr;
}

// Prints the error for an unknown command "name" and returns kExitUsage.
int UnknownCommand(absl::string_view name) {
  std::vector<std::string> names = {"help", "completion"};
  for (const Command* c : Commands()) names.push_back(c->name);
  const std::string near = Suggest(name, names);
  std::fprintf(
      stderr, "pith: unknown command '%s'%s\n", std::string(name).c_str(),
      near.empty() ? "" : absl::StrCat("; did you mean '", near, "'?").c_str());
  std::fputs(MainUsage().c_str(), stderr);
  std::fputs("Try 'pith --help' for more information.\n", stderr);
  return kExitUsage;
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
  if (name == "-h" || name == "--help" || (name == "help" && argc == 2)) {
    std::fputs(MainHelp().c_str(), stdout);
    return kExitOk;
  }
  if (name == "-V" || name == "--version") {
    std::printf("pith %s\n", std::string(Version()).c_str());
    return kExitOk;
  }
  if (name == "help") {
    const Command* c = Find(argv[2]);
    if (c == nullptr) return UnknownCommand(argv[2]);
    std::fputs(CommandHelp(*c).c_str(), stdout);
    return kExitOk;
  }
  if (name == "completion") {
    if (argc != 3 || absl::string_view(argv[2]) != "bash") {
      std::fputs("pith completion: only 'pith completion bash' exists\n",
                 stderr);
      return kExitUsage;
    }
    std::fputs(BashCompletion(Commands()).c_str(), stdout);
    return kExitOk;
  }
  if (name == "--man-page") {  // For the build: see completion.h.
    std::fputs(ManPage(Commands(), ManDescription(), kExitCodesHelp).c_str(),
               stdout);
    return kExitOk;
  }
  if (const Command* c = Find(name)) {
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
  return UnknownCommand(name);
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
  pith::cli::InstallFatalHandlers();
  pith::cli::InstallSignalCleanup();
  return pith::cli::Main(argc, argv);
}
