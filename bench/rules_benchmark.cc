// Copyright 2026 The pith Authors.
//
// Rule matching: the default RuleSet (lib/clean/rule_set.cc) against the naive way, the
// same patterns tried one RE2 at a time. Input: the lines of generated pages,
// or of $PITH_BENCH_INPUT.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/page_generator.h"
#include "benchmark/benchmark.h"
#include "pith/rules.h"
#include "re2/re2.h"

namespace {

const std::vector<std::string>& Lines() {
  static const auto* lines = new std::vector<std::string>(
      pith_bench::SplitParagraphs(pith_bench::BenchDocuments(4 << 20)));
  return *lines;
}

void SetRates(benchmark::State& state, const std::vector<std::string>& lines,
              int64_t hits) {
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(pith_bench::TotalBytes(lines)));
  state.counters["lines/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * lines.size(),
                         benchmark::Counter::kIsRate);
  state.counters["hit%"] =
      100.0 * hits / (static_cast<double>(state.iterations()) * lines.size());
  state.counters["rules"] = pith::RuleSet::DefaultRules().size();
}

// RuleSet::Match remembers the results for short lines, so passes over
// lines it has seen would measure only that. Two ways around it:
//   memo:1  a new RuleSet (so a cold memo and cold RE2 caches) for every
//           pass, as a new process sees its first few MB; building it is
//           not timed;
//   memo:0  one RuleSet without the memo (remembered_lines = 0), warm: the
//           matcher alone on lines it has not seen.
absl::StatusOr<pith::RuleSet> MakeRules(benchmark::State& state, bool memo,
                                        bool timing) {
  if (timing) state.PauseTiming();
  pith::RuleSetOptions options;
  if (!memo) options.remembered_lines = 0;
  absl::StatusOr<pith::RuleSet> rules = pith::RuleSet::Default(options);
  if (timing) state.ResumeTiming();
  if (!rules.ok()) state.SkipWithError(rules.status().ToString().c_str());
  return rules;
}

void BM_RuleSetMatch(benchmark::State& state) {
  const bool memo = state.range(0) != 0;
  const auto& lines = Lines();
  std::vector<int> matches;
  int64_t hits = 0;
  absl::StatusOr<pith::RuleSet> rules = absl::UnknownError("not built");
  if (!memo) rules = MakeRules(state, false, false);
  for (auto _ : state) {
    if (memo) rules = MakeRules(state, true, true);
    if (!rules.ok()) return;
    for (const std::string& line : lines) {
      absl::Status s = rules->Match(line, &matches);
      benchmark::DoNotOptimize(s);
      hits += !matches.empty();
    }
  }
  SetRates(state, lines, hits);
}
BENCHMARK(BM_RuleSetMatch)
    ->ArgName("memo")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);

// The set (warm, without the memo) on short lines (menus, buttons: <= 80
// bytes) and long ones (paragraphs), separately: where the time goes.
void BM_RuleSetMatchByLength(benchmark::State& state) {
  const bool long_lines = state.range(0) != 0;
  std::vector<std::string> lines;
  for (const std::string& line : Lines()) {
    if ((line.size() > 80) == long_lines) lines.push_back(line);
  }
  std::vector<int> matches;
  int64_t hits = 0;
  absl::StatusOr<pith::RuleSet> rules = MakeRules(state, false, false);
  if (!rules.ok()) return;
  for (auto _ : state) {
    for (const std::string& line : lines) {
      absl::Status s = rules->Match(line, &matches);
      benchmark::DoNotOptimize(s);
      hits += !matches.empty();
    }
  }
  SetRates(state, lines, hits);
}
BENCHMARK(BM_RuleSetMatchByLength)
    ->ArgName("long")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);

