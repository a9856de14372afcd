// Copyright 2026 The pith Authors.

#include "lib/io/jsonl.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/io/utf8.h"

namespace pith {
namespace internal {
namespace {

constexpr int kMaxDepth = 512;

// 1 for bytes that end a fast scan inside a string: '"', '\\' and control
// characters (which JSON forbids unescaped).
struct StringStopTable {
  bool stop[256];
  constexpr StringStopTable() : stop() {
    for (int i = 0; i < 0x20; ++i) stop[i] = true;
    stop[static_cast<unsigned char>('"')] = true;
    stop[static_cast<unsigned char>('\\')] = true;
  }
};
constexpr StringStopTable kStop;

// Returns the first i in [from, n) such that p[i] is '"', '\\' or a control
// character (< 0x20), or n: the bytes a JSON string cannot hold as they
// are. 16 bytes at a time with SSE2 (part of x86-64), else 8 (SWAR).
size_t SkipPlainStringBytes(const unsigned char* p, size_t from, size_t n) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i control_max = _mm_set1_epi8(0x1F);
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // x <= 0x1F unsigned: max(x, 0x1F) == 0x1F.
    const __m128i stop = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)),
        _mm_cmpeq_epi8(_mm_max_epu8(x, control_max), control_max));
    const int mask = _mm_movemask_epi8(stop);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#else
  // Eight bytes at a time while none of them is '"', '\\' or < 0x20.
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHighs = 0x8080808080808080ull;
  while (i + 8 <= n) {
    uint64_t v;
    std::memcpy(&v, p + i, 8);
    const uint64_t quote = v ^ (kOnes * '"');
    const uint64_t slash = v ^ (kOnes * '\\');
    const uint64_t hit = ((v - kOnes * 0x20) & ~v) |
                         ((quote - kOnes) & ~quote) |
                         ((slash - kOnes) & ~slash);
    if ((hit & kHighs) != 0) break;
    i += 8;
  }
#endif
  while (i < n && !kStop.stop[p[i]]) ++i;
  return i;
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
         (c >= 'A' && c <= 'F');
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

class Scanner {
 public:
  explicit Scanner(absl::string_view s) : s_(s) {}

  absl::Status Error(size_t pos, absl::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid JSON at column ", pos + 1, ": ", what));
  }

