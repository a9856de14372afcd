// Copyright 2026 The pith Authors.

#include "documents.h"

#include <cstdint>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace pith {
namespace cli {
namespace {

// "size" as ParseByteSize() reads it: "64M" rather than "67108864".
std::string ByteSizeName(uint64_t size) {
  const char* units[] = {"", "K", "M", "G"};
  int unit = 0;
  while (unit < 3 && size != 0 && size % 1024 == 0) {
    size /= 1024;
    ++unit;
  }
  return absl::StrCat(size, units[unit]);
}

}  // namespace

std::vector<FlagSpec> InputFlags() {
  const ReaderOptions defaults;
  return {
      {"format", 'f', "FORMAT",
       std::string(DocumentFormatName(defaults.format)),
       "Input format: text (each file is one\n"
       "document) or jsonl (one JSON object per line)."},
      {"field", 0, "NAME", defaults.field,
       "JSONL: the member that holds the text; every\n"
       "other byte of the line is kept as it was."},
      {"on-error", 0, "MODE", std::string(OnErrorName(defaults.on_error)),
       "JSONL: what to do with a malformed line: fail\n"
       "(stop with FILE:LINE) or skip (count it)."},
      {"max-document-bytes", 0, "SIZE",
       ByteSizeName(defaults.max_document_bytes),
       "Text: read longer inputs in pieces of at most\n"
       "SIZE bytes, cut at line ends."},
  };
}

FlagSpec ThreadsFlag(const char* help) {
  return {"threads", 'j', "N", absl::StrCat(PipelineOptions().threads), help};
}

int SetUpPipeline(const Command& command, const Args& args,
                  PipelineOptions* options) {
  *options = PipelineOptions();
  ReaderOptions* reader = &options->reader;
  if (!ParseDocumentFormat(args.Get("format"), &reader->format)) {
    return UsageError(command,
                      absl::StrCat("--format must be text or jsonl, not '",
                                   args.Get("format"), "'"));
  }
  if (!ParseOnError(args.Get("on-error"), &reader->on_error)) {
    return UsageError(command,
                      absl::StrCat("--on-error must be fail or skip, not '",
                                   args.Get("on-error"), "'"));
  }
  reader->field = args.Get("field");
  if (reader->field.empty()) {
    return UsageError(command, "--field must not be empty");
  }
  uint64_t max_bytes = 0;
  if (!ParseByteSize(args.Get("max-document-bytes"), &max_bytes)) {
    return UsageError(command,
                      absl::StrCat("--max-document-bytes must be a positive "
                                   "size such as 65536 or 64M, not '",
                                   args.Get("max-document-bytes"), "'"));
  }
  reader->max_document_bytes = static_cast<size_t>(max_bytes);
  if (args.Has("threads") &&
      !ParseInt(args, "threads", 0, 4096, &options->threads)) {
    return UsageError(command,
                      absl::StrCat("--threads must be 0 to 4096, not '",
                                   args.Get("threads"), "'"));
  }
  return kExitOk;
}

std::vector<std::string> Inputs(const Args& args) {
  if (args.operands().empty()) return {"-"};
  return args.operands();
}

int OpenOutput(const std::string& path, std::optional<OutputFile>* out) {
  absl::StatusOr<OutputFile> file = OutputFile::Open(path, OutputOptions());
  if (!file.ok()) {
    PrintError(file.status().message());
    return kExitIo;
  }
  out->emplace(*std::move(file));
  return kExitOk;
}

int CommitOutput(OutputFile* out) {
  absl::Status s = out->Commit();
  if (!s.ok()) {
    PrintError(s.message());
    return kExitIo;
  }
  return kExitOk;
}

void CliWriter::Warn(absl::string_view message) {
  if (!quiet_) PrintError(message);
}

}  // namespace cli
}  // namespace pith
