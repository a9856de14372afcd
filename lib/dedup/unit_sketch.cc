// Copyright 2026 The pith Authors.

#include "lib/dedup/unit_sketch.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace pith {
namespace internal {
namespace {

// Layout of an odd sketch: kOddBits bits in bytes [0, kSketchBytes - 2),
// bit i in byte i / 8 at position i % 8; the sample size (little-endian
// uint16, saturated) in the last two bytes.
constexpr int kOddBytes = kSketchBytes - 2;
static_assert(kOddBytes % 8 == 6, "the popcount loop reads 8-byte words");

// Shingle hash bits: 0..15 the fingerprint, 16..39 the sampling levels,
// 40..63 the odd-sketch bit.
constexpr int kLevelShift = 16;
constexpr int kMaxLevel = 24;

inline bool InSample(uint64_t x, int level) {
  return ((x >> kLevelShift) & ((uint64_t{1} << level) - 1)) == 0;
}

// Population count without a libgcc call (no -mpopcnt needed).
inline int PopCount64(uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<int>((x * 0x0101010101010101ULL) >> 56);
}

inline uint16_t Load16(const uint8_t* p) {
  return static_cast<uint16_t>(p[0] | (p[1] << 8));
}

}  // namespace

int SampleLevel(uint32_t n) {
  if (n <= kOddSample) return 0;
  int level = 1;
  while (level < kMaxLevel && uint64_t{n} > (uint64_t{kOddSample} << level)) {
    ++level;
  }
  return level;
}

void MakeOddSketch(absl::Span<const uint64_t> distinct, int level,
                   uint8_t* out) {
  std::memset(out, 0, kSketchBytes);
  uint32_t count = 0;
  for (uint64_t x : distinct) {
    if (level > 0 && !InSample(x, level)) continue;
    const uint32_t bit = OddBit(x);
    out[bit >> 3] ^= static_cast<uint8_t>(1u << (bit & 7));
    ++count;
  }
  SetOddCount(count, out);
}

void SetOddCount(uint32_t count, uint8_t* sketch) {
  count = std::min<uint32_t>(count, 0xFFFF);
  sketch[kOddBytes] = static_cast<uint8_t>(count);
  sketch[kOddBytes + 1] = static_cast<uint8_t>(count >> 8);
}

void MakeSketch(absl::Span<const uint64_t> distinct, const uint8_t* odd0,
                uint8_t* out) {
  const size_t n = distinct.size();
  if (n > kFingerprints) {
    const int level =
        SampleLevel(static_cast<uint32_t>(std::min<size_t>(n, 0xFFFFFFFFu)));
    if (level == 0 && odd0 != nullptr) {
      std::memcpy(out, odd0, kSketchBytes);
    } else {
      MakeOddSketch(distinct, level, out);
    }
    return;
  }
  std::memset(out, 0, kSketchBytes);
  for (size_t i = 0; i < n; ++i) {
    const uint16_t f = Fingerprint(distinct[i]);
    out[2 * i] = static_cast<uint8_t>(f);
    out[2 * i + 1] = static_cast<uint8_t>(f >> 8);
  }
}

double OddSimilarity(const uint8_t* a, const uint8_t* b) {
  const double s = static_cast<double>(Load16(a + kOddBytes)) +
                   static_cast<double>(Load16(b + kOddBytes));
  if (s == 0) return 0.0;
  int z = 0;
  int i = 0;
  for (; i + 8 <= kOddBytes; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    z += PopCount64(x ^ y);
  }
  for (; i < kOddBytes; ++i) z += PopCount64(static_cast<uint8_t>(a[i] ^ b[i]));
  // E[Z] = (m / 2) (1 - (1 - 2 / m)^e) ~ (m / 2) (1 - exp(-2e / m)).
  constexpr double m = kOddBits;
  const double r = 1.0 - 2.0 * z / m;
  if (r <= 0) return 0.0;
  const double e = -0.5 * m * std::log(r);
  const double j = (s - e) / (s + e);
  return std::min(1.0, std::max(0.0, j));
}

uint32_t FingerprintTable::Count(const uint8_t* sketch, uint32_t n) const {
  uint32_t hits = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const uint16_t f = Load16(sketch + 2 * i);
    hits += static_cast<uint32_t>((bits_[f >> 6] >> (f & 63)) & 1);
  }
  return hits;
}

SketchPlan::SketchPlan(double accept) : accept_(std::max(accept, 1e-9)) {
  fingerprint_limit_ = static_cast<uint64_t>(
      std::min(4294967295.0, (kFingerprints + 1) / accept_ + 1));
  odd_limit_ =
      static_cast<uint64_t>(std::max(1.0, kFingerprints * accept_ - 1));
}

double SketchSimilarity(absl::Span<const uint64_t> query, const uint8_t* sketch,
                        uint32_t n, bool* exact) {
  *exact = IsFingerprintForm(n);
  if (*exact) {
    std::vector<uint16_t> mine;
    mine.reserve(query.size());
    for (uint64_t x : query) mine.push_back(Fingerprint(x));
    std::sort(mine.begin(), mine.end());
    uint32_t common = 0;
    for (uint32_t i = 0; i < n; ++i) {
      const uint16_t f = Load16(sketch + 2 * i);
      common += std::binary_search(mine.begin(), mine.end(), f) ? 1 : 0;
    }
    return JaccardFromCounts(common, query.size(), n);
  }
  uint8_t odd[kSketchBytes];
  MakeOddSketch(query, SampleLevel(n), odd);
  return OddSimilarity(odd, sketch);
}

QueryNeeds SketchPlan::Needs(uint32_t n) const {
  QueryNeeds q;
  if (n == 0) return q;
  q.fingerprints = n <= fingerprint_limit_;
  if (n < odd_limit_) return q;
  // Candidates that pass the size filter (lib/dedup/dedup_index.cc) have
  // accept * n <= m <= n / accept; the bounds are widened by one.
  const double lo =
      std::max(static_cast<double>(kFingerprints) + 1, n * accept_ - 1);
  const double hi = std::min(4294967295.0, n / accept_ + 1);
  if (lo > hi) return q;
  q.first_level = SampleLevel(static_cast<uint32_t>(lo));
  q.levels = SampleLevel(static_cast<uint32_t>(hi)) - q.first_level + 1;
  return q;
}

}  // namespace internal
}  // namespace pith
