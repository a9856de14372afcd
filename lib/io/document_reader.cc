// Copyright 2026 The pith Authors.
//
// DocumentReader: documents from text or JSONL inputs (the bytes come from
// lib/io/input_stream.h, the JSON scanning from lib/io/jsonl.h).

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/io/input_stream.h"
#include "lib/io/jsonl.h"
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

struct DocumentReader::Rep {
  ReaderOptions options;
  std::unique_ptr<internal::InputStream> in;
  absl::Status status;
  ReaderStats stats;
  bool eof = false;  // The stream returned 0.
  bool done = false;

  // Text mode.
  std::string carry;  // Bytes read past the end of the previous piece.
  // Each read lands here and is appended to the document: reading straight
  // into the document would mean resizing it first, which zero-fills
  // read_bytes (1 MiB) per read, however small the file.
  std::unique_ptr<char[]> chunk;
  int64_t next_part = 0;
  int64_t next_line = 1;

  // JSONL mode: buf[begin, end) holds unread bytes, and [begin, scan) is
  // known to hold no '\n'.
  std::unique_ptr<char[]> buf;
  size_t cap = 0;
  size_t begin = 0;
  size_t scan = 0;
  size_t end = 0;
  int64_t line_number = 0;

  bool Fail(absl::Status s) {
    status = std::move(s);
    done = true;
    return false;
  }

  bool NextText(Document* doc);
  bool NextJsonl(Document* doc);
  // Sets "*line" to the next line without its terminator. False at the end
  // or on an error.
  bool NextLine(absl::string_view* line);
  // Fills "doc" from a JSONL line. Errors have no file:line prefix.
  absl::Status ParseLine(absl::string_view line, Document* doc);
};

DocumentReader::DocumentReader(std::unique_ptr<Rep> rep)
    : rep_(std::move(rep)) {}
DocumentReader::DocumentReader(DocumentReader&&) noexcept = default;
DocumentReader& DocumentReader::operator=(DocumentReader&&) noexcept = default;
DocumentReader::~DocumentReader() = default;

namespace {

absl::Status CheckOptions(const ReaderOptions& options) {
  if (options.max_document_bytes == 0 || options.read_bytes == 0 ||
      options.max_line_bytes == 0) {
    return absl::InvalidArgumentError(
        "max_document_bytes, max_line_bytes and read_bytes must be positive");
  }
  if (options.format == DocumentFormat::kJsonl && options.field.empty()) {
    return absl::InvalidArgumentError("the JSONL text field name is empty");
  }
  return absl::OkStatus();
}

// Returns where to cut "text" so that no UTF-8 sequence at its end is split:
// before an incomplete trailing sequence, else at the end.
size_t Utf8SafeCut(absl::string_view text) {
  const size_t n = text.size();
  size_t i = n;
  for (int k = 0; k < 4 && i > 0; ++k) {
    const unsigned char c = static_cast<unsigned char>(text[--i]);
    if ((c & 0xC0) == 0x80) continue;  // A continuation byte.
    size_t len = 1;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
    }
    return (i + len > n && i > 0) ? i : n;
  }
  return n;
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

bool DocumentReader::Rep::NextText(Document* doc) {
  const size_t max = options.max_document_bytes;
  std::string& text = doc->text;
  text.clear();
  text.swap(carry);
  while (!eof && text.size() < max) {
    if (chunk == nullptr) chunk.reset(new char[options.read_bytes]);
    const size_t want = std::min(options.read_bytes, max - text.size());
    absl::StatusOr<size_t> r = in->Read(chunk.get(), want);
    if (!r.ok()) return Fail(r.status());
    text.append(chunk.get(), *r);
    stats.bytes += static_cast<int64_t>(*r);
    if (*r == 0) eof = true;
  }
  if (text.empty() && next_part > 0) {  // Nothing after the last piece.
    done = true;
    return false;
  }
  if (!eof && text.size() >= max) {
    // Cut after the last '\n'; failing that, before a UTF-8 sequence that
    // the limit would split.
    size_t cut = text.size();
    const void* nl = memrchr(text.data(), '\n', text.size());
    if (nl != nullptr) {
      cut = static_cast<const char*>(nl) - text.data() + 1;
    } else {
      cut = Utf8SafeCut(text);
    }
    carry.assign(text, cut, std::string::npos);
    text.resize(cut);
  }
  doc->id = in->name();
  doc->source = in->name();
  doc->line = next_line;
  doc->part = next_part++;
  doc->raw.clear();
  doc->value_begin = doc->value_end = 0;
  if (!eof || !carry.empty()) {
    next_line += std::count(text.begin(), text.end(), '\n');
  } else {
    done = true;
  }
  return true;
}

bool DocumentReader::Rep::NextLine(absl::string_view* line) {
  if (buf == nullptr) {
    cap = 2 * options.read_bytes;
    buf.reset(new char[cap]);
  }
  for (;;) {
    const void* nl = std::memchr(buf.get() + scan, '\n', end - scan);
    if (nl != nullptr) {
      const size_t pos = static_cast<const char*>(nl) - buf.get();
      *line = absl::string_view(buf.get() + begin, pos - begin);
      begin = scan = pos + 1;
      return true;
    }
    scan = end;
    if (eof) {
      if (begin == end) return false;
      *line = absl::string_view(buf.get() + begin, end - begin);
      begin = scan = end;
      return true;
    }
    if (end - begin > options.max_line_bytes) {
      Fail(absl::ResourceExhaustedError(
          absl::StrCat(in->name(), ":", line_number + 1, ": line longer than ",
                       options.max_line_bytes, " bytes")));
      return false;
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
    if (!r.ok()) {
      Fail(r.status());
      return false;
    }
    stats.bytes += static_cast<int64_t>(*r);
    if (*r == 0) eof = true;
    end += *r;
  }
}

absl::Status DocumentReader::Rep::ParseLine(absl::string_view line,
                                            Document* doc) {
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
  internal::DecodeJsonString(
      line.substr(m.field_begin, m.field_end - m.field_begin), &doc->text);
  doc->id.clear();
  if (!m.has_id) {
    absl::StrAppend(&doc->id, line_number);
  } else if (m.id_is_string) {
    internal::DecodeJsonString(line.substr(m.id_begin, m.id_end - m.id_begin),
                               &doc->id);
  } else {
    doc->id.assign(line.data() + m.id_begin, m.id_end - m.id_begin);
  }
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
    ++stats.skipped;
    if (stats.skip_messages.size() < ReaderStats::kMaxSkipMessages) {
      stats.skip_messages.push_back(std::move(message));
    }
  }
  done = true;
  return false;
}

}  // namespace pith
