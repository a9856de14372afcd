// Copyright 2026 The pith Authors.

#include "output_paths.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace pith {
namespace cli {
namespace {

// The output options, as spelled in messages.
struct OutputOption {
  const char* name;      // Flag name.
  const char* spelling;  // "-o"
};

constexpr OutputOption kOutputs[] = {
    {"output", "-o"},
    {"report", "-R"},
    {"explain", "-e"},
    {"index", "--index"},
};
constexpr OutputOption kStdout = {"output", "standard output"};

}  // namespace

FlagSpec LevelFlag() {
  return {"level", 0, "N", "",
          "Compression level of a .gz (1-9, default 6) or\n"
          ".zst (1-22, default 3) output."};
}

int RefuseSameOutputs(const Command& command, const Args& args) {
  std::vector<std::pair<const OutputOption*, std::string>> given;
  for (const OutputOption& o : kOutputs) {
    if (args.Has(o.name)) given.emplace_back(&o, args.Get(o.name));
  }
  if (!args.Has("output")) given.emplace_back(&kStdout, "-");
  for (size_t i = 0; i < given.size(); ++i) {
    for (size_t j = i + 1; j < given.size(); ++j) {
      if (!SameOutputFile(given[i].second, given[j].second)) continue;
      return UsageError(command,
                        absl::StrCat(given[i].first->spelling, " and ",
                                     given[j].first->spelling,
                                     " name the same file: ", given[j].second));
    }
  }
  return kExitOk;
}

int SetUpOutputOptions(const Command& command, const Args& args,
                       OutputOptions* options) {
  *options = OutputOptions();
  if (!args.Has("level")) return kExitOk;
  const std::string path = args.Has("output") ? args.Get("output") : "-";
  const bool gzip = absl::EndsWith(path, ".gz");
  const bool zstd = absl::EndsWith(path, ".zst");
  const int max = gzip ? 9 : 22;
  if (!(gzip || zstd)) {
    return UsageError(command,
                      "--level needs an output (-o) whose name ends in .gz "
                      "or .zst");
  }
  if (!ParseInt(args, "level", 1, max, &options->level)) {
    return UsageError(command, absl::StrCat("--level must be 1 to ", max,
                                            " for ", gzip ? "gzip" : "zstd",
                                            ", not '", args.Get("level"), "'"));
  }
  return kExitOk;
}

void InstallSignalCleanup() {
  absl::Status s = InstallOutputCleanupOnSignals();
  // Cannot fail with valid signal numbers; carry on without it if it did.
  if (!s.ok()) PrintError(s.message());
}

}  // namespace cli
}  // namespace pith
