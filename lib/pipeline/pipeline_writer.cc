// Copyright 2026 The pith Authors.
//
// PipelineWriter: the output, the dedup report and the cleaner's removals,
// as the pith command writes them.

#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "pith/io.h"
#include "pith/pipeline.h"
#include "pith/segment.h"

namespace pith {
namespace {

// Line "n" (1-based) of "text", without its terminator; empty if there is
// no such line.
absl::string_view LineOf(absl::string_view text, int n) {
  int number = 0;
  for (LineIterator it(text); !it.done(); it.Next()) {
    if (++number == n) return it.line();
  }
  return absl::string_view();
}

// Appends the id of "doc" to "*out": a number as it was written, else a
// JSON string.
void AppendId(const Document& doc, std::string* out) {
  if (doc.id_is_number) {
    out->append(doc.id);
  } else {
    AppendJsonString(doc.id, out);
  }
}

// Appends one removal record to "*out".
void AppendRemoval(const Document& doc, int64_t line, absl::string_view rule,
                   absl::string_view text, bool partial, bool rejected,
                   std::string* out) {
  out->append("{\"file\":");
  AppendJsonString(doc.source, out);
  out->append(",\"id\":");
  AppendId(doc, out);
  absl::StrAppend(out, ",\"line\":", line, ",\"rule\":");
  AppendJsonString(rule, out);
  out->append(",\"text\":");
  AppendJsonString(text, out);
  if (partial) out->append(",\"partial\":true");
  if (rejected) out->append(",\"rejected\":true");
  out->append("}\n");
}

// True if "text" has at least "min" characters (code points) that are not
// white space.
bool HasChars(absl::string_view text, int64_t min) {
  int64_t chars = 0;
  for (size_t i = 0; i < text.size() && chars < min; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // A continuation byte.
    if (c == 0xC2 && i + 1 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      ++i;  // NBSP.
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
        c == '\f') {
      continue;
    }
    ++chars;
  }
  return chars >= min;
}

}  // namespace

PipelineWriter::PipelineWriter(OutputFile* out, DocumentFormat format)
    : format_(format), writer_(out, format) {}

void PipelineWriter::set_output(OutputFile* out) {
  writer_ = DocumentWriter(out, format_);
  writer_.set_separator(separator_);
}

void PipelineWriter::set_separator(absl::string_view separator) {
  separator_ = std::string(separator);
  writer_.set_separator(separator_);
}

absl::Status PipelineWriter::Write(OutputFile* file, absl::string_view data) {
  absl::Status s = file->Write(data);
  if (!s.ok()) failed_ = true;
  return s;
}

absl::Status PipelineWriter::Consume(const PipelineDocument& d) {
  const Document& doc = *d.document;
  const bool text_mode = format_ == DocumentFormat::kText;
  record_.clear();
  if (removals_ != nullptr && d.clean != nullptr) {
    // In text mode, lines count from the start of the file, across pieces.
    const int64_t base = text_mode ? doc.line - 1 : 0;
    for (const Removal& r : d.clean->removals) {
      AppendRemoval(doc, base + r.line, r.reason, r.text, r.partial,
                    /*rejected=*/false, &record_);
    }
    if (d.clean->rejected) {
      AppendRemoval(doc, base + d.clean->reject_line, d.clean->reject_rule,
                    LineOf(doc.text, d.clean->reject_line), /*partial=*/false,
                    /*rejected=*/true, &record_);
    }
    if (!record_.empty()) {
      absl::Status s = Write(removals_, record_);
      if (!s.ok()) return s;
    }
  }
  if (d.dedup != nullptr) {
    const DocumentVerdict& v = *d.dedup;
    if (!started_) {
      started_ = true;
      first_doc_ = v.doc;
    }
    if (text_mode) {
      // Text inputs are few documents (files, or pieces of them): their
      // line offsets are kept for the units that duplicate them.
      line_offsets_.resize(v.doc - first_doc_ + 1, 0);
      line_offsets_.back() = d.line_offset;
    } else {
      // Which ids of the run were numbers, for the units that duplicate
      // them (a bit a document).
      numeric_ids_.resize(v.doc - first_doc_ + 1, false);
      numeric_ids_.back() = doc.id_is_number;
    }
    record_.clear();
    for (const UnitVerdict& u : v.units) {
      if (!u.duplicate || report_ == nullptr) continue;
      // A unit of a document from an earlier run (a loaded index) counts
      // its lines as that run reported them.
      const uint64_t other = u.duplicate_of_doc;
      const int64_t other_offset =
          other >= first_doc_ && other - first_doc_ < line_offsets_.size()
              ? line_offsets_[other - first_doc_]
              : 0;
      record_.append("{\"doc\": ");
      AppendId(doc, &record_);
      absl::StrAppend(&record_, ", \"line\": ", d.line_offset + u.line,
                      ", \"duplicate_of\": {\"doc\": ");
      // A document of an earlier run (a loaded index) has a string id.
      const bool number = other >= first_doc_ &&
                          other - first_doc_ < numeric_ids_.size() &&
                          numeric_ids_[other - first_doc_];
      if (number) {
        record_.append(u.duplicate_of_id);
      } else {
        AppendJsonString(u.duplicate_of_id, &record_);
      }
      absl::StrAppend(
          &record_, ", \"line\": ", other_offset + u.duplicate_of_line,
          "}, \"similarity\": ", absl::StrFormat("%.4f", u.similarity), "}\n");
    }
    if (!record_.empty()) {
      absl::Status s = Write(report_, record_);
      if (!s.ok()) return s;
    }
  }
  if (d.rejected && (text_mode || drop_rejected_)) return absl::OkStatus();
  if (min_chars_ > 0 && !HasChars(d.text, min_chars_)) {
    ++documents_dropped_;
    return absl::OkStatus();
  }
  ++documents_written_;
  bytes_written_ += static_cast<int64_t>(d.text.size());
  absl::Status s =
      d.unchanged ? writer_.WriteUnchanged(doc) : writer_.Write(doc, d.text);
  if (!s.ok()) failed_ = true;
  return s;
}

}  // namespace pith
