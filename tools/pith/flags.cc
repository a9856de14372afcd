// Copyright 2026 The pith Authors.

#include "flags.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace pith {
namespace cli {

const char kExitCodesHelp[] =
    "Exit status:\n"
    "  0  success\n"
    "  1  usage error (unknown option, bad value)\n"
    "  2  input or data error (missing file, malformed JSONL or zstd data,\n"
    "     bad rule file)\n"
    "  3  output error (cannot write, disk full); no partial -o file is left\n"
    "  4  the --index file is in use by another run (see --wait-for-index)\n"
    "  5  out of memory (or threads): temporary files are removed and\n"
    "     earlier outputs are left as they were; lower -j or\n"
    "     --max-document-lines\n"
    "  128+N  killed by signal N (130 Ctrl-C, 143 SIGTERM); temporary files\n"
    "     are removed and earlier outputs are left as they were\n";

namespace {

const FlagSpec* FindLong(const std::vector<FlagSpec>& specs,
                         absl::string_view name) {
  for (const FlagSpec& f : specs) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

const FlagSpec* FindShort(const std::vector<FlagSpec>& specs, char c) {
  for (const FlagSpec& f : specs) {
    if (f.short_name != 0 && f.short_name == c) return &f;
  }
  return nullptr;
}

}  // namespace

bool Args::Has(absl::string_view name) const {
  return values_.find(name) != values_.end();
}

std::string Args::Get(absl::string_view name) const {
  auto it = values_.find(name);
  if (it != values_.end() && !it->second.empty()) return it->second.back();
  if (specs_ != nullptr) {
    const FlagSpec* f = FindLong(*specs_, name);
    if (f != nullptr) return f->default_value;
  }
  return std::string();
}

std::vector<std::string> Args::GetAll(absl::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return {};
  return it->second;
}

bool ParseArgs(const std::vector<FlagSpec>& specs, int argc, char** argv,
               Args* args, std::string* error) {
  args->specs_ = &specs;
  auto set = [&](const FlagSpec& f, std::string value,
                 absl::string_view spelled) {
    std::vector<std::string>& v = args->values_[f.name];
    if (!v.empty() && !f.repeatable && f.value_name != nullptr) {
      *error = absl::StrCat("option '", spelled, "' given more than once");
      return false;
    }
    v.push_back(std::move(value));
    return true;
  };
  bool options_done = false;
  for (int i = 0; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (options_done || arg == "-" || arg.size() < 2 || arg[0] != '-') {
      args->operands_.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (arg[1] == '-') {  // --name or --name=value
      absl::string_view name = arg.substr(2);
      absl::string_view value;
      const size_t eq = name.find('=');
      const bool has_value = eq != absl::string_view::npos;
      if (has_value) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      const FlagSpec* f = FindLong(specs, name);
      if (f == nullptr) {
        *error = absl::StrCat("unknown option '--", name, "'");
        std::vector<std::string> names;
        for (const FlagSpec& spec : specs) names.push_back(spec.name);
        const std::string near = Suggest(name, names);
        if (!near.empty())
          absl::StrAppend(error, "; did you mean '--", near, "'?");
        return false;
      }
      const std::string spelled = absl::StrCat("--", name);
      if (f->value_name == nullptr) {
        if (has_value) {
          *error = absl::StrCat("option '", spelled, "' takes no value");
          return false;
        }
        if (!set(*f, std::string(), spelled)) return false;
        continue;
      }
      if (!has_value) {
        if (i + 1 >= argc) {
          *error = absl::StrCat("option '", spelled, "' needs a value (",
                                f->value_name, ")");
          return false;
        }
        value = argv[++i];
      }
      if (!set(*f, std::string(value), spelled)) return false;
      continue;
    }
    // -x, -xVALUE, -x VALUE, -xyz (bundled switches).
    for (size_t k = 1; k < arg.size(); ++k) {
      const FlagSpec* f = FindShort(specs, arg[k]);
      const std::string spelled = absl::StrCat("-", arg.substr(k, 1));
      if (f == nullptr) {
        *error = absl::StrCat("unknown option '", spelled, "'");
        return false;
      }
      if (f->value_name == nullptr) {
        if (!set(*f, std::string(), spelled)) return false;
        continue;
      }
      std::string value;
      if (k + 1 < arg.size()) {
        value = std::string(arg.substr(k + 1));
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        *error = absl::StrCat("option '", spelled, "' needs a value (",
                              f->value_name, ")");
        return false;
      }
      if (!set(*f, std::move(value), spelled)) return false;
      break;
    }
  }
  return true;
}

bool ParseInt(const Args& args, const char* name, int lo, int hi, int* out) {
  int v = 0;
  if (!absl::SimpleAtoi(args.Get(name), &v) || v < lo || v > hi) return false;
  *out = v;
  return true;
}

bool ParseByteSize(absl::string_view text, uint64_t* bytes) {
  uint64_t scale = 1;
  if (!text.empty()) {
    switch (absl::ascii_toupper(text.back())) {
      case 'K':
        scale = uint64_t{1} << 10;
        break;
      case 'M':
        scale = uint64_t{1} << 20;
        break;
      case 'G':
        scale = uint64_t{1} << 30;
        break;
      default:
        break;
    }
    if (scale != 1) text.remove_suffix(1);
  }
  uint64_t n;
  if (!absl::SimpleAtoi(text, &n) || n == 0 || n > (~uint64_t{0}) / scale) {
    return false;
  }
  *bytes = n * scale;
  return true;
}

std::string FormatOptions(const std::vector<FlagSpec>& specs) {
  std::string out = "Options:\n";
  for (const FlagSpec& f : specs) {
    std::string left = "  ";
    if (f.short_name != 0) {
      absl::StrAppend(&left, "-", std::string(1, f.short_name), ", ");
    } else {
      left += "    ";
    }
    absl::StrAppend(&left, "--", f.name);
    if (f.value_name != nullptr) absl::StrAppend(&left, " ", f.value_name);
    std::string help;
    for (char c : absl::string_view(f.help)) {
      help.push_back(c);
      if (c == '\n') help.append(28, ' ');
    }
    constexpr size_t kColumn = 28;
    constexpr size_t kWidth = 80;
    if (!f.default_value.empty()) {
      const std::string d = absl::StrCat("[Default: ", f.default_value, "]");
      const size_t nl = help.rfind('\n');
      const size_t last = nl == std::string::npos ? kColumn + help.size()
                                                  : help.size() - nl - 1;
      if (last + 1 + d.size() > kWidth) {
        absl::StrAppend(&help, "\n", std::string(kColumn, ' '), d);
      } else {
        absl::StrAppend(&help, " ", d);
      }
    }
    if (left.size() + 2 > kColumn) {
      absl::StrAppend(&out, left, "\n", std::string(kColumn, ' '), help, "\n");
    } else {
      absl::StrAppend(&out, left, std::string(kColumn - left.size(), ' '), help,
                      "\n");
    }
  }
  return out;
}

std::string Suggest(absl::string_view word,
                    const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = 3;
  for (const std::string& c : candidates) {
    if (word.size() >= 2 && absl::StartsWith(c, word)) return c;
    // Levenshtein distance, one row at a time.
    std::vector<size_t> row(c.size() + 1);
    for (size_t j = 0; j <= c.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= word.size(); ++i) {
      size_t diagonal = row[0];
      row[0] = i;
      for (size_t j = 1; j <= c.size(); ++j) {
        const size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                           diagonal + (word[i - 1] == c[j - 1] ? 0 : 1)});
        diagonal = up;
      }
    }
    if (row[c.size()] < best_distance) {
      best_distance = row[c.size()];
      best = c;
    }
  }
  return best;
}

}  // namespace cli
}  // namespace pith
