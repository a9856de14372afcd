// Copyright 2026 The pith Authors.
//
// The Cleaner on whole pages, one thread: default rules and heuristics, and
// each half alone to show where the time goes. Input: generated pages, or
// the documents of $PITH_BENCH_INPUT.

#include <algorithm>
#include <string>
#include <vector>

#include "bench/page_generator.h"
#include "benchmark/benchmark.h"
#include "pith/cleaner.h"
#include "pith/rules.h"

namespace {

const std::vector<std::string>& Docs() {
  static const auto* docs =
      new std::vector<std::string>(pith_bench::BenchDocuments(8 << 20));
  return *docs;
}

enum Mode { kAll = 0, kRulesOnly = 1, kHeuristicsOnly = 2 };

// A new Cleaner (so a new RuleSet) for every pass: RuleSet::Match remembers
// the results for short lines, and a pass over lines it has seen would
// measure only that. Building it is not timed.
absl::StatusOr<pith::Cleaner> FreshCleaner(benchmark::State& state, Mode mode) {
  state.PauseTiming();
  absl::StatusOr<pith::RuleSet> rules =
      mode == kHeuristicsOnly
          ? pith::RuleSet::Create({}, pith::RuleSetOptions())
          : pith::RuleSet::Default(pith::RuleSetOptions());
  pith::CleanerOptions options;
  if (mode == kRulesOnly) {
    options.drop_repeated_lines = false;
    options.drop_edge_runs = false;
    options.classify_paragraphs = false;
  }
  absl::StatusOr<pith::Cleaner> cleaner =
      rules.ok() ? pith::Cleaner::Create(*std::move(rules), options)
                 : absl::StatusOr<pith::Cleaner>(rules.status());
  state.ResumeTiming();
  if (!cleaner.ok()) state.SkipWithError(cleaner.status().ToString().c_str());
  return cleaner;
}

void BM_CleanPages(benchmark::State& state, Mode mode) {
  const auto& docs = Docs();
  int64_t lines = 0, removed = 0, kept_bytes = 0;
  for (const std::string& d : docs) {
    lines += std::count(d.begin(), d.end(), '\n') + 1;
  }
  pith::CleanResult result;
  for (auto _ : state) {
    absl::StatusOr<pith::Cleaner> cleaner = FreshCleaner(state, mode);
    if (!cleaner.ok()) return;
    for (const std::string& d : docs) {
      absl::Status s = cleaner->Clean(d, &result);
      if (!s.ok()) {
        state.SkipWithError(s.ToString().c_str());
        return;
      }
      removed += result.removals.size();
      kept_bytes += result.text.size();
    }
  }
  const double iters = static_cast<double>(state.iterations());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(pith_bench::TotalBytes(docs)));
  state.counters["docs/s"] =
      benchmark::Counter(iters * docs.size(), benchmark::Counter::kIsRate);
  state.counters["lines/s"] =
      benchmark::Counter(iters * lines, benchmark::Counter::kIsRate);
  state.counters["removed%"] = 100.0 * removed / (iters * lines);
  state.counters["kept_bytes%"] =
      100.0 * kept_bytes / (iters * pith_bench::TotalBytes(docs));
}
BENCHMARK_CAPTURE(BM_CleanPages, rules_and_heuristics, kAll)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CleanPages, rules_only, kRulesOnly)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CleanPages, heuristics_only, kHeuristicsOnly)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
