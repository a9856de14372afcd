// Copyright 2026 The pith Authors.

#include "lib/dedup/normalize.h"

#include <utf8proc.h>

namespace pith {
namespace internal {
namespace {

// Scripts written without spaces between words: each character is a token.
bool IsSolo(int32_t cp) {
  if (cp < 0x0E00) return false;
  return (cp >= 0x0E00 && cp <= 0x0EFF) ||  // Thai, Lao
         (cp >= 0x1000 && cp <= 0x109F) ||  // Myanmar
         (cp >= 0x1780 && cp <= 0x17FF) ||  // Khmer
         (cp >= 0x3005 && cp <= 0x3007) ||  // 々 〆 〇
         (cp >= 0x3040 && cp <= 0x30FF) ||  // Hiragana, Katakana
         (cp >= 0x3100 && cp <= 0x312F) ||  // Bopomofo
         (cp >= 0x31A0 && cp <= 0x31FF) ||  // Bopomofo ext., Katakana ext.
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // CJK ext. A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK unified ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // CJK compatibility
         (cp >= 0xFF66 && cp <= 0xFF9F) ||  // Half-width Katakana
         (cp >= 0x20000 && cp <= 0x3FFFF);  // CJK ext. B and later
}

CharClass Classify(int32_t cp) {
  if (cp < 0x80) {
    bool word = (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
                (cp >= 'A' && cp <= 'Z') || cp == '_';
    return word ? CharClass::kWord : CharClass::kSeparator;
  }
  utf8proc_category_t cat = utf8proc_category(cp);
  switch (cat) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return CharClass::kMark;
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return IsSolo(cp) ? CharClass::kSolo : CharClass::kWord;
    default:
      return CharClass::kSeparator;
  }
}

}  // namespace

int DecodeUtf8(const unsigned char* p, const unsigned char* end, int32_t* cp) {
  unsigned char c = p[0];
  int len;
  int32_t v;
  int32_t min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, v = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, v = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, v = c & 0x07, min = 0x10000;
  } else {
    *cp = -1;
    return 1;
  }
  if (end - p < len) {
    *cp = -1;
    return 1;
  }
  for (int i = 1; i < len; ++i) {
    unsigned char d = p[i];
    if ((d & 0xC0) != 0x80) {
      *cp = -1;
      return 1;
    }
    v = (v << 6) | (d & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
    *cp = -1;
    return 1;
  }
  *cp = v;
  return len;
}

int EncodeUtf8(int32_t cp, char* buf) {
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  buf[0] = static_cast<char>(0xF0 | (cp >> 18));
  buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

int FoldCodePoint(int32_t cp, FoldedChar* out) {
  utf8proc_int32_t buf[kMaxFolded];
  int last_boundclass = 0;
  utf8proc_ssize_t n = utf8proc_decompose_char(
      cp, buf, kMaxFolded,
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                     UTF8PROC_CASEFOLD),
      &last_boundclass);
  if (n < 0 || n > kMaxFolded) {  // Unassigned or too long: keep as is.
    buf[0] = cp;
    n = 1;
  }
  for (int i = 0; i < n; ++i) {
    out[i].cp = buf[i];
    out[i].cls = Classify(buf[i]);
  }
  return static_cast<int>(n);
}

}  // namespace internal
}  // namespace pith
