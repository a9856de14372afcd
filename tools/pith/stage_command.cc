// Copyright 2026 The pith Authors.
//
// pith stage: the stages of a staged dedup (pith/staged_dedup.h), one
// subcommand each, for any scheduler (xargs, Slurm, Dask).

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "cleaning.h"
#include "command.h"
#include "deduping.h"
#include "documents.h"
#include "flags.h"
#include "output_paths.h"
#include "pith/dedup.h"
#include "pith/io.h"
#include "pith/pipeline.h"
#include "pith/staged_dedup.h"
#include "stats.h"

namespace pith {
namespace cli {
namespace {

// What shapes the result besides the DedupOptions: the reader's options,
// the writer's and (with --clean) the cleaning options.
std::string Context(const Args& args) {
  std::string c;
  for (const char* name :
       {"format", "field", "id-field", "separator", "on-error",
        "max-document-bytes", "max-document-lines", "max-line-bytes"}) {
    absl::StrAppend(&c, name, "=", args.Get(name), ";");
  }
  // What the writer leaves out.
  for (const char* name : {"drop-empty", "min-chars", "drop-rejected"}) {
    absl::StrAppend(&c, name, args.Has(name) ? "+" : "-", args.Get(name), ";");
  }
  // With --clean, every cleaning option as given (rule files by path).
  if (args.Has("clean")) {
    absl::StrAppend(&c, "clean;");
    for (const FlagSpec& f : CleaningFlags()) {
      absl::StrAppend(&c, f.name, args.Has(f.name) ? "+" : "-", "=");
      for (const std::string& v : args.GetAll(f.name)) {
        absl::StrAppend(&c, v.size(), ":", v);
      }
      absl::StrAppend(&c, ";");
    }
  }
  return c;
}

int Fail(const absl::Status& s) {
  PrintError(s.message());
  return absl::IsInvalidArgument(s) ? kExitUsage
         : absl::IsFailedPrecondition(s) || absl::IsDataLoss(s) ||
                 absl::IsResourceExhausted(s) || absl::IsNotFound(s)
             ? kExitData
             : kExitIo;
}

int IndexArg(const Command& command, const Args& args, const char* name,
             int limit, int* out) {
  if (!args.Has(name) || !ParseInt(args, name, 0, limit - 1, out)) {
    return UsageError(command,
                      absl::StrCat("--", name, " must be 0 to ", limit - 1,
                                   ", not '", args.Get(name), "'"));
  }
  return kExitOk;
}

int Merge(const Command& command, const Args& args, const StagedDedup& staged,
          const DedupOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  OutputOptions output_options;
  int code = SetUpOutputOptions(command, args, &output_options);
  if (code != kExitOk) return code;
  absl::StatusOr<StagedShardResult> merged = staged.MergeResults();
  if (!merged.ok()) return Fail(merged.status());
  struct Target {
    const char* prefix;
    std::string path;
  };
  std::vector<Target> targets = {
      {"out-", args.Has("output") ? args.Get("output") : "-"}};
  if (args.Has("report")) targets.push_back({"report-", args.Get("report")});
  for (const Target& t : targets) {
    std::optional<OutputFile> out;
    code = OpenOutput(t.path, &out, output_options);
    if (code != kExitOk) return code;
    for (int k = 0; k < staged.shards(); ++k) {
      const std::string path = staged.Path(absl::StrCat(t.prefix, k));
      FILE* f = std::fopen(path.c_str(), "rb");
      if (f == nullptr) {
        PrintError(absl::StrCat(path,
                                ": missing (run pith stage apply "
                                "--shard ",
                                k, ")"));
        return kExitData;
      }
      char buf[1 << 16];
      size_t n;
      absl::Status s;
      while (s.ok() && (n = std::fread(buf, 1, sizeof(buf), f)) > 0) {
        s = out->Write(absl::string_view(buf, n));
      }
      std::fclose(f);
      if (!s.ok()) {
        PrintError(s.message());
        return kExitIo;
      }
    }
    code = CommitOutput(&*out);
    if (code != kExitOk) return code;
  }
  if (!args.Has("quiet") && merged->pipeline.repeated_ids > 0) {
    PrintError(absl::StrCat(merged->pipeline.repeated_ids,
                            " documents repeat an earlier id; each is deduped "
                            "as a document of its own, and report records "
                            "naming that id are ambiguous"));
  }
  absl::StatusOr<Deduplicator> dedup = Deduplicator::Create(options);
  if (!dedup.ok()) return Fail(dedup.status());
  RunStats run;
  const bool cleaned = args.Has("clean");
  run.command = cleaned ? "run" : "dedup";
  run.cleaned = cleaned;
  run.pipeline = &merged->pipeline;
  run.dedup = true;
  run.dedup_totals = merged->dedup;
  run.lsh = dedup->lsh_params();
  run.staged = true;
  run.stage_bytes = merged->stage_bytes;
  run.documents_out = merged->documents_out;
  run.bytes_out = merged->bytes_out;
  run.dropped = merged->documents_dropped;
  run.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return ReportStats(args, run);
}

int RunStageCommand(const Args& args) {
  const Command& command = StageCommand();
  if (args.operands().empty()) {
    return UsageError(command,
                      "name a stage: plan, sign, bucket, decide, "
                      "resolve, apply or merge");
  }
  const std::string stage = args.operands()[0];
  const std::vector<std::string> inputs(args.operands().begin() + 1,
                                        args.operands().end());
  if (stage != "plan" && !inputs.empty()) {
    return UsageError(command, absl::StrCat("pith stage ", stage,
                                            " takes no inputs (the plan has "
                                            "them)"));
  }
  for (const char* refused : {"index", "output-dir", "html"}) {
    if (args.Has(refused)) {
      return UsageError(command, absl::StrCat("--", refused,
                                              " is not supported in staged "
                                              "mode"));
    }
  }
  if (!args.Has("work-dir"))
    return UsageError(command, "--work-dir is required");
  const std::string work_dir = args.Get("work-dir");
  PipelineOptions pipeline_options;
  int code = SetUpPipeline(command, args, &pipeline_options);
  if (code != kExitOk) return code;
  DedupOptions options;
  code = SetUpDedup(command, args, &options);
  if (code != kExitOk) return code;
  const std::string context = Context(args);
  // --clean: the stages of pith run (clean, then dedup the cleaned text).
  std::optional<Cleaner> cleaner;
  if (args.Has("clean") && (stage == "sign" || stage == "apply")) {
    code = SetUpCleaner(command, args, /*removed_text=*/false, &cleaner);
    if (code != kExitOk) return code;
  }
  const Cleaner* clean = cleaner ? &*cleaner : nullptr;
  if (stage == "plan") {
    if (inputs.empty()) return UsageError(command, "plan needs input files");
    StagedDedupOptions staged;
    staged.format = pipeline_options.reader.format;
    if (!ParseInt(args, "shards", 1, 65536, &staged.shards) ||
        !ParseInt(args, "partitions", 1, 65536, &staged.partitions)) {
      return UsageError(command,
                        "--shards and --partitions must be 1 to 65536");
    }
    if (args.Has("skip-done")) {
      absl::StatusOr<StagedDedup> planned =
          StagedDedup::Open(work_dir, options, context);
      if (planned.ok() && planned->inputs() == inputs &&
          planned->shards() == staged.shards &&
          planned->partitions() == staged.partitions) {
        return kExitOk;
      }
    }
    absl::Status s =
        StagedDedup::Plan(inputs, options, staged, context, work_dir);
    return s.ok() ? kExitOk : Fail(s);
  }
  absl::StatusOr<StagedDedup> staged =
      StagedDedup::Open(work_dir, options, context);
  if (!staged.ok()) return Fail(staged.status());
  int index = 0;
  if (stage == "sign" || stage == "decide" || stage == "apply") {
    code = IndexArg(command, args, "shard", staged->shards(), &index);
    if (code != kExitOk) return code;
  } else if (stage == "bucket") {
    code = IndexArg(command, args, "partition", staged->partitions(), &index);
    if (code != kExitOk) return code;
  }
  if (args.Has("skip-done")) {
    const DedupStage which = stage == "sign"      ? DedupStage::kSign
                             : stage == "bucket"  ? DedupStage::kBucket
                             : stage == "decide"  ? DedupStage::kDecide
                             : stage == "resolve" ? DedupStage::kResolve
                                                  : DedupStage::kApply;
    if (stage != "merge" && staged->Done(which, index)) return kExitOk;
  }
  absl::Status s;
  if (stage == "sign") {
    s = staged->Sign(index, pipeline_options, clean);
  } else if (stage == "bucket") {
    s = staged->Bucket(index);
  } else if (stage == "decide") {
    s = staged->Decide(index);
  } else if (stage == "resolve") {
    s = staged->Resolve();
  } else if (stage == "apply") {
    StagedApply apply;
    apply.staged = &*staged;
    apply.shard = index;
    return RunDedup(command, args, pipeline_options, options, clean, &apply);
  } else if (stage == "merge") {
    return Merge(command, args, *staged, options);
  } else {
    return UsageError(command, absl::StrCat("no stage '", stage, "'"));
  }
  return s.ok() ? kExitOk : Fail(s);
}

std::vector<FlagSpec> Flags() {
  std::vector<FlagSpec> flags = {
      {"work-dir", 0, "DIR", "",
       "The directory of the stage files (shared by\n"
       "every machine that runs a stage)."},
      {"shards", 0, "N", "1", "plan: cut the inputs into N shards."},
      {"partitions", 0, "N", "1", "plan: shuffle band keys into N partitions."},
      {"shard", 0, "K", "", "sign, decide, apply: the shard (0 to N-1)."},
      {"partition", 0, "K", "", "bucket: the partition (0 to N-1)."},
      {"skip-done", 0, nullptr, "",
       "Do nothing if the stage's outputs exist and\n"
       "verify (a plan: of the same inputs and options)."},
  };
  flags.push_back({"clean", 0, nullptr, "",
                   "The stages of pith run: clean each document\n"
                   "(with the cleaning options below), then dedup\n"
                   "the cleaned text. Give it to every stage."});
  for (const std::vector<FlagSpec>& more :
       {InputFlags(), CleaningFlags(), DedupFlags(), DocumentOutputFlags()}) {
    flags.insert(flags.end(), more.begin(), more.end());
  }
  flags.push_back({"drop-rejected", 0, nullptr, "",
                   "With --clean, JSONL: leave out the lines of\n"
                   "rejected documents."});
  return flags;
}

}  // namespace

const Command& StageCommand() {
  static const Command* const kCommand = new Command{
      "stage",
      "pith dedup in stages, for many machines (plan, sign, ...)",
      "pith stage plan|sign|bucket|decide|resolve|apply|merge --work-dir DIR "
      "[OPTIONS...] [FILE...]",
      "Runs pith dedup in stages that share a directory (--work-dir), so\n"
      "that any scheduler (xargs -P, Slurm, pith.distributed on Dask) can\n"
      "spread them over processes and machines. Every stage takes the same\n"
      "dedup and input options, which the plan records (a stage run with\n"
      "others is refused):\n"
      "\n"
      "  plan   --shards N --partitions P FILE...  cut the inputs into shards\n"
      "  sign   --shard K      (each shard; in any order, in parallel)\n"
      "  bucket --partition K  (each partition, after every sign)\n"
      "  decide --shard K      (each shard, after every bucket)\n"
      "  resolve               (once, after every decide)\n"
      "  apply  --shard K      (each shard, after resolve) [--report]\n"
      "  merge  -o FILE [--report FILE] [--stats]  (after every apply)\n"
      "\n"
      "With --clean (given to every stage), the stages are those of pith run:\n"
      "each document is cleaned before its units are signed and applied.\n"
      "\n"
      "The merged output and report equal those of pith dedup (pith run)\n"
      "with the same options, byte for byte, and so do the --stats (but the\n"
      "time, and the index memory row, which becomes the bytes of the stage\n"
      "files). Rule files are recorded by path: do not change them between\n"
      "stages. Not\n"
      "supported in staged mode: --index, --output-dir, --html.\n"
      "\n"
      "--max-candidates: one process leaves a unit with more LSH candidates\n"
      "than that out of its index, which changes what later units are\n"
      "compared with; resolve replays that rule over those units, so the\n"
      "result is still the same. A unit with more than 16 x\n"
      "--max-candidates candidates (at least 1024) makes bucket or decide\n"
      "fail: the stages cannot replay that many.\n",
      Flags(),
      &RunStageCommand,
  };
  return *kCommand;
}

}  // namespace cli
}  // namespace pith
