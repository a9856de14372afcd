// Copyright 2026 The pith Authors.
//
// The tables behind LshIndex (pith/lsh.h) and the dedup index: one flat
// open-addressing table per band, mapping 32-bit band keys to 32-bit ids
// (8-byte slots, linear probing, any table size: a table grows by 1.5x when
// more than 85% full). Their layout is stored in dedup index files
// (lib/dedup/index_file.h), which is why it is private: a change needs a new
// index file version, not a new public API.
//
// Not thread-safe: const methods may run concurrently with each other;
// the others need exclusive access. Copyable and movable.

#ifndef PITH_LIB_DEDUP_LSH_TABLES_H_
#define PITH_LIB_DEDUP_LSH_TABLES_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "pith/lsh.h"
#include "pith/minhash.h"

namespace pith {
namespace internal {

// The key of band "band" of "signature": a 32-bit hash of its rows, never 0.
uint32_t BandKey(const LshParams& params, const Signature& signature, int band);

// Sets keys[b] = BandKey(params, signature, b) for every band.
// REQUIRES: keys.size() == params.bands, signature.size() >= bands * rows
void BandKeys(const LshParams& params, const Signature& signature,
              absl::Span<uint32_t> keys);

class LshTables {
 public:
  // REQUIRES: params.Validate(num_perm) is ok.
  LshTables(const LshParams& params, int num_perm);

  // Adds "id" under its band keys "keys" (one per band).
  void Insert(uint32_t id, absl::Span<const uint32_t> keys);

  // Sets "*ids" to the distinct ids that share a band key with "keys", in
  // increasing order.
  void Query(absl::Span<const uint32_t> keys, std::vector<uint32_t>* ids) const;

  // Starts loading the table slots that Query("keys") reads first into the
  // cache: call it one query ahead to overlap the memory latency.
  void Prefetch(absl::Span<const uint32_t> keys) const;

  // Query("keys", "ids"), then Insert("id", "keys") unless the query found
  // more than "max_candidates" ids. The same results and tables as those two
  // calls, with one probe per band instead of two (the insert goes to the
  // empty slot that ended the query's probe). Returns whether it inserted.
  // Does not prefetch: call Prefetch() ahead.
  bool QueryInsert(uint32_t id, absl::Span<const uint32_t> keys,
                   size_t max_candidates, std::vector<uint32_t>* ids);

  // Makes room for "n" entries per band in total, so that inserting up to
  // n does not rehash: each table gets exactly the slots that n entries
  // need at the highest load.
  void Reserve(size_t n);

  // Rebuilds the tables, renaming each id to new_ids[id]; ids mapped to
  // kDropped (and ids >= new_ids.size()) are removed. Tables are resized to
  // the entries left.
  static constexpr uint32_t kDropped = 0xFFFFFFFF;
  void Rebuild(absl::Span<const uint32_t> new_ids);

  // The slots of band "band": (band key << 32) | id, 0 for an empty slot.
  // The home slot of key k in a table of n slots is (k * n) >> 32, and
  // collisions probe forward, wrapping.
  absl::Span<const uint64_t> Slots(int band) const {
    return tables_[band].slots;
  }

  // Returns tables made of "slots" (one vector per band, as Slots() gives
  // them) holding "size" entries. InvalidArgument if they are not well
  // formed (wrong count, a table without an empty slot, an id >= "max_id").
  static absl::StatusOr<LshTables> FromSlots(
      const LshParams& params, int num_perm,
      std::vector<std::vector<uint64_t>> slots, size_t size, uint64_t max_id);

  // Insert() calls, less the entries Rebuild() dropped.
  size_t size() const { return size_; }

  // Bytes held (tables and this object).
  size_t MemoryUsage() const;

  const LshParams& params() const { return params_; }
  int num_perm() const { return num_perm_; }

 private:
  struct Table {
    // Slot = (key << 32) | id; 0 means empty (key 0 is stored as 1).
    std::vector<uint64_t> slots;
    size_t used = 0;
  };
  // Returns the slot's index.
  static size_t InsertSlot(Table* table, uint64_t slot);
  // Grows "table" by 1.5x steps to hold "min_slots" entries, or rehashes it
  // into exactly "n" slots.
  static void Grow(Table* table, size_t min_slots);
  static void Resize(Table* table, size_t n);
  // Appends the ids stored under "key" in "table" to "*ids" and returns the
  // empty slot that ended the probe.
  static size_t Probe(const Table& table, uint32_t key,
                      std::vector<uint32_t>* ids);

  LshParams params_;
  int num_perm_ = 0;
  size_t size_ = 0;
  std::vector<Table> tables_;
  // QueryInsert(): the end of each band's probe.
  std::vector<size_t> probe_ends_;
};

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_DEDUP_LSH_TABLES_H_
