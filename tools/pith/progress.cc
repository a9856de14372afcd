// Copyright 2026 The pith Authors.

#include "progress.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace pith {
namespace cli {
namespace {

std::string Megabytes(double bytes) {
  return absl::StrFormat("%.1f MB", bytes / 1e6);
}

// "1,234,567".
std::string Count(int64_t n) {
  std::string digits = absl::StrCat(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

std::string Duration(double seconds) {
  const int64_t s = static_cast<int64_t>(seconds + 0.5);
  if (s >= 3600) {
    return absl::StrFormat("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
  return absl::StrFormat("%d:%02d", s / 60, s % 60);
}

// What was removed, for "command".
std::string Removed(const char* command, const PipelineProgress& p) {
  const std::string command_name = command;
  std::string out;
  if (command_name != "dedup") {
    absl::StrAppend(&out, Count(p.lines_removed), " lines removed");
  }
  if (command_name == "dedup" || command_name == "run") {
    absl::StrAppend(&out, out.empty() ? "" : ", ", Count(p.units_removed),
                    " duplicates");
  }
  return out;
}

}  // namespace

std::vector<FlagSpec> ProgressFlags() {
  return {
      {"progress", 0, nullptr, "",
       "Show progress on stderr even if it is not a\n"
       "terminal (by default only on a terminal)."},
      {"no-progress", 0, nullptr, "", "Never show progress."},
  };
}

std::string ProgressText(const char* command, const PipelineProgress& p) {
  const double rate = p.seconds > 0 ? p.input_bytes / p.seconds : 0;
  if (p.done) {
    return absl::StrCat("pith ", command, ": ", Megabytes(p.input_bytes), ", ",
                        Count(p.documents), " documents in ",
                        absl::StrFormat("%.1f", p.seconds), " s (",
                        Megabytes(rate), "/s); ", Removed(command, p));
  }
  std::string out =
      absl::StrCat("pith ", command, ": ", Megabytes(p.input_bytes));
  if (p.total_bytes > 0) {
    const double fraction =
        static_cast<double>(p.input_bytes) / static_cast<double>(p.total_bytes);
    absl::StrAppend(&out, " of ", Megabytes(p.total_bytes),
                    absl::StrFormat(" (%.1f%%)", 100 * fraction));
    if (rate > 0 && fraction < 1) {
      absl::StrAppend(&out, ", ETA ",
                      Duration((p.total_bytes - p.input_bytes) / rate));
    }
  }
  const double docs = p.seconds > 0 ? p.documents / p.seconds : 0;
  absl::StrAppend(&out, " | ", Count(static_cast<int64_t>(docs)), " docs/s | ",
                  Megabytes(rate), "/s | ", Removed(command, p));
  return out;
}

void SetUpProgress(const char* command, const Args& args,
                   PipelineOptions* options) {
  if (args.Has("no-progress")) return;
  const bool terminal = isatty(STDERR_FILENO);
  if (!terminal && !args.Has("progress")) return;
  options->progress_interval = terminal ? 0.2 : 5.0;
  options->progress = [command, terminal](const PipelineProgress& p) {
    const std::string text = ProgressText(command, p);
    // On a terminal the line is redrawn in place ("\r", then clear to the
    // end of the line); elsewhere each report is a line of its own.
    const std::string line =
        terminal ? absl::StrCat("\r\x1b[K", text, p.done ? "\n" : "")
                 : absl::StrCat(text, "\n");
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
  };
}

}  // namespace cli
}  // namespace pith
