// Copyright 2026 The pith Authors.
//
// DocumentReader: documents from text or JSONL inputs (the bytes come from
// lib/io/input_stream.h, the JSON scanning from lib/io/jsonl.h); text inputs
// are cut into pieces in text_reader.cc.

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/io/document_reader_rep.h"
#include "lib/io/input_stream.h"
#include "lib/io/jsonl.h"
#include "lib/io/utf8.h"
#include "pith/io.h"
#include "pith/segment.h"

namespace pith {

bool ParseDocumentFormat(absl::string_view name, DocumentFormat* format) {
  if (name == "text") {
    *format = DocumentFormat::kText;
    return true;
  }
  if (name == "jsonl") {
    *format = DocumentFormat::kJsonl;
    return true;
  }
  return false;
}

absl::string_view DocumentFormatName(DocumentFormat format) {
  return format == DocumentFormat::kJsonl ? "jsonl" : "text";
}

absl::string_view OnErrorName(OnError on_error) {
  return on_error == OnError::kSkip ? "skip" : "fail";
}

bool ParseOnError(absl::string_view name, OnError* on_error) {
  if (name == "fail") {
    *on_error = OnError::kFail;
    return true;
  }
  if (name == "skip") {
    *on_error = OnError::kSkip;
    return true;
  }
  return false;
}

DocumentReader::DocumentReader(std::unique_ptr<Rep> rep)
    : rep_(std::move(rep)) {}
DocumentReader::DocumentReader(DocumentReader&&) noexcept = default;
DocumentReader& DocumentReader::operator=(DocumentReader&&) noexcept = default;
DocumentReader::~DocumentReader() = default;

namespace {

absl::Status CheckOptions(const ReaderOptions& options) {
  if (options.max_document_bytes == 0 || options.max_document_lines == 0 ||
      options.read_bytes == 0 || options.max_line_bytes == 0) {
    return absl::InvalidArgumentError(
        "max_document_bytes, max_document_lines, max_line_bytes and "
        "read_bytes must be positive");
  }
  if (options.format == DocumentFormat::kJsonl && options.field.empty()) {
    return absl::InvalidArgumentError("the JSONL text field name is empty");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<DocumentReader> DocumentReader::Open(
    const std::string& path, const ReaderOptions& options) {
  absl::Status s = CheckOptions(options);
  if (!s.ok()) return s;
  absl::StatusOr<std::unique_ptr<internal::InputStream>> in =
      internal::InputStream::OpenFile(path);
  if (!in.ok()) return in.status();
  auto rep = std::make_unique<Rep>();
  rep->options = options;
  rep->in = *std::move(in);
  return DocumentReader(std::move(rep));
}

absl::StatusOr<DocumentReader> DocumentReader::OpenRange(
    const std::string& path, uint64_t begin, uint64_t end, int64_t first_line,
    const ReaderOptions& options) {
  absl::Status s = CheckOptions(options);
  if (!s.ok()) return s;
  if (options.format != DocumentFormat::kJsonl || first_line < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": only JSONL inputs are read in parts (from line 1 on)"));
  }
  absl::StatusOr<std::unique_ptr<internal::InputStream>> in =
      internal::InputStream::OpenFileRange(path, begin, end);
  if (!in.ok()) return in.status();
  auto rep = std::make_unique<Rep>();
  rep->options = options;
  rep->in = *std::move(in);
  rep->line_number = first_line - 1;
  rep->first_line = begin == 0;
  return DocumentReader(std::move(rep));
}

absl::StatusOr<DocumentReader> DocumentReader::FromString(
    std::string data, std::string name, const ReaderOptions& options) {
  absl::Status s = CheckOptions(options);
  if (!s.ok()) return s;
  auto rep = std::make_unique<Rep>();
  rep->options = options;
  rep->in = internal::InputStream::FromString(std::move(data), std::move(name));
  return DocumentReader(std::move(rep));
}

bool DocumentReader::Next(Document* doc) {
  if (rep_->done) return false;
  const bool ok = rep_->options.format == DocumentFormat::kText
                      ? rep_->NextText(doc)
                      : rep_->NextJsonl(doc);
  if (ok) ++rep_->stats.documents;
  return ok;
}

const absl::Status& DocumentReader::status() const { return rep_->status; }
const ReaderStats& DocumentReader::stats() const { return rep_->stats; }
const std::string& DocumentReader::name() const { return rep_->in->name(); }

bool DocumentReader::Rep::NextLine(absl::string_view* line) {
  if (buf == nullptr) {
    cap = 2 * options.read_bytes;
    buf.reset(new char[cap]);
  }
  const size_t max_line = options.max_line_bytes;
  for (;;) {
    const void* nl = std::memchr(buf.get() + scan, '\n', end - scan);
    if (nl != nullptr || (eof && begin < end)) {
      const size_t pos =
          nl != nullptr ? static_cast<const char*>(nl) - buf.get() : end;
      const size_t from = begin;
      begin = scan = nl != nullptr ? pos + 1 : end;
      if (discarding) {  // The end of a line skipped for its length.
        discarding = false;
        continue;
      }
      const bool first = first_line;
      first_line = false;
      if (pos - from > max_line) {
        ++line_number;
        ++stats.lines;
        if (options.on_error == OnError::kFail) {
          return Fail(absl::ResourceExhaustedError(TooLong(line_number)));
        }
        Skip(TooLong(line_number));
        continue;
      }
      *line = absl::string_view(buf.get() + from, pos - from);
      if (first && absl::StartsWith(*line, "\xEF\xBB\xBF")) {
        line->remove_prefix(3);  // A UTF-8 byte order mark.
      }
      return true;
    }
    scan = end;
    if (discarding) begin = scan = end = 0;  // Drop what was read of it.
    if (eof) return false;
    if (end - begin > max_line) {  // A line longer than the limit.
      ++line_number;
      ++stats.lines;
      first_line = false;
      if (options.on_error == OnError::kFail) {
        return Fail(absl::ResourceExhaustedError(TooLong(line_number)));
      }
      Skip(TooLong(line_number));
      discarding = true;
      begin = scan = end = 0;
    }
    // Make room for a full read: move the partial line to the front, or
    // grow the buffer.
    if (cap - end < options.read_bytes) {
      const size_t used = end - begin;
      if (used + options.read_bytes <= cap) {
        std::memmove(buf.get(), buf.get() + begin, used);
      } else {
        const size_t new_cap = std::max(cap * 2, used + options.read_bytes);
        std::unique_ptr<char[]> grown(new char[new_cap]);
        std::memcpy(grown.get(), buf.get() + begin, used);
        buf = std::move(grown);
        cap = new_cap;
      }
      end = used;
      scan -= begin;
      begin = 0;
    }
    absl::StatusOr<size_t> r = in->Read(buf.get() + end, cap - end);
    if (!r.ok()) return Fail(r.status());
    stats.bytes += static_cast<int64_t>(*r);
    if (*r == 0) eof = true;
    end += *r;
  }
}

absl::Status DocumentReader::Rep::ParseLine(absl::string_view line,
                                            Document* doc) {
  // JSON text is UTF-8: replace what is not, in every member, so that the
  // line is valid whether the writer copies it or replaces the text.
  size_t replaced = 0;
  if (internal::ValidUtf8Prefix(line) != line.size()) {
    repaired.clear();
    replaced = internal::AppendRepairedUtf8(line, &repaired);
    line = repaired;
  }
  internal::JsonMembers m;
  absl::Status s =
      internal::ScanJsonObject(line, options.field, options.id_field, &m);
  if (!s.ok()) return s;
  if (!m.has_field) {
    return absl::InvalidArgumentError(
        absl::StrCat("no \"", options.field, "\" member"));
  }
  if (!m.field_is_string) {
    return absl::InvalidArgumentError(
        absl::StrCat("member \"", options.field, "\" is not a string"));
  }
  doc->raw.assign(line.data(), line.size());
  doc->value_begin = m.field_begin;
  doc->value_end = m.field_end;
  doc->text.clear();
  const size_t lone = internal::DecodeJsonString(
      line.substr(m.field_begin, m.field_end - m.field_begin), &doc->text);
  if (lone > 0) {
    // The value does not decode to "text" elsewhere (a lone surrogate is
    // U+FFFD here): write it again, so that copying the line is faithful.
    std::string value;
    internal::AppendJsonEscaped(doc->text, &value);
    doc->raw.replace(m.field_begin, m.field_end - m.field_begin, value);
    doc->value_end = m.field_begin + value.size();
    replaced += lone;
  }
  doc->id.clear();
  doc->id_is_number = m.has_id && !m.id_is_string;
  if (!m.has_id) {
    // Named by where it is, so that ids never collide across files nor
    // with numeric ids.
    absl::StrAppend(&doc->id, in->name(), ":", line_number);
  } else if (m.id_is_string) {
    internal::DecodeJsonString(line.substr(m.id_begin, m.id_end - m.id_begin),
                               &doc->id);
  } else {
    doc->id.assign(line.data() + m.id_begin, m.id_end - m.id_begin);
  }
  stats.utf8_replacements += static_cast<int64_t>(replaced);
  return absl::OkStatus();
}

bool DocumentReader::Rep::NextJsonl(Document* doc) {
  absl::string_view line;
  while (NextLine(&line)) {
    ++line_number;
    ++stats.lines;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (IsBlankLine(line)) continue;
    absl::Status s = ParseLine(line, doc);
    if (s.ok()) {
      doc->source = in->name();
      doc->line = line_number;
      doc->part = 0;
      return true;
    }
    std::string message =
        absl::StrCat(in->name(), ":", line_number, ": ", s.message());
    if (options.on_error == OnError::kFail) {
      return Fail(absl::Status(s.code(), message));
    }
    Skip(std::move(message));
  }
  if (status.ok()) done = true;
  return false;
}

}  // namespace pith
