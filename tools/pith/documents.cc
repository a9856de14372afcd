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
       "JSONL: what to do with a malformed line: fail\n"
       "(stop with FILE:LINE) or skip (count it)."},
      {"max-document-bytes", 0, "SIZE", "64M",
       "Text: read longer inputs in pieces of at most\n"
       "SIZE bytes, cut at line ends."},
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
    }
    if (quiet) continue;
    for (const std::string& m : stats.skip_messages) {
      PrintError(absl::StrCat(m, " (skipped)"));
    }
    const int64_t unlisted =
        stats.skipped - static_cast<int64_t>(stats.skip_messages.size());
    if (unlisted > 0) {
      PrintError(absl::StrCat(reader->name(), ": ", unlisted,
                              " more malformed lines skipped"));
    }
  }
  return kExitOk;
}

}  // namespace cli
}  // namespace pith
