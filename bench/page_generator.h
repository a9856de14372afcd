// Copyright 2026 The pith Authors.
//
// Realistic benchmark input: a seeded generator of scraped-page text, and a
// loader for a real corpus named by the PITH_BENCH_INPUT environment variable.
//
// A generated page looks like what a scraper returns: a header of short menu
// lines, boilerplate ("Skip to main content", "Share on Facebook", cookie
// banners), a title, article paragraphs of 30-200 words with sentence
// punctuation and Zipf-distributed words (stopwords included, so the
// classifier sees realistic text), paragraphs syndicated from a shared pool
// with small edits (near duplicates for the deduplicator), and a footer of tag
// lists and copyright lines. The same seed gives the same bytes everywhere.
//
// Example:
//
//   pith_bench::PageGenerator gen(/*seed=*/42);
//   std::string page = gen.Page();
//   std::vector<std::string> docs = pith_bench::BenchDocuments(8 << 20);
//
// Header-only so that every bench/*_benchmark.cc binary and bench/gen_pages
// can use it without extra CMake wiring.

#ifndef PITH_BENCH_PAGE_GENERATOR_H_
#define PITH_BENCH_PAGE_GENERATOR_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace pith_bench {

// splitmix64: small, fast and good enough for test data.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n). REQUIRES: n > 0
  uint32_t Uniform(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * n) >> 32);
  }
  // Uniform in [lo, hi].
  int Range(int lo, int hi) {
    return lo + static_cast<int>(Uniform(hi - lo + 1));
  }
  double Unit() { return (Next() >> 11) * (1.0 / 9007199254740992.0); }
  bool OneIn(uint32_t n) { return Uniform(n) == 0; }

 private:
  uint64_t state_;
};

inline const std::vector<std::string>& Stopwords() {
  static const auto* words = new std::vector<std::string>{
      "the",   "of",  "and",   "to",   "a",    "in",    "is",   "that",
      "for",   "it",  "as",    "was",  "with", "be",    "by",   "on",
      "not",   "he",  "this",  "are",  "or",   "his",   "from", "at",
      "which", "but", "have",  "an",   "had",  "they",  "you",  "were",
      "their", "one", "all",   "we",   "can",  "her",   "has",  "there",
      "been",  "if",  "more",  "when", "will", "would", "who",  "so",
      "no",    "she", "other", "its",  "may",  "these", "than", "them"};
  return *words;
}

inline const std::vector<std::string>& Menus() {
  static const auto* words = new std::vector<std::string>{
      "Home",      "News",      "World",         "Politics",  "Business",
      "Tech",      "Science",   "Health",        "Sports",    "Culture",
      "Opinion",   "Travel",    "Video",         "Podcasts",  "About us",
      "Contact",   "Subscribe", "Log in",        "Sign up",   "Newsletters",
      "Weather",   "Markets",   "Entertainment", "Lifestyle", "Careers",
      "Advertise", "Privacy",   "Terms of use",  "Sitemap",   "Archive"};
  return *words;
}

// Lines that scraped pages repeat everywhere; most are caught by the default
// rules or the heuristics.
inline const std::vector<std::string>& BoilerplateLines() {
  static const auto* lines = new std::vector<std::string>{
      "Skip to main content",
      "Skip to content",
      "Read more",
      "Read More »",
      "Share on Facebook",
      "Share on Twitter",
      "Share this article",
      "Click here to subscribe",
      "Sign up for our newsletter",
      "Subscribe to our newsletter to get the latest news",
      "We use cookies to improve your experience on our site.",
      "This website uses cookies. By continuing to browse you agree to our "
      "use of cookies.",
      "Accept all cookies",
      "Advertisement",
      "ADVERTISEMENT",
      "Related articles",
      "You may also like",
      "Leave a comment",
      "Comments are closed.",
      "Posted in Uncategorized",
      "Tags: news, world, politics",
      "Follow us on Instagram",
      "All rights reserved.",
      "Back to top",
      "Loading...",
      "Print this page",
      "Report a correction",
      "5 min read",
      "Photo: Getty Images",
      "Copyright © 2024 Example Media Group. All rights reserved."};
  return *lines;
}

