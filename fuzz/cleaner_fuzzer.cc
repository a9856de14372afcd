// Copyright 2026 The pith Authors.
//
// Fuzzes the Cleaner with the default rules on arbitrary bytes (invalid
// UTF-8, NULs, CRs, huge lines).
//
// Input: the last byte picks one of a few option sets; the rest is the
// document. Properties:
//   * Clean() succeeds (the default rules fit their memory budget).
//   * Every output line is an input line, in input order (a byte-exact
//     subsequence), except lines a strip rule cut, which are byte
//     subsequences of their input line.
//   * Removals have line numbers in [1, lines], in non-decreasing order, at
//     most one whole-line removal per line, and a kept line is never one
//     that was removed whole; a whole-line removal's text is that line.
//   * A rejected document has empty text and names its rule and line.
//   * "unchanged" is set exactly when the text is the document.
//   * Clean() is deterministic, and the buffer-reusing overload gives the
//     same result as a fresh call.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzzed_data_provider.h"
#include "pith/cleaner.h"
#include "pith/rules.h"

namespace {

constexpr size_t kMaxDocument = 64 << 10;

struct Line {
  absl::string_view content;  // Without "\n", with any "\r".
  bool terminated = false;    // Followed by "\n".
};

// Splits at "\n"; a final line without "\n" counts only if non-empty.
std::vector<Line> SplitLines(absl::string_view text) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == absl::string_view::npos) {
      lines.push_back({text.substr(start), false});
      break;
    }
    lines.push_back({text.substr(start, end - start), true});
    start = end + 1;
  }
  return lines;
}

