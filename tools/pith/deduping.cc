// Copyright 2026 The pith Authors.

#include "deduping.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "documents.h"
#include "html_report.h"
#include "output_paths.h"
#include "pith/io.h"
#include "progress.h"
#include "stats.h"

namespace pith {
namespace cli {
namespace {}  // namespace

std::vector<FlagSpec> DedupFlags() {
  const DedupOptions d;
  return {
      {"output", 'o', "FILE", "",
       "Write to FILE, not stdout. A regular FILE is\n"
       "replaced atomically, only if the run succeeds;\n"
       "/dev/stdout, pipes are written in place.\n"
       "Compressed with gzip if FILE ends in .gz, zstd\n"
       "if .zst."},
      LevelFlag(),
      {"unit", 'u', "UNIT", std::string(DedupUnitName(d.unit)),
       "What is compared and removed: line, paragraph\n"
       "(blank-line separated) or document.",
       false, "line paragraph document"},
      {"threshold", 't', "J", absl::StrCat(d.threshold),
       "Remove a unit whose Jaccard similarity of word\n"
       "n-grams with an earlier unit is at least J; 1\n"
       "removes only units whose words are identical\n"
       "(after case and punctuation folding). On real\n"
       "text at 0.8, 99.8% of the pairs at J >= 0.8 are\n"
       "found and 99.8% of the reported ones have\n"
       "J >= 0.8 (see --verify)."},
      {"ngram", 'n', "N", absl::StrCat(d.shingle.ngram), "Words per shingle."},
      {"min-words", 0, "N", absl::StrCat(d.min_words),
       "Units with fewer words are never removed."},
      {"verify", 0, "MODE", std::string(DedupVerifyName(d.verify)),
       "How LSH candidates are checked: signature\n"
       "(MinHash estimate, compact) or exact (exact\n"
       "Jaccard of the shingle sets, more memory).",
       false, "signature exact"},
      {"num-perm", 0, "K", absl::StrCat(d.minhash.num_perm),
       "MinHash slots per signature."},
      {"bands", 0, "B", "",
       "LSH bands (with --rows). By default chosen so\n"
       "that a pair at the threshold is found with\n"
       "probability >= 0.99."},
      {"rows", 0, "R", "", "LSH rows per band (with --bands)."},
      {"seed", 0, "N", absl::StrCat(d.minhash.seed), "MinHash seed."},
      {"max-candidates", 0, "N", absl::StrCat(d.max_candidates),
       "Verify at most N LSH candidates per unit; a\n"
       "unit with more is not indexed for LSH (it\n"
       "stays reachable through its neighbours)."},
      {"index", 0, "FILE", "",
       "Load the dedup index from FILE if it exists,\n"
       "dedup against it, and save the grown index to\n"
       "FILE (atomically) after the output. The index\n"
       "records the options that shape decisions\n"
       "(--unit, --threshold, --verify, --min-words,\n"
       "--ngram, --num-perm, --seed, --bands x --rows):\n"
       "a run with other values fails and names each.\n"
       "FILE is locked (FILE.lock) from load to save:\n"
       "another run using it fails (exit 4) or waits."},
      {"wait-for-index", 0, nullptr, "",
       "Wait while another run holds the --index file,\n"
       "instead of failing at once."},
      ThreadsFlag("Threads for cleaning and signing; 0 = one per\n"
                  "core. The output does not depend on it."),
      {"report", 'R', "FILE", "",
       "Write one JSON record per removed unit to FILE:\n"
       "{\"doc\": ID, \"line\": N, \"duplicate_of\":\n"
       "{\"doc\": ID, \"line\": M}, \"similarity\": S}."},
      {"stats", 's', nullptr, "",
       "Print counts and memory to stderr; with a\n"
       "loaded --index, this run's counts beside the\n"
       "index's totals."},
      {"quiet", 'q', nullptr, "", "Do not print warnings."},
      {"help", 'h', nullptr, "", "Show this help and exit."},
  };
}

int SetUpDedup(const Command& command, const Args& args,
               DedupOptions* options) {
  *options = DedupOptions();
  if (!ParseDedupUnit(args.Get("unit"), &options->unit)) {
    return UsageError(command, absl::StrCat("--unit must be line, paragraph or "
                                            "document, not '",
                                            args.Get("unit"), "'"));
  }
  if (!ParseDedupVerify(args.Get("verify"), &options->verify)) {
    return UsageError(command,
                      absl::StrCat("--verify must be signature or exact, not '",
                                   args.Get("verify"), "'"));
  }
  if (!absl::SimpleAtod(args.Get("threshold"), &options->threshold) ||
      !(options->threshold > 0 && options->threshold <= 1)) {
    return UsageError(command,
                      absl::StrCat("--threshold must be in (0, 1], not '",
                                   args.Get("threshold"), "'"));
  }
  options->wait_for_index_lock = args.Has("wait-for-index");
  if (options->signature_margin >= options->threshold) {  // Tiny --threshold.
    options->signature_margin = 0;
  }
  if (!ParseInt(args, "ngram", 1, 64, &options->shingle.ngram)) {
    return UsageError(command, absl::StrCat("--ngram must be 1 to 64, not '",
                                            args.Get("ngram"), "'"));
  }
  if (!ParseInt(args, "min-words", 1, 1 << 30, &options->min_words)) {
    return UsageError(command, absl::StrCat("--min-words must be >= 1, not '",
                                            args.Get("min-words"), "'"));
  }
  if (!ParseInt(args, "num-perm", 1, 65536, &options->minhash.num_perm)) {
    return UsageError(command,
                      absl::StrCat("--num-perm must be 1 to 65536, not '",
                                   args.Get("num-perm"), "'"));
  }
  if (!ParseInt(args, "max-candidates", 1, 1 << 30, &options->max_candidates)) {
    return UsageError(command,
                      absl::StrCat("--max-candidates must be >= 1, not '",
                                   args.Get("max-candidates"), "'"));
  }
  if (!absl::SimpleAtoi(args.Get("seed"), &options->minhash.seed)) {
    return UsageError(command, absl::StrCat("--seed must be a number, not '",
                                            args.Get("seed"), "'"));
  }
  if (args.Has("bands") != args.Has("rows")) {
    return UsageError(command, "--bands and --rows go together");
  }
  if (args.Has("bands")) {
    const int k = options->minhash.num_perm;
    if (!ParseInt(args, "bands", 1, k, &options->bands) ||
        !ParseInt(args, "rows", 1, k, &options->rows) ||
        options->bands * options->rows > k) {
      return UsageError(
          command, absl::StrCat("--bands x --rows must be at most --num-perm "
                                "(",
                                k, "), not ", args.Get("bands"), " x ",
                                args.Get("rows")));
    }
  }
  return kExitOk;
}

int RunDedup(const Command& command, const Args& args,
             PipelineOptions pipeline_options, const DedupOptions& options,
             const Cleaner* cleaner, const StagedApply* staged) {
  SetUpProgress(command.name, args, &pipeline_options);
  const auto start = std::chrono::steady_clock::now();
  int code = RefuseSameOutputs(command, args);
  if (code != kExitOk) return code;
  OutputOptions output_options;
  code = SetUpOutputOptions(command, args, &output_options);
  if (code != kExitOk) return code;
  absl::StatusOr<Deduplicator> dedup =
      staged != nullptr   ? staged->staged->ApplyDeduplicator(staged->shard)
      : args.Has("index") ? Deduplicator::Open(args.Get("index"), options)
                          : Deduplicator::Create(options);
  if (!dedup.ok()) {
    if (absl::IsUnavailable(dedup.status())) {  // Locked by another run.
      PrintError(absl::StrCat(dedup.status().message(),
                              "; use --wait-for-index to wait for it"));
      return kExitBusy;
    }
    PrintError(dedup.status().message());
    return args.Has("index") && !absl::IsInvalidArgument(dedup.status())
               ? kExitData
               : kExitUsage;
  }
  absl::StatusOr<Pipeline> pipeline =
      Pipeline::Create(pipeline_options, cleaner, &*dedup);
  if (!pipeline.ok()) {
    PrintError(pipeline.status().message());
    return kExitUsage;
  }
  const bool quiet = args.Has("quiet");
  CliWriter writer(nullptr, pipeline_options.reader.format, quiet);
  std::optional<OutputFile> out;
  std::optional<OutputFile> report;
  if (staged != nullptr) {
    // Plain shard files, concatenated (and compressed) by pith stage merge.
    OutputOptions plain = output_options;
    plain.compression = OutputOptions::Compression::kNone;
    code = SetUpWriterOptions(command, args, &writer);
    if (code != kExitOk) return code;
    const std::string k = absl::StrCat(staged->shard);
    code = OpenOutput(staged->staged->Path("out-" + k), &out, plain);
    if (code != kExitOk) return code;
    writer.set_output(&*out);
    if (args.Has("report")) {
      code = OpenOutput(staged->staged->Path("report-" + k), &report, plain);
      if (code != kExitOk) return code;
    }
  } else {
    code = SetUpDocumentOutput(command, args, output_options, &writer, &out);
    if (code != kExitOk) return code;
    if (args.Has("report")) {
      code = OpenOutput(args.Get("report"), &report, output_options);
      if (code != kExitOk) return code;
    }
  }
  std::optional<OutputFile> page;
  std::optional<HtmlReport> html;
  if (args.Has("html")) {
    code = OpenOutput(args.Get("html"), &page);
    if (code != kExitOk) return code;
    html.emplace(&*page, pipeline_options.reader.format, "pith run");
  }
  writer.set_drop_rejected(args.Has("drop-rejected"));
  if (report) writer.set_report(&*report);
  if (html) writer.set_html(&*html);
  if (staged != nullptr) {
    absl::Status s =
        pipeline->Run(staged->staged->ShardInputs(staged->shard), &writer);
    if (!s.ok()) {
      PrintError(s.message());
      return writer.output_failed() ? kExitIo : kExitData;
    }
  } else {
    code = RunPipeline(&*pipeline, args, &writer,
                       [&writer] { return writer.output_failed(); });
    if (code != kExitOk) return code;
  }
  if (html) {
    absl::Status s = html->Finish();
    if (!s.ok()) {
      PrintError(s.message());
      return kExitIo;
    }
    code = CommitOutput(&*page);
    if (code != kExitOk) return code;
  }
  if (report) {
    code = CommitOutput(&*report);
    if (code != kExitOk) return code;
  }
  if (out) {
    code = CommitOutput(&*out);
    if (code != kExitOk) return code;
  }
  if (args.Has("index")) {
    absl::Status s = dedup->Save(args.Get("index"));
    if (!s.ok()) {
      PrintError(s.message());
      return kExitIo;
    }
  }
  const PipelineStats& stats = pipeline->stats();
  if (staged != nullptr) {
    StagedShardResult result;
    result.pipeline = stats;
    result.dedup = dedup->stats();
    result.documents_out = writer.documents_written();
    result.bytes_out = writer.bytes_written();
    result.documents_dropped = writer.documents_dropped();
    absl::Status s = staged->staged->SaveResult(staged->shard, result);
    if (!s.ok()) {
      PrintError(s.message());
      return kExitIo;
    }
    return kExitOk;
  }
  if (!quiet && stats.repeated_ids > 0) {
    PrintError(absl::StrCat(stats.repeated_ids,
                            " documents repeat an earlier id; each is deduped "
                            "as a document of its own, and report records "
                            "naming that id are ambiguous"));
  }
  RunStats run;
  run.command = command.name;
  run.pipeline = &stats;
  SetDedupStats(*dedup, &run);
  run.cleaned = cleaner != nullptr;
  run.documents_out = writer.documents_written();
  run.bytes_out = writer.bytes_written();
  run.dropped = writer.documents_dropped();
  run.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return ReportStats(args, run);
}

}  // namespace cli
}  // namespace pith
