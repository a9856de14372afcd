// Copyright 2026 The pith Authors.
//
// The tables behind LshIndex and the dedup index (lib/dedup/lsh_tables.h):
// the fused query-and-insert against plain queries and brute force.

#include "lib/dedup/lsh_tables.h"

#include <cstdint>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "pith/lsh.h"

namespace pith {
namespace internal {
namespace {

// Band keys drawn from a small set (long runs of equal keys, keys near
// both ends of the key space, so runs wrap around the tables' ends), through
// many rehashes: every query, plain or with its insert, returns exactly the
// ids inserted under any of its keys.
TEST(LshTablesTest, QueriesMatchBruteForceThroughRehashing) {
  const LshParams params{4, 2};
  LshTables plain(params, 8);
  LshTables fused(params, 8);
  std::mt19937_64 rng(5);
  std::vector<std::vector<uint32_t>> inserted;  // Keys per id.
  std::vector<uint32_t> keys(4), got, fused_got;
  // Brute force is quadratic: 5000 ids are enough rehashes.
  for (uint32_t id = 0; id < 5000; ++id) {
    for (uint32_t& k : keys) {
      const uint32_t r = static_cast<uint32_t>(rng() % 3000);
      k = r < 1000   ? 0xFFFFFFFFu - r
          : r < 2000 ? r
                     : static_cast<uint32_t>(rng());
    }
    plain.Query(keys, &got);
    const size_t max_candidates = id % 7 == 0 ? 3 : 1000;
    const bool inserted_fused =
        fused.QueryInsert(id, keys, max_candidates, &fused_got);
    std::vector<uint32_t> want;
    for (uint32_t other = 0; other < inserted.size(); ++other) {
      const std::vector<uint32_t>& o = inserted[other];
      if (o.empty()) continue;  // Not inserted (capped).
      for (int b = 0; b < 4; ++b) {
        if (o[b] == keys[b]) {
          want.push_back(other);
          break;
        }
      }
    }
    ASSERT_EQ(got, want) << id;
    ASSERT_EQ(fused_got, want) << id;
    ASSERT_EQ(inserted_fused, want.size() <= max_candidates) << id;
    if (inserted_fused) {
      plain.Insert(id, keys);
      inserted.push_back(keys);
    } else {
      inserted.emplace_back();
    }
  }
  EXPECT_EQ(plain.size(), fused.size());
  for (int b = 0; b < 4; ++b) {
    EXPECT_EQ(plain.Slots(b).size(), fused.Slots(b).size());
  }
}

}  // namespace
}  // namespace internal
}  // namespace pith
