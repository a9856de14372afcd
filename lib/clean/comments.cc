// Copyright 2026 The pith Authors.

#include "lib/clean/comments.h"

#include <algorithm>
#include <cassert>
#include <cstddef>

#include "lib/clean/re2_util.h"
#include "re2/re2.h"

namespace pith {
namespace internal {
namespace {

enum Kind : uint8_t { kNone, kHeader, kAuthor, kTime };

// True if "text" holds "am" or "pm" (either case) right after a digit or
// a space after one: the clock times without a colon ("9 am", "10pm").
bool HasAmPm(absl::string_view text) {
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    const char a = static_cast<char>(text[i] | 0x20);
    if ((a != 'a' && a != 'p') || (text[i + 1] | 0x20) != 'm') continue;
    const char b = text[i - 1];
    if ((b >= '0' && b <= '9') ||
        (b == ' ' && i >= 2 && text[i - 2] >= '0' && text[i - 2] <= '9')) {
      return true;
    }
  }
  return false;
}

// Frame lines are short: longer lines are text.
constexpr int32_t kMaxFrameChars = 140;

// Memory budget of each expression.
constexpr int64_t kMaxMem = 1 << 20;

const RE2& HeaderPattern() {
  static const RE2* const re = new RE2(
      R"((?i)^(\d[\d,.]*\s+(comments?|responses?|replies|thoughts|)"
      R"(reactions?|kommentare?|antworten|reader comments)\b.{0,80}|)"
      R"((reader |user )?comments?\s*(\(\d+\))?\s*:?|)"
      R"(kommentare?\s*(\(\d+\))?\s*:?|discussion\s*:?|)"
      R"((\d+|one|no)\s+(response|comment|thought)s?\s+(to|on|for)\b.{0,100}))",
      MakeRe2Options(kMaxMem));
  return *re;
}

const RE2& AuthorPattern() {
  static const RE2* const re = new RE2(
      R"((?i)^(.{1,60}\s+(says|said|wrote|writes|sagt|schreibt)\s*(:.{0,80})?|)"
      R"(reply|reply to this( parent)?( share)?|antworten|report( abuse)?|)"
      R"(permalink|flag as inappropriate|log in to reply|)"
      R"(reply\s*[|·•]\s*.{0,40}))",
      MakeRe2Options(kMaxMem));
  return *re;
}

const RE2& TimePattern() {
  static const RE2* const re =
      new RE2(R"((?i)^.{0,60}\b(\d{1,2}:\d{2}\s*(am|pm|a\.m\.|p\.m\.|uhr)?|)"
              R"(\d{1,2}\s*(am|pm))\b.{0,40})",
              MakeRe2Options(kMaxMem));
  return *re;
}

// Words one of which every header or author line holds (lowercase): most
// lines are settled by this test, without running an expression.
constexpr absl::string_view kFrameWords[] = {
    "comment", "respons", "repl",   "thought",   "reaction", "kommentar",
    "antwort", "discuss", "say",    "said",      "wrote",    "writes",
    "sagt",    "schreib", "report", "permalink", "flag"};

bool HasFrameWord(absl::string_view text) {
  char lower[4 * kMaxFrameChars];
  const size_t n = std::min(text.size(), sizeof(lower));
  for (size_t i = 0; i < n; ++i) {
    const char c = text[i];
    lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
  }
  const absl::string_view l(lower, n);
  for (absl::string_view w : kFrameWords) {
    if (l.find(w) != absl::string_view::npos) return true;
  }
  return false;
}

Kind Classify(absl::string_view text, const LineFeatures& f) {
  if (f.chars >= kMaxFrameChars || f.words > 16) return kNone;
  const re2::StringPiece piece = ToPiece(text);
  if (HasFrameWord(text)) {
    if (RE2::FullMatch(piece, HeaderPattern())) return kHeader;
    if (RE2::FullMatch(piece, AuthorPattern())) return kAuthor;
  }
  if (f.digits >= 3 && f.chars < 100 &&
      (text.find(':') != absl::string_view::npos || HasAmPm(text)) &&
      RE2::FullMatch(piece, TimePattern())) {
    return kTime;
  }
  return kNone;
}

}  // namespace

size_t MarkComments(const CommentParams& params, absl::string_view document,
                    absl::Span<const LineFeatures> lines, CommentScratch* s,
                    absl::Span<LineVerdict> verdicts) {
  assert(verdicts.size() == lines.size());
  std::vector<int32_t>& index = s->index;
  std::vector<uint8_t>& kind = s->kind;
  index.clear();
  kind.clear();
  // Lines are classified only once enough prose came before them; the
  // rest of the window is classified as the scan reaches it.
  int64_t prose = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const LineFeatures& f = lines[i];
    if (f.blank()) continue;
    index.push_back(static_cast<int32_t>(i));
    const bool after_prose = prose >= params.min_prose_before;
    kind.push_back(
        after_prose ? Classify(document.substr(f.trim_offset, f.trim_length), f)
                    : kNone);
    if (LooksLikeProse(f)) prose += f.chars;
  }
  const size_t n = index.size();
  size_t start = n;
  for (size_t k = 0; k < n && start == n; ++k) {
    if (kind[k] != kHeader && kind[k] != kAuthor) continue;
    int authors = 0, frames = 0;
    for (size_t j = k; j < n && j < k + static_cast<size_t>(params.window);
         ++j) {
      if (kind[j] == kAuthor) ++authors;
      if (kind[j] == kAuthor || kind[j] == kTime) ++frames;
    }
    // From a header: two frame lines follow. From an author line: another
    // author line, or two more frame lines of which one is an author line.
    if (authors >= 2 || (kind[k] == kHeader && frames >= 2) ||
        (frames >= 3 && authors >= 1)) {
      start = k;
    }
  }
  if (start == n) return lines.size();
  for (size_t k = start; k < n; ++k) {
    if (IsKept(verdicts[index[k]])) verdicts[index[k]] = kComments;
  }
  return static_cast<size_t>(index[start]);
}

}  // namespace internal
}  // namespace pith
