// Copyright 2026 The pith Authors.

#include "pith/shingle.h"

#include <cstdint>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "pith/minhash.h"

namespace pith {
namespace {

Shingler Make(ShingleUnit unit = ShingleUnit::kWord, int ngram = 3,
              uint64_t seed = 0) {
  ShingleOptions o;
  o.unit = unit;
  o.ngram = ngram;
  o.seed = seed;
  absl::StatusOr<Shingler> s = Shingler::Create(o);
  EXPECT_TRUE(s.ok()) << s.status();
  return *s;
}

std::vector<uint64_t> Shingles(const Shingler& s, absl::string_view text) {
  std::vector<uint64_t> out;
  s.Shingle(text, &out);
  return out;
}

using Tokens = std::vector<std::string>;

TEST(ShingleTest, TokensAreWordRunsOfFoldedText) {
  Shingler s = Make();
  EXPECT_EQ(s.Tokenize("Hello, World! It's 2024_x... (ok)"),
            (Tokens{"hello", "world", "it", "s", "2024_x", "ok"}));
  EXPECT_EQ(s.CountTokens("Hello, World! It's 2024_x... (ok)"), 6);
  EXPECT_EQ(s.Tokenize(""), Tokens{});
  EXPECT_EQ(s.Tokenize(" \t\n.,;:!?-—–()[]{}\"'“”‘’«»…"), Tokens{});
}

TEST(ShingleTest, CurlyAndStraightQuotesAreEqual) {
  Shingler s = Make();
  EXPECT_EQ(Shingles(s, "I don’t know “why” she said"),
            Shingles(s, "I don't know \"why\" she said"));
  EXPECT_EQ(s.Tokenize("don’t"), (Tokens{"don", "t"}));
}

TEST(ShingleTest, DashesAreEqual) {
  Shingler s = Make();
  EXPECT_EQ(Shingles(s, "well—known state-of–the−art work"),
            Shingles(s, "well-known state-of-the-art work"));
}

TEST(ShingleTest, CaseIsFoldedIncludingNonAscii) {
  Shingler s = Make();
  EXPECT_EQ(Shingles(s, "THE QUICK BROWN FOX"),
            Shingles(s, "the quick brown fox"));
  EXPECT_EQ(Shingles(s, "Ärger über Öl"), Shingles(s, "ärger ÜBER öl"));
  // utf8proc folds "ß" (and "ẞ") to "ss".
  EXPECT_EQ(s.Tokenize("STRASSE"), s.Tokenize("straße"));
  EXPECT_EQ(s.Tokenize("STRASSE"), s.Tokenize("STRAẞE"));
  EXPECT_EQ(Shingles(s, "ΑΘΗΝΑ σοφία"), Shingles(s, "αθηνα ΣΟΦΊΑ"));
}

TEST(ShingleTest, CompatibilityFormsAreEqual) {
  Shingler s = Make();
  EXPECT_EQ(s.Tokenize("ﬁne ﬂow"), (Tokens{"fine", "flow"}));
  EXPECT_EQ(s.Tokenize("ＡＢＣ１２３"), (Tokens{"abc123"}));
  // Composed and decomposed "é" are the same token.
  EXPECT_EQ(s.Tokenize("caf\xC3\xA9"), s.Tokenize("cafe\xCC\x81"));
  EXPECT_EQ(s.Tokenize("café au lait").size(), 3u);
  // A combining mark does not split a word (unlike Python's \w).
  EXPECT_EQ(s.Tokenize("naïve résumé").size(), 2u);
}

TEST(ShingleTest, SpacelessScriptsFallBackToCharacters) {
  Shingler s = Make();
  EXPECT_EQ(s.CountTokens("我爱北京天安门"), 7);
  EXPECT_EQ(Shingles(s, "我爱北京天安门").size(), 5u);
  EXPECT_EQ(s.Tokenize("東京Tower、すし。"),
            (Tokens{"東", "京", "tower", "す", "し"}));
  // Thai: each consonant with its marks.
  EXPECT_GE(s.CountTokens("สวัสดีครับ"), 5);
  // Hangul is written with spaces: words stay words.
  EXPECT_EQ(s.CountTokens("안녕하세요 세계"), 2);
  // Half-width katakana folds to full width.
  EXPECT_EQ(s.Tokenize("ｶﾀｶﾅ"), s.Tokenize("カタカナ"));
  // A small edit keeps most shingles.
  std::vector<uint64_t> a = Shingles(s, "今天天气很好我们去公园散步吧");
  std::vector<uint64_t> b = Shingles(s, "今天天气很好我们去公园跑步吧");
  EXPECT_DOUBLE_EQ(ExactJaccard(a, b), 9.0 / 15);  // 3 of 12 changed.
}

TEST(ShingleTest, ShortParagraphIsOneShingle) {
  Shingler s = Make();
  EXPECT_EQ(Shingles(s, "Sponsored content").size(), 1u);
  EXPECT_EQ(Shingles(s, "Hello").size(), 1u);
  EXPECT_EQ(Shingles(s, "one two three").size(), 1u);
  EXPECT_EQ(Shingles(s, "one two three four").size(), 2u);
  EXPECT_NE(Shingles(s, "one two"), Shingles(s, "two one"));
  EXPECT_NE(Shingles(s, "one two"), Shingles(s, "one two two"));
  EXPECT_EQ(Shingles(s, "Sponsored, content!"),
            Shingles(s, "sponsored content"));
}

TEST(ShingleTest, NoTokensMeansNoShingles) {
  Shingler s = Make();
  std::vector<uint64_t> out = {1, 2, 3};
  EXPECT_EQ(s.Shingle(" ... — !!! ", &out), 0);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(s.Shingle("", &out), 0);
  EXPECT_TRUE(out.empty());
}

TEST(ShingleTest, MinUnitsOnlyCountsShortTexts) {
  for (ShingleUnit unit : {ShingleUnit::kWord, ShingleUnit::kChar}) {
    Shingler s = Make(unit);
    for (absl::string_view text :
         {"", "Read more", "one two three four", "caf\u00e9 na\u00efve x y z",
          "Photo: AP / Jane Doe. All rights reserved, 2004."}) {
      std::vector<uint64_t> all, some = {7};
      const int units = s.Shingle(text, &all);
      for (int min_units : {0, 1, units, units + 1, 1000}) {
        EXPECT_EQ(s.Shingle(text, min_units, &some), units) << text;
        if (units < min_units) {
          EXPECT_TRUE(some.empty()) << text << " " << min_units;
        } else {
          EXPECT_EQ(some, all) << text << " " << min_units;
        }
      }
    }
  }
}

TEST(ShingleTest, ShinglesAreOrderSensitiveAndKeepRepeats) {
  Shingler s = Make();
  std::vector<uint64_t> abc = Shingles(s, "a b c");
  std::vector<uint64_t> cba = Shingles(s, "c b a");
  EXPECT_NE(abc, cba);
  std::vector<uint64_t> rep = Shingles(s, "a b c a b c");
  ASSERT_EQ(rep.size(), 4u);
  EXPECT_EQ(rep[0], rep[3]);
  EXPECT_EQ(rep[0], abc[0]);
  EXPECT_NE(rep[0], rep[1]);
}

TEST(ShingleTest, OneWordEditKeepsMostShingles) {
  Shingler s = Make();
  std::string a =
      "The government said on Tuesday that it would publish the report "
      "next month after a review of the evidence by an independent panel of "
      "experts from three universities";
  std::string b = a;
  b.replace(b.find("Tuesday"), 7, "Monday");
  double j = ExactJaccard(Shingles(s, a), Shingles(s, b));
  EXPECT_GT(j, 0.75);
  EXPECT_LT(j, 1.0);
}

TEST(ShingleTest, DeterministicForASeed) {
  std::string text = "Deterministic shingles for one seed, always.";
  EXPECT_EQ(Shingles(Make(ShingleUnit::kWord, 3, 7), text),
            Shingles(Make(ShingleUnit::kWord, 3, 7), text));
  EXPECT_NE(Shingles(Make(ShingleUnit::kWord, 3, 7), text),
            Shingles(Make(ShingleUnit::kWord, 3, 8), text));
  // Known value: changing it changes the storage format.
  std::vector<uint64_t> once = Shingles(Make(), text);
  EXPECT_EQ(once.size(), 4u);
}

TEST(ShingleTest, CharacterShingles) {
  Shingler s = Make(ShingleUnit::kChar, 3);
  std::vector<uint64_t> out;
  EXPECT_EQ(s.Shingle("Hello, World!", &out), 11);  // "hello world"
  EXPECT_EQ(out.size(), 9u);
  EXPECT_EQ(Shingles(s, "hello   world"), out);
  EXPECT_EQ(Shingles(s, "ab").size(), 1u);
  EXPECT_TRUE(Shingles(s, "  ").empty());
  EXPECT_EQ(s.CountTokens("日本語"), 5);  // "日 本 語"
}

TEST(ShingleTest, InvalidOptionsAreErrors) {
  ShingleOptions o;
  o.ngram = 0;
  EXPECT_EQ(Shingler::Create(o).status().code(),
            absl::StatusCode::kInvalidArgument);
  o.ngram = 65;
  EXPECT_EQ(Shingler::Create(o).status().code(),
            absl::StatusCode::kInvalidArgument);
  o.ngram = 1;
  EXPECT_TRUE(Shingler::Create(o).ok());
}

TEST(ShingleTest, InvalidUtf8AndNulBytesAreSeparators) {
  Shingler s = Make();
  EXPECT_EQ(s.Tokenize(absl::string_view("ab\xff"
                                         "cd\xc0\xaf"
                                         "ef",
                                         10)),
            (Tokens{"ab", "cd", "ef"}));
  EXPECT_EQ(s.Tokenize(absl::string_view("ab\0cd", 5)), (Tokens{"ab", "cd"}));
  EXPECT_EQ(s.Tokenize("ab\xed\xa0\x80"
                       "cd"),
            (Tokens{"ab", "cd"}));                      // Surrogate.
  EXPECT_EQ(s.Tokenize("ab\xe4\xb8"), (Tokens{"ab"}));  // Truncated.
  std::mt19937_64 rng(1);
  std::vector<uint64_t> out;
  Shingler c = Make(ShingleUnit::kChar, 5);
  for (int i = 0; i < 2000; ++i) {
    std::string junk(rng() % 64, '\0');
    for (char& ch : junk) ch = static_cast<char>(rng());
    s.Shingle(junk, &out);
    c.Shingle(junk, &out);
    for (const std::string& t : s.Tokenize(junk)) EXPECT_FALSE(t.empty());
  }
}

TEST(ShingleTest, TenMegabyteParagraphWorks) {
  Shingler s = Make();
  std::string big;
  big.reserve(10 << 20);
  for (int i = 0; big.size() < (10u << 20); ++i) {
    big += "word";
    big += std::to_string(i % 1000);
    big += ' ';
  }
  std::vector<uint64_t> out;
  int tokens = s.Shingle(big, &out);
  EXPECT_GT(tokens, 1000000);
  EXPECT_EQ(out.size(), static_cast<size_t>(tokens - 2));
  // One 10 MB token.
  std::string one(10 << 20, 'x');
  EXPECT_EQ(s.Shingle(one, &out), 1);
  EXPECT_EQ(out.size(), 1u);
  EXPECT_EQ(s.Tokenize(one)[0].size(), one.size());
}

// --- The evaluation contract (corpus/dev-neardup/common.py) ---

// Decodes the JSON string starting after the opening quote at text[*pos].
bool ParseJsonString(const std::string& line, size_t* pos, std::string* out) {
  out->clear();
  auto put = [&](uint32_t cp) {
    if (cp < 0x80) {
      *out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      *out += static_cast<char>(0xC0 | (cp >> 6));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *out += static_cast<char>(0xE0 | (cp >> 12));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *out += static_cast<char>(0xF0 | (cp >> 18));
      *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  };
  size_t i = *pos;
  while (i < line.size() && line[i] != '"') {
    char c = line[i++];
    if (c != '\\') {
      *out += c;
      continue;
    }
    char e = line[i++];
    switch (e) {
      case 'n':
        *out += '\n';
        break;
      case 't':
        *out += '\t';
        break;
      case 'r':
        *out += '\r';
        break;
      case 'b':
        *out += '\b';
        break;
      case 'f':
        *out += '\f';
        break;
      case 'u': {
        uint32_t cp = std::stoul(line.substr(i, 4), nullptr, 16);
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && line.compare(i, 2, "\\u") == 0) {
          uint32_t lo = std::stoul(line.substr(i + 2, 4), nullptr, 16);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          i += 6;
        }
        put(cp);
        break;
      }
      default:
        *out += e;
    }
  }
  *pos = i + 1;
  return i < line.size();
}

// Paragraphs as common.split_paragraphs: split on \n[ \t]*\n, strip, drop
// empty ones.
std::vector<std::string> SplitParagraphs(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0, i = 0;
  auto emit = [&](size_t end) {
    size_t a = start, b = end;
    while (a < b && isspace(static_cast<unsigned char>(text[a]))) ++a;
    while (b > a && isspace(static_cast<unsigned char>(text[b - 1]))) --b;
    if (b > a) out.push_back(text.substr(a, b - a));
  };
  while (i < text.size()) {
    if (text[i] == '\n') {
      size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      if (j < text.size() && text[j] == '\n') {
        emit(i);
        start = i = j + 1;
        continue;
      }
    }
    ++i;
  }
  emit(text.size());
  return out;
}

TEST(ShingleTest, ExactJaccardMatchesTheEvaluationContract) {
  const std::string dir = std::string(PITH_SHARED_DIR) + "/corpus/dev-neardup/";
  std::ifstream docs(dir + "docs.jsonl");
  std::ifstream pairs(dir + "pairs.tsv");
  if (!docs || !pairs) GTEST_SKIP() << "no dev-neardup corpus in " << dir;
  Shingler s = Make();
  absl::flat_hash_map<std::string, std::vector<uint64_t>> shingles;
  std::string line, id, text;
  while (std::getline(docs, line)) {
    size_t pos = line.find("\"id\"");
    ASSERT_NE(pos, std::string::npos);
    pos = line.find('"', pos + 4) + 1;
    ASSERT_TRUE(ParseJsonString(line, &pos, &id));
    pos = line.find("\"text\"");
    ASSERT_NE(pos, std::string::npos);
    pos = line.find('"', pos + 6) + 1;
    ASSERT_TRUE(ParseJsonString(line, &pos, &text));
    std::vector<std::string> paras = SplitParagraphs(text);
    for (size_t i = 0; i < paras.size(); ++i) {
      s.Shingle(paras[i], &shingles[id + ":" + std::to_string(i)]);
    }
  }
  ASSERT_EQ(shingles.size(), 8073u);
  int checked = 0, bad = 0;
  while (std::getline(pairs, line)) {
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    ASSERT_EQ(f.size(), 3u) << line;
    ASSERT_TRUE(shingles.contains(f[0]) && shingles.contains(f[1])) << line;
    double want = std::stod(f[2]);
    double got = ExactJaccard(shingles[f[0]], shingles[f[1]]);
    if (std::abs(got - want) > 1e-4) {
      if (++bad < 10) ADD_FAILURE() << line << " got " << got;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 4489);
  EXPECT_EQ(bad, 0);
}

// The ASCII fast path must give the shingles of the Unicode path: the same
// text with every space replaced by U+00A0 (a separator that is not ASCII)
// goes through the Unicode path only. Covers mixed case, digits, "_",
// punctuation, tokens longer than any internal buffer and more tokens than
// one batch.
TEST(ShingleTest, AsciiFastPathMatchesUnicodePath) {
  std::mt19937 rng(42);
  const std::string alphabet =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
  const std::string punct = ".,;:!?'\"()-/\t\n";
  for (int round = 0; round < 50; ++round) {
    std::string ascii;
    const int words = 1 + static_cast<int>(rng() % 2000);
    for (int w = 0; w < words; ++w) {
      // 1-20 bytes covers the one- and two-word loads of the token hash
      // and its XXH3 path for longer tokens.
      int len = 1 + static_cast<int>(rng() % 20);
      if (rng() % 500 == 0) len = 200 + static_cast<int>(rng() % 9000);
      for (int i = 0; i < len; ++i) ascii += alphabet[rng() % alphabet.size()];
      if (rng() % 4 == 0) ascii += punct[rng() % punct.size()];
      ascii += ' ';
    }
    std::string unicode;
    for (char c : ascii) {
      if (c == ' ') {
        unicode += "\u00a0";
      } else {
        unicode += c;
      }
    }
    for (int ngram : {1, 3}) {
      Shingler s = Make(ShingleUnit::kWord, ngram, 7);
      std::vector<uint64_t> a, b;
      EXPECT_EQ(s.Shingle(ascii, &a), s.Shingle(unicode, &b));
      EXPECT_EQ(a, b) << "round " << round << " ngram " << ngram;
    }
  }
}

// The ASCII path reads the text in blocks of 64 bytes: a token may start,
// end or lie across a block's edge, at the end of the text or not.
TEST(ShingleTest, TokensAcrossBlockEdgesMatchTheUnicodePath) {
  Shingler s = Make(ShingleUnit::kWord, 1, 11);
  for (size_t offset = 0; offset < 140; ++offset) {
    for (size_t len = 1; len < 80; len += (len < 20 ? 1 : 7)) {
      for (bool tail : {false, true}) {
        std::string word;
        for (size_t i = 0; i < len; ++i) word += static_cast<char>('a' + i % 26);
        const std::string ascii =
            std::string(offset, ' ') + word + (tail ? " z9" : "");
        // The same tokens, with a no-break space: the Unicode path.
        std::string unicode = std::string(offset, ' ') + word +
                              (tail ? "\u00a0z9" : "\u00a0");
        if (offset > 0) unicode.replace(offset - 1, 1, "\u00a0");
        std::vector<uint64_t> a, b;
        ASSERT_EQ(s.Shingle(ascii, &a), tail ? 2 : 1);
        ASSERT_EQ(s.Shingle(unicode, &b), tail ? 2 : 1);
        EXPECT_EQ(a, b) << "offset " << offset << " len " << len;
      }
    }
  }
}

// Every token of up to three word bytes has its own hash (they are the
// most frequent words, and differ in few bits); so do tokens that differ
// only in length or in a byte at either end of a word load.
TEST(ShingleTest, ShortTokensHaveDistinctHashes) {
  Shingler s = Make(ShingleUnit::kWord, 1, 3);
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_";
  std::vector<std::string> tokens;
  for (char a : alphabet) {
    tokens.push_back(std::string(1, a));
    for (char b : alphabet) {
      tokens.push_back(std::string{a, b});
      for (char c : alphabet) tokens.push_back(std::string{a, b, c});
    }
  }
  for (size_t len = 4; len <= 40; ++len) {
    tokens.push_back(std::string(len, 'a'));
    tokens.push_back(std::string(len - 1, 'a') + "b");
    tokens.push_back("b" + std::string(len - 1, 'a'));
  }
  std::set<uint64_t> seen;
  std::vector<uint64_t> out;
  for (const std::string& t : tokens) {
    ASSERT_EQ(s.Shingle(t, &out), 1) << t;
    EXPECT_TRUE(seen.insert(out[0]).second) << "collision at " << t;
  }
}

// Non-ASCII letters and marks inside or next to ASCII words stay part of
// the word, whichever path sees them first.
TEST(ShingleTest, NonAsciiInsideAsciiWordsJoinsTheWord) {
  Shingler s = Make(ShingleUnit::kWord, 1);
  EXPECT_EQ(s.Tokenize("Cafe\u0301 na\u00efve x\u00e9y\u00e9 ABC"),
            (Tokens{"cafe\u0301", "nai\u0308ve", "xe\u0301ye\u0301", "abc"}));
  EXPECT_EQ(Shingles(s, "Cafe\u0301 na\u00efve"),
            Shingles(s, "cafe\u0301 nai\u0308ve"));
  EXPECT_EQ(Shingles(s, "don\u2019t stop"), Shingles(s, "DON'T Stop"));
}

}  // namespace
}  // namespace pith
