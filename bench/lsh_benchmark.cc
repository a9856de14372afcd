// Copyright 2026 The pith Authors.
//
// LSH insert and query (the default 18 x 7 layout at K = 128, and 9 x 13)
// on signatures of generated page paragraphs. Bytes processed are the text
// bytes of the paragraphs whose signatures go through the index, so MB/s is
// comparable with the other stages; the index's memory per signature is a
// counter.

#include <cstdint>
#include <string>
#include <vector>

#include "bench/page_generator.h"
#include "benchmark/benchmark.h"
#include "pith/lsh.h"
#include "pith/minhash.h"
#include "pith/shingle.h"

namespace {

constexpr int kNumPerm = 128;

struct Corpus {
  std::vector<pith::Signature> signatures;
  int64_t bytes = 0;
};

// Signatures of the paragraphs (lines with >= 5 words) of ~16 MB of pages.
const Corpus& TheCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    auto shingler = pith::Shingler::Create(pith::ShingleOptions());
    pith::MinHashOptions mo;
    mo.num_perm = kNumPerm;
    auto hasher = pith::MinHasher::Create(mo);
    std::vector<uint64_t> shingles;
    for (const std::string& p :
         pith_bench::SplitParagraphs(pith_bench::BenchDocuments(16 << 20))) {
      if (shingler->Shingle(p, &shingles) < 5) continue;
      c->signatures.push_back(hasher->Sign(shingles));
      c->bytes += p.size();
    }
    return c;
  }();
  return *corpus;
}

pith::LshParams Params(int bands, int rows) {
  pith::LshParams params;
  params.bands = bands;
  params.rows = rows;
  return params;
}

void SetRates(benchmark::State& state, const Corpus& c) {
  state.SetBytesProcessed(state.iterations() * c.bytes);
  state.counters["paragraphs/s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * c.signatures.size(),
      benchmark::Counter::kIsRate);
}

void BM_LshInsert(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  const pith::LshParams params = Params(state.range(0), state.range(1));
  const bool reserve = state.range(2) != 0;
  size_t memory = 0;
  for (auto _ : state) {
    auto index = pith::LshIndex::Create(params, kNumPerm);
    if (!index.ok()) {
      state.SkipWithError(index.status().ToString().c_str());
      return;
    }
    if (reserve) index->Reserve(c.signatures.size());
    for (size_t i = 0; i < c.signatures.size(); ++i) {
      index->Insert(static_cast<uint32_t>(i), c.signatures[i]);
    }
    memory = index->MemoryUsage();
  }
  SetRates(state, c);
  state.counters["signatures"] = c.signatures.size();
  state.counters["bytes/signature"] =
      static_cast<double>(memory) / c.signatures.size();
}
BENCHMARK(BM_LshInsert)
    ->ArgNames({"bands", "rows", "reserve"})
    ->Args({18, 7, 0})
    ->Args({18, 7, 1})
    ->Args({9, 13, 0})
    ->Unit(benchmark::kMillisecond);

void BM_LshQuery(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  auto index =
      pith::LshIndex::Create(Params(state.range(0), state.range(1)), kNumPerm);
  if (!index.ok()) {
    state.SkipWithError(index.status().ToString().c_str());
    return;
  }
  for (size_t i = 0; i < c.signatures.size(); ++i) {
    index->Insert(static_cast<uint32_t>(i), c.signatures[i]);
  }
  std::vector<uint32_t> candidates;
  int64_t total = 0;
  for (auto _ : state) {
    for (const pith::Signature& s : c.signatures) {
      index->Query(s, &candidates);
      total += candidates.size();
    }
  }
  SetRates(state, c);
  state.counters["candidates/query"] =
      static_cast<double>(total) /
      (static_cast<double>(state.iterations()) * c.signatures.size());
}
BENCHMARK(BM_LshQuery)
    ->ArgNames({"bands", "rows"})
    ->Args({18, 7})
    ->Args({9, 13})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
