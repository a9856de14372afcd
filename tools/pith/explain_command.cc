// Copyright 2026 The pith Authors.
//
// pith explain: shows, line by line, what clean would keep and drop.

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cleaning.h"
#include "command.h"
#include "documents.h"
#include "flags.h"
#include "html_report.h"
#include "pith/cleaner.h"
#include "pith/io.h"
#include "pith/pipeline.h"

namespace pith {
namespace cli {
namespace {

constexpr size_t kVerdictWidth = 24;

// Appends the per-line view of one document to "*out".
void AppendExplanation(const Document& doc, bool text_mode,
                       const CleanResult& result, std::string* out) {
  if (text_mode) {
    // A document of its own in a separated stream is named NAME#N.
    absl::StrAppend(out, "# ", doc.id);
    if (doc.line > 1) absl::StrAppend(out, " (from line ", doc.line, ")");
  } else {
    const std::string where = absl::StrCat(doc.source, ":", doc.line);
    absl::StrAppend(out, "# ", where);
    // A document without an id is named FILE:LINE already.
    if (doc.id != where) absl::StrAppend(out, " id=", doc.id);
  }
  if (result.rejected) {
    absl::StrAppend(out, " rejected by ", result.reject_rule, " (line ",
                    result.reject_line, ")");
  }
  if (!result.main_regions.empty()) {
    absl::StrAppend(out, " main");
    for (const LineRange& r : result.main_regions) {
      absl::StrAppend(out, " ", r.first, "-", r.last);
    }
  }
  out->push_back('\n');

  // The verdict of each line: a full removal wins over a partial one.
  std::vector<const Removal*> by_line;
  for (const Removal& r : result.removals) {
    if (r.line <= 0) continue;
    if (by_line.size() <= static_cast<size_t>(r.line)) {
      by_line.resize(r.line + 1, nullptr);
    }
    const Removal*& slot = by_line[r.line];
    if (slot == nullptr || (slot->partial && !r.partial)) slot = &r;
  }
  absl::string_view text = doc.text;
  int line = 0;
  std::string verdict;
  while (!text.empty()) {
    ++line;
    size_t nl = text.find('\n');
    absl::string_view content =
        text.substr(0, nl == absl::string_view::npos ? text.size() : nl);
    text.remove_prefix(nl == absl::string_view::npos ? text.size() : nl + 1);
    if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
    const Removal* r =
        static_cast<size_t>(line) < by_line.size() ? by_line[line] : nullptr;
    if (result.rejected) {
      verdict = line == result.reject_line
                    ? absl::StrCat("reject ", result.reject_rule)
                    : "drop rejected";
    } else if (r == nullptr) {
      verdict = "keep";
    } else {
      verdict = absl::StrCat(r->partial ? "strip " : "drop ", r->reason);
    }
    verdict.resize(std::max(verdict.size() + 1, kVerdictWidth), ' ');
    absl::StrAppend(out, verdict, content, "\n");
  }
}

// Writes the per-line view of each document (to "out" if it is not null),
// and the HTML page (to "html" if it is not null).
class ExplainWriter : public PipelineSink {
 public:
  ExplainWriter(OutputFile* out, HtmlReport* html, bool text_mode, bool quiet)
      : out_(out), html_(html), text_mode_(text_mode), quiet_(quiet) {}

  absl::Status Consume(const PipelineDocument& d) override {
    absl::Status s;
    if (out_ != nullptr) {
      buf_.clear();
      AppendExplanation(*d.document, text_mode_, *d.clean, &buf_);
      s = out_->Write(buf_);
    }
    if (s.ok() && html_ != nullptr) s = html_->Add(d);
    if (!s.ok()) failed_ = true;
    return s;
  }

  void Warn(absl::string_view message) override {
    if (!quiet_) PrintError(message);
  }

  bool failed() const { return failed_; }

 private:
  OutputFile* const out_;
  HtmlReport* const html_;
  const bool text_mode_;
  const bool quiet_;
  bool failed_ = false;
  std::string buf_;
};

int RunExplain(const Args& args) {
  const Command& command = ExplainCommand();
  PipelineOptions options;
  int code = SetUpPipeline(command, args, &options);
  if (code != kExitOk) return code;
  const bool html = args.Has("html");
  std::optional<Cleaner> cleaner;
  code = SetUpCleaner(command, args, /*removed_text=*/html, &cleaner);
  if (code != kExitOk) return code;
  absl::StatusOr<Pipeline> pipeline =
      Pipeline::Create(options, &*cleaner, /*dedup=*/nullptr);
  if (!pipeline.ok()) return UsageError(command, pipeline.status().message());
  // With --html, the text view is written only if -o asks for it.
  std::optional<OutputFile> out;
  if (!html || args.Has("output")) {
    code = OpenOutput(args.Has("output") ? args.Get("output") : "-", &out);
    if (code != kExitOk) return code;
  }
  std::optional<OutputFile> page;
  std::optional<HtmlReport> report;
  if (html) {
    code = OpenOutput(args.Get("html"), &page);
    if (code != kExitOk) return code;
    report.emplace(&*page, options.reader.format, "pith explain");
  }
  ExplainWriter writer(out ? &*out : nullptr, report ? &*report : nullptr,
                       options.reader.format == DocumentFormat::kText,
                       args.Has("quiet"));
  code = RunPipeline(&*pipeline, args, &writer,
                     [&writer] { return writer.failed(); });
  if (code != kExitOk) return code;
  if (report) {
    absl::Status s = report->Finish();
    if (!s.ok()) {
      PrintError(s.message());
      return kExitIo;
    }
    code = CommitOutput(&*page);
    if (code != kExitOk) return code;
  }
  return out ? CommitOutput(&*out) : kExitOk;
}

std::vector<FlagSpec> ExplainFlags() {
  std::vector<FlagSpec> flags = {
      {"output", 'o', "FILE", "",
       "Write to FILE (atomically) instead of stdout."},
      {"html", 0, "FILE", "",
       "Write one self-contained HTML page to FILE:\n"
       "every line, removals struck through and\n"
       "coloured by reason, a legend that filters.\n"
       "The text view is then written only with -o."},
  };
  for (const std::vector<FlagSpec>& more : {InputFlags(), CleaningFlags()}) {
    flags.insert(flags.end(), more.begin(), more.end());
  }
  flags.push_back({"quiet", 'q', nullptr, "", "Do not print warnings."});
  flags.push_back({"help", 'h', nullptr, "", "Show this help and exit."});
  return flags;
}

}  // namespace

const Command& ExplainCommand() {
  static const Command* const kCommand = new Command{
      "explain",
      "show what clean keeps and drops, line by line",
      "pith explain [OPTIONS...] [FILE... | -] [-o FILE]",
      "Cleans each document as pith clean does (same options) and prints\n"
      "every input line prefixed by its verdict:\n"
      "\n"
      "  keep                    a kept line\n"
      "  drop RULE               removed by a rule or heuristic\n"
      "  strip RULE              part of the line removed by a strip rule\n"
      "  reject RULE             the line that rejected the whole document\n"
      "  drop rejected           any other line of a rejected document\n"
      "\n"
      "Each document starts with a \"# FILE\" (text; \"# FILE#N (from line\n"
      "L)\" with --separator) or \"# FILE:LINE id=ID\" (JSONL; without id=\n"
      "when the document has none) header line, which ends with\n"
      "\"main A-B ...\": the line ranges of the main regions the page-level\n"
      "stage chose (lines outside them are \"drop outside-main\").\n",
      ExplainFlags(),
      &RunExplain,
  };
  return *kCommand;
}

}  // namespace cli
}  // namespace pith
