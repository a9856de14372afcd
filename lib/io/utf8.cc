// Copyright 2026 The pith Authors.

#include "lib/io/utf8.h"

#include <cstddef>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/strings/string_view.h"

namespace pith {
namespace internal {
namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The range of the second byte of a sequence led by "lead" (C2..F4): the
// first continuation byte is narrowed to rule out overlong forms (E0, F0),
// surrogates (ED) and code points above U+10FFFF (F4).
void SecondByteRange(unsigned char lead, unsigned char* lo, unsigned char* hi) {
  *lo = 0x80;
  *hi = 0xBF;
  if (lead == 0xE0) *lo = 0xA0;
  if (lead == 0xED) *hi = 0x9F;
  if (lead == 0xF0) *lo = 0x90;
  if (lead == 0xF4) *hi = 0x8F;
}

// The length of the sequence led by a byte >= C2: 2, 3 or 4.
size_t LengthOf(unsigned char lead) {
  return lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// Returns the length of the valid sequence at "p" (non-ASCII, "avail" bytes
// left), or 0 if it is not one.
size_t ValidSequence(const unsigned char* p, size_t avail) {
  const unsigned char c = p[0];
  if (c < 0xC2 || c > 0xF4) return 0;
  const size_t need = LengthOf(c);
  if (avail < need) return 0;
  unsigned char lo, hi;
  SecondByteRange(c, &lo, &hi);
  if (p[1] < lo || p[1] > hi) return 0;
  for (size_t k = 2; k < need; ++k) {
    if (!IsContinuation(p[k])) return 0;
  }
  return need;
}

}  // namespace

size_t ValidUtf8Prefix(absl::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
#if defined(__SSE2__)
      // The rest of a run of ASCII, 16 bytes at a time, up to the first
      // byte >= 0x80 (or the last 15 bytes), which the loop then checks.
      while (i + 16 <= n) {
        const int mask = _mm_movemask_epi8(
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)));
        if (mask != 0) {
          i += static_cast<size_t>(__builtin_ctz(mask));
          break;
        }
        i += 16;
      }
#endif
      continue;
    }
    // Two- and three-byte sequences inline: most text that is not ASCII is
    // in one script, so these branches predict well.
    if (c >= 0xC2 && c <= 0xDF) {
      if (i + 1 < n && IsContinuation(p[i + 1])) {
        i += 2;
        continue;
      }
      return i;
    }
    if (c >= 0xE1 && c <= 0xEC && i + 2 < n && IsContinuation(p[i + 1]) &&
        IsContinuation(p[i + 2])) {
      i += 3;
      continue;
    }
    const size_t len = ValidSequence(p + i, n - i);  // The other cases.
    if (len == 0) return i;
    i += len;
  }
  return n;
}

size_t InvalidSequenceLength(absl::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char c = p[0];
  if (c < 0xC2 || c > 0xF4) return 1;
  const size_t need = LengthOf(c);
  unsigned char lo, hi;
  SecondByteRange(c, &lo, &hi);
  size_t k = 1;
  if (k < s.size() && p[1] >= lo && p[1] <= hi) {
    k = 2;
    while (k < need && k < s.size() && IsContinuation(p[k])) ++k;
  }
  // A complete sequence would be valid, which the caller ruled out; cap the
  // result anyway so that it always makes progress and stays in "s".
  return k < need ? k : need - 1;
}

size_t AppendRepairedUtf8(absl::string_view s, std::string* out) {
  size_t replaced = 0;
  while (!s.empty()) {
    const size_t valid = ValidUtf8Prefix(s);
    out->append(s.data(), valid);
    s.remove_prefix(valid);
    if (s.empty()) break;
    out->append(kReplacementCharacter.data(), kReplacementCharacter.size());
    s.remove_prefix(InvalidSequenceLength(s));
    ++replaced;
  }
  return replaced;
}

}  // namespace internal
}  // namespace pith
