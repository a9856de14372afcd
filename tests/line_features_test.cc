// Copyright 2026 The pith Authors.
//
// The per-line statistics of the cleaner's heuristics
// (lib/clean/line_features.h) and the stopword lookup behind them
// (lib/clean/stopwords.h): hand-checked values, and a randomized comparison
// with a plain byte-by-byte reference scan (the original implementation) over
// lines built from the bytes that matter: white space, NBSP, UTF-8 punctuation,
// Latin-1 letters, stopwords and malformed UTF-8.

#include "lib/clean/line_features.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "lib/clean/stopwords.h"

namespace pith {
namespace internal {
namespace {

// Stopword masks built from the lists with std::map: the reference lookup.
const std::map<std::string, uint32_t>& ReferenceStopwords() {
  static const auto* words = [] {
    auto* m = new std::map<std::string, uint32_t>();
    for (int lang = 0; lang < kNumLanguages; ++lang) {
      for (absl::string_view w :
           absl::StrSplit(StopwordList(lang), ' ', absl::SkipEmpty())) {
        (*m)[std::string(w)] |= 1u << lang;
      }
    }
    return m;
  }();
  return *words;
}

uint32_t ReferenceMask(absl::string_view word) {
  auto it = ReferenceStopwords().find(std::string(word));
  return it == ReferenceStopwords().end() ? 0 : it->second;
}

// The reference: one byte at a time, as the cleaner first did it.
constexpr int kReferenceMaxWord = 12;

bool RefIsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

bool RefIsAsciiLetter(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

int RefPunctuationLength(const unsigned char* p, const unsigned char* end) {
  if (p[0] == 0xC2 && p + 1 < end) return 2;
  if (p[0] == 0xE2 && p + 2 < end && (p[1] == 0x80 || p[1] == 0x81)) return 3;
  return 0;
}

absl::string_view RefTrim(absl::string_view s, size_t* skipped) {
  size_t b = 0, e = s.size();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  for (;;) {
    if (b < e && RefIsSpace(p[b])) {
      ++b;
    } else if (b + 1 < e && p[b] == 0xC2 && p[b + 1] == 0xA0) {
      b += 2;
    } else {
      break;
    }
  }
  for (;;) {
    if (e > b && RefIsSpace(p[e - 1])) {
      --e;
    } else if (e >= b + 2 && p[e - 2] == 0xC2 && p[e - 1] == 0xA0) {
      e -= 2;
    } else {
      break;
    }
  }
  // A list bullet and the space after it: "* ", "• ", and after
  // indentation "+ ", "o ", "# ", "- ".
  if (e - b > 2) {
    size_t marker = 0;
    const unsigned char c = p[b];
    if (c == '*' || (b > 0 && (c == '+' || c == 'o' || c == '#' || c == '-'))) {
      marker = 1;
    } else if (e - b > 4 && c == 0xE2 && p[b + 1] == 0x80 && p[b + 2] == 0xA2) {
      marker = 3;
    }
    if (marker > 0 && (p[b + marker] == ' ' || p[b + marker] == '\t')) {
      b += marker;
      for (;;) {
        if (b < e && RefIsSpace(p[b])) {
          ++b;
        } else if (b + 1 < e && p[b] == 0xC2 && p[b + 1] == 0xA0) {
          b += 2;
        } else {
          break;
        }
      }
    }
  }
  *skipped = b;
  return s.substr(b, e - b);
}

bool RefEndsSentence(absl::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t e = s.size();
  while (e > 0) {
    unsigned char c = p[e - 1];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_' ||
        c == ' ') {
      --e;
      continue;
    }
    if (e >= 3 && p[e - 3] == 0xE2 && p[e - 2] == 0x80 &&
        (c == 0x9D || c == 0x99 || c == 0x9C)) {
      e -= 3;
      continue;
    }
    if (e >= 2 && p[e - 2] == 0xC2 && (c == 0xBB || c == 0xAB)) {
      e -= 2;
      continue;
    }
    if (e >= 3 && p[e - 3] == 0xE3 && p[e - 2] == 0x80 &&
        (c == 0x8D || c == 0x8F)) {
      e -= 3;
      continue;
    }
    break;
  }
  if (e == 0) return false;
  unsigned char c = p[e - 1];
  if (c == '.' || c == '!' || c == '?') return true;
  if (e < 3) return false;
  return (p[e - 3] == 0xE2 && p[e - 2] == 0x80 && c == 0xA6) ||
         (p[e - 3] == 0xE3 && p[e - 2] == 0x80 && c == 0x82) ||
         (p[e - 3] == 0xEF && p[e - 2] == 0xBC && (c == 0x81 || c == 0x9F));
}

void ReferenceFeatures(absl::string_view line, size_t offset, LineFeatures* f) {
  *f = LineFeatures();
  size_t skipped = 0;
  absl::string_view t = RefTrim(line, &skipped);
  f->trim_offset = offset + skipped;
  f->trim_length = t.size();
  if (t.empty()) return;

  const unsigned char* p = reinterpret_cast<const unsigned char*>(t.data());
  const unsigned char* const end = p + t.size();
  {
    unsigned char c = p[0];
    f->starts_upper =
        (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        (c == 0xC3 && t.size() > 1 && p[1] >= 0x80 && p[1] <= 0x9E) ||
        (c >= 0xC4 && c < 0xF0);
    f->starts_lower =
        (c >= 'a' && c <= 'z') || (c == 0xC3 && t.size() > 1 && p[1] >= 0x9F &&
                                   p[1] <= 0xBF && p[1] != 0xB7);
  }
  f->ends_sentence = RefEndsSentence(t);
  f->ends_colon = t.back() == ':';

  char word[kReferenceMaxWord];
  int word_len = 0;
  bool in_token = false;
  bool token_letter = false;
  int token_bytes = 0;
  unsigned char token_first = 0;

  auto end_word = [&]() {
    if (word_len > 0) {
      uint32_t mask = ReferenceMask(absl::string_view(word, word_len));
      while (mask != 0) {
        int lang = __builtin_ctz(mask);
        ++f->stopwords[lang];
        mask &= mask - 1;
      }
    }
    word_len = 0;
  };
  auto end_token = [&]() {
    if (!in_token) return;
    ++f->words;
    if (token_letter) ++f->letter_words;
    if (token_bytes == 1 &&
        (token_first == '|' || token_first == '/' || token_first == '-'))
      ++f->separators;
    in_token = false;
  };

  for (const unsigned char* q = p; q < end;) {
    unsigned char c = *q;
    if (RefIsSpace(c)) {
      end_word();
      end_token();
      ++q;
      continue;
    }
    if (c == 0xC2 && q + 1 < end && q[1] == 0xA0) {
      end_word();
      end_token();
      q += 2;
      continue;
    }
    if (!in_token) {
      in_token = true;
      token_letter = false;
      token_bytes = 0;
      token_first = c;
    }
    if (c < 0x80) {
      ++f->chars;
      ++token_bytes;
      if (RefIsAsciiLetter(c)) {
        token_letter = true;
        if (word_len >= 0) {
          if (word_len < kReferenceMaxWord) {
            word[word_len++] = static_cast<char>(c | 0x20);
          } else {
            word_len = -1;
          }
        }
      } else {
        if (c >= '0' && c <= '9') ++f->digits;
        if (c == '|') ++f->separators;
        if (c == '(' && q + 2 < end && (q[1] | 0x20) == 'c' && q[2] == ')')
          f->copyright = true;
        end_word();
      }
      ++q;
      continue;
    }
    int punct = RefPunctuationLength(q, end);
    if (punct > 0) {
      ++f->chars;
      token_bytes += 2;
      if (q[0] == 0xC2 && q[1] == 0xA9) f->copyright = true;
      if ((q[0] == 0xC2 && (q[1] == 0xB7 || q[1] == 0xBB)) ||
          (q[0] == 0xE2 && q[1] == 0x80 && q[2] == 0xA2))
        ++f->separators;
      end_word();
      q += punct;
      continue;
    }
    token_letter = true;
    ++token_bytes;
    if ((c & 0xC0) != 0x80) ++f->chars;
    if ((c >= 0xE3 && c <= 0xE9) ||
        (c == 0xE0 && q + 1 < end && (q[1] == 0xB8 || q[1] == 0xB9))) {
      ++f->cjk;
    }
    if (word_len >= 0) {
      if (word_len < kReferenceMaxWord) {
        unsigned char lc = c;
        if (word_len > 0 &&
            static_cast<unsigned char>(word[word_len - 1]) == 0xC3 &&
            c >= 0x80 && c <= 0x9E && c != 0x97) {
          lc = c + 0x20;
        }
        word[word_len++] = static_cast<char>(lc);
      } else {
        word_len = -1;
      }
    }
    ++q;
  }
  end_word();
  end_token();
  f->words += f->cjk / 2;
  f->letter_words += f->cjk / 2;
}

std::string Describe(const LineFeatures& f) {
  std::ostringstream out;
  out << "trim=" << f.trim_offset << "+" << f.trim_length
      << " chars=" << f.chars << " words=" << f.words
      << " letter_words=" << f.letter_words << " cjk=" << f.cjk
      << " digits=" << f.digits << " separators=" << f.separators
      << " stopwords=";
  for (int l = 0; l < kNumLanguages; ++l) out << f.stopwords[l] << ",";
  out << " ends_sentence=" << f.ends_sentence
      << " starts_upper=" << f.starts_upper
      << " starts_lower=" << f.starts_lower << " ends_colon=" << f.ends_colon
      << " copyright=" << f.copyright;
  return out.str();
}

std::string Escaped(absl::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

// Expects ComputeLineFeatures and the reference to agree on "line".
void ExpectSameAsReference(absl::string_view line) {
  LineFeatures want, got, portable;
  ReferenceFeatures(line, 7, &want);
  ComputeLineFeatures(line, 7, &got);
  ASSERT_EQ(Describe(got), Describe(want)) << "line: " << Escaped(line);
  ComputeLineFeaturesPortable(line, 7, &portable);
  ASSERT_EQ(Describe(portable), Describe(want)) << "line: " << Escaped(line);
}

TEST(StopwordsTest, EveryListedWordIsFoundAndFitsAKey) {
  int words = 0;
  for (const auto& [word, mask] : ReferenceStopwords()) {
    ++words;
    EXPECT_LE(word.size(), static_cast<size_t>(kMaxStopwordBytes)) << word;
    EXPECT_EQ(StopwordMask(word), mask) << word;
  }
  EXPECT_GT(words, 500);
  EXPECT_EQ(StopwordMask("the"), 1u << kEnglish);
  EXPECT_EQ(StopwordMask("und"), 1u << kGerman);
  EXPECT_EQ(StopwordMask("für"), 1u << kGerman);
  EXPECT_EQ(StopwordMask("a"), (1u << kEnglish) | (1u << kSpanish) |
                                   (1u << kFrench) | (1u << kPortuguese) |
                                   (1u << kPolish) | (1u << kItalian));
  EXPECT_EQ(StopwordMask(""), 0u);
  EXPECT_EQ(StopwordMask("The"), 0u);  // Not lowercased.
  EXPECT_EQ(StopwordMask("thethethe"), 0u);
  EXPECT_EQ(StopwordMask("zwischenx"), 0u);
  EXPECT_EQ(StopwordMask(absl::string_view("the\0", 4)), 0u);
}

TEST(StopwordsTest, LanesCountPerLanguage) {
  uint64_t key = 0;
  std::memcpy(&key, "die", 3);
  const uint64_t lanes = StopwordTable::Get().Lanes(key);
  EXPECT_EQ((lanes >> (8 * kGerman)) & 0xFF, 1u);
  EXPECT_EQ((lanes >> (8 * kDutch)) & 0xFF, 1u);
  EXPECT_EQ((lanes >> (8 * kEnglish)) & 0xFF, 0u);
  std::memcpy(&key, "zzzz", 4);
  EXPECT_EQ(StopwordTable::Get().Lanes(key), 0u);
}

const std::vector<std::string>& Pieces() {
  static const auto* pieces = new std::vector<std::string>{" ",
                                                           " ",
                                                           " ",
                                                           "  ",
                                                           "\t",
                                                           "\r",
                                                           "\v",
                                                           "\f",
                                                           "\n",
                                                           "\xC2\xA0",
                                                           "the",
                                                           "The",
                                                           "THE",
                                                           "und",
                                                           "Und",
                                                           "f\xC3\xBCr",
                                                           "F\xC3\x9CR",
                                                           "\xC3\xBC"
                                                           "ber",
                                                           "\xC3\x9C"
                                                           "BER",
                                                           "da\xC3\x9F",
                                                           "DA\xC3\x9F",
                                                           "kt\xC3\xB3rych",
                                                           "KT\xC3\x93RYCH",
                                                           "tambi\xC3\xA9n",
                                                           "zwischen",
                                                           "zwischenx",
                                                           "a",
                                                           "A",
                                                           "de",
                                                           "e",
                                                           "\xC3\xA0",
                                                           "\xC3\x80",
                                                           "\xC3\xA9",
                                                           "\xC3\x89",
                                                           "\xC3\x97",
                                                           "\xC3\x9F",
                                                           "\xC3\xB7",
                                                           "\xC3\x9E",
                                                           "\xC3\x9D",
                                                           "x",
                                                           "q",
                                                           "Z",
                                                           "abcdefgh",
                                                           "abcdefghijklm",
                                                           "0",
                                                           "7",
                                                           "2026",
                                                           "|",
                                                           "/",
                                                           "-",
                                                           "(",
                                                           ")",
                                                           "(c)",
                                                           "(C)",
                                                           "(c",
                                                           ".",
                                                           "!",
                                                           "?",
                                                           ":",
                                                           ",",
                                                           "\"",
                                                           "'",
                                                           "*",
                                                           "_",
                                                           "]",
                                                           "\xE2\x80\x9D",
                                                           "\xE2\x80\x99",
                                                           "\xE2\x80\x9C",
                                                           "\xE2\x80\xA6",
                                                           "\xE2\x80\xA2",
                                                           "\xE2\x81\x84",
                                                           "\xE2\x80",
                                                           "\xE2",
                                                           "\xC2",
                                                           "\xC2\xA9",
                                                           "\xC2\xB7",
                                                           "\xC2\xBB",
                                                           "\xC2\xAB",
                                                           "\xC2"
                                                           "a",
                                                           "\xC2|",
                                                           "\xC2 ",
                                                           "\xC2\xC2\xA0",
                                                           "\xE2\x80"
                                                           "a",
                                                           "\xE2\x80\xC2\xA0",
                                                           "\xE2\x80(c)",
                                                           "\xC3",
                                                           "\x80",
                                                           "\xBF",
                                                           "\xFF",
                                                           "\xF0\x9F\x98\x80",
                                                           "\xE4\xB8\xAD",
                                                           "\xE3\x80\x82",
                                                           "\xE3\x80\x8D",
                                                           "\xEF\xBC\x9F",
                                                           "\xE0\xB8\x81",
                                                           "\xE0",
                                                           "\xE3",
                                                           "\x00"};
  return *pieces;
}

std::string RandomLine(std::mt19937_64& rng) {
  const auto& pieces = Pieces();
  std::string line;
  const int kind = static_cast<int>(rng() % 4);
  // Some lines cross one or more 64-byte blocks.
  const size_t target = kind == 0   ? rng() % 12
                        : kind == 1 ? rng() % 70
                        : kind == 2 ? 50 + rng() % 100
                                    : rng() % 600;
  while (line.size() < target) {
    if (rng() % 16 == 0) {
      line.push_back(static_cast<char>(rng() & 0xFF));
    } else {
      line += pieces[rng() % pieces.size()];
    }
  }
  return line;
}

TEST(LineFeaturesTest, MatchesReferenceOnRandomLines) {
  std::mt19937_64 rng(20261122);
  for (int i = 0; i < 300000; ++i) {
    ExpectSameAsReference(RandomLine(rng));
    if (HasFatalFailure()) return;
  }
}

TEST(LineFeaturesTest, MatchesReferenceAtEveryBlockPosition) {
  // A sequence at every offset around the 64-byte block edges.
  const char* kSequences[] = {"\xC2\xA0",
                              "\xC2\xA9",
                              "\xE2\x80\xA2",
                              "\xE2\x80(",
                              "\xC2|",
                              "\xC3\x9C"
                              "ber",
                              "the",
                              "(c)",
                              "\xE2\x80"
                              "a b"};
  for (const char* seq : kSequences) {
    for (size_t pad = 0; pad < 140; ++pad) {
      for (char fill : {'x', ' ', '|', '\xC3'}) {
        std::string line = "a" + std::string(pad, fill) + seq + " und z";
        ExpectSameAsReference(line);
        ExpectSameAsReference(line.substr(0, line.size() - 6));
        ExpectSameAsReference(line.substr(0, line.size() - 5));
        if (HasFatalFailure()) return;
      }
    }
  }
}

TEST(LineFeaturesTest, MatchesReferenceOnManyStopwords) {
  // Counters are 16 bits and wrap, as in the reference.
  std::string line;
  for (int i = 0; i < 70000; ++i) line += "a ";
  ExpectSameAsReference(line);
  std::string words;
  for (int i = 0; i < 5000; ++i) words += "die der und the of ";
  ExpectSameAsReference(words);
}

// Every line of a real corpus, when the shared folder is there.
TEST(LineFeaturesTest, MatchesReferenceOnDevPages) {
  std::ifstream in(std::string(PITH_SHARED_DIR) +
                   "/corpus/dev-pages/pages.jsonl");
  if (!in) GTEST_SKIP() << "no dev-pages corpus";
  std::string json;
  int lines = 0;
  while (std::getline(in, json)) {
    // The raw JSON line is text enough: escapes are bytes like any others.
    for (absl::string_view line : absl::StrSplit(json, "\\n")) {
      ExpectSameAsReference(line);
      ++lines;
      if (HasFatalFailure()) return;
    }
  }
  EXPECT_GT(lines, 10000);
}

}  // namespace
}  // namespace internal
}  // namespace pith
