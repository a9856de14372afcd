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
// fine bin at position p of order_i, and the prio rows give, per fine bin f,
// its position in every order_i. Two ways find the first non-empty fine bin
// and give the same answer:
//   * probing: walk order_i until a non-empty fine bin (expected M/m steps
//     for m non-empty fine bins), best when few slots are empty;
//   * min scan: the minimum over the m non-empty fine bins of their prio
//     rows, a 16-bit minimum over K-wide rows (m*K/8 SSE2 operations, half
//     with AVX2), best for short paragraphs where most slots are empty.
//     Each entry is (position << 6) with the low 6 bits free: the scan ORs
//     in the index j of the row within its group of 64 rows, so the
//     minimum also names its fine bin and no order table is read. Groups
//     are merged slot by slot, keeping the group of each minimum. Blocks of
//     64 (SSE2) or 128 (AVX2, chosen at run time) slots stay in registers
//     across the rows.
// For K > 1024 the order of the K slots is drawn by hashing (i, step).

#include "pith/minhash.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <memory>
#include <new>
#include <numeric>
#include <vector>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/hash.h"

namespace pith {
namespace {

constexpr int kMaxNumPerm = 65536;
constexpr int kMaxTableNumPerm = 1024;
constexpr int kFineBins = 1024;
// Prio rows are padded to a multiple of this many slots (one AVX2 block).
constexpr int kRowBlock = 128;
// The low bits of a prio entry that hold the row index during a scan.
constexpr int kTagBits = 6;
constexpr int kTagMask = (1 << kTagBits) - 1;
// A prio entry: position "p" in an order, biased because SSE2 has a signed
// 16-bit minimum (pminsw) but no unsigned one.
constexpr int16_t PrioEntry(int p) {
  return static_cast<int16_t>((p << kTagBits) - 32768);
}
// Cost of a probe walk's likely cache miss on its order row, in the units
// of MinHasher::Sign's cost model.
constexpr int64_t kProbeMissCost = 32;

// best[i] = min over j < m of (prio[list[j] * stride + i] | (j & kTagMask)),
// for i < width. REQUIRES: stride % kRowBlock == 0, width % 64 == 0,
// width <= stride, m >= 1.
void ScanMinPortable(const int16_t* prio, int stride, int width,
                     const uint16_t* list, int m, int16_t* best) {
  int b = 0;
#if defined(__SSE2__)
  for (; b + 64 <= width; b += 64) {
    __m128i a0 = _mm_set1_epi16(32767), a1 = a0, a2 = a0, a3 = a0, a4 = a0,
            a5 = a0, a6 = a0, a7 = a0;
    for (int j = 0; j < m; ++j) {
      const __m128i tag = _mm_set1_epi16(static_cast<int16_t>(j & kTagMask));
      const __m128i* r = reinterpret_cast<const __m128i*>(
          prio + static_cast<size_t>(list[j]) * stride + b);
      a0 = _mm_min_epi16(a0, _mm_or_si128(_mm_load_si128(r + 0), tag));
      a1 = _mm_min_epi16(a1, _mm_or_si128(_mm_load_si128(r + 1), tag));
      a2 = _mm_min_epi16(a2, _mm_or_si128(_mm_load_si128(r + 2), tag));
      a3 = _mm_min_epi16(a3, _mm_or_si128(_mm_load_si128(r + 3), tag));
      a4 = _mm_min_epi16(a4, _mm_or_si128(_mm_load_si128(r + 4), tag));
      a5 = _mm_min_epi16(a5, _mm_or_si128(_mm_load_si128(r + 5), tag));
      a6 = _mm_min_epi16(a6, _mm_or_si128(_mm_load_si128(r + 6), tag));
      a7 = _mm_min_epi16(a7, _mm_or_si128(_mm_load_si128(r + 7), tag));
    }
    __m128i* o = reinterpret_cast<__m128i*>(best + b);
    _mm_storeu_si128(o + 0, a0);
    _mm_storeu_si128(o + 1, a1);
    _mm_storeu_si128(o + 2, a2);
    _mm_storeu_si128(o + 3, a3);
    _mm_storeu_si128(o + 4, a4);
    _mm_storeu_si128(o + 5, a5);
    _mm_storeu_si128(o + 6, a6);
    _mm_storeu_si128(o + 7, a7);
  }
#endif
  for (; b < width; ++b) {
    int16_t v = 32767;
    for (int j = 0; j < m; ++j) {
      int16_t e = static_cast<int16_t>(
          prio[static_cast<size_t>(list[j]) * stride + b] | (j & kTagMask));
      v = e < v ? e : v;
    }
    best[b] = v;
  }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PITH_MINHASH_AVX2 1
__attribute__((target("avx2"))) void ScanMinAvx2(const int16_t* prio,
                                                 int stride, int width,
                                                 const uint16_t* list, int m,
                                                 int16_t* best) {
  int b = 0;
  for (; b + 128 <= width; b += 128) {
    __m256i a0 = _mm256_set1_epi16(32767), a1 = a0, a2 = a0, a3 = a0, a4 = a0,
            a5 = a0, a6 = a0, a7 = a0;
    for (int j = 0; j < m; ++j) {
      const __m256i tag = _mm256_set1_epi16(static_cast<int16_t>(j & kTagMask));
      const __m256i* r = reinterpret_cast<const __m256i*>(
          prio + static_cast<size_t>(list[j]) * stride + b);
      a0 = _mm256_min_epi16(a0, _mm256_or_si256(_mm256_load_si256(r + 0), tag));
      a1 = _mm256_min_epi16(a1, _mm256_or_si256(_mm256_load_si256(r + 1), tag));
      a2 = _mm256_min_epi16(a2, _mm256_or_si256(_mm256_load_si256(r + 2), tag));
      a3 = _mm256_min_epi16(a3, _mm256_or_si256(_mm256_load_si256(r + 3), tag));
      a4 = _mm256_min_epi16(a4, _mm256_or_si256(_mm256_load_si256(r + 4), tag));
      a5 = _mm256_min_epi16(a5, _mm256_or_si256(_mm256_load_si256(r + 5), tag));
      a6 = _mm256_min_epi16(a6, _mm256_or_si256(_mm256_load_si256(r + 6), tag));
      a7 = _mm256_min_epi16(a7, _mm256_or_si256(_mm256_load_si256(r + 7), tag));
    }
    __m256i* o = reinterpret_cast<__m256i*>(best + b);
    _mm256_storeu_si256(o + 0, a0);
    _mm256_storeu_si256(o + 1, a1);
    _mm256_storeu_si256(o + 2, a2);
    _mm256_storeu_si256(o + 3, a3);
    _mm256_storeu_si256(o + 4, a4);
    _mm256_storeu_si256(o + 5, a5);
    _mm256_storeu_si256(o + 6, a6);
    _mm256_storeu_si256(o + 7, a7);
  }
  if (b < width) {  // 64 slots left.
    __m256i a0 = _mm256_set1_epi16(32767), a1 = a0, a2 = a0, a3 = a0;
    for (int j = 0; j < m; ++j) {
      const __m256i tag = _mm256_set1_epi16(static_cast<int16_t>(j & kTagMask));
      const __m256i* r = reinterpret_cast<const __m256i*>(
          prio + static_cast<size_t>(list[j]) * stride + b);
      a0 = _mm256_min_epi16(a0, _mm256_or_si256(_mm256_load_si256(r + 0), tag));
      a1 = _mm256_min_epi16(a1, _mm256_or_si256(_mm256_load_si256(r + 1), tag));
      a2 = _mm256_min_epi16(a2, _mm256_or_si256(_mm256_load_si256(r + 2), tag));
      a3 = _mm256_min_epi16(a3, _mm256_or_si256(_mm256_load_si256(r + 3), tag));
    }
    __m256i* o = reinterpret_cast<__m256i*>(best + b);
    _mm256_storeu_si256(o + 0, a0);
    _mm256_storeu_si256(o + 1, a1);
    _mm256_storeu_si256(o + 2, a2);
    _mm256_storeu_si256(o + 3, a3);
  }
}
#endif

using ScanMinFn = void (*)(const int16_t*, int, int, const uint16_t*, int,
                           int16_t*);

ScanMinFn ChooseScanMin() {
#if defined(PITH_MINHASH_AVX2)
  if (__builtin_cpu_supports("avx2")) return ScanMinAvx2;
#endif
  return ScanMinPortable;
}

// A 64-byte aligned array of int16_t (the prio rows are read with aligned
// vector loads).
struct AlignedFree {
  void operator()(int16_t* p) const {
    ::operator delete[](p, std::align_val_t{64});
  }
};
using AlignedI16 = std::unique_ptr<int16_t[], AlignedFree>;
AlignedI16 NewAlignedI16(size_t n) {
  return AlignedI16(static_cast<int16_t*>(
      ::operator new[](n * sizeof(int16_t), std::align_val_t{64})));
}

}  // namespace

struct MinHasher::Rep {
  uint64_t key = 0;        // Mixed into every shingle.
  uint64_t probe_key = 0;  // Seeds the hashed orders (num_perm > 1024).
  // [i * M + p]: the fine bin at position p of order_i.
  std::vector<uint16_t> order;
  // [f * stride + i]: PrioEntry(position of fine bin f in order_i); the
  // padding slots i >= K hold PrioEntry(kFineBins - 1).
  AlignedI16 prio;
  int stride = 0;  // K rounded up to a multiple of kRowBlock.
  ScanMinFn scan_min = ScanMinPortable;
  int scan_lanes = 8;  // 16-bit lanes per vector of scan_min.
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
  rep->key = internal::SplitMix64(&state);
  rep->probe_key = internal::SplitMix64(&state);
  const int k = options.num_perm;
  if (k <= kMaxTableNumPerm) {
    const int m = kFineBins;
    const int stride = (k + kRowBlock - 1) / kRowBlock * kRowBlock;
    rep->stride = stride;
    rep->scan_min = ChooseScanMin();
    rep->scan_lanes = rep->scan_min == ScanMinPortable ? 8 : 16;
    rep->order.resize(static_cast<size_t>(k) * m);
    const size_t prio_size = static_cast<size_t>(stride) * m;
    rep->prio = NewAlignedI16(prio_size);
    std::fill(rep->prio.get(), rep->prio.get() + prio_size, PrioEntry(m - 1));
    std::vector<uint16_t> perm(m);
    for (int i = 0; i < k; ++i) {
      std::iota(perm.begin(), perm.end(), 0);
      for (int p = m - 1; p > 0; --p) {  // Fisher-Yates.
        uint64_t r = internal::SplitMix64(&state);
        int q =
            static_cast<int>(((r >> 32) * static_cast<uint64_t>(p + 1)) >> 32);
        std::swap(perm[p], perm[q]);
      }
      for (int p = 0; p < m; ++p) {
        rep->order[static_cast<size_t>(i) * m + p] = perm[p];
        rep->prio[static_cast<size_t>(perm[p]) * stride + i] = PrioEntry(p);
      }
    }
  }
  return MinHasher(options, std::move(rep));
}

void MinHasher::Sign(absl::Span<const uint64_t> shingles,
                     Signature* out) const {
  Sign(shingles, options_.num_perm, out);
}

void MinHasher::Sign(absl::Span<const uint64_t> shingles, int slots,
                     Signature* out) const {
  const int num_perm = options_.num_perm;
  const uint64_t kk = static_cast<uint64_t>(num_perm);
  // Only the first "k" slots are densified.
  const int k = std::max(1, std::min(slots, num_perm));
  out->assign(num_perm, kEmptySlot);
  uint32_t* sig = out->data();
  const uint64_t key = rep_->key;
  if (num_perm <= kMaxTableNumPerm) {
    constexpr int m = kFineBins;
    uint64_t fine_mask[m / 64] = {};
    uint32_t fine_val[m];   // Valid where fine_mask is set.
    uint16_t fine_list[m];  // The non-empty fine bins.
    int fine_count = 0;
    for (uint64_t h : shingles) {
      uint64_t x = internal::Mix64(h ^ key);
      uint64_t hi = x >> 32;
      uint32_t bin = static_cast<uint32_t>((hi * kk) >> 32);
      uint32_t f = static_cast<uint32_t>((hi * m) >> 32);
      uint32_t v = static_cast<uint32_t>(x);
      // Branch-free: whether a shingle lowers its slot is a coin flip.
      sig[bin] = std::min(sig[bin], v);
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
    // Rough costs, in AVX2 row-block operations: a probe walk reads M/m
    // order entries and usually misses the cache once on its order row;
    // the scan reads m prio rows, stride/16 vectors each (stride/8 without
    // AVX2). Measured at K = 128: the scan wins up to ~150 shingles.
    const int64_t probe_cost =
        int64_t{empty} * (m / fine_count + kProbeMissCost);
    // The scan covers the first k slots in blocks of 64.
    const int width = std::min(rep_->stride, (k + 63) / 64 * 64);
    const int64_t scan_cost =
        int64_t{fine_count} * width / rep_->scan_lanes + k / 8;
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
    // Rows are scanned in groups of up to 64, so that the tag in the low
    // bits of a minimum names its row within the group; "group" keeps which
    // group gave each slot's minimum.
    constexpr int kGroup = kTagMask + 1;
    alignas(64) int16_t best[kMaxTableNumPerm];
    alignas(64) int16_t group_best[kMaxTableNumPerm];
    uint8_t group[kMaxTableNumPerm];
    std::fill(group, group + k, uint8_t{0});
    const int16_t* prio = rep_->prio.get();
    const int stride = rep_->stride;
    rep_->scan_min(prio, stride, width, fine_list, std::min(fine_count, kGroup),
                   best);
    for (int g = 1; g * kGroup < fine_count; ++g) {
      rep_->scan_min(prio, stride, width, fine_list + g * kGroup,
                     std::min(fine_count - g * kGroup, kGroup), group_best);
      for (int i = 0; i < k; ++i) {
        const bool lower = group_best[i] < best[i];
        best[i] = lower ? group_best[i] : best[i];
        group[i] = lower ? static_cast<uint8_t>(g) : group[i];
      }
    }
    uint32_t list_val[kFineBins];
    for (int j = 0; j < fine_count; ++j) list_val[j] = fine_val[fine_list[j]];
    // Branch-free: best[i] names a non-empty fine bin for every slot, and
    // most slots of a short paragraph are empty, so a branch would
    // mispredict.
    for (int i = 0; i < k; ++i) {
      const uint32_t src = list_val[group[i] * kGroup + (best[i] & kTagMask)];
      sig[i] = sig[i] == kEmptySlot ? src : sig[i];
    }
    return;
  }

  for (uint64_t h : shingles) {
    uint64_t x = internal::Mix64(h ^ key);
    uint32_t bin = static_cast<uint32_t>(((x >> 32) * kk) >> 32);
    uint32_t v = static_cast<uint32_t>(x);
    if (v < sig[bin]) sig[bin] = v;
  }
  int empty = 0, filled = 0;
  for (int i = 0; i < num_perm; ++i) {
    const bool e = sig[i] == kEmptySlot;
    filled += !e;
    if (i < k) empty += e;
  }
  if (empty == 0 || filled == 0) return;

  // Large num_perm: hashed probe orders.
  std::vector<bool> nonempty(num_perm);
  for (int j = 0; j < num_perm; ++j) nonempty[j] = sig[j] != kEmptySlot;
  const uint64_t probe_key = rep_->probe_key;
  for (int i = 0; i < k; ++i) {
    if (nonempty[i]) continue;
    uint64_t base = probe_key + static_cast<uint64_t>(i) * 0x100000001b3ULL;
    for (uint64_t step = 0;; ++step) {
      uint64_t x = internal::Mix64(base + step * 0x9e3779b97f4a7c15ULL);
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
