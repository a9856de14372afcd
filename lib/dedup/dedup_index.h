// Copyright 2026 The pith Authors.
//
// The index behind Deduplicator: one record per indexed unit (document,
// line, shingle-set size, compact sketch or shingle set), the exact-hash
// table and the LSH index; and the decision for one prepared unit.
// Not thread-safe: Deduplicator serializes calls with its lock.

#ifndef PITH_LIB_DEDUP_DEDUP_INDEX_H_
#define PITH_LIB_DEDUP_DEDUP_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/dedup/lsh_tables.h"
#include "lib/dedup/unit_sketch.h"
#include "pith/dedup.h"
#include "pith/lsh.h"
#include "pith/minhash.h"

namespace pith {
namespace internal {

// What Deduplicator computes for a unit before taking its lock. The
// signature itself is not kept: only its sketch and LSH band keys, which
// the caller stores next to the unit (see Decide()).
struct PreparedUnit {
  int words = 0;              // Tokens.
  uint64_t exact_hash = 0;    // Hash of the normalized token sequence.
  uint32_t set_size = 0;      // Distinct shingles (saturated at 2^32 - 1).
  std::vector<uint64_t> set;  // Sorted distinct shingles, kExact only.
  // kSignature: where the unit's QuerySketchView data are in its
  // PreparedDocument (lib/dedup/dedup_rep.h).
  bool has_fingerprints = false;
  uint32_t fingerprints_at = 0;  // Index into the document's fingerprints.
  uint32_t odd_at = 0;           // Byte offset into its odd sketches.
  int first_level = 0;
  int levels = 0;
};

// Returns the hash of the shingle sequence "shingles" (in text order): equal
// for equal normalized token sequences. Four interleaved Combine() chains
// (lib/hash.h) and the count. Stored in index files: a change needs a new
// kIndexFileVersion (lib/dedup/index_file.h).
uint64_t SequenceHash(absl::Span<const uint64_t> shingles);

// The lowest similarity that verification accepts: the threshold (less
// signature_margin with kSignature below threshold 1).
double AcceptedSimilarity(const DedupOptions& options);

// The result of Decide().
struct UnitMatch {
  bool duplicate = false;
  bool exact = false;
  uint32_t doc = 0;   // Of the unit it duplicates.
  uint32_t line = 0;  // 1-based.
  double similarity = 0;
};

// What verification knows of an earlier (indexed) unit: its distinct
// shingles, and its sketch (kSignature) or its sorted shingle set (kExact).
struct IndexedUnitView {
  uint32_t set_size = 0;
  const uint8_t* sketch = nullptr;  // kSketchBytes (kSignature).
  absl::Span<const uint64_t> set;   // kExact.
};

// The verification of DedupIndex::Decide(): the similarity of "unit" (with
// "query"; with kSignature, its fingerprints, if any, added to "table") to
// the earlier unit "other" if it passes the size filter and then the sketch
// or the exact sets, else a negative value. "accept" is
// AcceptedSimilarity(options). The staged dedup (staged_bucket.cc)
// verifies its pairs with it too, so that both decide alike.
double VerifyPair(DedupVerify verify, double accept, const PreparedUnit& unit,
                  const QuerySketchView& query, const FingerprintTable& table,
                  const IndexedUnitView& other);

// The outcome of ChooseCandidate().
struct CandidateChoice {
  bool found = false;     // A candidate passed.
  size_t index = 0;       // The winner's position among the candidates.
  double similarity = 0;  // Its similarity.
  size_t verified = 0;    // Candidates verified.
};

// The candidate loop of DedupIndex::Decide(): goes through candidates
// 0 .. n - 1 in order, skips those that are not "live(i)", verifies at most
// "max_candidates" of the others ("verify(i)": a similarity, or negative
// if it fails), and keeps the most similar (the earliest on ties), stopping
// at a similarity of 1.
template <typename Live, typename Verify>
CandidateChoice ChooseCandidate(size_t n, size_t max_candidates, Live live,
                                Verify verify) {
  CandidateChoice c;
  for (size_t i = 0; i < n && c.verified < max_candidates; ++i) {
    if (!live(i)) continue;
    ++c.verified;
    const double sim = verify(i);
    if (sim >= 0 && sim > c.similarity) {
      c.found = true;
      c.index = i;
      c.similarity = sim;
      if (sim >= 1.0) break;
    }
  }
  return c;
}

class IndexFileReader;
class IndexFileWriter;

class DedupIndex {
 public:
  // REQUIRES: "options" validated, "lsh" built for options.minhash.num_perm.
  DedupIndex(const DedupOptions& options, LshTables lsh);

  // Decides "unit" (document "doc", 1-based "line") against every unit
  // indexed so far, then indexes it (see dedup.h). With kSignature,
  // "sketch" is the unit's sketch (MakeSketch(), kSketchBytes) and "query"
  // what it compares with the earlier units' sketches; "keys" are its LSH
  // band keys (BandKeys()). "unit->set" may be moved from. Fails with
  // ResourceExhausted when the ids run out.
  // REQUIRES: unit->words >= options.min_words, doc >= the doc of every
  // earlier call.
  absl::Status Decide(uint32_t doc, uint32_t line, PreparedUnit* unit,
                      const uint8_t* sketch, const QuerySketchView& query,
                      absl::Span<const uint32_t> keys, UnitMatch* match);

