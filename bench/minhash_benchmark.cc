// Copyright 2026 The pith Authors.
//
// MinHash signatures at K = 64, 128, 256 on paragraphs of 10, 30, 100 and
// 300 words, from text (shingling included) and from precomputed shingles,
// against classic MinHash (K hashes per shingle) and the hash-only floor,
// all in this binary so that the ratios come from one run:
//
//   BM_SignText/K:128/words:30  >= 0.5 x BM_HashOnlyFloor/words:30  (target)
//   BM_SignText/K:128/words:30  >= 5 x BM_NaiveText.../K:128/words:30 (target)

#include <cstdint>
#include <string>
#include <vector>

#include "bench/baselines.h"
#include "bench/page_generator.h"
#include "benchmark/benchmark.h"
#include "pith/minhash.h"
#include "pith/shingle.h"

namespace {

// About 1 MB of paragraphs of exactly "words" words.
const std::vector<std::string>& Paragraphs(int words) {
  static auto* cache = new std::vector<std::vector<std::string>>(301);
  std::vector<std::string>& v = (*cache)[words];
  if (v.empty()) {
    pith_bench::PageGenerator gen(1000 + words);
    size_t total = 0;
    while (total < (1u << 20)) {
      v.push_back(gen.ParagraphOfWords(words));
      total += v.back().size();
    }
  }
  return v;
}

const pith::Shingler& TheShingler() {
  static const auto* s =
      new pith::Shingler(*pith::Shingler::Create(pith::ShingleOptions()));
  return *s;
}

void SetRates(benchmark::State& state, const std::vector<std::string>& ps) {
  const double iters = static_cast<double>(state.iterations());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(pith_bench::TotalBytes(ps)));
  state.counters["paragraphs/s"] =
      benchmark::Counter(iters * ps.size(), benchmark::Counter::kIsRate);
}

void Sizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"K", "words"});
  for (int k : {64, 128, 256}) {
    for (int w : {10, 30, 100, 300}) b->Args({k, w});
  }
}

// Text -> signature: what a deduplicator pays per paragraph.
void BM_SignText(benchmark::State& state) {
  pith::MinHashOptions options;
  options.num_perm = state.range(0);
  absl::StatusOr<pith::MinHasher> hasher = pith::MinHasher::Create(options);
  if (!hasher.ok()) {
    state.SkipWithError(hasher.status().ToString().c_str());
    return;
  }
  const auto& ps = Paragraphs(state.range(1));
  const pith::Shingler& shingler = TheShingler();
  std::vector<uint64_t> shingles;
  pith::Signature sig;
  for (auto _ : state) {
    for (const std::string& p : ps) {
      shingler.Shingle(p, &shingles);
      hasher->Sign(shingles, &sig);
      benchmark::DoNotOptimize(sig.data());
    }
  }
  SetRates(state, ps);
}
BENCHMARK(BM_SignText)->Apply(Sizes);

std::vector<std::vector<uint64_t>> ShinglesOf(
    const std::vector<std::string>& ps) {
  std::vector<std::vector<uint64_t>> all(ps.size());
  for (size_t i = 0; i < ps.size(); ++i) TheShingler().Shingle(ps[i], &all[i]);
  return all;
}

// Shingles -> signature: MinHasher::Sign() alone.
void BM_SignShingles(benchmark::State& state) {
  pith::MinHashOptions options;
  options.num_perm = state.range(0);
  absl::StatusOr<pith::MinHasher> hasher = pith::MinHasher::Create(options);
  if (!hasher.ok()) {
    state.SkipWithError(hasher.status().ToString().c_str());
    return;
  }
  const auto& ps = Paragraphs(state.range(1));
  const auto all = ShinglesOf(ps);
  pith::Signature sig;
  for (auto _ : state) {
    for (const auto& s : all) {
      hasher->Sign(s, &sig);
      benchmark::DoNotOptimize(sig.data());
    }
  }
  SetRates(state, ps);
}
BENCHMARK(BM_SignShingles)->Apply(Sizes);

// Classic MinHash, K multiply-xorshift hashes per shingle, from text (the
// same shingler as BM_SignText).
void BM_NaiveTextMix(benchmark::State& state) {
  const auto seeds = pith_bench::NaiveSeeds(state.range(0));
  const auto& ps = Paragraphs(state.range(1));
  std::vector<uint64_t> shingles;
  std::vector<uint32_t> sig;
  for (auto _ : state) {
    for (const std::string& p : ps) {
      TheShingler().Shingle(p, &shingles);
      pith_bench::NaiveMinHashMix(shingles, seeds, &sig);
      benchmark::DoNotOptimize(sig.data());
    }
  }
  SetRates(state, ps);
}
BENCHMARK(BM_NaiveTextMix)->Apply(Sizes);

// Classic MinHash with XXH3 and K seeds per shingle (closer to what Python
// tools do per permutation, minus the interpreter).
void BM_NaiveTextXxh3(benchmark::State& state) {
  const auto seeds = pith_bench::NaiveSeeds(state.range(0));
  const auto& ps = Paragraphs(state.range(1));
  std::vector<uint64_t> shingles;
  std::vector<uint32_t> sig;
  for (auto _ : state) {
    for (const std::string& p : ps) {
      TheShingler().Shingle(p, &shingles);
      pith_bench::NaiveMinHashXxh3(shingles, seeds, &sig);
      benchmark::DoNotOptimize(sig.data());
    }
  }
  SetRates(state, ps);
}
BENCHMARK(BM_NaiveTextXxh3)->Args({128, 30})->ArgNames({"K", "words"});

// The floor: ASCII word split + one XXH3 per word 3-gram.
void BM_HashOnlyFloor(benchmark::State& state) {
  const auto& ps = Paragraphs(state.range(0));
  std::vector<uint64_t> out;
  std::vector<uint32_t> starts, ends;
  for (auto _ : state) {
    for (const std::string& p : ps) {
      pith_bench::HashOnlyFloor(p, 3, &out, &starts, &ends);
      benchmark::DoNotOptimize(out.data());
    }
  }
  SetRates(state, ps);
}
BENCHMARK(BM_HashOnlyFloor)
    ->ArgName("words")
    ->Arg(10)
    ->Arg(30)
    ->Arg(100)
    ->Arg(300);

}  // namespace

BENCHMARK_MAIN();
