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
    absl::Status s = out_->Write(text);
    if (!s.ok() || text.empty() || text.back() == '\n') return s;
    return out_->Write("\n");
  }
  const absl::string_view raw = doc.raw;
  // The pieces go to the output's buffer as they are: only the escaped text
  // needs a buffer of its own. The caller often passes the document's own
  // text back (nothing was removed): no comparison then.
  absl::Status s;
  if ((text.data() == doc.text.data() && text.size() == doc.text.size()) ||
      text == doc.text) {
    s = out_->Write(raw);
  } else {
    scratch_.clear();
    internal::AppendJsonEscaped(text, &scratch_);
    s = out_->Write(raw.substr(0, doc.value_begin));
    if (s.ok()) s = out_->Write(scratch_);
    if (s.ok()) s = out_->Write(raw.substr(doc.value_end));
  }
  if (!s.ok()) return s;
  return out_->Write("\n");
}

}  // namespace pith
