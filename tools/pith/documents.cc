// Copyright 2026 The pith Authors.

#include "documents.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "command.h"
#include "flags.h"

namespace pith {
namespace cli {

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
