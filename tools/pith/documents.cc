// Copyright 2026 The pith Authors.

#include "documents.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace pith {
namespace cli {

std::vector<FlagSpec> InputFlags() {
  return {
      {"format", 'f', "FORMAT", "text",
       "Input format: text (each file is one\n"
       "document) or jsonl (one JSON object per line)."},
      {"field", 0, "NAME", "text",
       "JSONL: the member that holds the text; every\n"
       "other byte of the line is kept as it was."},
      {"on-error", 0, "MODE", "fail",
       "What to do with a malformed JSONL line or a line\n"
       "over --max-line-bytes: fail (stop with\n"
       "FILE:LINE) or skip (count it)."},
      {"max-document-bytes", 0, "SIZE", "64M",
       "Text: read longer inputs in pieces of at most\n"
       "SIZE bytes, cut at line ends (a longer line is\n"
       "a piece of its own)."},
      {"max-document-lines", 0, "N", "1048576",
       "Text: at most N lines per piece."},
      {"max-line-bytes", 0, "SIZE", "1G",
       "A longer line (text or JSONL) is an error, or\n"
       "skipped with --on-error=skip."},
  };
}

int SetUpInput(const Command& command, const Args& args,
               ReaderOptions* reader) {
  *reader = ReaderOptions();
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
  uint64_t max_line = 0;
  if (!ParseByteSize(args.Get("max-line-bytes"), &max_line)) {
    return UsageError(command,
                      absl::StrCat("--max-line-bytes must be a positive "
                                   "size such as 65536 or 64M, not '",
                                   args.Get("max-line-bytes"), "'"));
  }
  reader->max_line_bytes = static_cast<size_t>(max_line);
  int max_lines = 0;
  if (!ParseInt(args, "max-document-lines", 1, 1 << 30, &max_lines)) {
    return UsageError(command,
                      absl::StrCat("--max-document-lines must be a positive "
                                   "number, not '",
                                   args.Get("max-document-lines"), "'"));
  }
  reader->max_document_lines = static_cast<size_t>(max_lines);
  return kExitOk;
}

std::vector<std::string> Inputs(const Args& args) {
  if (args.operands().empty()) return {"-"};
  return args.operands();
}

int OpenOutput(const std::string& path, std::optional<OutputFile>* out,
               const OutputOptions& options) {
  absl::StatusOr<OutputFile> file = OutputFile::Open(path, options);
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

int ForEachDocument(const std::vector<std::string>& inputs,
                    const ReaderOptions& options, bool quiet,
                    const std::function<int(Document& doc)>& fn,
                    InputTotals* totals) {
  Document doc;
  for (const std::string& input : inputs) {
    absl::StatusOr<DocumentReader> reader =
        DocumentReader::Open(input, options);
    if (!reader.ok()) {
      PrintError(reader.status().message());
      return kExitData;
    }
    while (reader->Next(&doc)) {
      const int code = fn(doc);
      if (code != kExitOk) return code;
    }
    if (!reader->status().ok()) {
      PrintError(reader->status().message());
      return kExitData;
    }
    const ReaderStats& stats = reader->stats();
    if (totals != nullptr) {
      totals->bytes += stats.bytes;
      totals->skipped += stats.skipped;
      totals->utf8_replacements += stats.utf8_replacements;
    }
    if (quiet) continue;
    for (const std::string& m : ReaderWarnings(*reader)) PrintError(m);
  }
  return kExitOk;
}

std::vector<std::string> ReaderWarnings(const DocumentReader& reader) {
  const ReaderStats& stats = reader.stats();
  std::vector<std::string> out;
  for (const std::string& m : stats.skip_messages) {
    out.push_back(absl::StrCat(m, " (skipped)"));
  }
  const int64_t unlisted =
      stats.skipped - static_cast<int64_t>(stats.skip_messages.size());
  if (unlisted > 0) {
    out.push_back(
        absl::StrCat(reader.name(), ": ", unlisted, " more lines skipped"));
  }
  if (stats.utf8_replacements > 0) {
    out.push_back(absl::StrCat(reader.name(), ": ", stats.utf8_replacements,
                               " invalid UTF-8 sequences replaced by U+FFFD"));
  }
  return out;
}

}  // namespace cli
}  // namespace pith
