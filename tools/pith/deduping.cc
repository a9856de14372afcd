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
#include "pith/io.h"

namespace pith {
namespace cli {
namespace {

void PrintStats(const PipelineStats& p, const Deduplicator& dedup, bool cleaned,
                int64_t bytes_out, double seconds) {
  const DedupStats s = dedup.stats();
  const LshParams& lsh = dedup.lsh_params();
  std::string out;
  absl::StrAppendFormat(&out, "documents         %d\n", p.documents);
  if (cleaned) {
    absl::StrAppendFormat(&out, "rejected          %d\n", p.rejected);
    absl::StrAppendFormat(&out, "lines cleaned     %d\n", p.lines_removed);
  }
  absl::StrAppendFormat(&out, "repeated ids      %d\n", p.repeated_ids);
  absl::StrAppendFormat(&out, "units             %d\n", s.units);
  absl::StrAppendFormat(&out, "short units       %d\n", s.short_units);
  absl::StrAppendFormat(&out, "indexed units     %d\n", s.indexed_units);
  absl::StrAppendFormat(&out, "exact duplicates  %d\n", s.exact_duplicates);
  absl::StrAppendFormat(&out, "near duplicates   %d\n", s.near_duplicates);
  absl::StrAppendFormat(&out, "candidates        %d\n", s.candidates);
  absl::StrAppendFormat(&out, "capped queries    %d\n", s.capped_queries);
  absl::StrAppendFormat(&out, "bytes in          %d\n", p.text_bytes);
  absl::StrAppendFormat(&out, "bytes out         %d\n", bytes_out);
  absl::StrAppendFormat(&out, "lsh               %d bands x %d rows\n",
                        lsh.bands, lsh.rows);
  absl::StrAppendFormat(&out, "index memory      %d bytes (%.1f per unit)\n",
                        s.memory_bytes, s.bytes_per_indexed_unit());
  absl::StrAppendFormat(&out, "time              %.3f s (%.1f MB/s)\n", seconds,
                        seconds > 0 ? p.text_bytes / seconds / 1e6 : 0.0);
  std::fputs(out.c_str(), stderr);
}

}  // namespace

std::vector<FlagSpec> DedupFlags() {
  const DedupOptions d;
  return {
      {"output", 'o', "FILE", "",
       "Write to FILE, not stdout, atomically: FILE\n"
       "appears only if the run succeeds. Compressed\n"
       "with zstd if FILE ends in .zst."},
      {"unit", 'u', "UNIT", std::string(DedupUnitName(d.unit)),
       "What is compared and removed: line, paragraph\n"
       "(blank-line separated) or document."},
      {"threshold", 't', "J", absl::StrCat(d.threshold),
       "Remove a unit whose Jaccard similarity with an\n"
       "earlier unit is at least J."},
      {"ngram", 'n', "N", absl::StrCat(d.shingle.ngram), "Words per shingle."},
      {"min-words", 0, "N", absl::StrCat(d.min_words),
       "Units with fewer words are never removed."},
      {"verify", 0, "MODE", std::string(DedupVerifyName(d.verify)),
       "How LSH candidates are checked: signature\n"
       "(MinHash estimate, compact) or exact (exact\n"
       "Jaccard of the shingle sets, more memory)."},
      {"num-perm", 0, "K", absl::StrCat(d.minhash.num_perm),
       "MinHash slots per signature."},
      {"bands", 0, "B", "",
       "LSH bands (with --rows). By default chosen so\n"
       "that a pair at the threshold is found with\n"
       "probability >= 0.99."},
      {"rows", 0, "R", "", "LSH rows per band (with --bands)."},
      {"seed", 0, "N", absl::StrCat(d.minhash.seed), "MinHash seed."},
      {"index", 0, "FILE", "",
       "Load the dedup index from FILE if it exists,\n"
       "dedup against it, and save the grown index to\n"
       "FILE (atomically) after the output."},
      ThreadsFlag("Threads for cleaning and signing; 0 = one per\n"
                  "core. The output does not depend on it."),
      {"report", 'R', "FILE", "",
       "Write one JSON record per removed unit to FILE:\n"
       "{\"doc\": ID, \"line\": N, \"duplicate_of\":\n"
       "{\"doc\": ID, \"line\": M}, \"similarity\": S}."},
      {"stats", 's', nullptr, "", "Print counts and memory to stderr."},
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

int RunDedup(const Args& args, const PipelineOptions& pipeline_options,
             const DedupOptions& options, const Cleaner* cleaner) {
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<Deduplicator> dedup =
      args.Has("index") ? Deduplicator::Open(args.Get("index"), options)
                        : Deduplicator::Create(options);
  if (!dedup.ok()) {
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
  std::optional<OutputFile> out;
  int code = OpenOutput(args.Has("output") ? args.Get("output") : "-", &out);
  if (code != kExitOk) return code;
  std::optional<OutputFile> report;
  if (args.Has("report")) {
    code = OpenOutput(args.Get("report"), &report);
    if (code != kExitOk) return code;
  }
  const bool quiet = args.Has("quiet");
  CliWriter writer(&*out, pipeline_options.reader.format, quiet);
  writer.set_drop_rejected(args.Has("drop-rejected"));
  if (report) writer.set_report(&*report);
  code = RunPipeline(&*pipeline, args, &writer,
                     [&writer] { return writer.failed(); });
  if (code != kExitOk) return code;
  if (report) {
    code = CommitOutput(&*report);
    if (code != kExitOk) return code;
  }
  code = CommitOutput(&*out);
  if (code != kExitOk) return code;
  if (args.Has("index")) {
    absl::Status s = dedup->Save(args.Get("index"));
    if (!s.ok()) {
      PrintError(s.message());
      return kExitIo;
    }
  }
  const PipelineStats& stats = pipeline->stats();
  if (!quiet && stats.repeated_ids > 0) {
    PrintError(absl::StrCat(stats.repeated_ids,
                            " documents repeat an earlier id; each is deduped "
                            "as a document of its own, and report records "
                            "naming that id are ambiguous"));
  }
  if (args.Has("stats")) {
    PrintStats(
        stats, *dedup, cleaner != nullptr, writer.bytes_written(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count());
  }
  return kExitOk;
}

}  // namespace cli
}  // namespace pith
