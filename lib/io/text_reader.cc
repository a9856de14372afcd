// Copyright 2026 The pith Authors.
//
// Text inputs, read in pieces of whole lines (see kText in pith/io.h): a
// piece holds as many lines as fit in max_document_bytes and
// max_document_lines; a line is never split, and one longer than
// max_line_bytes is an error or is skipped.

#include <cstring>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "lib/io/document_reader_rep.h"
#include "pith/io.h"

namespace pith {

bool DocumentReader::Rep::ReadMore(std::string* text) {
  if (chunk == nullptr) chunk.reset(new char[options.read_bytes]);
  absl::StatusOr<size_t> r = in->Read(chunk.get(), options.read_bytes);
  if (!r.ok()) return Fail(r.status());
  text->append(chunk.get(), *r);
  stats.bytes += static_cast<int64_t>(*r);
  if (*r == 0) eof = true;
  return true;
}

bool DocumentReader::Rep::SkipLongLine(std::string* text) {
  if (options.on_error == OnError::kFail) {
    return Fail(absl::ResourceExhaustedError(TooLong(next_line)));
  }
  for (;;) {
    const void* nl = std::memchr(text->data(), '\n', text->size());
    if (nl != nullptr) {
      text->erase(0, static_cast<const char*>(nl) - text->data() + 1);
      break;
    }
    text->clear();
    if (eof) break;
    if (!ReadMore(text)) return false;
  }
  Skip(TooLong(next_line));
  ++next_line;
  return true;
}

namespace {

// True if text[begin, end) (a line without its "\n") is "separator",
// ignoring a "\r" before the "\n".
bool IsSeparator(const std::string& text, size_t begin, size_t end,
                 const std::string& separator) {
  if (end > begin && text[end - 1] == '\r') --end;
  return end - begin == separator.size() &&
         text.compare(begin, end - begin, separator) == 0;
}

}  // namespace

bool DocumentReader::Rep::NextText(Document* doc) {
  const std::string& separator = options.separator;
  const size_t max_bytes = options.max_document_bytes;
  const size_t max_lines = options.max_document_lines;
  const size_t max_line = options.max_line_bytes;
  constexpr size_t kNone = std::string::npos;
  std::string& text = doc->text;
  text.clear();
  text.swap(carry);
  // text[0, line_start) holds "lines" whole lines; the line that starts at
  // line_start has no '\n' in text[line_start, scan).
  size_t line_start = 0;
  size_t scan = 0;
  size_t lines = 0;
  size_t cut = kNone;  // Where the piece ends.
  while (cut == kNone) {
    while (cut == kNone) {
      const void* nl =
          std::memchr(text.data() + scan, '\n', text.size() - scan);
      const size_t line_end = nl != nullptr
                                  ? static_cast<const char*>(nl) - text.data()
                                  : text.size();
      if (line_end - line_start > max_line) {
        if (line_start > 0) {  // It starts a piece of its own.
          cut = line_start;
          break;
        }
        if (!SkipLongLine(&text)) return false;
        scan = 0;
        continue;
      }
      if (nl == nullptr) {
        scan = text.size();
        break;
      }
      const size_t next = line_end + 1;
      if (!separator.empty() &&
          IsSeparator(text, line_start, line_end, separator)) {
        if (line_start == 0) {  // Nothing before it: no empty document.
          text.erase(0, next);
          scan = 0;
          ++next_line;
          if (next_part > 0) {
            ++separated;
            next_part = 0;
          }
          continue;
        }
        cut = line_start;
        at_separator = true;
        break;
      }
      if (next > max_bytes && line_start > 0) {
        cut = line_start;  // The line does not fit: the next piece.
        break;
      }
      ++lines;
      line_start = scan = next;
      if (lines >= max_lines || next >= max_bytes) cut = next;
    }
    if (cut != kNone) break;
    // text[line_start, end) is the start of a line.
    if (eof) {  // The last line, without its "\n": it fits, or is next.
      if (!separator.empty() && line_start < text.size() &&
          IsSeparator(text, line_start, text.size(), separator)) {
        text.resize(line_start);  // A separator that ends the input.
      }
      cut =
          text.size() > max_bytes && line_start > 0 ? line_start : text.size();
    } else if (text.size() > max_bytes && line_start > 0) {
      cut = line_start;  // Its end will be past the limit: the next piece.
    } else if (!ReadMore(&text)) {
      return false;
    }
  }
  if (at_separator) {  // The separator line goes with neither document.
    const void* nl = std::memchr(text.data() + cut, '\n', text.size() - cut);
    carry.assign(text, static_cast<const char*>(nl) - text.data() + 1,
                 std::string::npos);
  } else {
    carry.assign(text, cut, std::string::npos);
  }
  text.resize(cut);
  if (text.empty() && (next_part > 0 || separated > 0)) {
    done = true;  // Nothing after the last piece or separator.
    return false;
  }
  doc->id = separator.empty() ? in->name()
                              : absl::StrCat(in->name(), "#", separated + 1);
  doc->source = in->name();
  doc->line = next_line;
  doc->part = next_part++;
  doc->raw.clear();
  doc->value_begin = doc->value_end = 0;
  doc->id_is_number = false;
  next_line += static_cast<int64_t>(lines);
  if (at_separator) {
    at_separator = false;
    ++next_line;
    ++separated;
    next_part = 0;
  }
  if (eof && carry.empty()) done = true;
  return true;
}

}  // namespace pith