// A seeded generator of scraped pages and paragraphs.
// Not thread-safe; use one per thread.
class PageGenerator {
 public:
  explicit PageGenerator(uint64_t seed = 42, int vocabulary = 20000,
                         int pool_size = 2000)
      : rng_(seed) {
    Rng vocab_rng(0x5eed0000 ^ seed);
    static const char* const kSyllables[] = {
        "ka",  "ro",  "ta", "men", "li", "do",   "ver", "sa",   "in",  "ter",
        "pro", "con", "ra", "ne",  "mo", "tion", "al",  "est",  "ble", "ri",
        "ca",  "de",  "pa", "lo",  "si", "vi",   "na",  "ment", "ous", "en"};
    words_ = Stopwords();
    while (static_cast<int>(words_.size()) < vocabulary) {
      std::string w;
      int n = vocab_rng.Range(1, 4);
      for (int i = 0; i < n; ++i) w += kSyllables[vocab_rng.Uniform(30)];
      words_.push_back(w);
    }
    // Zipf(1.0) cumulative weights over the vocabulary (stopwords first, so
    // they are the most frequent words).
    cdf_.resize(words_.size());
    double sum = 0;
    for (size_t i = 0; i < words_.size(); ++i) {
      sum += 1.0 / (i + 1.0);
      cdf_[i] = sum;
    }
    for (double& c : cdf_) c /= sum;
    for (int i = 0; i < pool_size; ++i) pool_.push_back(Paragraph(30, 150));
  }

  // One Zipf-distributed word.
  const std::string& Word() {
    double u = rng_.Unit();
    size_t i = std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin();
    return words_[std::min(i, words_.size() - 1)];
  }

  // A paragraph of exactly "words" words in sentences of 8-25 words.
  std::string ParagraphOfWords(int words) {
    std::string p;
    int in_sentence = 0, sentence_len = rng_.Range(8, 25);
    for (int i = 0; i < words; ++i) {
      std::string w = Word();
      if (in_sentence == 0 && !w.empty()) w[0] = static_cast<char>(w[0] - 32);
      if (!p.empty()) p += ' ';
      p += w;
      if (++in_sentence == sentence_len || i + 1 == words) {
        p += rng_.OneIn(12) ? "?" : ".";
        in_sentence = 0;
        sentence_len = rng_.Range(8, 25);
      } else if (rng_.OneIn(12)) {
        p += ',';
      }
    }
    return p;
  }

  std::string Paragraph(int min_words, int max_words) {
    return ParagraphOfWords(rng_.Range(min_words, max_words));
  }

  // A paragraph from the shared pool, sometimes with a few words changed:
  // the near duplicates a crawler sees across pages.
  std::string Syndicated() {
    std::string p = pool_[rng_.Uniform(static_cast<uint32_t>(pool_.size()))];
    if (rng_.OneIn(2)) return p;
    int edits = rng_.Range(1, 3);
    for (int e = 0; e < edits; ++e) {
      size_t at = rng_.Uniform(static_cast<uint32_t>(p.size()));
      size_t space = p.find(' ', at);
      if (space == std::string::npos) break;
      size_t end = p.find(' ', space + 1);
      if (end == std::string::npos) end = p.size();
      p.replace(space + 1, end - space - 1, Word());
    }
    return p;
  }

  // One whole page: header, boilerplate, article, footer. About 4-8 KB.
  std::string Page() {
    std::string page;
    auto line = [&page](const std::string& s) {
      page += s;
      page += '\n';
    };
    const auto& menus = Menus();
    const auto& boiler = BoilerplateLines();
    if (rng_.OneIn(2)) line(boiler[rng_.Uniform(2)]);
    int menu = rng_.Range(4, 14);
    for (int i = 0; i < menu; ++i) line(menus[rng_.Uniform(menus.size())]);
    if (rng_.OneIn(3)) line(boiler[10 + rng_.Uniform(3)]);
    line("");
    line(ParagraphOfWords(rng_.Range(5, 12)).substr(0, 90));  // The title.
    line("");
    if (rng_.OneIn(2)) line(boiler[27 + rng_.Uniform(2)]);
    int paragraphs = rng_.Range(4, 14);
    for (int i = 0; i < paragraphs; ++i) {
      if (rng_.OneIn(5)) {
        line(Syndicated());
      } else {
        line(Paragraph(rng_.OneIn(4) ? 10 : 30, rng_.OneIn(3) ? 250 : 120));
      }
      line("");
      if (rng_.OneIn(6)) {
        line(boiler[rng_.Uniform(static_cast<uint32_t>(boiler.size()))]);
        line("");
      }
    }
    int footer = rng_.Range(3, 12);
    for (int i = 0; i < footer; ++i) {
      if (rng_.OneIn(2)) {
        line(menus[rng_.Uniform(menus.size())]);
      } else {
        line(boiler[13 + rng_.Uniform(17)]);
      }
    }
    return page;
  }

