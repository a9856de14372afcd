// Copyright 2026 The pith Authors.
//
// What every subcommand does around its own work: the options that say how
// inputs are read, opening and committing the outputs, and running a
// pipeline into them with the CLI's error conventions.

#ifndef PITH_TOOLS_PITH_DOCUMENTS_H_
#define PITH_TOOLS_PITH_DOCUMENTS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "command.h"
#include "flags.h"
#include "html_report.h"
#include "pith/io.h"
#include "pith/pipeline.h"
#include "stats.h"

namespace pith {
namespace cli {

// --format, --field, --on-error, --max-document-bytes, --max-document-lines
// and --max-line-bytes: the options that say how inputs are read, shared by
// every subcommand.
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
int OpenOutput(const std::string& path, std::optional<OutputFile>* out,
               const OutputOptions& options = OutputOptions());

// Commits "*out". On failure prints the error and returns kExitIo.
int CommitOutput(OutputFile* out);

// The sink of the commands that write documents: a PipelineWriter that
// prints the input's warnings unless quiet, writes one output per input
// with set_output_dir(), and adds each document to an HTML page if
// set_html() was called.
class CliWriter : public PipelineWriter {
 public:
  CliWriter(OutputFile* out, DocumentFormat format, bool quiet)
      : PipelineWriter(out, format), quiet_(quiet) {}
  void set_html(HtmlReport* html) { html_ = html; }
  // Each input's documents go to DIR/NAME, NAME the input's file name,
  // written with "options"; each file appears (atomically) once its input
  // is done.
  void set_output_dir(std::string dir, const OutputOptions& options) {
    output_dir_ = std::move(dir);
    dir_options_ = options;
  }

  absl::Status Consume(const PipelineDocument& document) override;
  void Warn(absl::string_view message) override;
  absl::Status StartInput(const std::string& path) override;
  absl::Status EndInput(const std::string& path) override;

  // True once a write to one of the outputs failed.
  bool output_failed() const { return failed() || html_failed_ || dir_failed_; }

 private:
  const bool quiet_;
  HtmlReport* html_ = nullptr;
  bool html_failed_ = false;
  std::string output_dir_;
  OutputOptions dir_options_;
  std::optional<OutputFile> dir_output_;  // The current input's.
  bool dir_failed_ = false;
};

// --output-dir, --drop-empty, --min-chars, --stats-json, --progress and
// --no-progress: the options of the commands that write documents.
std::vector<FlagSpec> DocumentOutputFlags();

// Opens the output of "args" (-o FILE, stdout, or --output-dir DIR) with
// "options" into "*out" and "writer", and sets the writer's
// --drop-empty/--min-chars. On a usage error (-o with --output-dir,
// --output-dir with stdin or with two inputs of one name) prints it and
// returns kExitUsage; on an output error kExitIo; else kExitOk.
// The writer's part of SetUpDocumentOutput(): --drop-empty, --min-chars,
// --separator.
int SetUpWriterOptions(const Command& command, const Args& args,
                       CliWriter* writer);

int SetUpDocumentOutput(const Command& command, const Args& args,
                        const OutputOptions& options, CliWriter* writer,
                        std::optional<OutputFile>* out);

// Prints --stats and writes --stats-json if "args" ask for them. Returns
// kExitIo if the JSON file cannot be written, else kExitOk.
int ReportStats(const Args& args, const RunStats& stats);

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
