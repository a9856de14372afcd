// Copyright 2026 The pith Authors.
//
// Shingling alone (normalize, tokenize, hash n-grams) on paragraphs of 10 to
// 300 words and on real page lines, against the hash-only floor: ASCII word
// splitting and one XXH3 per shingle, nothing else.

#include <cstdint>
#include <string>
#include <vector>

#include "bench/baselines.h"
#include "bench/page_generator.h"
#include "benchmark/benchmark.h"
#include "pith/shingle.h"

namespace {

// About 2 MB of paragraphs of exactly "words" words; 0 means the lines of
// the page corpus (or $PITH_BENCH_INPUT).
const std::vector<std::string>& Paragraphs(int words) {
  static auto* cache = new std::vector<std::vector<std::string>>(301);
  std::vector<std::string>& v = (*cache)[words];
  if (v.empty()) {
    if (words == 0) {
      v = pith_bench::SplitParagraphs(pith_bench::BenchDocuments(4 << 20));
    } else {
      pith_bench::PageGenerator gen(1000 + words);
      size_t total = 0;
      while (total < (2u << 20)) {
        v.push_back(gen.ParagraphOfWords(words));
        total += v.back().size();
      }
    }
  }
  return v;
}

void SetRates(benchmark::State& state, const std::vector<std::string>& ps,
              int64_t shingles) {
  const double iters = static_cast<double>(state.iterations());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(pith_bench::TotalBytes(ps)));
  state.counters["paragraphs/s"] =
      benchmark::Counter(iters * ps.size(), benchmark::Counter::kIsRate);
  state.counters["shingles/s"] = benchmark::Counter(
      static_cast<double>(shingles), benchmark::Counter::kIsRate);
}

void BM_Shingle(benchmark::State& state, pith::ShingleUnit unit, int ngram) {
  const auto& ps = Paragraphs(state.range(0));
  pith::ShingleOptions options;
  options.unit = unit;
  options.ngram = ngram;
  absl::StatusOr<pith::Shingler> shingler = pith::Shingler::Create(options);
  if (!shingler.ok()) {
    state.SkipWithError(shingler.status().ToString().c_str());
    return;
  }
  std::vector<uint64_t> out;
  int64_t shingles = 0;
  for (auto _ : state) {
    for (const std::string& p : ps) {
      shingler->Shingle(p, &out);
      shingles += out.size();
    }
  }
  SetRates(state, ps, shingles);
}
BENCHMARK_CAPTURE(BM_Shingle, word3, pith::ShingleUnit::kWord, 3)
    ->ArgName("words")
    ->Arg(0)
    ->Arg(10)
    ->Arg(30)
    ->Arg(100)
    ->Arg(300);
BENCHMARK_CAPTURE(BM_Shingle, char5, pith::ShingleUnit::kChar, 5)
    ->ArgName("words")
    ->Arg(0)
    ->Arg(30);

void BM_HashOnlyFloor(benchmark::State& state) {
  const auto& ps = Paragraphs(state.range(0));
  std::vector<uint64_t> out;
  std::vector<uint32_t> starts, ends;
  int64_t shingles = 0;
  for (auto _ : state) {
    for (const std::string& p : ps) {
      pith_bench::HashOnlyFloor(p, 3, &out, &starts, &ends);
      shingles += out.size();
    }
  }
  SetRates(state, ps, shingles);
}
BENCHMARK(BM_HashOnlyFloor)
    ->ArgName("words")
    ->Arg(0)
    ->Arg(10)
    ->Arg(30)
    ->Arg(100)
    ->Arg(300);

}  // namespace

BENCHMARK_MAIN();