  Rng& rng() { return rng_; }

 private:
  Rng rng_;
  std::vector<std::string> words_;
  std::vector<double> cdf_;
  std::vector<std::string> pool_;
};

// Appends the UTF-8 encoding of code point "cp" to "out".
inline void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Extracts the string value of the top-level "text" field from one JSONL line,
// decoding escapes. Returns false if there is none. A small, lenient parser
// for benchmark input only (the library's reader is pith/io.h).
inline bool ExtractJsonText(const std::string& line, std::string* out) {
  size_t key = line.find("\"text\"");
  if (key == std::string::npos) return false;
  size_t i = line.find(':', key + 6);
  if (i == std::string::npos) return false;
  i = line.find('"', i);
  if (i == std::string::npos) return false;
  out->clear();
  for (++i; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"') return true;
    if (c != '\\' || i + 1 >= line.size()) {
      out->push_back(c);
      continue;
    }
    char e = line[++i];
    switch (e) {
      case 'n':
        out->push_back('\n');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'u': {
        if (i + 4 >= line.size()) return false;
        uint32_t cp = std::strtoul(line.substr(i + 1, 4).c_str(), nullptr, 16);
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < line.size() &&
            line[i + 1] == '\\' && line[i + 2] == 'u') {
          uint32_t lo =
              std::strtoul(line.substr(i + 3, 4).c_str(), nullptr, 16);
          if (lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
          }
        }
        AppendUtf8(cp, out);
        break;
      }
      default:
        out->push_back(e);
        break;  // \" \\ \/
    }
  }
  return false;
}

// Reads the documents of "path": the "text" field of each line of a .jsonl
// file, or else the whole file as one document. Exits on a read error.
inline std::vector<std::string> ReadDocuments(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "PITH_BENCH_INPUT: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  std::vector<std::string> docs;
  bool jsonl = path.size() >= 6 && path.substr(path.size() - 6) == ".jsonl";
  if (!jsonl) {
    std::stringstream ss;
    ss << in.rdbuf();
    docs.push_back(ss.str());
    return docs;
  }
  std::string line, text;
  while (std::getline(in, line)) {
    if (ExtractJsonText(line, &text)) docs.push_back(text);
  }
  return docs;
}

// The benchmark documents: those of $PITH_BENCH_INPUT if set, else generated
// pages (seed 42) totalling at least "generated_bytes".
inline std::vector<std::string> BenchDocuments(size_t generated_bytes) {
  if (const char* path = std::getenv("PITH_BENCH_INPUT"); path && *path) {
    return ReadDocuments(path);
  }
  PageGenerator gen(42);
  std::vector<std::string> docs;
  size_t total = 0;
  while (total < generated_bytes) {
    docs.push_back(gen.Page());
    total += docs.back().size();
  }
  return docs;
}

// Splits documents into their non-blank lines: what pith treats as
// paragraphs of scraped text (one paragraph per line).
inline std::vector<std::string> SplitParagraphs(
    const std::vector<std::string>& docs) {
  std::vector<std::string> out;
  for (const std::string& d : docs) {
    size_t start = 0;
    while (start <= d.size()) {
      size_t end = d.find('\n', start);
      if (end == std::string::npos) end = d.size();
      size_t len = end - start;
      if (len > 0 && d[start + len - 1] == '\r') --len;
      if (len > 0) out.push_back(d.substr(start, len));
      start = end + 1;
    }
  }
  return out;
}

inline size_t TotalBytes(const std::vector<std::string>& v) {
  size_t n = 0;
  for (const auto& s : v) n += s.size();
  return n;
}

}  // namespace pith_bench

#endif  // PITH_BENCH_PAGE_GENERATOR_H_
