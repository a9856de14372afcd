// Copyright 2026 The pith Authors.
//
// A small command-line parser for the pith subcommands: long options
// ("--output FILE", "--output=FILE"), short ones ("-o FILE", "-oFILE",
// bundled switches "-qh"), "--" to end the options and "-" for stdin.
// Options and operands may be mixed, as in "pith clean a.txt -o out.txt".

#ifndef PITH_TOOLS_PITH_FLAGS_H_
#define PITH_TOOLS_PITH_FLAGS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace pith {
namespace cli {

// Exit codes, shared by every subcommand and listed in --help.
constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;  // Bad command line.
constexpr int kExitData = 2;   // Bad input: missing file, malformed data,
                               // bad rule file.
constexpr int kExitIo = 3;     // Output could not be written.
constexpr int kExitBusy = 4;   // The --index file is in use by another run.
constexpr int kExitResources = 5;  // Out of memory or threads.

// The --help text that explains the exit codes.
extern const char kExitCodesHelp[];

// One option.
struct FlagSpec {
  const char* name;        // Long name without "--": "output".
  char short_name;         // 'o', or 0 for none.
  const char* value_name;  // "FILE"; nullptr for a switch.
  // Shown as "[Default: ...]", and what Args::Get() returns when the option
  // is not given; empty if none. Taken from the Options structs' defaults,
  // never written twice.
  std::string default_value;
  const char* help;
  bool repeatable = false;  // May be given more than once.
  // The values the option takes, space-separated ("text jsonl"), for shell
  // completion; nullptr if any.
  const char* choices = nullptr;
};

// The parsed command line.
class Args {
 public:
  // True if the option was given.
  bool Has(absl::string_view name) const;
  // The last value given, or the default (or "" if there is none).
  std::string Get(absl::string_view name) const;
  // Every value given, in order.
  std::vector<std::string> GetAll(absl::string_view name) const;

  // The operands (input files), in order.
  const std::vector<std::string>& operands() const { return operands_; }

 private:
  friend bool ParseArgs(const std::vector<FlagSpec>&, int, char**, Args*,
                        std::string*);
  const std::vector<FlagSpec>* specs_ = nullptr;
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
  std::vector<std::string> operands_;
};

// Parses "argv[0, argc)" (the arguments after the subcommand name) against
// "specs". Returns false and sets "*error" on bad usage.
bool ParseArgs(const std::vector<FlagSpec>& specs, int argc, char** argv,
               Args* args, std::string* error);

// Parses a size such as "65536", "64K", "64M" or "1G" (powers of 1024).
bool ParseByteSize(absl::string_view text, uint64_t* bytes);

// Parses the value of option "name" as an integer in [lo, hi] into "*out";
// false (and "*out" unchanged) if it is not one.
bool ParseInt(const Args& args, const char* name, int lo, int hi, int* out);

// The "Options:" block of a help text.
std::string FormatOptions(const std::vector<FlagSpec>& specs);

// The candidate closest to "word" if it is close enough to be a likely typo
// (edit distance at most 2, or a prefix of the candidate), else "".
std::string Suggest(absl::string_view word,
                    const std::vector<std::string>& candidates);

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_FLAGS_H_
