// Copyright 2026 The pith Authors.
//
// Locality-sensitive hashing of MinHash signatures: bands x rows.
//
// A signature is cut into "bands" bands of "rows" consecutive slots. Two
// signatures are candidates if they agree on all rows of at least one band,
// which happens with probability 1 - (1 - s^rows)^bands for two sets of
// Jaccard similarity s (the "S-curve"). Example:
//
//   pith::LshParams params = pith::LshParams::ForThreshold(0.8, 128);
//   absl::StatusOr<pith::LshIndex> index = pith::LshIndex::Create(params, 128);
//   if (!index.ok()) return index.status();
//   std::vector<uint32_t> candidates;
//   index->Query(signature, &candidates);   // verify each, then maybe
//   index->Insert(id, signature);
//
// Defaults: ForThreshold(0.8, 128) gives 18 bands x 7 rows (126 slots):
//   P(candidate | J = 0.5) = 0.13, 0.7 -> 0.79, 0.8 -> 0.986, 0.9 -> 1.000.
// The common equal-weight choice (9 x 13) has P(0.8) = 0.46: half the pairs
// at the threshold would never be compared.

#ifndef PITH_LSH_H_
#define PITH_LSH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "pith/minhash.h"

namespace pith {

namespace internal {
class LshTables;  // lib/dedup/lsh_tables.h
}  // namespace internal

struct LshParams {
  // Candidate probability is 1 - (1 - s^rows)^bands; the threshold where it
  // rises is about (1/bands)^(1/rows). REQUIRES bands * rows <= num_perm;
  // slots past bands * rows are not used by the index.
  int bands = 18;
  int rows = 7;

  // Default for ForThreshold()'s "min_recall": 0.98 plus a margin, since
  // densified slots are not perfectly independent.
  static constexpr double kDefaultMinRecall = 0.985;

  // Returns the layout for "threshold" (in (0, 1)) and "num_perm" slots:
  // among all bands x rows <= num_perm with CandidateProbability(threshold)
  // >= "min_recall", the one that minimizes false positives plus false
  // negatives, i.e. the integral of P(s) over [0, threshold] plus the
  // integral of 1 - P(s) over [threshold, 1]. In practice: the most rows
  // (fewest false candidates) that still keep the recall at the threshold.
  // If no layout reaches "min_recall" (tiny num_perm), returns the one with
  // the highest P(threshold). Out-of-range arguments are clamped.
  // "max_bands" > 0 also bounds the bands (each costs ~10 bytes per
  // signature).
  static LshParams ForThreshold(double threshold, int num_perm,
                                double min_recall = kDefaultMinRecall,
                                int max_bands = 0);

  // 1 - (1 - s^rows)^bands.
  double CandidateProbability(double s) const;

  // (1/bands)^(1/rows), where the S-curve is steepest (roughly).
  double ApproximateThreshold() const;

  // InvalidArgument unless bands >= 1, rows >= 1, bands * rows <= num_perm.
  absl::Status Validate(int num_perm) const;
};

// An LshIndex maps band keys (32-bit hashes of each band's rows) to the
// 32-bit ids inserted with them, in one flat open-addressing table per band.
// Memory is about bands * 8 / load bytes per inserted signature (load
// between 0.56 and 0.85; call Reserve() to presize); see MemoryUsage().
//
// Thread safety: const methods (Query, QueryKeys, BandKeys, size,
// MemoryUsage) may run concurrently with each other; Insert(), InsertKeys()
// and Reserve() need exclusive access (an external lock, or one index per
// shard). BandKeys() depends only on params() and num_perm(). Movable and
// copyable (a copy holds its own tables).
class LshIndex {
 public:
  // Returns InvalidArgument if params.Validate(num_perm) fails.
  static absl::StatusOr<LshIndex> Create(const LshParams& params, int num_perm);

  LshIndex(const LshIndex& other);
  LshIndex& operator=(const LshIndex& other);
  LshIndex(LshIndex&&) noexcept;
  LshIndex& operator=(LshIndex&&) noexcept;
  ~LshIndex();

  // Adds "signature" under "id". Any id is allowed; inserting one id twice
  // stores it twice (Query still reports it once).
  // REQUIRES: signature.size() == num_perm()
  void Insert(uint32_t id, const Signature& signature);

  // Clears "*candidate_ids" and fills it with the distinct ids of inserted
  // signatures that share at least one band with "signature", in increasing
  // order. Candidates include false positives (32-bit band key collisions,
  // pairs below the threshold): verify them.
  // REQUIRES: signature.size() == num_perm()
  void Query(const Signature& signature,
             std::vector<uint32_t>* candidate_ids) const;

  // The same as Insert() and Query(), given the band keys of the signature
  // (BandKeys()), which may be computed ahead, e.g. on another thread:
  // Query() and Insert() hash each band again.
  // REQUIRES: keys.size() == params().bands
  void BandKeys(const Signature& signature, absl::Span<uint32_t> keys) const;
  void InsertKeys(uint32_t id, absl::Span<const uint32_t> keys);
  void QueryKeys(absl::Span<const uint32_t> keys,
                 std::vector<uint32_t>* candidate_ids) const;

  // Makes room for "n" signatures in total, so that inserting up to n
  // signatures does not rehash: each table gets exactly the slots that n
  // entries need at the highest load (growth would overshoot by up to 1.5x).
  void Reserve(size_t n);

  // Number of Insert() calls.
  size_t size() const;

  // Bytes held by the index (tables and this object). Divide by size() for
  // bytes per signature.
  size_t MemoryUsage() const;

  const LshParams& params() const;
  int num_perm() const;

 private:
  explicit LshIndex(std::unique_ptr<internal::LshTables> tables);
  std::unique_ptr<internal::LshTables> tables_;
};

}  // namespace pith

#endif  // PITH_LSH_H_
