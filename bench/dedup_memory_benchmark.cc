// Copyright 2026 The pith Authors.
//
// The Deduplicator as a crawler uses it: memory per indexed paragraph at
// one million paragraphs (default options, paragraph units), and the
// throughput of concurrent Add() on 1 and 2 threads.
//
// BM_MemoryAtOneMillion adds 100,000 pages of 10 paragraphs (~40 words,
// 5% near copies of an earlier paragraph) and reports
//   bytes/paragraph       DedupStats::bytes_per_indexed_unit()
//   rss_bytes/paragraph   growth of the process's VmRSS over the run
//   hwm_bytes/paragraph   growth of VmHWM (peak RSS) over the run
// BM_ConcurrentAdd/threads:N adds 20,000 such pages from N threads sharing
// one Deduplicator (pages/s, paragraphs/s).

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "pith/dedup.h"

namespace {

constexpr int kParagraphsPerPage = 10;
constexpr int kWordsPerParagraph = 40;
constexpr int kVocabulary = 20000;

uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Paragraph "p": random words; every 20th is paragraph p / 2 with two words
// changed (J ~ 0.75-0.85 with 3-grams).
void AppendParagraph(uint64_t p, std::string* out) {
  uint64_t source = p;
  int change_a = -1, change_b = -1;
  if (p % 20 == 19) {
    source = p / 2;
    change_a = static_cast<int>(Mix(p) % kWordsPerParagraph);
    change_b = static_cast<int>(Mix(p + 1) % kWordsPerParagraph);
  }
  for (int w = 0; w < kWordsPerParagraph; ++w) {
    if (w) out->push_back(' ');
    if (w == change_a || w == change_b) {
      absl::StrAppend(out, "edit", p);
    } else {
      absl::StrAppend(out, "w", Mix(source * 64 + w) % kVocabulary);
    }
  }
}

std::string Page(uint64_t page) {
  std::string text;
  for (int i = 0; i < kParagraphsPerPage; ++i) {
    AppendParagraph(page * kParagraphsPerPage + i, &text);
    text += "\n\n";
  }
  return text;
}

// A /proc/self/status field in bytes (0 if unavailable).
size_t ProcStatus(const char* field) {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  size_t kb = 0;
  const size_t n = std::strlen(field);
  while (std::fgets(line, sizeof(line), f) != nullptr) {
    if (std::strncmp(line, field, n) == 0 && line[n] == ':') {
      kb = std::strtoull(line + n + 1, nullptr, 10);
      break;
    }
  }
  std::fclose(f);
  return kb * 1024;
}

pith::DedupOptions Options() {
  pith::DedupOptions o;
  o.unit = pith::DedupUnit::kParagraph;
  return o;
}

void BM_MemoryAtOneMillion(benchmark::State& state) {
  const uint64_t pages = static_cast<uint64_t>(state.range(0));
  for (auto _ : state) {
    const size_t rss0 = ProcStatus("VmRSS"), hwm0 = ProcStatus("VmHWM");
    absl::StatusOr<pith::Deduplicator> d =
        pith::Deduplicator::Create(Options());
    if (!d.ok()) {
      state.SkipWithError("create failed");
      return;
    }
    for (uint64_t p = 0; p < pages; ++p) {
      absl::StatusOr<pith::DocumentVerdict> v =
          d->Add(absl::StrCat("https://example.com/page/", p), Page(p));
      if (!v.ok()) {
        state.SkipWithError("add failed");
        return;
      }
    }
    const pith::DedupStats s = d->stats();
    const double n = static_cast<double>(s.indexed_units);
    state.counters["paragraphs"] = static_cast<double>(s.units);
    state.counters["indexed"] = n;
    state.counters["near_dups"] = static_cast<double>(s.near_duplicates);
    state.counters["bytes/paragraph"] = s.bytes_per_indexed_unit();
    state.counters["rss_bytes/paragraph"] =
        (static_cast<double>(ProcStatus("VmRSS")) - rss0) / n;
    state.counters["hwm_bytes/paragraph"] =
        (static_cast<double>(ProcStatus("VmHWM")) - hwm0) / n;
  }
}
BENCHMARK(BM_MemoryAtOneMillion)
    ->Arg(100000)  // 1,000,000 paragraphs.
    ->Iterations(1)
    ->Unit(benchmark::kSecond);

void BM_ConcurrentAdd(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  constexpr uint64_t kPages = 20000;
  std::vector<std::string> pages;
  for (uint64_t p = 0; p < kPages; ++p) pages.push_back(Page(p));
  uint64_t units = 0;
  for (auto _ : state) {
    absl::StatusOr<pith::Deduplicator> d =
        pith::Deduplicator::Create(Options());
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (uint64_t p = t; p < kPages; p += threads) {
          benchmark::DoNotOptimize(d->Add("page", pages[p]));
        }
      });
    }
    for (std::thread& t : pool) t.join();
    units = d->stats().units;
  }
  const double iters = static_cast<double>(state.iterations());
  state.counters["pages/s"] =
      benchmark::Counter(iters * kPages, benchmark::Counter::kIsRate);
  state.counters["paragraphs/s"] = benchmark::Counter(
      iters * static_cast<double>(units), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ConcurrentAdd)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
