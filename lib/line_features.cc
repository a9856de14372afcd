// Copyright 2026 The pith Authors.

#include "lib/line_features.h"

namespace pith {
namespace internal {
namespace {

inline bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

inline bool IsAsciiLetter(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

// Length of a UTF-8 punctuation or space sequence at "p" that should split
// words (Latin-1 symbols U+0080..U+00BF, General Punctuation U+2000..U+206F),
// or 0.
inline int PunctuationLength(const unsigned char* p, const unsigned char* end) {
  if (p[0] == 0xC2 && p + 1 < end) return 2;
  if (p[0] == 0xE2 && p + 2 < end + 0 && (p[1] == 0x80 || p[1] == 0x81))
    return 3;
  return 0;
}

// Strips white space, including U+00A0, from both ends.
absl::string_view Trim(absl::string_view s, size_t* skipped) {
  size_t b = 0, e = s.size();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  for (;;) {
    if (b < e && IsSpace(p[b])) {
      ++b;
    } else if (b + 1 < e && p[b] == 0xC2 && p[b + 1] == 0xA0) {
      b += 2;
    } else {
      break;
    }
  }
  for (;;) {
    if (e > b && IsSpace(p[e - 1])) {
      --e;
    } else if (e >= b + 2 && p[e - 2] == 0xC2 && p[e - 1] == 0xA0) {
      e -= 2;
    } else {
      break;
    }
  }
  *skipped = b;
  return s.substr(b, e - b);
}

// Looks at the end of "s", skipping closing quotes, brackets and emphasis.
bool EndsSentence(absl::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t e = s.size();
  while (e > 0) {
    unsigned char c = p[e - 1];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_' ||
        c == ' ') {
      --e;
      continue;
    }
    // ” ’ » and « (U+201D, U+2019, U+00BB, U+00AB).
    if (e >= 3 && p[e - 3] == 0xE2 && p[e - 2] == 0x80 &&
        (c == 0x9D || c == 0x99 || c == 0x9C)) {
      e -= 3;
      continue;
    }
    if (e >= 2 && p[e - 2] == 0xC2 && (c == 0xBB || c == 0xAB)) {
      e -= 2;
      continue;
    }
    break;
  }
  if (e == 0) return false;
  unsigned char c = p[e - 1];
  if (c == '.' || c == '!' || c == '?') return true;
  // … (U+2026)
  return e >= 3 && p[e - 3] == 0xE2 && p[e - 2] == 0x80 && c == 0xA6;
}

}  // namespace

void ComputeLineTrim(absl::string_view line, size_t offset, LineFeatures* f) {
  *f = LineFeatures();
  size_t skipped = 0;
  absl::string_view t = Trim(line, &skipped);
  f->trim_offset = offset + skipped;
  f->trim_length = t.size();
}

void ComputeLineFeatures(absl::string_view line, size_t offset,
                         LineFeatures* f) {
  *f = LineFeatures();
  size_t skipped = 0;
  absl::string_view t = Trim(line, &skipped);
  f->trim_offset = offset + skipped;
  f->trim_length = t.size();
  if (t.empty()) return;

  const unsigned char* p = reinterpret_cast<const unsigned char*>(t.data());
  const unsigned char* const end = p + t.size();
  {
    unsigned char c = p[0];
    f->starts_upper =
        (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        (c == 0xC3 && t.size() > 1 && p[1] >= 0x80 && p[1] <= 0x9E) ||
        (c >= 0xC4 && c < 0xF0);
    f->starts_lower =
        (c >= 'a' && c <= 'z') || (c == 0xC3 && t.size() > 1 && p[1] >= 0x9F &&
                                   p[1] <= 0xBF && p[1] != 0xB7);
  }
  f->ends_sentence = EndsSentence(t);
  f->ends_colon = t.back() == ':';

  char word[kMaxStopwordBytes];
  int word_len = 0;       // Bytes of the current lowercased word; -1: too long.
  bool in_token = false;  // Inside a white-space separated token.
  bool token_letter = false;
  int token_bytes = 0;
  unsigned char token_first = 0;

  auto end_word = [&]() {
    if (word_len > 0) {
      uint32_t mask = StopwordMask(absl::string_view(word, word_len));
      while (mask != 0) {
        int lang = __builtin_ctz(mask);
        ++f->stopwords[lang];
        mask &= mask - 1;
      }
    }
    word_len = 0;
  };
  auto end_token = [&]() {
    if (!in_token) return;
    ++f->words;
    if (token_letter) ++f->letter_words;
    if (token_bytes == 1 &&
        (token_first == '|' || token_first == '/' || token_first == '-'))
      ++f->separators;
    in_token = false;
  };

  for (const unsigned char* q = p; q < end;) {
    unsigned char c = *q;
    if (IsSpace(c)) {
      end_word();
      end_token();
      ++q;
      continue;
    }
    if (c == 0xC2 && q + 1 < end && q[1] == 0xA0) {  // NBSP.
      end_word();
      end_token();
      q += 2;
      continue;
    }
    if (!in_token) {
      in_token = true;
      token_letter = false;
      token_bytes = 0;
      token_first = c;
    }
    if (c < 0x80) {
      ++f->chars;
      ++token_bytes;
      if (IsAsciiLetter(c)) {
        token_letter = true;
        if (word_len >= 0) {
          if (word_len < kMaxStopwordBytes) {
            word[word_len++] = static_cast<char>(c | 0x20);
          } else {
            word_len = -1;
          }
        }
      } else {
        if (c >= '0' && c <= '9') ++f->digits;
        if (c == '|') ++f->separators;
        if (c == '(' && q + 2 < end && (q[1] | 0x20) == 'c' && q[2] == ')')
          f->copyright = true;
        end_word();
      }
      ++q;
      continue;
    }
    // Non-ASCII.
    int punct = PunctuationLength(q, end);
    if (punct > 0) {
      ++f->chars;
      token_bytes += 2;  // Never a one-byte separator token.
      if (q[0] == 0xC2 && q[1] == 0xA9) f->copyright = true;
      if ((q[0] == 0xC2 && (q[1] == 0xB7 || q[1] == 0xBB)) ||
          (q[0] == 0xE2 && q[1] == 0x80 && q[2] == 0xA2))
        ++f->separators;
      end_word();
      q += punct;
      continue;
    }
    // A letter (or some other symbol) in UTF-8: part of the word.
    token_letter = true;
    ++token_bytes;
    if ((c & 0xC0) != 0x80) ++f->chars;
    if (word_len >= 0) {
      if (word_len < kMaxStopwordBytes) {
        unsigned char lc = c;
        // Latin-1 upper case (U+00C0..U+00DE but U+00D7) to lower case.
        if (word_len > 0 &&
            static_cast<unsigned char>(word[word_len - 1]) == 0xC3 &&
            c >= 0x80 && c <= 0x9E && c != 0x97) {
          lc = c + 0x20;
        }
        word[word_len++] = static_cast<char>(lc);
      } else {
        word_len = -1;
      }
    }
    ++q;
  }
  end_word();
  end_token();
}

}  // namespace internal
}  // namespace pith
