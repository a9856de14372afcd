// Copyright 2026 The pith Authors.
//
// One-permutation hashing with optimal densification (Shrivastava 2017),
// densifying from fine bins.
//
// Each shingle gets a coarse bin (one of K slots) and, from the same hash
// bits, a fine bin (one of M = 1024). A slot keeps the minimum value of its
// shingles. Every empty slot i then copies the minimum value of the first
// non-empty FINE bin in a fixed pseudo-random order of the fine bins,
// order_i. Densifying from fine bins rather than from the K slots matters for
// short paragraphs: two shingles that share a slot would otherwise hide one
// of them from every densified slot, which inflates the variance by 40-75%
// for 5-30 shingles at K = 128; with M = 1024 such collisions are 8x rarer.
//
// For K <= 1024 the orders are tables made by Create(): order[i][p] is the
// fine bin at position p of order_i and prio[f][i] is the position of fine
// bin f in order_i. Two ways find the first non-empty fine bin and give the
// same answer:
//   * probing: walk order_i until a non-empty fine bin (expected M/m steps
//     for m non-empty fine bins), best when few slots are empty;
//   * min scan: best[i] = min over non-empty f of prio[f][i], a 16-bit
//     minimum over K-wide rows that the compiler vectorizes (m*K/8 SSE2
//     operations), best for short paragraphs where most slots are empty.
// For K > 1024 the order of the K slots is drawn by hashing (i, step).

#include "pith/minhash.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <numeric>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/hash.h"

namespace pith {
namespace {

constexpr int kMaxNumPerm = 65536;
constexpr int kMaxTableNumPerm = 1024;
constexpr int kFineBins = 1024;

// best[i] = min(best[i], row[i]) for i < n. Priorities are stored as
// int16_t (position - 32768) because SSE2, which every x86-64 has, has a
// signed 16-bit minimum (pminsw) but no unsigned one. GCC 12 leaves the
// plain loop scalar here, which made signatures 5x slower.
void MinI16(const int16_t* row, int n, int16_t* best) {
  int i = 0;
#if defined(__SSE2__)
  for (; i + 8 <= n; i += 8) {
    __m128i r = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + i));
    __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(best + i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(best + i), _mm_min_epi16(r, b));
  }
#endif
  for (; i < n; ++i) best[i] = row[i] < best[i] ? row[i] : best[i];
}

}  // namespace

struct MinHasher::Rep {
  uint64_t key = 0;        // Mixed into every shingle.
  uint64_t probe_key = 0;  // Seeds the hashed orders (num_perm > 1024).
  // [i * M + p]: the fine bin at position p of order_i.
  std::vector<uint16_t> order;
  // [f * K + i]: the position of fine bin f in order_i, minus 32768.
  std::vector<int16_t> prio;
};

MinHasher::MinHasher(const MinHashOptions& options,
                     std::shared_ptr<const Rep> rep)
    : options_(options), rep_(std::move(rep)) {}
MinHasher::~MinHasher() = default;
MinHasher::MinHasher(const MinHasher&) = default;
MinHasher& MinHasher::operator=(const MinHasher&) = default;
MinHasher::MinHasher(MinHasher&&) noexcept = default;
MinHasher& MinHasher::operator=(MinHasher&&) noexcept = default;

absl::StatusOr<MinHasher> MinHasher::Create(const MinHashOptions& options) {
  if (options.num_perm < 1 || options.num_perm > kMaxNumPerm) {
    return absl::InvalidArgumentError(
        absl::StrCat("minhash num_perm must be in [1, ", kMaxNumPerm, "], got ",
                     options.num_perm));
  }
  auto rep = std::make_shared<Rep>();
  uint64_t state = options.seed;
  rep->key = SplitMix64(&state);
  rep->probe_key = SplitMix64(&state);
  const int k = options.num_perm;
  if (k <= kMaxTableNumPerm) {
    const int m = kFineBins;
    rep->order.resize(static_cast<size_t>(k) * m);
    rep->prio.resize(static_cast<size_t>(k) * m);
    std::vector<uint16_t> perm(m);
    for (int i = 0; i < k; ++i) {
      std::iota(perm.begin(), perm.end(), 0);
      for (int p = m - 1; p > 0; --p) {  // Fisher-Yates.
        uint64_t r = SplitMix64(&state);
        int q =
            static_cast<int>(((r >> 32) * static_cast<uint64_t>(p + 1)) >> 32);
        std::swap(perm[p], perm[q]);
      }
      for (int p = 0; p < m; ++p) {
        rep->order[static_cast<size_t>(i) * m + p] = perm[p];
        rep->prio[static_cast<size_t>(perm[p]) * k + i] =
            static_cast<int16_t>(p - 32768);
      }
    }
  }
  return MinHasher(options, std::move(rep));
}

