// Copyright 2026 The pith Authors.
//
// The verification sketch of DedupVerify::kSignature: what the index keeps
// of each unit to decide whether a later unit's Jaccard similarity with it
// reaches the threshold. kSketchBytes per unit, in one of two forms chosen
// by the unit's number of distinct shingles n:
//
//   * n <= kFingerprints: the unit's shingles themselves, as 16-bit
//     fingerprints (the low 16 bits of each shingle hash), unsorted. Against
//     the full shingle set of the unit being decided, |A ∩ B| is counted
//     exactly, but for two different shingles with equal fingerprints
//     (probability ~|A \ B| * |B \ A| / 65536): the similarity is EXACT.
//   * n > kFingerprints: an odd sketch (Mitzenmacher, Pagh and Pham, "Efficient
//     estimation for high similarities using odd sketches", WWW 2014):
//     kOddBits bits, each shingle flips bit h(x) mod kOddBits. The XOR of
//     two odd sketches is the odd sketch of the symmetric difference A Δ B,
//     so its population count Z gives |A Δ B| = e; with the exact sizes,
//     J = (|A| + |B| - e) / (|A| + |B| + e). Only two differences that
//     land on one bit cancel, so the estimate's standard deviation is about
//     sqrt(2 / kOddBits) * (1 - J^2) / 2, 0.010 at J = 0.8 whatever the
//     unit's size (a 128-slot 4-bit MinHash sketch of 64 bytes: 0.037).
//     A unit of more than kOddSample shingles is sketched from the shingles
//     of sampling level L (those whose hash bits 16 .. 16 + L - 1 are zero,
//     L the smallest with n <= kOddSample * 2^L), which keeps the sketch far
//     from saturation for whole documents (the sample adds its own error,
//     ~sqrt(J (1 - J) / 600)); the sample's size is stored in the last two
//     bytes.
//
// The unit being decided has its full shingle set at hand, so it is
// compared with either form: by its own fingerprints, or by its odd sketch
// at the candidate's level (QuerySketch holds what it needs). Everything
// here is a storage format (index files, lib/dedup/index_file.h): a change
// needs a new kIndexFileVersion.

#ifndef PITH_LIB_DEDUP_UNIT_SKETCH_H_
#define PITH_LIB_DEDUP_UNIT_SKETCH_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/types/span.h"

namespace pith {
namespace internal {

// Bytes per unit.
inline constexpr int kSketchBytes = 80;
// Units with at most this many distinct shingles keep their fingerprints.
inline constexpr uint32_t kFingerprints = kSketchBytes / 2;
// Bits of an odd sketch (after its 2-byte sample size).
inline constexpr int kOddBits = (kSketchBytes - 2) * 8;
// Shingles in an odd sketch's sample, at most about.
inline constexpr uint32_t kOddSample = 512;

// The sampling level of a unit of "n" distinct shingles (0: all of them).
int SampleLevel(uint32_t n);

// True if a unit of "n" distinct shingles is stored as fingerprints.
inline bool IsFingerprintForm(uint32_t n) { return n <= kFingerprints; }

// Writes the sketch of the distinct shingles "distinct" to "out"
// (kSketchBytes). "odd0", if not null, is their odd sketch at level 0.
void MakeSketch(absl::Span<const uint64_t> distinct, const uint8_t* odd0,
                uint8_t* out);

// Writes the odd sketch of the shingles of "distinct" at sampling level
// "level" to "out" (kSketchBytes, the sample size last).
void MakeOddSketch(absl::Span<const uint64_t> distinct, int level,
                   uint8_t* out);

// Returns the Jaccard estimate of the samples of two odd sketches of one
// level, in [0, 1] (0 if either sample is empty or the sketch saturated).
double OddSimilarity(const uint8_t* a, const uint8_t* b);

// The similarity that verification computes between a unit of distinct
// shingles "query" and an indexed unit of "n" distinct shingles whose
// sketch is "sketch", without the size filter; sets "*exact" to whether it
// is exact (fingerprint form). For calibration: slower than Decide()'s
// path, it builds what it needs each time.
double SketchSimilarity(absl::Span<const uint64_t> query, const uint8_t* sketch,
                        uint32_t n, bool* exact);

// Counts the fingerprints of one unit present in another's: Add() the
// fingerprints of the unit being decided, Count() against each candidate in
// fingerprint form, then Clear() them. 8 KiB; one per DedupIndex.
class FingerprintTable {
 public:
  FingerprintTable() : bits_(65536 / 64, 0) {}
  void Add(const uint16_t* fingerprints, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      bits_[fingerprints[i] >> 6] |= uint64_t{1} << (fingerprints[i] & 63);
    }
  }
  void Clear(const uint16_t* fingerprints, size_t n) {
    for (size_t i = 0; i < n; ++i) bits_[fingerprints[i] >> 6] = 0;
  }
  // The fingerprints of "sketch" (a fingerprint-form sketch of "n"
  // shingles) that were added.
  uint32_t Count(const uint8_t* sketch, uint32_t n) const;

 private:
  std::vector<uint64_t> bits_;
};

// Returns J from an intersection count and the two set sizes, in [0, 1].
inline double JaccardFromCounts(uint64_t common, uint64_t a, uint64_t b) {
  if (common > a) common = a;
  if (common > b) common = b;
  const uint64_t all = a + b - common;
  return all == 0 ? 1.0
                  : static_cast<double>(common) / static_cast<double>(all);
}

// The fingerprint of a shingle hash.
inline uint16_t Fingerprint(uint64_t shingle) {
  return static_cast<uint16_t>(shingle);
}

// What a unit being decided brings to the comparison with the sketches of
// the units before it, given the lowest similarity that is accepted (its
// size filter bounds the candidates' sizes): its fingerprints, if some
// candidate may be in fingerprint form, and its odd sketches at every
// level a candidate in odd form may have. Built by Prepare() and kept in a
// PreparedDocument; QuerySketchView points into it.
struct QuerySketchView {
  uint32_t size = 0;                       // Distinct shingles.
  const uint16_t* fingerprints = nullptr;  // "size" of them, or null.
  const uint8_t* odd = nullptr;  // "levels" sketches, kSketchBytes each,
  int first_level = 0;           // of levels first_level, first_level + 1...
  int levels = 0;
};

// Whether fingerprints and which odd-sketch levels a unit being decided
// needs.
struct QueryNeeds {
  bool fingerprints = false;
  int first_level = 0;
  int levels = 0;
};

// QueryNeeds for the units of a Deduplicator that rejects similarities
// below "accept".
class SketchPlan {
 public:
  explicit SketchPlan(double accept);
  // For a unit of "n" distinct shingles: the forms its candidates can
  // have, given the size filter (accept * n <= m <= n / accept, widened).
  QueryNeeds Needs(uint32_t n) const;

 private:
  double accept_;
  uint64_t fingerprint_limit_;  // Fingerprints if n <= this.
  uint64_t odd_limit_;          // Odd sketches if n >= this.
};

// The bit of shingle "x" in an odd sketch.
inline uint32_t OddBit(uint64_t x) {
  return static_cast<uint32_t>(((x >> 40) * uint64_t{kOddBits}) >> 24);
}

// Stores the sample size of an odd sketch (saturated at 65535).
void SetOddCount(uint32_t count, uint8_t* sketch);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_DEDUP_UNIT_SKETCH_H_
