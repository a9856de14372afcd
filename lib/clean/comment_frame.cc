// Copyright 2026 The pith Authors.

#include "lib/clean/comment_frame.h"

#include <cstddef>

namespace pith {
namespace internal {
namespace {

// Frame lines are short: longer lines are text.
constexpr int32_t kMaxFrameChars = 140;
constexpr int32_t kMaxFrameWords = 16;
// A clock time is looked for only on lines shorter than this, with at
// least this many digits.
constexpr int32_t kMaxTimeChars = 100;
constexpr int32_t kMinTimeDigits = 3;
constexpr int32_t kMinDateDigits = 5;
// A name line: at most this many words and characters.
constexpr int32_t kMaxNameWords = 4;
constexpr int32_t kMaxNameChars = 40;

inline char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
}
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsWordChar(char c) {
  const char l = static_cast<char>(c | 0x20);
  return IsDigit(c) || (l >= 'a' && l <= 'z') || c == '_';
}
inline bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\n';
}

// Code points in "s": its bytes that are not UTF-8 continuation bytes.
int CodePoints(absl::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// True if "t" holds "word" (lowercase) at "pos", ignoring ASCII case.
bool HasAt(absl::string_view t, size_t pos, absl::string_view word) {
  if (pos > t.size() || t.size() - pos < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (Lower(t[pos + i]) != word[i]) return false;
  }
  return true;
}

bool Is(absl::string_view t, absl::string_view word) {
  return t.size() == word.size() && HasAt(t, 0, word);
}

size_t SkipSpace(absl::string_view t, size_t pos) {
  while (pos < t.size() && IsSpace(t[pos])) ++pos;
  return pos;
}

size_t SkipDigits(absl::string_view t, size_t pos) {
  while (pos < t.size() && IsDigit(t[pos])) ++pos;
  return pos;
}

// The end of the run of word characters at "pos".
size_t WordEnd(absl::string_view t, size_t pos) {
  while (pos < t.size() && IsWordChar(t[pos])) ++pos;
  return pos;
}

// "t[pos..]" is a run of word characters ending at a word boundary and
// equal to one of "words".
template <size_t N>
size_t MatchWord(absl::string_view t, size_t pos,
                 const absl::string_view (&words)[N]) {
  const size_t end = WordEnd(t, pos);
  const absl::string_view word = t.substr(pos, end - pos);
  for (absl::string_view w : words) {
    if (Is(word, w)) return end;
  }
  return absl::string_view::npos;
}

// "12 Comments", "1,024 responses to “Title”": a count, white space, a
// comment word, then up to 80 characters. REQUIRES: t[0] is a digit.
bool CountHeader(absl::string_view t) {
  static constexpr absl::string_view kWords[] = {
      "comment",   "comments",   "response", "responses",
      "replies",   "thoughts",   "reaction", "reactions",
      "kommentar", "kommentare", "antworten"};
  size_t p = 1;
  while (p < t.size() && (IsDigit(t[p]) || t[p] == ',' || t[p] == '.')) ++p;
  const size_t q = SkipSpace(t, p);
  if (q == p) return false;
  size_t end = MatchWord(t, q, kWords);
  if (end == absl::string_view::npos) {
    static constexpr absl::string_view kReader[] = {"reader"};
    static constexpr absl::string_view kComments[] = {"comments"};
    end = MatchWord(t, q, kReader);
    if (end == absl::string_view::npos || end >= t.size() || t[end] != ' ') {
      return false;
    }
    end = MatchWord(t, end + 1, kComments);
    if (end == absl::string_view::npos) return false;
  }
  return CodePoints(t.substr(end)) <= 80;
}

// "One thought on “Title”", "No responses for this post": a count
// (digits, "one" or "no"), a comment word, "to", "on" or "for", then up to
// 100 characters.
bool CountToHeader(absl::string_view t) {
  static constexpr absl::string_view kWords[] = {
      "response", "responses", "comment", "comments", "thought", "thoughts"};
  static constexpr absl::string_view kLinks[] = {"to", "on", "for"};
  size_t p;
  if (IsDigit(t[0])) {
    p = SkipDigits(t, 0);
  } else if (HasAt(t, 0, "one")) {
    p = 3;
  } else if (HasAt(t, 0, "no")) {
    p = 2;
  } else {
    return false;
  }
  size_t q = SkipSpace(t, p);
  if (q == p) return false;
  p = MatchWord(t, q, kWords);
  if (p == absl::string_view::npos) return false;
  q = SkipSpace(t, p);
  if (q == p) return false;
  p = MatchWord(t, q, kLinks);
  return p != absl::string_view::npos && CodePoints(t.substr(p)) <= 100;
}

// "Comments", "Reader comments (4):", "Kommentare", "Discussion:".
bool BareHeader(absl::string_view t) {
  size_t p = 0;
  if (HasAt(t, 0, "reader ")) {
    p = 7;
  } else if (HasAt(t, 0, "user ")) {
    p = 5;
  }
  if (HasAt(t, p, "comment")) {
    p += 7;
    if (p < t.size() && Lower(t[p]) == 's') ++p;
  } else if (p == 0 && HasAt(t, 0, "kommentar")) {
    p = 9;
    if (p < t.size() && Lower(t[p]) == 'e') ++p;
  } else if (p == 0 && HasAt(t, 0, "discussion")) {
    p = SkipSpace(t, 10);
    return p == t.size() || (p + 1 == t.size() && t[p] == ':');
  } else {
    return false;
  }
  p = SkipSpace(t, p);
  if (p < t.size() && t[p] == '(') {
    const size_t d = SkipDigits(t, p + 1);
    if (d == p + 1 || d >= t.size() || t[d] != ')') return false;
    p = SkipSpace(t, d + 1);
  }
  return p == t.size() || (p + 1 == t.size() && t[p] == ':');
}

// A verb of saying ends at "end" (white space before "end" skipped), with
// white space before it and 1 to 60 characters before that.
bool VerbEndsAt(absl::string_view t, size_t end) {
  static constexpr absl::string_view kVerbs[] = {"says",   "said", "wrote",
                                                 "writes", "sagt", "schreibt"};
  while (end > 0 && IsSpace(t[end - 1])) --end;
  for (absl::string_view verb : kVerbs) {
    if (end < verb.size() + 2) continue;
    const size_t v = end - verb.size();
    if (!HasAt(t, v, verb) || !IsSpace(t[v - 1])) continue;
    size_t w = v - 1;
    while (w > 0 && IsSpace(t[w - 1])) --w;
    return w > 0 && CodePoints(t.substr(0, w)) <= 60;
  }
  return false;
}

// "Jane says:", "by jdoe (123) writes: Re: the point".
bool SaysLine(absl::string_view t) {
  if (VerbEndsAt(t, t.size())) return true;
  // "Dan said,".
  if (t.back() == ',' && VerbEndsAt(t, t.size() - 1)) return true;
  for (size_t c = t.find(':'); c != absl::string_view::npos;
       c = t.find(':', c + 1)) {
    if (CodePoints(t.substr(c + 1)) <= 80 && VerbEndsAt(t, c)) return true;
  }
  return false;
}

// "Reply", "Report abuse", "Reply | 3 likes".
bool ActionLine(absl::string_view t) {
  static constexpr absl::string_view kActions[] = {"reply",
                                                   "reply to this",
                                                   "reply to this parent",
                                                   "reply to this share",
                                                   "reply to this parent share",
                                                   "antworten",
                                                   "report",
                                                   "report abuse",
                                                   "permalink",
                                                   "flag as inappropriate",
                                                   "log in to reply"};
  for (absl::string_view a : kActions) {
    if (Is(t, a)) return true;
  }
  if (!HasAt(t, 0, "reply")) return false;
  size_t p = SkipSpace(t, 5);
  if (p < t.size() && t[p] == '|') {
    p += 1;
  } else if (HasAt(t, p, "\xC2\xB7")) {  // ·
    p += 2;
  } else if (HasAt(t, p, "\xE2\x80\xA2")) {  // •
    p += 3;
  } else {
    return false;
  }
  return CodePoints(t.substr(SkipSpace(t, p))) <= 40;
}

// The furthest end of a clock time whose digits start at "s" (a word
// start), or npos: "H:MM" or "HH:MM" at a word end, or followed by white
// space and a word, by am, pm or Uhr at a word end, or by "a.m." or "p.m."
// and a word; or "H"/"HH" followed by am or pm at a word end.
size_t ClockTimeEnd(absl::string_view t, size_t s) {
  const size_t n = t.size();
  size_t d = s + 1;
  if (d < n && IsDigit(t[d])) ++d;
  auto at_word_end = [&](size_t e) { return e == n || !IsWordChar(t[e]); };
  auto am_pm = [&](size_t q) { return HasAt(t, q, "am") || HasAt(t, q, "pm"); };
  size_t end = absl::string_view::npos;
  if (d + 2 < n && t[d] == ':' && IsDigit(t[d + 1]) && IsDigit(t[d + 2])) {
    const size_t m = d + 3;
    if (at_word_end(m)) end = m;
    const size_t q = SkipSpace(t, m);
    // White space, then a word: the time ends before the word.
    if (q > m && q < n && IsWordChar(t[q])) end = q;
    if (am_pm(q) && at_word_end(q + 2)) {
      end = q + 2;
    } else if (HasAt(t, q, "uhr") && at_word_end(q + 3)) {
      end = q + 3;
    } else if ((HasAt(t, q, "a.m.") || HasAt(t, q, "p.m.")) && q + 4 < n &&
               IsWordChar(t[q + 4])) {
      end = q + 4;
    }
  } else {
    const size_t q = SkipSpace(t, d);
    if (am_pm(q) && at_word_end(q + 2)) end = q + 2;
  }
  return end;
}

// A clock time that starts within 60 characters of the start of "t" and
// ends within 40 of its end.
bool TimeLine(absl::string_view t) {
  int before = 0;  // Code points before "s".
  for (size_t s = 0; s < t.size() && before <= 60; ++s) {
    const char c = t[s];
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++before;
    if (!IsDigit(c) || (s > 0 && IsWordChar(t[s - 1]))) continue;
    const size_t end = ClockTimeEnd(t, s);
    if (end != absl::string_view::npos && CodePoints(t.substr(end)) <= 40) {
      return true;
    }
  }
  return false;
}

// True if the word before "end" (white space, a comma, a period and an
// ordinal suffix skipped as a date writes them) is a month name, English or
// German, full or abbreviated: "August 8, 2012", "8. August 2012".
bool MonthBefore(absl::string_view t, size_t end) {
  static constexpr absl::string_view kMonths[] = {
      "jan",  "january",  "januar",      "feb",     "february", "februar",
      "mar",  "march",    "m\xc3\xa4rz", "apr",     "april",    "may",
      "mai",  "jun",      "june",        "juni",    "jul",      "july",
      "juli", "aug",      "august",      "sep",     "sept",     "september",
      "oct",  "october",  "okt",         "oktober", "nov",      "november",
      "dec",  "december", "dez",         "dezember"};
  size_t e = end;
  while (e > 0 && (IsSpace(t[e - 1]) || t[e - 1] == '.' || t[e - 1] == ',')) {
    --e;
  }
  size_t b = e;
  while (b > 0 && (((t[b - 1] | 0x20) >= 'a' && (t[b - 1] | 0x20) <= 'z') ||
                   static_cast<unsigned char>(t[b - 1]) >= 0x80)) {
    --b;
  }
  const absl::string_view word = t.substr(b, e - b);
  for (absl::string_view m : kMonths) {
    if (Is(word, m)) return true;
  }
  return false;
}

// A date: a year (1900 to 2099) after a month name and a day ("August 8,
// 2012", "8 Aug 2012", "8. August 2012"), or "DD.MM.YYYY", "MM/DD/YYYY".
bool DateLine(absl::string_view t) {
  for (size_t y = 0; y + 4 <= t.size(); ++y) {
    if ((y > 0 && IsWordChar(t[y - 1])) || !IsDigit(t[y]) ||
        !IsDigit(t[y + 1]) || !IsDigit(t[y + 2]) || !IsDigit(t[y + 3]) ||
        (y + 4 < t.size() && IsWordChar(t[y + 4])) ||
        !((t[y] == '1' && t[y + 1] == '9') ||
          (t[y] == '2' && t[y + 1] == '0'))) {
      continue;
    }
    // "DD.MM.YYYY", "MM/DD/YYYY".
    if (y >= 4 && (t[y - 1] == '.' || t[y - 1] == '/') && IsDigit(t[y - 2])) {
      size_t d = y - 2;
      while (d > 0 && IsDigit(t[d - 1])) --d;
      if (d > 0 && t[d - 1] == t[y - 1] && d >= 2 && IsDigit(t[d - 2])) {
        return true;
      }
    }
    // "Month D, YYYY" / "Month Dth YYYY": skip the day back to the month.
    size_t e = y;
    while (e > 0 && (IsSpace(t[e - 1]) || t[e - 1] == ',')) --e;
    while (e > 0 && (t[e - 1] | 0x20) >= 'a' && (t[e - 1] | 0x20) <= 'z' &&
           y - e < 6) {
      --e;  // st, nd, rd, th.
    }
    size_t d = e;
    while (d > 0 && IsDigit(t[d - 1])) --d;
    if (d < e && e - d <= 2 && MonthBefore(t, d)) return true;
    // "D Month YYYY", "D. Month YYYY": the month right before the year.
    if (MonthBefore(t, y)) {
      size_t m = y;
      while (m > 0 && IsSpace(t[m - 1])) --m;
      while (m > 0 && !IsSpace(t[m - 1]) && !IsDigit(t[m - 1])) --m;
      while (m > 0 && (IsSpace(t[m - 1]) || t[m - 1] == '.')) --m;
      if (m > 0 && IsDigit(t[m - 1])) return true;
    }
  }
  return false;
}

// "t" without the brackets and white space around it: "{ 167 comments }".
absl::string_view StripBrackets(absl::string_view t) {
  while (!t.empty() && (t.front() == '{' || t.front() == '[' ||
                        t.front() == '(' || IsSpace(t.front()))) {
    t.remove_prefix(1);
  }
  while (!t.empty() && (t.back() == '}' || t.back() == ']' || t.back() == ')' ||
                        IsSpace(t.back()))) {
    t.remove_suffix(1);
  }
  return t;
}

// A commenter's name alone on a line: one to four words, the first with a
// capital, no digits, no punctuation at the end.
bool NameLine(absl::string_view t, const LineFeatures& f) {
  const char c = t[0];
  return f.words <= kMaxNameWords && f.letter_words == f.words &&
         f.chars <= kMaxNameChars && f.digits == 0 && f.separators == 0 &&
         !f.ends_sentence && !f.ends_colon && c >= 'A' && c <= 'Z';
}

}  // namespace

FrameKind ClassifyFrameLine(absl::string_view t, const LineFeatures& f) {
  if (t.empty() || f.chars >= kMaxFrameChars || f.words > kMaxFrameWords) {
    return FrameKind::kNone;
  }
  if (t[0] == '{' || t[0] == '[' || t[0] == '(') {
    const absl::string_view h = StripBrackets(t);
    if (!h.empty() && IsDigit(h[0]) && (CountHeader(h) || CountToHeader(h))) {
      return FrameKind::kHeader;
    }
  }
  // "Comments »", "Comments:»".
  if (t.size() > 2 && t.substr(t.size() - 2) == "\xC2\xBB") {
    absl::string_view h = t.substr(0, t.size() - 2);
    while (!h.empty() && IsSpace(h.back())) h.remove_suffix(1);
    if (!h.empty() && BareHeader(h)) return FrameKind::kHeader;
  }
  const char first = Lower(t[0]);
  if (IsDigit(first)) {
    if (CountHeader(t) || CountToHeader(t)) return FrameKind::kHeader;
  } else if (first == 'o' || first == 'n') {
    if (CountToHeader(t)) return FrameKind::kHeader;
  } else if (first == 'c' || first == 'r' || first == 'u' || first == 'k' ||
             first == 'd') {
    if (BareHeader(t)) return FrameKind::kHeader;
  }
  if (SaysLine(t)) return FrameKind::kAuthor;
  if ((first == 'r' || first == 'a' || first == 'p' || first == 'f' ||
       first == 'l') &&
      ActionLine(t)) {
    return FrameKind::kAuthor;
  }
  if (f.digits >= kMinTimeDigits && f.chars < kMaxTimeChars &&
      (TimeLine(t) || (f.digits >= kMinDateDigits && DateLine(t)))) {
    return FrameKind::kTime;
  }
  if (NameLine(t, f)) return FrameKind::kName;
  return FrameKind::kNone;
}

}  // namespace internal
}  // namespace pith
