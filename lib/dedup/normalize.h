// Copyright 2026 The pith Authors.
//
// Private: Unicode normalization and tokenization for shingling (see the
// rules in include/pith/shingle.h). Pure ASCII text never calls utf8proc.

#ifndef PITH_LIB_DEDUP_NORMALIZE_H_
#define PITH_LIB_DEDUP_NORMALIZE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/strings/string_view.h"

namespace pith {
namespace internal {

// How a (folded) code point takes part in tokens.
enum class CharClass : uint8_t {
  kSeparator,  // Ends the current token.
  kWord,       // Letter, number or "_": extends the current word.
  kSolo,       // Han, Kana, Thai...: a token by itself (with trailing marks).
  kMark,       // Combining mark: extends whatever token is open.
};

// The largest number of code points FoldCodePoint() writes.
inline constexpr int kMaxFolded = 32;

// A folded code point.
struct FoldedChar {
  int32_t cp;
  CharClass cls;
};

// Decodes the UTF-8 sequence at "p" (REQUIRES p < end, *p is not ASCII).
// Returns the number of bytes used (>= 1) and sets "*cp" to the code point,
// or to -1 if the bytes are invalid (then 1 byte is used).
int DecodeUtf8(const unsigned char* p, const unsigned char* end, int32_t* cp);

// Writes the compatibility decomposition + case folding of non-ASCII "cp"
// to "out" (up to kMaxFolded entries), each with its class. Returns the
// count.
int FoldCodePoint(int32_t cp, FoldedChar* out);

// Appends the UTF-8 encoding of "cp" to buf (REQUIRES 4 bytes of room).
// Returns the number of bytes written.
int EncodeUtf8(int32_t cp, char* buf);

// Holds the bytes of the token being built: inline for short tokens, on the
// heap for long ones.
class TokenBuffer {
 public:
  void clear() { size_ = 0; }
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  const char* data() const { return heap_.empty() ? inline_ : heap_.data(); }
  void push_back(char c) {
    if (size_ < kInline && heap_.empty()) {
      inline_[size_++] = c;
    } else {
      Spill();
      heap_[size_++] = c;
    }
  }
  // Appends up to 4 bytes.
  void AppendCodePoint(int32_t cp) {
    char tmp[4];
    int n = EncodeUtf8(cp, tmp);
    for (int i = 0; i < n; ++i) push_back(tmp[i]);
  }
  void Reset() {
    size_ = 0;
    heap_.clear();
  }

 private:
  static constexpr size_t kInline = 256;
  void Spill() {
    if (heap_.empty()) heap_.assign(inline_, size_);
    if (size_ >= heap_.size()) heap_.resize(heap_.size() * 2 + 16);
  }
  char inline_[kInline];
  std::string heap_;  // When non-empty, holds the token (size_ bytes used).
  size_t size_ = 0;
};

// Calls fn(const char* data, size_t size) with the normalized UTF-8 of each
// token of "text", in order. Returns the number of tokens.
template <typename Fn>
int ForEachToken(absl::string_view text, Fn&& fn) {
  // 1 = ASCII word byte ([0-9A-Za-z_]), 0 = separator.
  static constexpr auto kWordByte = [] {
    struct Table {
      bool v[128];
    } t{};
    for (int c = '0'; c <= '9'; ++c) t.v[c] = true;
    for (int c = 'a'; c <= 'z'; ++c) t.v[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) t.v[c] = true;
    t.v['_'] = true;
    return t;
  }();
  TokenBuffer tok;
  bool solo = false;  // The open token is a solo character.
  int count = 0;
  auto flush = [&] {
    if (!tok.empty()) {
      fn(tok.data(), tok.size());
      ++count;
      tok.Reset();
    }
    solo = false;
  };
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = p + text.size();
  FoldedChar folded[kMaxFolded];
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      if (kWordByte.v[c]) {
        if (solo) flush();
        tok.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c));
      } else if (!tok.empty()) {
        flush();
      }
      continue;
    }
    int32_t cp;
    p += DecodeUtf8(p, end, &cp);
    if (cp < 0) {
      flush();
      continue;
    }
    int n = FoldCodePoint(cp, folded);
    for (int i = 0; i < n; ++i) {
      switch (folded[i].cls) {
        case CharClass::kSeparator:
          flush();
          break;
        case CharClass::kWord:
          if (solo) flush();
          tok.AppendCodePoint(folded[i].cp);
          break;
        case CharClass::kSolo:
          flush();
          tok.AppendCodePoint(folded[i].cp);
          solo = true;
          break;
        case CharClass::kMark:
          tok.AppendCodePoint(folded[i].cp);
          break;
      }
    }
  }
  flush();
  return count;
}

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_DEDUP_NORMALIZE_H_
