// Copyright 2026 The pith Authors.

#include "lib/dedup/lsh_tables.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/hash.h"

namespace pith {
namespace internal {
namespace {

// Tables grow by 3/2 when more than 17/20 full. Any size works (the home
// slot is a multiply-shift, not a mask), so the load stays in [0.56, 0.85]
// instead of [0.4, 0.8] with doubling.
constexpr size_t kMaxLoadNum = 17, kMaxLoadDen = 20;
constexpr size_t kMinSlots = 16;

inline size_t Home(uint32_t key, size_t n) {
  return static_cast<size_t>((uint64_t{key} * n) >> 32);
}

// Makes the ids that the bands of a query found distinct and increasing.
// Usually only the first band finds anything (or every band finds the same
// ids in the same order): then they already are, and the sort is skipped.
void SortUnique(std::vector<uint32_t>* ids) {
  for (size_t i = 1; i < ids->size(); ++i) {
    if ((*ids)[i - 1] < (*ids)[i]) continue;
    std::sort(ids->begin(), ids->end());
    ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    return;
  }
}

}  // namespace

LshTables::LshTables(const LshParams& params, int num_perm)
    : params_(params), num_perm_(num_perm), tables_(params.bands) {}

namespace {

// BandKey() of the "n" rows at "rows": two rows per multiplication (a
// stored format: index version 4).
inline uint32_t KeyOfRows(const uint32_t* rows, int n, int band) {
  constexpr uint64_t kMul = 0x9fb21c651e98df25ULL;
  uint64_t h = 0x5851f42d4c957f2dULL + static_cast<uint64_t>(band);
  int r = 0;
  for (; r + 2 <= n; r += 2) {
    h = Mum(h ^ (rows[r] | uint64_t{rows[r + 1]} << 32), kMul);
  }
  if (r < n) h = Mum(h ^ rows[r] ^ (uint64_t{1} << 63), kMul);
  h = Mum(h ^ static_cast<uint64_t>(n), kMul);
  const uint32_t key = static_cast<uint32_t>(h ^ (h >> 32));
  return key == 0 ? 1 : key;
}

}  // namespace

uint32_t BandKey(const LshParams& params, const Signature& signature,
                 int band) {
  return KeyOfRows(signature.data() + static_cast<size_t>(band) * params.rows,
                   params.rows, band);
}

void LshTables::Grow(Table* table, size_t min_slots) {
  size_t n = std::max(table->slots.size(), kMinSlots);
  while (n * kMaxLoadNum < min_slots * kMaxLoadDen) n += n / 2;
  if (n == table->slots.size()) return;
  Resize(table, n);
}

void LshTables::Resize(Table* table, size_t n) {
  std::vector<uint64_t> old;
  old.swap(table->slots);
  table->slots.assign(n, 0);
  table->used = 0;
  // Home() is monotone in the key, so the entries of "old" come nearly in
  // order of their new homes too. An entry whose home is not before any
  // earlier one's goes straight to its home or just after the last entry
  // placed, which all the slots in between hold: no probing, no branch to
  // mispredict. The rest (out of order within their runs, or wrapped
  // around the end) are inserted by probing. Any insertion order gives
  // a valid table, and the same query results.
  const size_t old_n = old.size();
  uint64_t* slots = table->slots.data();
  size_t end = 0;       // One past the last slot filled in order.
  size_t max_home = 0;  // The highest home placed so far.
  size_t wrapped = 0;   // Entries of "old" that wrapped: old[0, wrapped).
  for (size_t i = 0; i < old_n; ++i) {
    const uint64_t slot = old[i];
    if (slot == 0) continue;
    const uint32_t key = static_cast<uint32_t>(slot >> 32);
    if (Home(key, old_n) > i) {  // Placed after wrapping: do it last.
      old[wrapped++] = slot;
      continue;
    }
    const size_t home = Home(key, n);
    const size_t at = std::max(home, end);
    if (home >= max_home && at < n) {
      slots[at] = slot;
      ++table->used;
      end = at + 1;
      max_home = home;
    } else {
      end = std::max(end, InsertSlot(table, slot) + 1);
    }
  }
  for (size_t i = 0; i < wrapped; ++i) InsertSlot(table, old[i]);
}

size_t LshTables::InsertSlot(Table* table, uint64_t slot) {
  const size_t n = table->slots.size();
  size_t i = Home(static_cast<uint32_t>(slot >> 32), n);
  while (table->slots[i] != 0) {
    if (++i == n) i = 0;
  }
  table->slots[i] = slot;
  ++table->used;
  return i;
}

void BandKeys(const LshParams& params, const Signature& signature,
              absl::Span<uint32_t> keys) {
  assert(keys.size() == static_cast<size_t>(params.bands));
  const uint32_t* rows = signature.data();
  for (int b = 0; b < params.bands; ++b, rows += params.rows) {
    keys[b] = KeyOfRows(rows, params.rows, b);
  }
}

void LshTables::Insert(uint32_t id, absl::Span<const uint32_t> keys) {
  assert(keys.size() == static_cast<size_t>(params_.bands));
  for (int b = 0; b < params_.bands; ++b) {
    Table& t = tables_[b];
    if ((t.used + 1) * kMaxLoadDen > t.slots.size() * kMaxLoadNum) {
      Grow(&t, t.used + 1);
    }
    InsertSlot(&t, uint64_t{keys[b]} << 32 | id);
  }
  ++size_;
}

void LshTables::Prefetch(absl::Span<const uint32_t> keys) const {
  assert(keys.size() == static_cast<size_t>(params_.bands));
  for (int b = 0; b < params_.bands; ++b) {
    const Table& t = tables_[b];
    if (!t.slots.empty()) {
      // Runs often cross into the next cache line.
      const uint64_t* home = t.slots.data() + Home(keys[b], t.slots.size());
      __builtin_prefetch(home);
      __builtin_prefetch(home + 8);
    }
  }
}

size_t LshTables::Probe(const Table& table, uint32_t key,
                        std::vector<uint32_t>* ids) {
  const size_t n = table.slots.size();
  const uint64_t* slots = table.slots.data();
  size_t i = Home(key, n);
  for (uint64_t slot; (slot = slots[i]) != 0;) {
    if (static_cast<uint32_t>(slot >> 32) == key) {
      ids->push_back(static_cast<uint32_t>(slot));
    }
    if (++i == n) i = 0;
  }
  return i;
}

void LshTables::Query(absl::Span<const uint32_t> keys,
                      std::vector<uint32_t>* candidate_ids) const {
  assert(keys.size() == static_cast<size_t>(params_.bands));
  candidate_ids->clear();
  if (size_ == 0) return;
  // The home slots are far apart in large tables: fetch them all at once.
  Prefetch(keys);
  for (int b = 0; b < params_.bands; ++b) {
    if (!tables_[b].slots.empty()) Probe(tables_[b], keys[b], candidate_ids);
  }
  SortUnique(candidate_ids);
}

bool LshTables::QueryInsert(uint32_t id, absl::Span<const uint32_t> keys,
                            size_t max_candidates,
                            std::vector<uint32_t>* candidate_ids) {
  assert(keys.size() == static_cast<size_t>(params_.bands));
  candidate_ids->clear();
  const int bands = params_.bands;
  probe_ends_.resize(bands);
  for (int b = 0; b < bands; ++b) {
    const Table& t = tables_[b];
    // An empty table has no slot to end a probe: InsertSlot() below.
    probe_ends_[b] = t.slots.empty() ? 0 : Probe(t, keys[b], candidate_ids);
  }
  SortUnique(candidate_ids);
  if (candidate_ids->size() > max_candidates) return false;
  for (int b = 0; b < bands; ++b) {
    Table& t = tables_[b];
    const uint64_t slot = uint64_t{keys[b]} << 32 | id;
    if ((t.used + 1) * kMaxLoadDen > t.slots.size() * kMaxLoadNum) {
      Grow(&t, t.used + 1);  // Moves the entries: probe again.
      InsertSlot(&t, slot);
    } else {
      t.slots[probe_ends_[b]] = slot;
      ++t.used;
    }
  }
  ++size_;
  return true;
}

void LshTables::Reserve(size_t n) {
  // Exactly the slots that "n" entries need (Grow() would overshoot by up
  // to 1.5x).
  const size_t slots = std::max(n * kMaxLoadDen / kMaxLoadNum + 1, kMinSlots);
  for (Table& t : tables_) {
    if (slots > t.slots.size()) Resize(&t, slots);
  }
}

void LshTables::Rebuild(absl::Span<const uint32_t> new_ids) {
  size_t kept_total = 0;
  for (Table& t : tables_) {
    std::vector<uint64_t> old;
    old.swap(t.slots);
    size_t kept = 0;
    for (uint64_t& slot : old) {
      const uint32_t id = static_cast<uint32_t>(slot);
      if (slot == 0) continue;
      if (id >= new_ids.size() || new_ids[id] == kDropped) {
        slot = 0;
        continue;
      }
      slot = (slot & ~uint64_t{0xFFFFFFFF}) | new_ids[id];
      ++kept;
    }
    t.used = 0;
    Grow(&t, std::max<size_t>(kept, 1));
    for (uint64_t slot : old) {
      if (slot != 0) InsertSlot(&t, slot);
    }
    kept_total = kept;
  }
  size_ = kept_total;
}

absl::StatusOr<LshTables> LshTables::FromSlots(
    const LshParams& params, int num_perm,
    std::vector<std::vector<uint64_t>> tables, size_t size, uint64_t max_id) {
  absl::Status s = params.Validate(num_perm);
  if (!s.ok()) return s;
  if (tables.size() != static_cast<size_t>(params.bands)) {
    return absl::InvalidArgumentError(
        absl::StrCat("lsh index has ", tables.size(), " tables for ",
                     params.bands, " bands"));
  }
  LshTables index(params, num_perm);
  for (size_t b = 0; b < tables.size(); ++b) {
    Table& t = index.tables_[b];
    t.slots = std::move(tables[b]);
    for (uint64_t slot : t.slots) {
      if (slot == 0) continue;
      if (static_cast<uint32_t>(slot) >= max_id || (slot >> 32) == 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("lsh table ", b, " holds a bad entry"));
      }
      ++t.used;
    }
    if (!t.slots.empty() && t.used >= t.slots.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("lsh table ", b, " has no empty slot"));
    }
    if (t.used > size) {
      return absl::InvalidArgumentError(
          absl::StrCat("lsh table ", b, " holds more entries than the index"));
    }
  }
  index.size_ = size;
  return index;
}

size_t LshTables::MemoryUsage() const {
  size_t bytes = sizeof(*this) + tables_.capacity() * sizeof(Table);
  for (const Table& t : tables_) bytes += t.slots.capacity() * sizeof(uint64_t);
  return bytes;
}

}  // namespace internal
}  // namespace pith
