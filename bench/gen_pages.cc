// Copyright 2026 The pith Authors.
//
// Writes generated scraped pages (bench/page_generator.h) for end-to-end
// benchmarks:
//
//   gen_pages [--format=jsonl|text] [--seed=N] MEGABYTES > pages.jsonl
//
// JSONL output has one {"id": ..., "url": ..., "text": ...} object per line;
// text output separates pages with a blank line. The same seed and size give
// the same bytes.

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bench/page_generator.h"

namespace {

void AppendJsonString(const std::string& s, std::string* out) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          *out += buf;
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

int Usage() {
  std::fprintf(stderr,
               "usage: gen_pages [--format=jsonl|text] [--seed=N] MEGABYTES\n");
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  bool jsonl = true;
  uint64_t seed = 42;
  double megabytes = -1;
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (std::strcmp(a, "--format=jsonl") == 0) {
      jsonl = true;
    } else if (std::strcmp(a, "--format=text") == 0) {
      jsonl = false;
    } else if (std::strncmp(a, "--seed=", 7) == 0) {
      seed = std::strtoull(a + 7, nullptr, 10);
    } else if (a[0] != '-' && megabytes < 0) {
      megabytes = std::atof(a);
    } else {
      return Usage();
    }
  }
  if (megabytes <= 0) return Usage();
  const size_t target = static_cast<size_t>(megabytes * 1e6);
  pith_bench::PageGenerator gen(seed);
  std::string out;
  size_t written = 0;
  for (uint64_t n = 0; written < target; ++n) {
    std::string page = gen.Page();
    out.clear();
    if (jsonl) {
      char head[96];
      std::snprintf(
          head, sizeof(head),
          "{\"id\": \"p%08llu\", \"url\": \"https://example.org/%llu\", "
          "\"text\": ",
          static_cast<unsigned long long>(n),
          static_cast<unsigned long long>(n));
      out += head;
      AppendJsonString(page, &out);
      out += "}\n";
    } else {
      out += page;
      out += '\n';
    }
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) {
      std::perror("gen_pages");
      return 1;
    }
    written += out.size();
  }
  return std::fclose(stdout) == 0 ? 0 : 1;
}
