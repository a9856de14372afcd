// Copyright 2026 The pith Authors.
//
// What every subcommand does around its own work: open the outputs, read
// the documents of every input in order, report reader errors and skipped
// lines, and commit the outputs, each with the CLI's error conventions.

#ifndef PITH_TOOLS_PITH_DOCUMENTS_H_
#define PITH_TOOLS_PITH_DOCUMENTS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "command.h"
#include "flags.h"
#include "pith/io.h"

namespace pith {
namespace cli {

// --format, --field, --on-error, --max-document-bytes, --max-document-lines
// and --max-line-bytes: the options that say how inputs are read, shared by
// every subcommand.
std::vector<FlagSpec> InputFlags();

// Sets "*reader" from the InputFlags() in "args". On a bad value prints a
// usage error and returns kExitUsage; otherwise returns kExitOk.
int SetUpInput(const Command& command, const Args& args, ReaderOptions* reader);

// The operands, or {"-"} (stdin) if there are none.
std::vector<std::string> Inputs(const Args& args);

// Opens "path" ("-" is stdout) as an OutputFile in "*out". On failure prints
// the error and returns kExitIo; otherwise returns kExitOk.
int OpenOutput(const std::string& path, std::optional<OutputFile>* out,
               const OutputOptions& options = OutputOptions());

// Commits "*out". On failure prints the error and returns kExitIo.
int CommitOutput(OutputFile* out);

// What ForEachDocument() read, over all inputs.
struct InputTotals {
  int64_t bytes = 0;              // Bytes read, after decompression.
  int64_t skipped = 0;            // Lines skipped (--on-error=skip).
  int64_t utf8_replacements = 0;  // Invalid UTF-8 replaced by U+FFFD.
};

// The warnings for what reading "reader" skipped or repaired: the first
// skipped lines, the count of the others, and the count of invalid UTF-8
// sequences replaced.
std::vector<std::string> ReaderWarnings(const DocumentReader& reader);

// Reads the documents of "inputs" in order and calls "fn" on each; "fn"
// returns an exit code, and anything but kExitOk stops the loop and is
// returned. A reader error is printed and returns kExitData. Unless "quiet",
// the skipped lines of each input are printed as warnings. Adds to "*totals"
// if it is not null.
int ForEachDocument(const std::vector<std::string>& inputs,
                    const ReaderOptions& options, bool quiet,
                    const std::function<int(Document& doc)>& fn,
                    InputTotals* totals);

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_DOCUMENTS_H_