void MinHasher::Sign(absl::Span<const uint64_t> shingles,
                     Signature* out) const {
  const int k = options_.num_perm;
  const uint64_t kk = static_cast<uint64_t>(k);
  out->assign(k, kEmptySlot);
  uint32_t* sig = out->data();
  const uint64_t key = rep_->key;
  if (k <= kMaxTableNumPerm) {
    constexpr int m = kFineBins;
    uint64_t fine_mask[m / 64] = {};
    uint32_t fine_val[m];   // Valid where fine_mask is set.
    uint16_t fine_list[m];  // The non-empty fine bins.
    int fine_count = 0;
    for (uint64_t h : shingles) {
      uint64_t x = Mix64(h ^ key);
      uint64_t hi = x >> 32;
      uint32_t bin = static_cast<uint32_t>((hi * kk) >> 32);
      uint32_t f = static_cast<uint32_t>((hi * m) >> 32);
      uint32_t v = static_cast<uint32_t>(x);
      if (v < sig[bin]) sig[bin] = v;
      uint64_t bit = uint64_t{1} << (f & 63);
      if (fine_mask[f >> 6] & bit) {
        if (v < fine_val[f]) fine_val[f] = v;
      } else {
        fine_mask[f >> 6] |= bit;
        fine_val[f] = v;
        fine_list[fine_count++] = static_cast<uint16_t>(f);
      }
    }
    // A slot whose only value is kEmptySlot (probability 2^-32 per shingle)
    // counts as empty; that is harmless and deterministic.
    int empty = 0;
    for (int i = 0; i < k; ++i) empty += sig[i] == kEmptySlot;
    if (empty == 0 || fine_count == 0) return;
    const uint16_t* order = rep_->order.data();
    const int64_t probe_cost = int64_t{empty} * m / fine_count;
    const int64_t scan_cost = int64_t{fine_count} * k / 8 + k;
    if (probe_cost < scan_cost) {
      for (int i = 0; i < k; ++i) {
        if (sig[i] != kEmptySlot) continue;
        const uint16_t* o = order + static_cast<size_t>(i) * m;
        uint32_t f;
        do {
          f = *o++;
        } while (!(fine_mask[f >> 6] >> (f & 63) & 1));
        sig[i] = fine_val[f];
      }
      return;
    }
    int16_t best[kMaxTableNumPerm];
    std::fill(best, best + k, int16_t{32767});
    const int16_t* prio = rep_->prio.data();
    for (int j = 0; j < fine_count; ++j) {
      MinI16(prio + static_cast<size_t>(fine_list[j]) * k, k, best);
    }
    // Branch-free: best[i] is a valid position for every slot, and most
    // slots of a short paragraph are empty, so a branch would mispredict.
    for (int i = 0; i < k; ++i) {
      uint32_t src =
          fine_val[order[static_cast<size_t>(i) * m + best[i] + 32768]];
      sig[i] = sig[i] == kEmptySlot ? src : sig[i];
    }
    return;
  }

  for (uint64_t h : shingles) {
    uint64_t x = Mix64(h ^ key);
    uint32_t bin = static_cast<uint32_t>(((x >> 32) * kk) >> 32);
    uint32_t v = static_cast<uint32_t>(x);
    if (v < sig[bin]) sig[bin] = v;
  }
  int empty = 0;
  for (int i = 0; i < k; ++i) empty += sig[i] == kEmptySlot;
  if (empty == 0 || empty == k) return;

  // Large num_perm: hashed probe orders.
  std::vector<bool> nonempty(k);
  for (int j = 0; j < k; ++j) nonempty[j] = sig[j] != kEmptySlot;
  const uint64_t probe_key = rep_->probe_key;
  for (int i = 0; i < k; ++i) {
    if (nonempty[i]) continue;
    uint64_t base = probe_key + static_cast<uint64_t>(i) * 0x100000001b3ULL;
    for (uint64_t step = 0;; ++step) {
      uint64_t x = Mix64(base + step * 0x9e3779b97f4a7c15ULL);
      uint32_t j = static_cast<uint32_t>(((x >> 32) * kk) >> 32);
      if (nonempty[j]) {
        sig[i] = sig[j];
        break;
      }
    }
  }
}

Signature MinHasher::Sign(absl::Span<const uint64_t> shingles) const {
  Signature sig;
  Sign(shingles, &sig);
  return sig;
}

double EstimateJaccard(const Signature& a, const Signature& b) {
  assert(a.size() == b.size());
  const size_t n = std::min(a.size(), b.size());
  if (n == 0) return 0.0;
  size_t equal = 0;
  for (size_t i = 0; i < n; ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(n);
}

bool IsEmptySignature(const Signature& signature) {
  for (uint32_t v : signature) {
    if (v != kEmptySlot) return false;
  }
  return true;
}

double ExactJaccard(absl::Span<const uint64_t> a,
                    absl::Span<const uint64_t> b) {
  std::vector<uint64_t> x(a.begin(), a.end());
  std::vector<uint64_t> y(b.begin(), b.end());
  std::sort(x.begin(), x.end());
  x.erase(std::unique(x.begin(), x.end()), x.end());
  std::sort(y.begin(), y.end());
  y.erase(std::unique(y.begin(), y.end()), y.end());
  if (x.empty() && y.empty()) return 1.0;
  size_t common = 0;
  size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i] < y[j]) {
      ++i;
    } else if (y[j] < x[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return static_cast<double>(common) /
         static_cast<double>(x.size() + y.size() - common);
}

}  // namespace pith