  void SkipWs() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return s_[pos_]; }
  size_t pos() const { return pos_; }

  // At '"'. Moves past the closing quote. Sets "*escaped" if the string
  // holds a backslash.
  absl::Status ScanString(bool* escaped) {
    const size_t start = pos_;
    ++pos_;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s_.data());
    const size_t n = s_.size();
    *escaped = false;
    for (;;) {
      const size_t i = SkipPlainStringBytes(p, pos_, n);
      pos_ = i;
      if (i >= n) return Error(start, "unterminated string");
      const char c = s_[i];
      if (c == '"') {
        ++pos_;
        return absl::OkStatus();
      }
      if (c != '\\') return Error(i, "control character in string");
      *escaped = true;
      if (i + 1 >= n) return Error(start, "unterminated string");
      const char e = s_[i + 1];
      switch (e) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          pos_ = i + 2;
          break;
        case 'u':
          if (i + 6 > n || !IsHex(s_[i + 2]) || !IsHex(s_[i + 3]) ||
              !IsHex(s_[i + 4]) || !IsHex(s_[i + 5])) {
            return Error(i, "invalid \\u escape");
          }
          pos_ = i + 6;
          break;
        default:
          return Error(i, absl::StrCat("invalid escape \\",
                                       absl::string_view(&s_[i + 1], 1)));
      }
    }
  }

  absl::Status ScanNumber() {
    const size_t start = pos_;
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    if (pos_ >= s_.size() || !IsDigit(s_[pos_])) {
      return Error(start, "invalid number");
    }
    if (s_[pos_] == '0') {
      ++pos_;
    } else {
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (pos_ >= s_.size() || !IsDigit(s_[pos_])) {
        return Error(start, "invalid number");
      }
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (pos_ >= s_.size() || !IsDigit(s_[pos_])) {
        return Error(start, "invalid number");
      }
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    return absl::OkStatus();
  }

  absl::Status ScanLiteral(absl::string_view word) {
    if (s_.substr(pos_, word.size()) != word) {
      return Error(pos_, "unexpected character");
    }
    pos_ += word.size();
    return absl::OkStatus();
  }

  // Scans any value at pos_ (white space already skipped).
  absl::Status ScanValue(int depth) {
    if (AtEnd()) return Error(pos_, "expected a value");
    bool escaped;
    switch (Peek()) {
      case '"':
        return ScanString(&escaped);
      case '{':
        return ScanObject(depth + 1);
      case '[':
        return ScanArray(depth + 1);
      case 't':
        return ScanLiteral("true");
      case 'f':
        return ScanLiteral("false");
      case 'n':
        return ScanLiteral("null");
      default:
        if (Peek() == '-' || IsDigit(Peek())) return ScanNumber();
        return Error(pos_, "unexpected character");
    }
  }

  absl::Status ScanArray(int depth) {
    if (depth > kMaxDepth) return Error(pos_, "nesting too deep");
    ++pos_;  // '['
    SkipWs();
    if (!AtEnd() && Peek() == ']') {
      ++pos_;
      return absl::OkStatus();
    }
    for (;;) {
      SkipWs();
      absl::Status s = ScanValue(depth);
      if (!s.ok()) return s;
      SkipWs();
      if (AtEnd()) return Error(pos_, "unterminated array");
      if (Peek() == ']') {
        ++pos_;
        return absl::OkStatus();
      }
      if (Peek() != ',') return Error(pos_, "expected ',' or ']'");
      ++pos_;
    }
  }

  // A nested object: members are validated, not recorded.
  absl::Status ScanObject(int depth) {
    return ScanMembers(depth, {}, {}, nullptr);
  }

  // At '{'. If "members" is not null, records the members at the paths
  // "field" and "id_field" (the names of the members, then of their members;
  // an empty path is not looked for in this object).
  absl::Status ScanMembers(int depth, absl::Span<const absl::string_view> field,
                           absl::Span<const absl::string_view> id_field,
                           JsonMembers* members) {
    if (depth > kMaxDepth) return Error(pos_, "nesting too deep");
    ++pos_;  // '{'
    SkipWs();
    if (!AtEnd() && Peek() == '}') {
      ++pos_;
      return absl::OkStatus();
    }
    std::string key_buf;
    for (;;) {
      SkipWs();
      if (AtEnd() || Peek() != '"') return Error(pos_, "expected a key");
      const size_t key_begin = pos_;
      bool escaped;
      absl::Status s = ScanString(&escaped);
      if (!s.ok()) return s;
      absl::string_view key =
          s_.substr(key_begin + 1, pos_ - key_begin - 2);  // No quotes.
      if (members != nullptr && escaped) {
        key_buf.clear();
        DecodeJsonString(s_.substr(key_begin, pos_ - key_begin), &key_buf);
        key = key_buf;
      }
      SkipWs();
      if (AtEnd() || Peek() != ':') return Error(pos_, "expected ':'");
      ++pos_;
      SkipWs();
      const size_t value_begin = pos_;
      // A member on the way to a path goes down into its object.
      const bool field_here =
          members != nullptr && !field.empty() && key == field.front();
      const bool id_here =
          members != nullptr && !id_field.empty() && key == id_field.front();
      const bool descend = ((field_here && field.size() > 1) ||
                            (id_here && id_field.size() > 1)) &&
                           !AtEnd() && Peek() == '{';
      if (descend) {
        s = ScanMembers(depth + 1,
                        field_here ? field.subspan(1)
                                   : absl::Span<const absl::string_view>(),
                        id_here ? id_field.subspan(1)
                                : absl::Span<const absl::string_view>(),
                        members);
      } else {
        s = ScanValue(depth);
      }
      if (!s.ok()) return s;
      if (members != nullptr && !descend) {
        const char first = s_[value_begin];
        if (field_here && field.size() == 1) {
          if (members->has_field) {
            return Error(key_begin, absl::StrCat("duplicate member \"",
                                                 field.front(), "\""));
          }
          members->has_field = true;
          members->field_is_string = first == '"';
          members->field_begin = value_begin;
          members->field_end = pos_;
        } else if (id_here && id_field.size() == 1 && !members->has_id &&
                   (first == '"' || first == '-' || IsDigit(first))) {
          members->has_id = true;
          members->id_is_string = first == '"';
          members->id_begin = value_begin;
          members->id_end = pos_;
        }
      }
      SkipWs();
      if (AtEnd()) return Error(pos_, "unterminated object");
      if (Peek() == '}') {
        ++pos_;
        return absl::OkStatus();
      }
      if (Peek() != ',') return Error(pos_, "expected ',' or '}'");
      ++pos_;
    }
  }

 private:
  absl::string_view s_;
  size_t pos_ = 0;
};

