// Copyright 2026 The pith Authors.
//
// MinHash signatures and Jaccard estimates.
//
// A MinHasher maps a set of 64-bit shingle hashes (see pith/shingle.h) to a
// Signature of num_perm 32-bit values such that the fraction of equal slots
// of two signatures estimates the Jaccard similarity |A ∩ B| / |A ∪ B| of the
// two sets, without bias and with standard deviation about
// sqrt(J * (1 - J) / num_perm). Example:
//
//   absl::StatusOr<pith::MinHasher> hasher =
//       pith::MinHasher::Create(pith::MinHashOptions());
//   if (!hasher.ok()) return hasher.status();
//   pith::Signature a = hasher->Sign(shingles_a);
//   pith::Signature b = hasher->Sign(shingles_b);
//   double j = pith::EstimateJaccard(a, b);  // ~ ExactJaccard(sa, sb)
//
// Algorithm: one-permutation hashing with optimal densification (Shrivastava,
// ICML 2017). Each shingle is mixed with the seed once; its high bits pick
// one of num_perm bins and its low 32 bits are kept if they are the bin's
// minimum. Each empty bin then copies the value of the first non-empty bin
// in its own fixed pseudo-random order of bins (a table made by Create(), so
// no hashing per empty bin). Cost: O(n + num_perm) per set for the usual
// paragraph sizes, instead of O(n * num_perm) for classic MinHash.
//
// A Signature depends on the seed, num_perm and the algorithm of this
// version: it is a storage format. Compare only signatures made with equal
// options and the same library version.

#ifndef PITH_MINHASH_H_
#define PITH_MINHASH_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace pith {

// num_perm 32-bit slot values. The signature of the empty set has every
// slot equal to kEmptySlot (a non-empty set can, with probability 2^-32 per
// slot, have that value too; use IsEmptySignature() only as a hint and check
// the shingle count where it matters).
using Signature = std::vector<uint32_t>;

inline constexpr uint32_t kEmptySlot = 0xFFFFFFFFu;

struct MinHashOptions {
  // Slots per signature, 1 to 65536. The estimate's standard deviation is
  // sqrt(J(1-J)/num_perm): 0.035 at J = 0.8 with 128. (128)
  int num_perm = 128;

  // Seed of the bin assignment and of the densification order. (1)
  uint64_t seed = 1;
};

// A MinHasher computes signatures. It is immutable and cheap to copy (the
// densification tables are shared); const methods are thread-safe.
class MinHasher {
 public:
  // Returns InvalidArgument if "options" is out of range.
  static absl::StatusOr<MinHasher> Create(const MinHashOptions& options);

  // Sets "*out" to the signature of the set of "shingles" (repeats and order
  // do not matter). Reuses the capacity of "*out". The empty set gives
  // num_perm() copies of kEmptySlot.
  void Sign(absl::Span<const uint64_t> shingles, Signature* out) const;
  Signature Sign(absl::Span<const uint64_t> shingles) const;

  // The same, except that only the first "slots" slots are those of
  // Sign() (the others are unspecified): cheaper for short sets, when only
  // a prefix is used (an LSH index of bands x rows < num_perm slots).
  void Sign(absl::Span<const uint64_t> shingles, int slots,
            Signature* out) const;

  int num_perm() const { return options_.num_perm; }
  const MinHashOptions& options() const { return options_; }

  ~MinHasher();
  MinHasher(const MinHasher&);
  MinHasher& operator=(const MinHasher&);
  MinHasher(MinHasher&&) noexcept;
  MinHasher& operator=(MinHasher&&) noexcept;

 private:
  struct Rep;  // Densification tables.
  MinHasher(const MinHashOptions& options, std::shared_ptr<const Rep> rep);
  MinHashOptions options_;
  std::shared_ptr<const Rep> rep_;
};

// Returns the fraction of equal slots, an estimate of the Jaccard similarity
// of the two sets. Two empty-set signatures give 1 (identical); an empty and
// a non-empty set give ~0. Callers that follow the evaluation contract skip
// paragraphs without shingles before comparing.
// REQUIRES: a.size() == b.size() and both made by equal MinHashers.
double EstimateJaccard(const Signature& a, const Signature& b);

// Returns true if every slot is kEmptySlot (the signature of the empty set).
bool IsEmptySignature(const Signature& signature);

// Returns |A ∩ B| / |A ∪ B| of the SETS of values in "a" and "b". Inputs
// need not be sorted or unique (they are copied and sorted: O(n log n)).
// Two empty inputs give 1; one empty input gives 0.
double ExactJaccard(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b);

}  // namespace pith

#endif  // PITH_MINHASH_H_
