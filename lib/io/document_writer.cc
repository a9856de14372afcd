// Copyright 2026 The pith Authors.
//
// DocumentWriter: documents out as text or as their JSONL line with the text
// member replaced.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lib/io/jsonl.h"
#include "pith/io.h"

namespace pith {

size_t AppendJsonString(absl::string_view text, std::string* out) {
  return internal::AppendJsonEscaped(text, out);
}

DocumentWriter::DocumentWriter(OutputFile* out, DocumentFormat format)
    : out_(out), format_(format) {}

absl::Status DocumentWriter::Write(const Document& doc,
                                   absl::string_view text) {
  if (format_ == DocumentFormat::kText) {
    if (!separator_.empty() && doc.part == 0) {
      if (wrote_document_) {
        absl::Status s = out_->Write(separator_);
        if (s.ok()) s = out_->Write("\n");
        if (!s.ok()) return s;
      }
      wrote_document_ = true;
    }
    absl::Status s = out_->Write(text);
    if (!s.ok() || text.empty() || text.back() == '\n') return s;
    return out_->Write("\n");
  }
  // The pieces go to the output's buffer as they are: only the escaped text
  // needs a buffer of its own.
  const absl::string_view raw = doc.raw;
  scratch_.clear();
  internal::AppendJsonEscaped(text, &scratch_);
  absl::Status s = out_->Write(raw.substr(0, doc.value_begin));
  if (s.ok()) s = out_->Write(scratch_);
  if (s.ok()) s = out_->Write(raw.substr(doc.value_end));
  if (s.ok()) s = out_->Write("\n");
  return s;
}

absl::Status DocumentWriter::WriteUnchanged(const Document& doc) {
  if (format_ == DocumentFormat::kText) return Write(doc, doc.text);
  absl::Status s = out_->Write(doc.raw);
  if (s.ok()) s = out_->Write("\n");
  return s;
}

}  // namespace pith