absl::string_view WithoutCr(absl::string_view s) {
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

bool IsByteSubsequence(absl::string_view small, absl::string_view big) {
  size_t j = 0;
  for (char c : small) {
    while (j < big.size() && big[j] != c) ++j;
    if (j == big.size()) return false;
    ++j;
  }
  return true;
}

// With "texts" false, the removals' texts are not compared.
bool SameResult(const pith::CleanResult& a, const pith::CleanResult& b,
                bool texts = true) {
  if (a.text != b.text || a.rejected != b.rejected ||
      a.unchanged != b.unchanged || a.reject_rule != b.reject_rule ||
      a.reject_line != b.reject_line ||
      a.removals.size() != b.removals.size()) {
    return false;
  }
  for (size_t i = 0; i < a.removals.size(); ++i) {
    const pith::Removal& x = a.removals[i];
    const pith::Removal& y = b.removals[i];
    if (x.line != y.line || x.reason != y.reason ||
        (texts && x.text != y.text) || x.partial != y.partial) {
      return false;
    }
  }
  return true;
}

std::vector<std::unique_ptr<pith::Cleaner>> MakeCleaners(bool removed_text) {
  std::vector<pith::CleanerOptions> all(4);
  for (pith::CleanerOptions& options : all) {
    options.report_removed_text = removed_text;
  }
  all[1].drop_repeated_lines = false;
  all[1].drop_edge_runs = false;
  all[1].classify_paragraphs = false;
  all[2].tidy_blank_lines = false;
  all[2].footer_zone = 1.0;
  all[2].header_zone = 1.0;
  all[3].footer_zone = 0.0;
  all[3].header_zone = 0.0;
  all[3].edge_run_min_lines = 1;
  std::vector<std::unique_ptr<pith::Cleaner>> cleaners;
  for (const pith::CleanerOptions& options : all) {
    absl::StatusOr<pith::RuleSet> rules =
        pith::RuleSet::Default(pith::RuleSetOptions());
    PITH_FUZZ_CHECK(rules.ok(), rules.status().ToString());
    absl::StatusOr<pith::Cleaner> cleaner =
        pith::Cleaner::Create(*std::move(rules), options);
    PITH_FUZZ_CHECK(cleaner.ok(), cleaner.status().ToString());
    cleaners.push_back(std::make_unique<pith::Cleaner>(*std::move(cleaner)));
  }
  return cleaners;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxDocument) return 0;
  static const auto* const cleaners =
      new std::vector<std::unique_ptr<pith::Cleaner>>(MakeCleaners(true));
  // The same options, but report_removed_text false.
  static const auto* const lean =
      new std::vector<std::unique_ptr<pith::Cleaner>>(MakeCleaners(false));
  static auto* const reused = new pith::CleanResult();

  FuzzedDataProvider provider(data, size);
  const size_t which =
      provider.ConsumeIntegralInRange<size_t>(0, cleaners->size() - 1);
  const pith::Cleaner& cleaner = *(*cleaners)[which];
  const std::string document = provider.ConsumeRemainingBytesAsString();

  absl::StatusOr<pith::CleanResult> result = cleaner.Clean(document);
  PITH_FUZZ_CHECK(result.ok(), result.status().ToString());
  const pith::CleanResult& r = *result;

  absl::StatusOr<pith::CleanResult> again = cleaner.Clean(document);
  PITH_FUZZ_CHECK(again.ok() && SameResult(r, *again), "not deterministic");
  absl::Status s = cleaner.Clean(document, reused);
  PITH_FUZZ_CHECK(s.ok() && SameResult(r, *reused),
                  "the reusing overload differs");
  // Without removed text: the same result but for the removals' texts, which
  // are empty (checked on the reused result, whose removals held texts).
  s = (*lean)[which]->Clean(document, reused);
  PITH_FUZZ_CHECK(s.ok() && SameResult(r, *reused, false),
                  "report_removed_text changes the result");
  for (const pith::Removal& x : reused->removals) {
    PITH_FUZZ_CHECK(x.text.empty(), "a removal has text it should not report");
  }

  const std::vector<Line> in = SplitLines(document);
  const int n = static_cast<int>(in.size());
  std::vector<char> whole(n + 1, 0), partial(n + 1, 0);
  int previous = 0;
  for (const pith::Removal& x : r.removals) {
    PITH_FUZZ_CHECK(x.line >= 1 && x.line <= n,
                    absl::StrCat("removal line ", x.line, " of ", n));
    PITH_FUZZ_CHECK(x.line >= previous, "removals out of order");
    previous = x.line;
    if (x.partial) {
      partial[x.line] = 1;
    } else {
      PITH_FUZZ_CHECK(!whole[x.line],
                      absl::StrCat("line ", x.line, " removed twice"));
      whole[x.line] = 1;
      if (!partial[x.line]) {
        PITH_FUZZ_CHECK(
            x.text == WithoutCr(in[x.line - 1].content) ||
                x.text == in[x.line - 1].content,
            absl::StrCat("removal text of line ", x.line, ": ", x.reason));
      }
    }
  }

  PITH_FUZZ_CHECK(r.unchanged == (!r.rejected && r.text == document),
                  absl::StrCat("unchanged is ", r.unchanged));
  if (r.rejected) {
    PITH_FUZZ_CHECK(r.text.empty(), "a rejected document kept text");
    PITH_FUZZ_CHECK(!r.reject_rule.empty(), "");
    PITH_FUZZ_CHECK(r.reject_line >= 1 && r.reject_line <= n,
                    absl::StrCat("reject line ", r.reject_line));
    return 0;
  }

  // Kept lines: greedy earliest match keeps the most room for the rest.
  const std::vector<Line> out = SplitLines(r.text);
  int j = 0;  // Next candidate input line (0-based).
  for (size_t k = 0; k < out.size(); ++k) {
    const Line& o = out[k];
    bool found = false;
    for (; j < n; ++j) {
      if (whole[j + 1]) continue;
      const Line& i = in[j];
      const bool same_terminator =
          o.terminated == i.terminated || (k + 1 == out.size() && i.terminated);
      if (!same_terminator) continue;
      if (o.content == i.content ||
          (partial[j + 1] && IsByteSubsequence(o.content, i.content))) {
        found = true;
        ++j;
        break;
      }
    }
    PITH_FUZZ_CHECK(
        found, absl::StrCat("output line ", k + 1,
                            " is not a kept input line: \"", o.content, "\""));
  }
  return 0;
}