  // The lowest similarity that is accepted.
  double accept() const { return accept_; }

  // Starts loading the exact-table slot of "hash" into the cache (call a
  // unit ahead of Decide(): its memory latency then overlaps this one's).
  void PrefetchExact(uint64_t hash) const {
    if (!exact_.empty()) {
      __builtin_prefetch(exact_.data() + Home(hash, exact_.size()));
    }
  }
  // The same for the LSH query of Decide() with "keys".
  void PrefetchQuery(absl::Span<const uint32_t> keys) const {
    lsh_.Prefetch(keys);
  }

  // Forgets the units of document "doc": they no longer match anything.
  // Returns the number of units forgotten. Compacts the index (drops the
  // forgotten records and their table entries) once a quarter of it is dead.
  size_t RemoveDocument(uint32_t doc);

  // Counters that the index owns.
  uint64_t indexed() const { return records_.size() - dead_; }
  uint64_t candidates() const { return candidates_; }
  uint64_t capped_queries() const { return capped_queries_; }

  // Bytes held by the index (without document ids).
  size_t MemoryUsage() const;

  // Makes room for "n" indexed units in total.
  void Reserve(size_t n);

  const LshTables& lsh() const { return lsh_; }

  // Indexed unit "id" (REQUIRES id < size()), for calibration
  // (pith/calibrate.h).
  size_t size() const { return records_.size(); }
  bool dead(uint32_t id) const { return (records_[id].line & kDead) != 0; }
  uint32_t doc(uint32_t id) const { return records_[id].doc; }
  uint32_t line(uint32_t id) const { return records_[id].line & ~kDead; }
  uint32_t set_size(uint32_t id) const { return records_[id].set_size; }
  // The indexed unit whose exact hash is "hash", or -1.
  int64_t FindIdentical(uint64_t hash) const {
    const uint32_t id = FindExact(hash);
    return id == kEmpty ? -1 : int64_t{id};
  }
  // Its sketch (kSignature below threshold 1), or null.
  const uint8_t* sketch(uint32_t id) const {
    return sketches_.empty() ? nullptr
                             : sketches_.data() + size_t{id} * kSketchBytes;
  }
  // Its shingle set (kExact below threshold 1), or null.
  const std::vector<uint64_t>* set(uint32_t id) const {
    return sets_.empty() ? nullptr : &sets_[id];
  }

  // Persistence (lib/dedup/index_file.h): writes the sections of the index, and
  // reads them back into an index built for the same options. Load()
  // validates every id and size; "documents" bounds the record docs.
  absl::Status Save(IndexFileWriter* writer) const;
  absl::Status Load(IndexFileReader* reader, uint64_t documents);

 private:
  struct Record {
    uint32_t doc;
    uint32_t line;  // Bit 31: dead (removed).
    uint32_t set_size;
  };
  static constexpr uint32_t kDead = 0x80000000u;
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;  // Exact-table slot.

  // Returns the similarity of "unit" to indexed unit "id" if it passes
  // verification, or a negative value. REQUIRES: with kSignature and
  // query.fingerprints, the fingerprints are in fingerprint_table_.
  double Verify(const PreparedUnit& unit, const QuerySketchView& query,
                uint32_t id) const;
  // Exact table: open addressing over record ids, keyed by hashes_[id].
  static size_t Home(uint64_t hash, size_t n) {
    return static_cast<size_t>(((hash >> 32) * n) >> 32);
  }
  uint32_t FindExact(uint64_t hash) const;  // A live id or kEmpty.
  void InsertExact(uint32_t id);
  // Grows the exact table for "min_entries" (by 1.5x steps), or rehashes it
  // into exactly "n" slots.
  void RebuildExact(size_t min_entries);
  void ResizeExact(size_t n);
  // Drops dead records, renumbering ids, and rebuilds the tables.
  void Compact();

  DedupOptions options_;
  double accept_ = 0;  // Lowest accepted similarity.
  // Threshold 1: only the exact-hash path decides; the LSH tables stay
  // empty.
  bool exact_only_ = false;
  LshTables lsh_;
  std::vector<Record> records_;
  std::vector<uint64_t> hashes_;             // Exact hash per record.
  std::vector<uint8_t> sketches_;            // kSketchBytes per record.
  std::vector<std::vector<uint64_t>> sets_;  // kExact only.
  std::vector<uint32_t> exact_;              // Record ids, kEmpty if free.
  size_t exact_used_ = 0;
  uint64_t dead_ = 0;  // Dead records.
  std::vector<uint32_t> candidates_buffer_;
  FingerprintTable fingerprint_table_;  // Decide()'s query fingerprints.
  uint64_t candidates_ = 0;
  uint64_t capped_queries_ = 0;
};

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_DEDUP_DEDUP_INDEX_H_