void AppendUtf8(uint32_t cp, std::string* out) {
  char b[4];
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
    return;
  }
  if (cp < 0x800) {
    b[0] = static_cast<char>(0xC0 | (cp >> 6));
    b[1] = static_cast<char>(0x80 | (cp & 0x3F));
    out->append(b, 2);
  } else if (cp < 0x10000) {
    b[0] = static_cast<char>(0xE0 | (cp >> 12));
    b[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    b[2] = static_cast<char>(0x80 | (cp & 0x3F));
    out->append(b, 3);
  } else {
    b[0] = static_cast<char>(0xF0 | (cp >> 18));
    b[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    b[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    b[3] = static_cast<char>(0x80 | (cp & 0x3F));
    out->append(b, 4);
  }
}

uint32_t Hex4(const char* p) {
  return (HexValue(p[0]) << 12) | (HexValue(p[1]) << 8) |
         (HexValue(p[2]) << 4) | HexValue(p[3]);
}

}  // namespace

absl::Status ScanJsonObject(absl::string_view line, absl::string_view field,
                            absl::string_view id_field, JsonMembers* members) {
  *members = JsonMembers();
  Scanner scanner(line);
  scanner.SkipWs();
  if (scanner.AtEnd() || scanner.Peek() != '{') {
    return scanner.Error(scanner.pos(), "expected an object");
  }
  const std::vector<absl::string_view> field_path = absl::StrSplit(field, '.');
  const std::vector<absl::string_view> id_path =
      id_field.empty()
          ? std::vector<absl::string_view>()
          : std::vector<absl::string_view>(absl::StrSplit(id_field, '.'));
  absl::Status s = scanner.ScanMembers(1, field_path, id_path, members);
  if (!s.ok()) return s;
  scanner.SkipWs();
  if (!scanner.AtEnd()) {
    return scanner.Error(scanner.pos(), "unexpected data after the object");
  }
  return absl::OkStatus();
}

size_t DecodeJsonString(absl::string_view literal, std::string* out) {
  size_t lone = 0;
  const char* p = literal.data() + 1;
  const char* end = literal.data() + literal.size() - 1;  // Closing quote.
  out->reserve(out->size() + (end - p));  // Decoding never lengthens.
  while (p < end) {
    const char* bs = static_cast<const char*>(std::memchr(p, '\\', end - p));
    if (bs == nullptr) {
      out->append(p, end - p);
      return lone;
    }
    out->append(p, bs - p);
    p = bs + 1;
    const char e = *p++;
    switch (e) {
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'u': {
        uint32_t cp = Hex4(p);
        p += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          if (end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
            const uint32_t lo = Hex4(p + 2);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              p += 6;
            } else {
              cp = 0xFFFD;
              ++lone;
            }
          } else {
            cp = 0xFFFD;
            ++lone;
          }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          cp = 0xFFFD;
          ++lone;
        }
        AppendUtf8(cp, out);
        break;
      }
      default:  // '"', '\\', '/'
        out->push_back(e);
        break;
    }
  }
  return lone;
}

namespace {

// Appends the characters of "text", escaped, without quotes.
// REQUIRES: "text" is valid UTF-8.
void AppendEscapedValid(absl::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t run = 0;
  for (size_t i = 0; i < n; ++i) {
    // Skip to the next byte that needs escaping (the same set).
    i = SkipPlainStringBytes(p, i, n);
    if (i >= n) break;
    out->append(text.data() + run, i - run);
    run = i + 1;
    switch (p[i]) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default: {
        const char u[6] = {
            '\\', 'u', '0', '0', kHex[p[i] >> 4], kHex[p[i] & 0xF]};
        out->append(u, 6);
      }
    }
  }
  out->append(text.data() + run, n - run);
}

}  // namespace

size_t AppendJsonEscaped(absl::string_view text, std::string* out) {
  out->reserve(out->size() + text.size() + 2);
  out->push_back('"');
  size_t replaced = 0;
  for (;;) {
    const size_t valid = ValidUtf8Prefix(text);
    AppendEscapedValid(text.substr(0, valid), out);
    text.remove_prefix(valid);
    if (text.empty()) break;
    out->append(kReplacementCharacter.data(), kReplacementCharacter.size());
    text.remove_prefix(InvalidSequenceLength(text));
    ++replaced;
  }
  out->push_back('"');
  return replaced;
}

}  // namespace internal
}  // namespace pith
