// Copyright 2026 The pith Authors.

#include "documents.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "progress.h"

namespace pith {
namespace cli {
namespace {

// The line --separator names ("ff": a form feed).
std::string SeparatorLine(const Args& args) {
  const std::string& value = args.Get("separator");
  return value == "ff" ? "\f" : value;
}

// "size" as ParseByteSize() reads it: "64M" rather than "67108864".
std::string ByteSizeName(uint64_t size) {
  const char* units[] = {"", "K", "M", "G"};
  int unit = 0;
  while (unit < 3 && size != 0 && size % 1024 == 0) {
    size /= 1024;
    ++unit;
  }
  return absl::StrCat(size, units[unit]);
}

}  // namespace

std::vector<FlagSpec> InputFlags() {
  const ReaderOptions defaults;
  return {
      {"format", 'f', "FORMAT",
       std::string(DocumentFormatName(defaults.format)),
       "Input format: text (each file is one\n"
       "document) or jsonl (one JSON object per line).",
       false, "text jsonl"},
      {"field", 0, "NAME", defaults.field,
       "JSONL: the member that holds the text (a.b.c:\n"
       "member c of member b of member a); every other\n"
       "byte of the line is kept as it was."},
      {"id-field", 0, "NAME", defaults.id_field,
       "JSONL: the member that holds the id (a.b for a\n"
       "nested one). A document without one is named\n"
       "FILE:LINE."},
      {"separator", 0, "LINE", "",
       "Text: a line that is exactly LINE separates\n"
       "documents (\"ff\": a form feed), so that one\n"
       "stream (cat pages/* | pith ...) holds many."},
      {"on-error", 0, "MODE", std::string(OnErrorName(defaults.on_error)),
       "What to do with a malformed JSONL line or a line\n"
       "over --max-line-bytes: fail (stop with\n"
       "FILE:LINE) or skip (count it).",
       false, "fail skip"},
      {"max-document-bytes", 0, "SIZE",
       ByteSizeName(defaults.max_document_bytes),
       "Text: read longer inputs in pieces of at most\n"
       "SIZE bytes, cut at line ends (a longer line is\n"
       "a piece of its own)."},
      {"max-document-lines", 0, "N", absl::StrCat(defaults.max_document_lines),
       "Text: at most N lines per piece. Memory on short\n"
       "lines grows with it: about 320 bytes per line\n"
       "per piece in flight (README, Memory)."},
      {"max-line-bytes", 0, "SIZE", ByteSizeName(defaults.max_line_bytes),
       "A longer line (text or JSONL) is an error, or\n"
       "skipped with --on-error=skip."},
  };
}

FlagSpec ThreadsFlag(const char* help) {
  return {"threads", 'j', "N", absl::StrCat(PipelineOptions().threads), help};
}

int SetUpPipeline(const Command& command, const Args& args,
                  PipelineOptions* options) {
  *options = PipelineOptions();
  ReaderOptions* reader = &options->reader;
  if (!ParseDocumentFormat(args.Get("format"), &reader->format)) {
    return UsageError(command,
                      absl::StrCat("--format must be text or jsonl, not '",
                                   args.Get("format"), "'"));
  }
  if (!ParseOnError(args.Get("on-error"), &reader->on_error)) {
    return UsageError(command,
                      absl::StrCat("--on-error must be fail or skip, not '",
                                   args.Get("on-error"), "'"));
  }
  reader->field = args.Get("field");
  reader->id_field = args.Get("id-field");
  for (const std::string& path : {reader->field, reader->id_field}) {
    if (path.empty() || path.front() == '.' || path.back() == '.' ||
        path.find("..") != std::string::npos) {
      return UsageError(command,
                        absl::StrCat("--field and --id-field must be member "
                                     "names joined by '.', not '",
                                     path, "'"));
    }
  }
  if (args.Has("separator")) {
    reader->separator = SeparatorLine(args);
    if (reader->separator.empty()) {
      return UsageError(command, "--separator must not be empty");
    }
  }
  uint64_t max_bytes = 0;
  if (!ParseByteSize(args.Get("max-document-bytes"), &max_bytes)) {
    return UsageError(command,
                      absl::StrCat("--max-document-bytes must be a positive "
                                   "size such as 65536 or 64M, not '",
                                   args.Get("max-document-bytes"), "'"));
  }
  reader->max_document_bytes = static_cast<size_t>(max_bytes);
  uint64_t max_line = 0;
  if (!ParseByteSize(args.Get("max-line-bytes"), &max_line)) {
    return UsageError(command,
                      absl::StrCat("--max-line-bytes must be a positive "
                                   "size such as 65536 or 64M, not '",
                                   args.Get("max-line-bytes"), "'"));
  }
  reader->max_line_bytes = static_cast<size_t>(max_line);
  int max_lines = 0;
  if (!ParseInt(args, "max-document-lines", 1, 1 << 30, &max_lines)) {
    return UsageError(command,
                      absl::StrCat("--max-document-lines must be a positive "
                                   "number, not '",
                                   args.Get("max-document-lines"), "'"));
  }
  reader->max_document_lines = static_cast<size_t>(max_lines);
  if (args.Has("threads") &&
      !ParseInt(args, "threads", 0, 4096, &options->threads)) {
    return UsageError(command,
                      absl::StrCat("--threads must be 0 to 4096, not '",
                                   args.Get("threads"), "'"));
  }
  // As zstd does: a command that would wait for a page typed in by hand is
  // more likely a command missing its input.
  for (const std::string& input : Inputs(args)) {
    if (input == "-" && isatty(STDIN_FILENO)) {
      return UsageError(command,
                        absl::StrCat("standard input is a terminal: name an "
                                     "input file, or pipe one in (cat "
                                     "page.txt | pith ",
                                     command.name, ")"));
    }
  }
  return kExitOk;
}

std::vector<std::string> Inputs(const Args& args) {
  if (args.operands().empty()) return {"-"};
  return args.operands();
}

int OpenOutput(const std::string& path, std::optional<OutputFile>* out,
               const OutputOptions& options) {
  absl::StatusOr<OutputFile> file = OutputFile::Open(path, options);
  if (!file.ok()) {
    PrintError(file.status().message());
    return kExitIo;
  }
  out->emplace(*std::move(file));
  return kExitOk;
}

int CommitOutput(OutputFile* out) {
  absl::Status s = out->Commit();
  if (!s.ok()) {
    PrintError(s.message());
    return kExitIo;
  }
  return kExitOk;
}

absl::Status CliWriter::StartInput(const std::string& path) {
  if (output_dir_.empty()) return absl::OkStatus();
  const size_t slash = path.rfind('/');
  const std::string name =
      absl::StrCat(output_dir_, "/",
                   slash == std::string::npos ? path : path.substr(slash + 1));
  absl::StatusOr<OutputFile> file = OutputFile::Open(name, dir_options_);
  if (!file.ok()) {
    dir_failed_ = true;
    return file.status();
  }
  dir_output_.emplace(*std::move(file));
  set_output(&*dir_output_);
  return absl::OkStatus();
}

absl::Status CliWriter::EndInput(const std::string& /*path*/) {
  if (!dir_output_) return absl::OkStatus();
  absl::Status s = dir_output_->Commit();
  if (!s.ok()) dir_failed_ = true;
  set_output(nullptr);
  dir_output_.reset();
  return s;
}

absl::Status CliWriter::Consume(const PipelineDocument& document) {
  absl::Status s = PipelineWriter::Consume(document);
  if (s.ok() && html_ != nullptr) {
    s = html_->Add(document);
    if (!s.ok()) html_failed_ = true;
  }
  return s;
}

void CliWriter::Warn(absl::string_view message) {
  if (!quiet_) PrintError(message);
}

std::vector<FlagSpec> DocumentOutputFlags() {
  std::vector<FlagSpec> flags = {
      {"output-dir", 0, "DIR", "",
       "Write one output per input, DIR/NAME for an\n"
       "input named NAME (same compression), each\n"
       "atomically once its input is done. Not with -o."},
      {"drop-empty", 0, nullptr, "",
       "Leave out documents left without text (JSONL\n"
       "lines and text files alike), and count them."},
      {"min-chars", 0, "N", "",
       "Leave out documents left with fewer than N\n"
       "characters besides white space; counted."},
      {"stats-json", 0, "FILE", "",
       "Write the --stats numbers to FILE as one JSON\n"
       "object (documents_in, removed_by, seconds...)."},
  };
  for (const FlagSpec& f : ProgressFlags()) flags.push_back(f);
  return flags;
}

int SetUpWriterOptions(const Command& command, const Args& args,
                       CliWriter* writer) {
  int64_t min_chars = args.Has("drop-empty") ? 1 : 0;
  if (args.Has("min-chars")) {
    int n = 0;
    if (!ParseInt(args, "min-chars", 0, 1 << 30, &n)) {
      return UsageError(command, absl::StrCat("--min-chars must be a count, "
                                              "not '",
                                              args.Get("min-chars"), "'"));
    }
    min_chars = std::max<int64_t>(min_chars, n);
  }
  writer->set_min_chars(min_chars);
  if (args.Has("separator")) writer->set_separator(SeparatorLine(args));
  return kExitOk;
}

int SetUpDocumentOutput(const Command& command, const Args& args,
                        const OutputOptions& options, CliWriter* writer,
                        std::optional<OutputFile>* out) {
  const int setup = SetUpWriterOptions(command, args, writer);
  if (setup != kExitOk) return setup;
  if (!args.Has("output-dir")) {
    const int code =
        OpenOutput(args.Has("output") ? args.Get("output") : "-", out, options);
    if (code == kExitOk) writer->set_output(&**out);
    return code;
  }
  if (args.Has("output")) {
    return UsageError(command, "-o and --output-dir do not go together");
  }
  std::set<std::string> names;
  for (const std::string& input : Inputs(args)) {
    if (input == "-") {
      return UsageError(command, "--output-dir needs input files, not stdin");
    }
    const size_t slash = input.rfind('/');
    const std::string name =
        slash == std::string::npos ? input : input.substr(slash + 1);
    if (!names.insert(name).second) {
      return UsageError(command, absl::StrCat("--output-dir: two inputs are "
                                              "named ",
                                              name));
    }
  }
  const std::string dir = args.Get("output-dir");
  struct stat st;
  if (stat(dir.c_str(), &st) != 0 && mkdir(dir.c_str(), 0777) != 0) {
    PrintError(absl::StrCat(
        dir, ": cannot create the output directory: ", std::strerror(errno)));
    return kExitIo;
  }
  writer->set_output_dir(dir, options);
  return kExitOk;
}

int ReportStats(const Args& args, const RunStats& stats) {
  if (args.Has("stats")) std::fputs(StatsText(stats).c_str(), stderr);
  if (!args.Has("stats-json")) return kExitOk;
  std::optional<OutputFile> file;
  int code = OpenOutput(args.Get("stats-json"), &file);
  if (code != kExitOk) return code;
  absl::Status s = file->Write(StatsJson(stats));
  if (!s.ok()) {
    PrintError(s.message());
    return kExitIo;
  }
  return CommitOutput(&*file);
}

}  // namespace cli
}  // namespace pith
