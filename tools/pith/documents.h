// Copyright 2026 The pith Authors.
//
// What every subcommand does around its own work: the options that say how
// inputs are read, opening and committing the outputs, and running a
// pipeline into them with the CLI's error conventions.

#ifndef PITH_TOOLS_PITH_DOCUMENTS_H_
#define PITH_TOOLS_PITH_DOCUMENTS_H_

#include <optional>
#include <string>
#include <vector>

#include "command.h"
#include "flags.h"
#include "pith/io.h"
#include "pith/pipeline.h"

namespace pith {
namespace cli {

// --format, --field, --on-error and --max-document-bytes: the options that
// say how inputs are read, shared by every subcommand.
std::vector<FlagSpec> InputFlags();

// --threads, with "help" for the command.
FlagSpec ThreadsFlag(const char* help);

// Sets "*options" (reader options and threads) from "args". On a bad value
// prints a usage error and returns kExitUsage; otherwise returns kExitOk.
int SetUpPipeline(const Command& command, const Args& args,
                  PipelineOptions* options);

// The operands, or {"-"} (stdin) if there are none.
std::vector<std::string> Inputs(const Args& args);

// Opens "path" ("-" is stdout) as an OutputFile in "*out". On failure prints
// the error and returns kExitIo; otherwise returns kExitOk.
int OpenOutput(const std::string& path, std::optional<OutputFile>* out);

// Commits "*out". On failure prints the error and returns kExitIo.
int CommitOutput(OutputFile* out);

// The sink of the commands that write documents: a PipelineWriter that
// prints the input's warnings unless quiet.
class CliWriter : public PipelineWriter {
 public:
  CliWriter(OutputFile* out, DocumentFormat format, bool quiet)
      : PipelineWriter(out, format), quiet_(quiet) {}
  void Warn(absl::string_view message) override;

 private:
  const bool quiet_;
};

// Runs "pipeline" over the inputs of "args" into "sink". On failure prints
// the error and returns kExitIo if "output_failed()" says the output failed,
// else kExitData; returns kExitOk on success.
template <typename OutputFailed>
int RunPipeline(Pipeline* pipeline, const Args& args, PipelineSink* sink,
                OutputFailed output_failed) {
  absl::Status s = pipeline->Run(Inputs(args), sink);
  if (s.ok()) return kExitOk;
  PrintError(s.message());
  return output_failed() ? kExitIo : kExitData;
}

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_DOCUMENTS_H_
