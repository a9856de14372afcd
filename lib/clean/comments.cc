// Copyright 2026 The pith Authors.

#include "lib/clean/comments.h"

#include <cassert>
#include <cstddef>

#include "lib/clean/re2_util.h"
#include "re2/re2.h"

namespace pith {
namespace internal {
namespace {

enum Kind : uint8_t { kNone, kHeader, kAuthor, kTime };

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

Kind Classify(absl::string_view text, const LineFeatures& f) {
  if (f.chars >= kMaxFrameChars) return kNone;
  const re2::StringPiece piece = ToPiece(text);
  if (RE2::FullMatch(piece, HeaderPattern())) return kHeader;
  if (RE2::FullMatch(piece, AuthorPattern())) return kAuthor;
  if (f.digits >= 3 && f.chars < 100 && RE2::FullMatch(piece, TimePattern())) {
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
