// Copyright 2026 The pith Authors.
//
// Cleaning quality on the hand-labelled seed pages in tests/data/seeds
// (labels.json: "boilerplate" and "either" line numbers per file; every other
// non-blank line is article content).
//
// Criterion: an input line counts as kept if the next output line (in order),
// trimmed, is a substring of it (trimmed) at least half its length. A strip
// rule may so cut a credit off a caption and the line still counts as kept. The
// test requires that every content line is kept and that at least 95% of the
// boilerplate lines are not.

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "pith/cleaner.h"
#include "pith/rules.h"
#include "pith/segment.h"

namespace pith {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Extracts the integer array after "key": within "object" (labels.json is a
// small, fixed file; a full JSON parser is not needed).
std::vector<int> IntArray(absl::string_view object, absl::string_view key) {
  std::vector<int> out;
  size_t k = object.find(absl::StrCat("\"", key, "\""));
  if (k == absl::string_view::npos) return out;
  size_t open = object.find('[', k);
  size_t close = object.find(']', open);
  for (absl::string_view part : absl::StrSplit(
           object.substr(open + 1, close - open - 1), ',', absl::SkipEmpty())) {
    int v;
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(part), &v)) {
      out.push_back(v);
    }
  }
  return out;
}

// True if "output" line "*next" is "line", or what a strip rule left of it;
// then advances "*next". Kept lines keep their order, so a greedy walk over
// the output lines aligns them with the input.
bool Kept(absl::string_view line, const std::vector<std::string>& output,
          size_t* next) {
  absl::string_view t = absl::StripAsciiWhitespace(line);
  while (*next < output.size() &&
         absl::StripAsciiWhitespace(output[*next]).empty()) {
    ++*next;
  }
  if (*next == output.size()) return false;
  absl::string_view u = absl::StripAsciiWhitespace(output[*next]);
  if (2 * u.size() >= t.size() && t.find(u) != absl::string_view::npos) {
    ++*next;
    return true;
  }
  return false;
}

TEST(SeedsQualityTest, RemovesBoilerplateAndKeepsEveryContentLine) {
  const std::string dir = std::string(PITH_TEST_DATA_DIR) + "/seeds/";
  const std::string labels = ReadFile(dir + "labels.json");
  ASSERT_FALSE(labels.empty()) << "missing " << dir << "labels.json";
  absl::StatusOr<RuleSet> rules = RuleSet::Default(RuleSetOptions());
  ASSERT_TRUE(rules.ok()) << rules.status();
  absl::StatusOr<Cleaner> cleaner =
      Cleaner::Create(*std::move(rules), CleanerOptions());
  ASSERT_TRUE(cleaner.ok()) << cleaner.status();

  const char* kFiles[] = {
      "000_d1b62c8c4f149f24.txt", "001_1d204536031697b6.txt",
      "002_12d7a953f25de888.txt", "003_25d812c264d26052.txt",
      "004_8be5fd93039ce56a.txt"};
  int boilerplate = 0, removed = 0;
  for (const char* file : kFiles) {
    const std::string text = ReadFile(dir + file);
    ASSERT_FALSE(text.empty()) << file;
    size_t at = labels.find(absl::StrCat("\"", file, "\""));
    ASSERT_NE(at, std::string::npos) << file;
    absl::string_view object =
        absl::string_view(labels).substr(at, labels.find('}', at) - at);
    std::vector<int> bad = IntArray(object, "boilerplate");
    std::vector<int> either = IntArray(object, "either");

    absl::StatusOr<CleanResult> r = cleaner->Clean(text);
    ASSERT_TRUE(r.ok()) << r.status();
    std::vector<std::string> output;
    for (LineIterator it(r->text); !it.done(); it.Next()) {
      output.emplace_back(it.line());
    }
    std::vector<LineSpan> lines = SplitLines(text);
    size_t next = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      const int number = static_cast<int>(i + 1);
      absl::string_view line = lines[i].Line(text);
      if (absl::StripAsciiWhitespace(line).empty()) continue;
      auto has = [&](const std::vector<int>& v) {
        return std::find(v.begin(), v.end(), number) != v.end();
      };
      const bool kept = Kept(line, output, &next);
      if (has(bad)) {
        ++boilerplate;
        if (!kept) ++removed;
        if (kept) std::cout << file << ":" << number << ": boilerplate kept\n";
      } else if (!has(either)) {
        EXPECT_TRUE(kept) << file << ":" << number
                          << ": content removed: " << line;
      }
    }
  }
  ASSERT_GT(boilerplate, 0);
  const double share = static_cast<double>(removed) / boilerplate;
  std::cout << "boilerplate removed " << removed << "/" << boilerplate << "\n";
  EXPECT_GE(share, 0.95);
}

}  // namespace
}  // namespace pith
