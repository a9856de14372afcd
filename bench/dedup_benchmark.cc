// Copyright 2026 The pith Authors.
//
// The Deduplicator on whole pages: streaming (Add() per document), batch
// (AddBatch() on 1 and 2 threads), for line and paragraph units, and a
// stream of 1 MiB batches as pith dedup feeds it (one AddBatch() after
// another, or pipelined with StartBatch() / FinishBatch()). Each iteration
// starts from an empty index. Counters: paragraphs (units) per
// second, duplicates found and index bytes per indexed unit.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/page_generator.h"
#include "benchmark/benchmark.h"
#include "pith/dedup.h"

namespace {

const std::vector<std::string>& Docs() {
  static const auto* docs =
      new std::vector<std::string>(pith_bench::BenchDocuments(16 << 20));
  return *docs;
}

const std::vector<std::string>& Ids() {
  static const auto* ids = [] {
    auto* v = new std::vector<std::string>;
    for (size_t i = 0; i < Docs().size(); ++i)
      v->push_back(absl::StrCat("d", i));
    return v;
  }();
  return *ids;
}

void SetRates(benchmark::State& state, const pith::DedupStats& stats) {
  const double iters = static_cast<double>(state.iterations());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(pith_bench::TotalBytes(Docs())));
  state.counters["paragraphs/s"] =
      benchmark::Counter(iters * stats.units, benchmark::Counter::kIsRate);
  state.counters["dup%"] =
      stats.units == 0
          ? 0.0
          : 100.0 * (stats.exact_duplicates + stats.near_duplicates) /
                stats.units;
  state.counters["bytes/indexed"] = stats.bytes_per_indexed_unit();
}

pith::DedupOptions Options(int unit, int threads) {
  pith::DedupOptions options;
  options.unit =
      unit == 0 ? pith::DedupUnit::kLine : pith::DedupUnit::kParagraph;
  options.threads = threads;
  return options;
}

void BM_DedupStreaming(benchmark::State& state) {
  const auto& docs = Docs();
  pith::DedupStats stats;
  for (auto _ : state) {
    auto dedup = pith::Deduplicator::Create(Options(state.range(0), 1));
    if (!dedup.ok()) {
      state.SkipWithError(dedup.status().ToString().c_str());
      return;
    }
    for (size_t i = 0; i < docs.size(); ++i) {
      auto v = dedup->Add(Ids()[i], docs[i]);
      if (!v.ok()) {
        state.SkipWithError(v.status().ToString().c_str());
        return;
      }
      benchmark::DoNotOptimize(v->text.data());
    }
    stats = dedup->stats();
  }
  SetRates(state, stats);
}
BENCHMARK(BM_DedupStreaming)
    ->ArgName("paragraph_units")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_DedupBatch(benchmark::State& state) {
  const auto& docs = Docs();
  std::vector<pith::DedupDocument> batch(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) batch[i] = {Ids()[i], docs[i]};
  std::vector<pith::DocumentVerdict> verdicts;
  pith::DedupStats stats;
  for (auto _ : state) {
    auto dedup = pith::Deduplicator::Create(
        Options(state.range(0), static_cast<int>(state.range(1))));
    if (!dedup.ok()) {
      state.SkipWithError(dedup.status().ToString().c_str());
      return;
    }
    absl::Status s = dedup->AddBatch(batch, &verdicts);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      return;
    }
    stats = dedup->stats();
  }
  SetRates(state, stats);
}
BENCHMARK(BM_DedupBatch)
    ->ArgNames({"paragraph_units", "threads"})
    ->ArgsProduct({{0, 1}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The documents cut into consecutive batches of about 1 MiB (the size that
// pith dedup uses).
std::vector<std::vector<pith::DedupDocument>> MiBBatches() {
  const auto& docs = Docs();
  std::vector<std::vector<pith::DedupDocument>> batches(1);
  size_t bytes = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (bytes >= (size_t{1} << 20)) {
      batches.emplace_back();
      bytes = 0;
    }
    batches.back().push_back({Ids()[i], docs[i]});
    bytes += docs[i].size();
  }
  return batches;
}

// pipelined:0 calls AddBatch() on each batch in turn; pipelined:1 starts
// each batch before finishing the one before it, so that the helpers sign
// it meanwhile (pith dedup on 2 threads or more).
void BM_DedupBatchStream(benchmark::State& state) {
  const bool pipelined = state.range(0) != 0;
  const auto batches = MiBBatches();
  std::vector<pith::DocumentVerdict> verdicts;
  pith::DedupStats stats;
  size_t kept_bytes = 0;
  for (auto _ : state) {
    auto dedup = pith::Deduplicator::Create(
        Options(0, static_cast<int>(state.range(1))));
    if (!dedup.ok()) {
      state.SkipWithError(dedup.status().ToString().c_str());
      return;
    }
    if (pipelined) dedup->StartBatch(batches[0]);
    for (size_t b = 0; b < batches.size(); ++b) {
      absl::Status s;
      if (pipelined) {
        if (b + 1 < batches.size()) dedup->StartBatch(batches[b + 1]);
        s = dedup->FinishBatch(&verdicts);
      } else {
        s = dedup->AddBatch(batches[b], &verdicts);
      }
      if (!s.ok()) {
        state.SkipWithError(s.ToString().c_str());
        return;
      }
      for (const pith::DocumentVerdict& v : verdicts) {
        kept_bytes += v.text.size();
      }
    }
    stats = dedup->stats();
  }
  benchmark::DoNotOptimize(kept_bytes);
  SetRates(state, stats);
}
BENCHMARK(BM_DedupBatchStream)
    ->ArgNames({"pipelined", "threads"})
    ->ArgsProduct({{0, 1}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