// With PITH_BENCH_RULE_COSTS=1: the set's time on ~1 MB of lines with each
// rule left out in turn, the costliest rules first (not run by default).
void BM_RuleSetLeaveOneOut(benchmark::State& state) {
  const std::vector<pith::Rule> all = pith::RuleSet::DefaultRules();
  std::vector<std::string> lines;
  size_t bytes = 0;
  for (const std::string& line : Lines()) {
    if (bytes > (1 << 20)) break;
    lines.push_back(line);
    bytes += line.size();
  }
  auto time_set = [&lines](std::vector<pith::Rule> rules) {
    auto set = pith::RuleSet::Create(std::move(rules), pith::RuleSetOptions());
    if (!set.ok()) return -1.0;
    std::vector<int> matches;
    auto start = std::chrono::steady_clock::now();
    for (const std::string& line : lines) (void)set->Match(line, &matches);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start)
        .count();
  };
  for (auto _ : state) {
    const double full = time_set(all);
    std::vector<std::pair<double, std::string>> costs;
    for (size_t i = 0; i < all.size(); ++i) {
      std::vector<pith::Rule> rest = all;
      rest.erase(rest.begin() + i);
      costs.push_back({full - time_set(std::move(rest)), all[i].name});
    }
    std::sort(costs.rbegin(), costs.rend());
    std::fprintf(stderr, "set: %.1f ms on %.2f MB; saved by leaving out:\n",
                 full * 1e3, bytes / 1e6);
    for (size_t i = 0; i < costs.size() && i < 15; ++i) {
      std::fprintf(stderr, "  %-28s %7.1f ms\n", costs[i].second.c_str(),
                   costs[i].first * 1e3);
    }
  }
}
const bool kRuleCosts = [] {
  const char* env = std::getenv("PITH_BENCH_RULE_COSTS");
  if (env != nullptr && *env == '1') {
    benchmark::RegisterBenchmark("BM_RuleSetLeaveOneOut", BM_RuleSetLeaveOneOut)
        ->Iterations(1);
  }
  return true;
}();

std::vector<std::unique_ptr<RE2>> CompileEach(std::string* error) {
  std::vector<std::unique_ptr<RE2>> res;
  RE2::Options options;
  options.set_log_errors(false);
  for (const pith::Rule& rule : pith::RuleSet::DefaultRules()) {
    auto re = std::make_unique<RE2>(rule.pattern, options);
    if (!re->ok()) {
      *error = absl::StrCat(rule.name, ": ", re->error());
      return {};
    }
    res.push_back(std::move(re));
  }
  return res;
}

// The naive way: every rule's RE2 on every line (stopping at the first
// match, which is all a "drop" decision needs).
void BM_NaivePerRuleRe2(benchmark::State& state) {
  std::string error;
  std::vector<std::unique_ptr<RE2>> res = CompileEach(&error);
  if (res.empty()) {
    state.SkipWithError(error.empty() ? "no default rules" : error.c_str());
    return;
  }
  const auto& lines = Lines();
  int64_t hits = 0;
  for (auto _ : state) {
    for (const std::string& line : lines) {
      re2::StringPiece text(line.data(), line.size());
      bool hit = false;
      for (const auto& re : res) {
        if (RE2::PartialMatch(text, *re)) {
          hit = true;
          break;
        }
      }
      hits += hit;
    }
  }
  SetRates(state, lines, hits);
}
BENCHMARK(BM_NaivePerRuleRe2)->Unit(benchmark::kMillisecond);

// As above, but finding every matching rule (what RuleSet::Match reports).
void BM_NaivePerRuleRe2AllMatches(benchmark::State& state) {
  std::string error;
  std::vector<std::unique_ptr<RE2>> res = CompileEach(&error);
  if (res.empty()) {
    state.SkipWithError(error.empty() ? "no default rules" : error.c_str());
    return;
  }
  const auto& lines = Lines();
  std::vector<int> matches;
  int64_t hits = 0;
  for (auto _ : state) {
    for (const std::string& line : lines) {
      re2::StringPiece text(line.data(), line.size());
      matches.clear();
      for (size_t i = 0; i < res.size(); ++i) {
        if (RE2::PartialMatch(text, *res[i])) matches.push_back(i);
      }
      hits += !matches.empty();
    }
  }
  SetRates(state, lines, hits);
}
BENCHMARK(BM_NaivePerRuleRe2AllMatches)->Unit(benchmark::kMillisecond);

// Not timed: the set and the naive loop must agree on every line.
void BM_CheckSetAgreesWithNaive(benchmark::State& state) {
  absl::StatusOr<pith::RuleSet> rules =
      pith::RuleSet::Default(pith::RuleSetOptions());
  std::string error;
  std::vector<std::unique_ptr<RE2>> res = CompileEach(&error);
  if (!rules.ok() || res.empty()) {
    state.SkipWithError("cannot compile the default rules");
    return;
  }
  std::vector<int> got, want;
  int64_t checked = 0;
  for (auto _ : state) {
    for (const std::string& line : Lines()) {
      if (!rules->Match(line, &got).ok()) {
        state.SkipWithError("Match failed");
        return;
      }
      want.clear();
      for (size_t i = 0; i < res.size(); ++i) {
        if (RE2::PartialMatch(line, *res[i])) want.push_back(i);
      }
      if (got != want) {
        state.SkipWithError(
            absl::StrCat("set and naive disagree on \"", line, "\"").c_str());
        return;
      }
      ++checked;
    }
  }
  state.counters["lines"] = checked;
}
BENCHMARK(BM_CheckSetAgreesWithNaive)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
