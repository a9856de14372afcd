// Copyright 2026 The pith Authors.
//
// pith calibrate: the Jaccard distribution of a corpus's candidate pairs,
// what dedup's verification decides about them, and a suggested threshold
// (pith/calibrate.h); a text summary on stdout, an HTML page with --html.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "command.h"
#include "deduping.h"
#include "documents.h"
#include "flags.h"
#include "pith/calibrate.h"
#include "pith/dedup.h"
#include "pith/io.h"
#include "pith/pipeline.h"

namespace pith {
namespace cli {
namespace {

// Feeds each document to the Calibrator, in input order.
class CalibrateSink : public PipelineSink {
 public:
  CalibrateSink(Calibrator* calibrator, bool quiet)
      : calibrator_(calibrator), quiet_(quiet) {}
  absl::Status Consume(const PipelineDocument& d) override {
    return calibrator_->Add(d.document->id, d.text);
  }
  void Warn(absl::string_view message) override {
    if (!quiet_) PrintError(message);
  }

 private:
  Calibrator* const calibrator_;
  const bool quiet_;
};

int RunCalibrateCommand(const Args& args) {
  const Command& command = CalibrateCommand();
  PipelineOptions pipeline_options;
  int code = SetUpPipeline(command, args, &pipeline_options);
  if (code != kExitOk) return code;
  CalibrateOptions options;
  code = SetUpDedup(command, args, &options.dedup);
  if (code != kExitOk) return code;
  if (args.Has("index")) options.index = args.Get("index");
  if (!absl::SimpleAtod(args.Get("low"), &options.low) ||
      !(options.low > 0 && options.low < 1)) {
    return UsageError(command, absl::StrCat("--low must be in (0, 1), not '",
                                            args.Get("low"), "'"));
  }
  int max_units = 0;
  if (!ParseInt(args, "max-units", 1, 1 << 30, &max_units)) {
    return UsageError(command, absl::StrCat("--max-units must be >= 1, not '",
                                            args.Get("max-units"), "'"));
  }
  options.max_units = static_cast<size_t>(max_units);
  if (!ParseInt(args, "pairs", 0, 1000, &options.shown_pairs)) {
    return UsageError(command, absl::StrCat("--pairs must be 0 to 1000, not '",
                                            args.Get("pairs"), "'"));
  }
  absl::StatusOr<Calibrator> calibrator = Calibrator::Create(options);
  if (!calibrator.ok()) {
    PrintError(calibrator.status().message());
    return absl::IsInvalidArgument(calibrator.status()) && !args.Has("index")
               ? kExitUsage
               : kExitData;
  }
  std::optional<OutputFile> html;
  if (args.Has("html")) {
    code = OpenOutput(args.Get("html"), &html);
    if (code != kExitOk) return code;
  }
  // A pipeline without stages reads the documents in order.
  absl::StatusOr<Pipeline> pipeline =
      Pipeline::Create(pipeline_options, /*cleaner=*/nullptr,
                       /*dedup=*/nullptr);
  if (!pipeline.ok()) return UsageError(command, pipeline.status().message());
  CalibrateSink sink(&*calibrator, args.Has("quiet"));
  code = RunPipeline(&*pipeline, args, &sink, [] { return false; });
  if (code != kExitOk) return code;
  const Calibration result = calibrator->Finish();
  std::optional<OutputFile> out;
  code = OpenOutput("-", &out);
  if (code != kExitOk) return code;
  absl::Status s = out->Write(CalibrationSummary(result));
  if (!s.ok()) {
    PrintError(s.message());
    return kExitIo;
  }
  code = CommitOutput(&*out);
  if (code != kExitOk) return code;
  if (html) {
    s = html->Write(CalibrationHtml(result));
    if (!s.ok()) {
      PrintError(s.message());
      return kExitIo;
    }
    code = CommitOutput(&*html);
  }
  return code;
}

std::vector<FlagSpec> Flags() {
  std::vector<FlagSpec> flags = InputFlags();
  for (const FlagSpec& f : DedupFlags()) {
    const std::string name = f.name;
    if (name == "output" || name == "report" || name == "stats" ||
        name == "help") {
      continue;
    }
    if (name == "index") {
      flags.push_back({"index", 0, "FILE", "",
                       "Calibrate the options recorded in this dedup\n"
                       "index (the options above are ignored) and\n"
                       "compare the input with its units too. FILE is\n"
                       "not modified."});
      continue;
    }
    flags.push_back(f);
  }
  flags.push_back({"html", 0, "FILE", "",
                   "Also write a self-contained HTML page: the\n"
                   "histogram of J with the S-curve of --bands x\n"
                   "--rows and both thresholds, the verification\n"
                   "against the exact J, borderline pairs side by\n"
                   "side with their differences marked."});
  flags.push_back({"low", 0, "J", "0.5",
                   "Find candidate pairs down to this J (more\n"
                   "bands than dedup uses)."});
  flags.push_back({"max-units", 0, "N", "200000",
                   "Compare the first N units (memory: their text\n"
                   "and n-grams); count the rest."});
  flags.push_back({"pairs", 0, "N", "12", "Pairs shown around the threshold."});
  flags.push_back({"help", 'h', nullptr, "", "Show this help and exit."});
  return flags;
}

}  // namespace

const Command& CalibrateCommand() {
  static const Command* const kCommand = new Command{
      "calibrate",
      "show how similar the candidate pairs are and suggest a threshold",
      "pith calibrate [OPTIONS...] [FILE... | -] [--html FILE]",
      "Finds the candidate pairs of units in the input (with more LSH bands\n"
      "than dedup, down to --low), computes the EXACT Jaccard of each beside\n"
      "what pith dedup's --verify computes, and prints: the histogram of J,\n"
      "the S-curve of the chosen --bands x --rows, how often the\n"
      "verification accepts pairs above and below --threshold, what pith\n"
      "dedup would remove, and a suggested threshold: the one in [0.5, 0.95]\n"
      "with the fewest pairs within 0.05 of it (the valley between\n"
      "unrelated pairs and near-duplicates), with what it would remove.\n"
      "The pairs closest to the threshold, and those the verification puts\n"
      "on the wrong side of it, are shown side by side.\n"
      "\n"
      "The dedup options mean what they mean for pith dedup. With --index,\n"
      "those recorded in the index are used, and the input is compared with\n"
      "the index's units as well (their similarity is the verification's:\n"
      "the index keeps no text).\n",
      Flags(),
      &RunCalibrateCommand,
  };
  return *kCommand;
}

}  // namespace cli
}  // namespace pith
