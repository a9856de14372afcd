// Copyright 2026 The pith Authors.
//
// pith clean: removes boilerplate from documents, writes the kept text.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "clean_pipeline.h"
#include "cleaning.h"
#include "command.h"
#include "documents.h"
#include "flags.h"
#include "output_paths.h"
#include "pith/cleaner.h"
#include "pith/io.h"

namespace pith {
namespace cli {
namespace {

// Line "n" (1-based) of "text", without its terminator.
absl::string_view LineOf(absl::string_view text, int n) {
  size_t begin = 0;
  for (int i = 1; i < n; ++i) {
    const size_t nl = text.find('\n', begin);
    if (nl == absl::string_view::npos) return absl::string_view();
    begin = nl + 1;
  }
  size_t end = text.find('\n', begin);
  if (end == absl::string_view::npos) end = text.size();
  absl::string_view line = text.substr(begin, end - begin);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// Appends one --explain record to "*out".
void AppendExplainRecord(const Document& doc, bool text_mode, int line,
                         absl::string_view rule, absl::string_view text,
                         bool partial, bool rejected, std::string* out) {
  out->append("{\"file\":");
  AppendJsonString(doc.source, out);
  out->append(",\"id\":");
  AppendJsonString(doc.id, out);
  // In text mode, lines count from the start of the file, across pieces.
  const int64_t number = text_mode ? doc.line - 1 + line : line;
  absl::StrAppend(out, ",\"line\":", number, ",\"rule\":");
  AppendJsonString(rule, out);
  out->append(",\"text\":");
  AppendJsonString(text, out);
  if (partial) out->append(",\"partial\":true");
  if (rejected) out->append(",\"rejected\":true");
  out->append("}\n");
}

struct CleanStats {
  int64_t documents = 0;
  int64_t rejected = 0;
  int64_t skipped = 0;
  int64_t utf8_replacements = 0;
  int64_t bytes_in = 0;
  int64_t bytes_out = 0;
  int64_t lines_removed = 0;
  std::map<std::string, int64_t> removed_by;   // Rule or heuristic -> lines.
  std::map<std::string, int64_t> rejected_by;  // Rule -> documents.
};

void PrintStats(const CleanStats& s) {
  std::string out;
  absl::StrAppendFormat(&out, "documents       %d\n", s.documents);
  absl::StrAppendFormat(&out, "rejected        %d\n", s.rejected);
  absl::StrAppendFormat(&out, "skipped lines   %d\n", s.skipped);
  absl::StrAppendFormat(&out, "utf-8 replaced  %d\n", s.utf8_replacements);
  absl::StrAppendFormat(&out, "bytes in        %d\n", s.bytes_in);
  absl::StrAppendFormat(&out, "bytes out       %d\n", s.bytes_out);
  absl::StrAppendFormat(&out, "lines removed   %d\n", s.lines_removed);
  auto table = [&out](const char* title,
                      const std::map<std::string, int64_t>& counts) {
    if (counts.empty()) return;
    std::vector<std::pair<std::string, int64_t>> rows(counts.begin(),
                                                      counts.end());
    std::stable_sort(
        rows.begin(), rows.end(),
        [](const auto& a, const auto& b) { return a.second > b.second; });
    absl::StrAppend(&out, title, "\n");
    for (const auto& [name, n] : rows) {
      absl::StrAppendFormat(&out, "  %-28s %d\n", name, n);
    }
  };
  table("lines removed by rule:", s.removed_by);
  table("documents rejected by rule:", s.rejected_by);
  std::fputs(out.c_str(), stderr);
}

int RunClean(const Args& args) {
  const Command& command = CleanCommand();
  ReaderOptions reader_options;
  std::optional<Cleaner> cleaner;
  int code = SetUpCleaning(command, args, args.Has("explain"), &reader_options,
                           &cleaner);
  if (code != kExitOk) return code;
  const bool text_mode = reader_options.format == DocumentFormat::kText;
  const bool drop_rejected = args.Has("drop-rejected");

  code = RefuseSameOutputs(command, args);
  if (code != kExitOk) return code;
  OutputOptions output_options;
  code = SetUpOutputOptions(command, args, &output_options);
  if (code != kExitOk) return code;
  std::optional<OutputFile> out;
  code = OpenOutput(args.Has("output") ? args.Get("output") : "-", &out,
                    output_options);
  if (code != kExitOk) return code;
  std::optional<OutputFile> explain;
  if (args.Has("explain")) {
    code = OpenOutput(args.Get("explain"), &explain, output_options);
    if (code != kExitOk) return code;
  }

  int threads = 0;
  if (!ParseInt(args, "threads", 0, 4096, &threads)) {
    return UsageError(command,
                      absl::StrCat("--threads must be 0 to 4096, not '",
                                   args.Get("threads"), "'"));
  }
  if (threads == 0) {
    threads =
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }

  DocumentWriter writer(&*out, reader_options.format);
  CleanStats stats;
  std::string record;
  // Counts and writes one cleaned document; returns an exit code.
  auto emit = [&](const Document& doc, const CleanResult& result) {
    absl::Status s;
    ++stats.documents;
    stats.lines_removed += static_cast<int64_t>(result.removals.size());
    record.clear();
    for (const Removal& r : result.removals) {
      ++stats.removed_by[r.reason];
      if (explain) {
        AppendExplainRecord(doc, text_mode, r.line, r.reason, r.text, r.partial,
                            false, &record);
      }
    }
    if (result.rejected) {
      ++stats.rejected;
      ++stats.rejected_by[result.reject_rule];
      if (explain) {
        AppendExplainRecord(
            doc, text_mode, result.reject_line, result.reject_rule,
            LineOf(doc.text, result.reject_line), false, true, &record);
      }
    }
    if (explain && !record.empty()) {
      s = explain->Write(record);
      if (!s.ok()) {
        PrintError(s.message());
        return kExitIo;
      }
    }
    if (result.rejected && (text_mode || drop_rejected)) return kExitOk;
    // The document's own text when nothing changed: the writer then copies
    // a JSONL line as it was without comparing the two.
    const absl::string_view text = result.rejected ? absl::string_view()
                                   : result.unchanged
                                       ? absl::string_view(doc.text)
                                       : absl::string_view(result.text);
    stats.bytes_out += static_cast<int64_t>(text.size());
    s = writer.Write(doc, text);
    if (!s.ok()) {
      PrintError(s.message());
      return kExitIo;
    }
    return kExitOk;
  };
  InputTotals totals;
  if (threads == 1) {
    CleanResult result;
    code = ForEachDocument(
        Inputs(args), reader_options, args.Has("quiet"),
        [&](Document& doc) {
          const int cleaned = CleanDocument(*cleaner, doc, &result);
          if (cleaned != kExitOk) return cleaned;
          return emit(doc, result);
        },
        &totals);
  } else {
    // Workers clean; this thread reads, and writes in input order.
    CleanPipeline pipeline(*cleaner, threads);
    auto drain = [&](bool finish) {
      while (CleanPipeline::Item* item = pipeline.Next(finish)) {
        if (!item->status.ok()) return CleanError(item->doc, item->status);
        const int emitted = emit(item->doc, item->result);
        if (emitted != kExitOk) return emitted;
      }
      return kExitOk;
    };
    code = ForEachDocument(
        Inputs(args), reader_options, args.Has("quiet"),
        [&](Document& doc) {
          pipeline.Add(&doc);
          return drain(false);
        },
        &totals);
    if (code == kExitOk) code = drain(true);
  }
  if (code != kExitOk) return code;
  stats.bytes_in = totals.bytes;
  stats.skipped = totals.skipped;
  stats.utf8_replacements = totals.utf8_replacements;
  if (explain) {
    code = CommitOutput(&*explain);
    if (code != kExitOk) return code;
  }
  code = CommitOutput(&*out);
  if (code != kExitOk) return code;
  if (args.Has("stats")) PrintStats(stats);
  return kExitOk;
}

std::vector<FlagSpec> CleanFlags() {
  std::vector<FlagSpec> flags = {
      {"output", 'o', "FILE", nullptr,
       "Write to FILE, not stdout. A regular FILE is\n"
       "replaced atomically, only if the run succeeds;\n"
       "/dev/stdout, pipes are written in place.\n"
       "Compressed with gzip if FILE ends in .gz, zstd\n"
       "if .zst."},
      LevelFlag(),
  };
  for (FlagSpec& f : CleaningFlags()) flags.push_back(f);
  std::vector<FlagSpec> more = {
      {"drop-rejected", 0, nullptr, nullptr,
       "JSONL: leave out the lines of rejected documents\n"
       "(by default they are written with an empty text)."},
      {"threads", 'j', "N", "0",
       "Threads for cleaning; 0 = one per core. With 2\n"
       "or more, one more reads and writes; 1 runs all\n"
       "on one thread. The output does not depend on it."},
      {"explain", 'e', "FILE", nullptr,
       "Write a JSON record per removed line to FILE:\n"
       "{\"file\",\"id\",\"line\",\"rule\",\"text\"}, plus\n"
       "\"partial\":true (strip) or \"rejected\":true."},
      {"stats", 's', nullptr, nullptr,
       "Print counts per rule and heuristic to stderr."},
      {"quiet", 'q', nullptr, nullptr, "Do not print warnings."},
      {"help", 'h', nullptr, nullptr, "Show this help and exit."},
  };
  flags.insert(flags.end(), more.begin(), more.end());
  return flags;
}

}  // namespace

const Command& CleanCommand() {
  static const Command* const kCommand = new Command{
      "clean",
      "remove boilerplate lines from documents",
      "pith clean [OPTIONS...] [FILE... | -] [-o FILE]",
      "Removes scraper boilerplate (menus, share buttons, cookie notices,\n"
      "footers) from each document with line rules and heuristics, and\n"
      "writes what is kept. With no FILE, or when FILE is -, reads stdin.\n"
      "Any input that is zstd-compressed is decompressed, whatever its name.\n"
      "\n"
      "Text format: each FILE is one document; the output is the cleaned\n"
      "text of each file in order, each ending with a newline. An input\n"
      "longer than --max-document-bytes is cleaned in pieces cut at line\n"
      "ends. A rejected document (reject rule) prints nothing.\n"
      "\n"
      "JSONL format: each line is one JSON object; only the value of the\n"
      "--field member is replaced by its cleaned text, and every other byte\n"
      "of the line is kept. The id in --explain records is the \"id\" member\n"
      "(string or number) or the line number. A rejected document is written\n"
      "with an empty text, or left out with --drop-rejected.\n"
      "\n"
      "Errors name the file and line: \"pith: pages.jsonl:17: ...\".\n",
      CleanFlags(),
      &RunClean,
  };
  return *kCommand;
}

}  // namespace cli
}  // namespace pith
