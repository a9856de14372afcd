// Copyright 2026 The pith Authors.
//
// The document reader, one thread, on whole pages held in memory (generated
// pages, or the documents of $PITH_BENCH_INPUT):
//
//   BM_ReadTextPages   one reader per page, as `pith clean -f text` opens one
//                      per file; the page is copied into the reader (which
//                      owns its input), and that copy is timed too.
//   BM_ReadJsonl       one reader over all pages as JSONL lines.
//   BM_AppendJsonString  the pages escaped back into JSON string literals.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "bench/page_generator.h"
#include "benchmark/benchmark.h"
#include "pith/io.h"

namespace {

const std::vector<std::string>& Pages() {
  static const auto* pages =
      new std::vector<std::string>(pith_bench::BenchDocuments(8 << 20));
  return *pages;
}

void SetRates(benchmark::State& state, size_t bytes, size_t docs) {
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
  state.counters["docs/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * docs),
                         benchmark::Counter::kIsRate);
}

// Skips the benchmark with "status" unless it is OK; returns whether it is.
bool Ok(benchmark::State& state, const absl::Status& status) {
  if (!status.ok()) state.SkipWithError(status.ToString().c_str());
  return status.ok();
}

void BM_ReadTextPages(benchmark::State& state) {
  const auto& pages = Pages();
  const pith::ReaderOptions options;  // kText.
  pith::Document doc;
  int64_t read = 0;
  for (auto _ : state) {
    for (const std::string& page : pages) {
      absl::StatusOr<pith::DocumentReader> reader =
          pith::DocumentReader::FromString(page, "page", options);
      if (!Ok(state, reader.status())) return;
      while (reader->Next(&doc)) read += static_cast<int64_t>(doc.text.size());
      if (!Ok(state, reader->status())) return;
    }
  }
  if (read != state.iterations() *
                  static_cast<int64_t>(pith_bench::TotalBytes(pages))) {
    state.SkipWithError("the reader lost or added bytes");
  }
  SetRates(state, pith_bench::TotalBytes(pages), pages.size());
}
BENCHMARK(BM_ReadTextPages)->Unit(benchmark::kMillisecond);

void BM_ReadJsonl(benchmark::State& state) {
  const auto& pages = Pages();
  std::string jsonl;
  for (size_t i = 0; i < pages.size(); ++i) {
    jsonl += "{\"id\":" + std::to_string(i) + ",\"text\":";
    pith::AppendJsonString(pages[i], &jsonl);
    jsonl += "}\n";
  }
  pith::ReaderOptions options;
  options.format = pith::DocumentFormat::kJsonl;
  pith::Document doc;
  int64_t docs = 0;
  for (auto _ : state) {
    absl::StatusOr<pith::DocumentReader> reader =
        pith::DocumentReader::FromString(jsonl, "pages.jsonl", options);
    if (!Ok(state, reader.status())) return;
    while (reader->Next(&doc)) ++docs;
    if (!Ok(state, reader->status())) return;
  }
  if (docs != state.iterations() * static_cast<int64_t>(pages.size())) {
    state.SkipWithError("the reader lost or added documents");
  }
  SetRates(state, jsonl.size(), pages.size());
}
BENCHMARK(BM_ReadJsonl)->Unit(benchmark::kMillisecond);

void BM_AppendJsonString(benchmark::State& state) {
  const auto& pages = Pages();
  std::string out;
  for (auto _ : state) {
    for (const std::string& page : pages) {
      out.clear();
      pith::AppendJsonString(page, &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  SetRates(state, pith_bench::TotalBytes(pages), pages.size());
}
BENCHMARK(BM_AppendJsonString)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
