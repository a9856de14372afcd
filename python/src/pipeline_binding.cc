// Copyright 2026 The pith Authors.
//
// pith.run(): the whole pipeline on files, through pith/pipeline.h, the
// engine of the pith command.

#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cleaner_binding.h"
#include "common.h"
#include "dedup_binding.h"
#include "options.h"
#include "pith/io.h"
#include "pith/pipeline.h"
#include "rules_binding.h"

namespace pith {
namespace python {
namespace {

const OptionTable<ReaderOptions>& ReaderOptionTable() {
  static const auto* const table = [] {
    using O = ReaderOptions;
    auto* t = new OptionTable<O>();
    t->Field("field", &O::field)
        .Field("id_field", &O::id_field)
        .Enum<OnError>(
            "on_error", [](O& o) -> OnError& { return o.on_error; },
            &ParseOnError, &OnErrorName, "'fail' or 'skip'")
        .Field("max_document_bytes", &O::max_document_bytes)
        .Field("max_line_bytes", &O::max_line_bytes)
        .Field("read_bytes", &O::read_bytes);
    return t;
  }();
  return *table;
}

const OptionTable<PipelineOptions>& PipelineOptionTable() {
  static const auto* const table = [] {
    using O = PipelineOptions;
    auto* t = new OptionTable<O>();
    t->Field("threads", &O::threads)
        .Field("batch_documents", &O::batch_documents)
        .Field("batch_bytes", &O::batch_bytes)
        .Field("progress_interval", &O::progress_interval);
    return t;
  }();
  return *table;
}

// The writer of pith's commands, keeping the input's warnings (skipped
// JSONL lines) for the caller instead of printing them.
class RunWriter : public PipelineWriter {
 public:
  using PipelineWriter::PipelineWriter;
  void Warn(absl::string_view message) override {
    if (warnings.size() < kMaxWarnings) warnings.emplace_back(message);
  }
  static constexpr size_t kMaxWarnings = 100;
  std::vector<std::string> warnings;
};

bool LooksLikeJsonl(const std::string& path) {
  for (const char* ext : {".jsonl", ".ndjson"}) {
    for (const char* z : {"", ".zst", ".gz"}) {
      if (absl::EndsWith(path, absl::StrCat(ext, z))) return true;
    }
  }
  return false;
}

std::vector<std::string> InputPaths(py::handle inputs) {
  std::vector<std::string> paths;
  if (PyUnicode_Check(inputs.ptr()) || PyBytes_Check(inputs.ptr()) ||
      PyObject_HasAttrString(inputs.ptr(), "__fspath__")) {
    paths.push_back(ToPath(inputs, "run() inputs"));
    return paths;
  }
  if (!PyObject_HasAttrString(inputs.ptr(), "__iter__")) {
    ThrowTypeError(absl::StrCat(
        "run() inputs must be a path or an iterable of paths, not ",
        TypeName(inputs)));
  }
  for (py::handle item : py::iter(inputs)) {
    paths.push_back(ToPath(item, "run() inputs"));
  }
  if (paths.empty()) ThrowValueError("run() needs at least one input");
  return paths;
}

DocumentFormat FormatFor(py::handle format,
                         const std::vector<std::string>& inputs) {
  std::string name = "auto";
  if (!format.is_none()) FromPython(format, "run() option 'format'", &name);
  DocumentFormat f = DocumentFormat::kText;
  if (name != "auto") {
    if (!ParseDocumentFormat(name, &f)) {
      ThrowValueError(absl::StrCat(
          "run() option 'format' must be 'auto', 'text' or 'jsonl', not '",
          name, "'"));
    }
    return f;
  }
  size_t jsonl = 0;
  for (const std::string& path : inputs) jsonl += LooksLikeJsonl(path);
  if (jsonl != 0 && jsonl != inputs.size()) {
    ThrowValueError(
        "run(): some inputs are named .jsonl and some are not: pass "
        "format='jsonl' or format='text'");
  }
  return jsonl != 0 ? DocumentFormat::kJsonl : DocumentFormat::kText;
}

py::dict StatsDict(const PipelineStats& s, const RunWriter& writer) {
  py::dict d;
  d["documents"] = s.documents;
  d["input_bytes"] = s.input_bytes;
  d["text_bytes"] = s.text_bytes;
  d["skipped_lines"] = s.skipped_lines;
  d["rejected"] = s.rejected;
  d["lines_removed"] = s.lines_removed;
  d["units_removed"] = s.units_removed;
  d["repeated_ids"] = s.repeated_ids;
  d["removed_by"] = s.removed_by;
  d["rejected_by"] = s.rejected_by;
  d["threads"] = s.threads;
  d["documents_written"] = writer.documents_written();
  d["bytes_written"] = writer.bytes_written();
  d["documents_dropped"] = writer.documents_dropped();
  d["warnings"] = writer.warnings;
  return d;
}

std::optional<OutputFile> OpenOutput(py::handle path, const char* what) {
  if (path.is_none()) return std::nullopt;
  absl::StatusOr<OutputFile> file =
      OutputFile::Open(ToPath(path, what), OutputOptions());
  Check(file.status(), StatusContext::kOutput);
  return *std::move(file);
}

py::dict Run(py::handle inputs, py::handle output, bool clean, bool dedup,
             py::handle report, const py::kwargs& kwargs) {
  Keywords kw(kwargs, "run()");
  py::object rules = kw.Take("rules");
  py::object removals_path = kw.Take("removals");
  py::object index_path = kw.Take("index");
  py::object format = kw.Take("format");
  py::object progress = kw.Take("progress");
  py::object drop_rejected_value = kw.Take("drop_rejected");
  py::object min_chars_value = kw.Take("min_chars");

  const std::vector<std::string> paths = InputPaths(inputs);
  PipelineOptions pipeline_options;
  pipeline_options.reader.format = FormatFor(format, paths);
  kw.Apply(ReaderOptionTable(), &pipeline_options.reader);
  kw.Apply(PipelineOptionTable(), &pipeline_options);
  CleanerOptions cleaner_options;
  // As pith clean: removed lines are copied only for a removals file.
  cleaner_options.report_removed_text = !removals_path.is_none();
  const std::vector<std::string> cleaning =
      kw.Apply(CleanerOptionTable(), &cleaner_options);
  const std::vector<std::string> deduping_all = [&] {
    std::vector<std::string> names;
    for (const std::string& n : DedupOptionTable().names()) {
      if (kw.Has(n)) names.push_back(n);
    }
    return names;
  }();
  const DedupOptions dedup_options = DedupOptionsFrom(&kw);
  kw.CheckAllUsed();
  // An option of a stage that does not run is a mistake, not a no-op.
  auto shared = [](const std::string& name) {
    return ReaderOptionTable().Has(name) || PipelineOptionTable().Has(name);
  };
  if (!clean) {
    for (const std::string& name : cleaning) {
      if (!shared(name) && !(dedup && DedupOptionTable().Has(name))) {
        ThrowValueError(absl::StrCat("run(): option '", name,
                                     "' is a cleaning option, but "
                                     "clean=False"));
      }
    }
    if (!rules.is_none()) {
      ThrowValueError("run(): rules given, but clean=False");
    }
    if (!removals_path.is_none()) {
      ThrowValueError("run(): removals given, but clean=False");
    }
  }
  if (!dedup) {
    for (const std::string& name : deduping_all) {
      if (!shared(name) && !(clean && CleanerOptionTable().Has(name))) {
        ThrowValueError(absl::StrCat("run(): option '", name,
                                     "' is a dedup option, but dedup=False"));
      }
    }
    if (!report.is_none()) {
      ThrowValueError("run(): report given, but dedup=False");
    }
    if (!index_path.is_none()) {
      ThrowValueError("run(): index given, but dedup=False");
    }
  }
  bool drop_rejected = false;
  if (!drop_rejected_value.is_none()) {
    FromPython(drop_rejected_value, "run() option 'drop_rejected'",
               &drop_rejected);
  }
  int64_t min_chars = 0;
  if (!min_chars_value.is_none()) {
    FromPython(min_chars_value, "run() option 'min_chars'", &min_chars);
  }

  // Progress: the callback runs with the GIL, on whichever thread the
  // pipeline calls it from; its first exception is raised after the run.
  py::object progress_error;
  if (!progress.is_none()) {
    if (!PyCallable_Check(progress.ptr())) {
      ThrowTypeError(
          absl::StrCat("run() option 'progress' must be callable, "
                       "not ",
                       TypeName(progress)));
    }
    // A borrowed pointer: copies of the function must not touch reference
    // counts without the GIL ("progress" outlives the run).
    PyObject* callback = progress.ptr();
    pipeline_options.progress = [callback,
                                 &progress_error](const PipelineProgress& p) {
      py::gil_scoped_acquire acquire;
      if (progress_error) return;
      try {
        py::dict d;
        d["input_bytes"] = p.input_bytes;
        d["total_bytes"] = p.total_bytes;
        d["documents"] = p.documents;
        d["lines_removed"] = p.lines_removed;
        d["units_removed"] = p.units_removed;
        d["seconds"] = p.seconds;
        d["done"] = p.done;
        py::reinterpret_borrow<py::object>(callback)(d);
      } catch (py::error_already_set& e) {
        progress_error = e.value();
      }
    };
  }

  std::optional<Cleaner> cleaner;
  if (clean) {
    RuleSet set = RulesFromArgument(rules, "run() rules");
    absl::StatusOr<Cleaner> c =
        Cleaner::Create(std::move(set), cleaner_options);
    Check(c.status());
    cleaner.emplace(*std::move(c));
  }
  std::optional<Deduplicator> deduplicator;
  std::string index;
  if (dedup) {
    absl::StatusOr<Deduplicator> d;
    if (!index_path.is_none()) {
      index = ToPath(index_path, "run() index");
      py::gil_scoped_release release;
      d = Deduplicator::Open(index, dedup_options);
    } else {
      d = Deduplicator::Create(dedup_options);
    }
    Check(d.status(), StatusContext::kFile);
    deduplicator.emplace(*std::move(d));
  }
  absl::StatusOr<Pipeline> pipeline =
      Pipeline::Create(pipeline_options, cleaner ? &*cleaner : nullptr,
                       deduplicator ? &*deduplicator : nullptr);
  Check(pipeline.status());

  if (output.is_none()) ThrowTypeError("run() output must be a path, not None");
  std::optional<OutputFile> out = OpenOutput(output, "run() output");
  std::optional<OutputFile> report_file = OpenOutput(report, "run() report");
  std::optional<OutputFile> removals_file =
      OpenOutput(removals_path, "run() removals");
  RunWriter writer(&*out, pipeline_options.reader.format);
  if (report_file) writer.set_report(&*report_file);
  if (removals_file) writer.set_removals(&*removals_file);
  writer.set_drop_rejected(drop_rejected);
  writer.set_min_chars(min_chars);

  absl::Status status;
  StatusContext context = StatusContext::kCompute;
  {
    py::gil_scoped_release release;
    status = pipeline->Run(paths, &writer);
    if (!status.ok() && writer.failed()) context = StatusContext::kOutput;
    // As the pith command: the report and removals, then the output, then
    // the index.
    for (std::optional<OutputFile>* file :
         {&removals_file, &report_file, &out}) {
      if (status.ok() && file->has_value()) {
        status = (*file)->Commit();
        if (!status.ok()) context = StatusContext::kOutput;
      }
    }
    if (status.ok() && !index.empty()) {
      status = deduplicator->Save(index);
      if (!status.ok()) context = StatusContext::kOutput;
    }
  }
  if (progress_error) {
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(progress_error.ptr())),
                    progress_error.ptr());
    throw py::error_already_set();
  }
  Check(status, context);
  py::dict stats = StatsDict(pipeline->stats(), writer);
  if (deduplicator) {
    const DedupStats s = deduplicator->stats();
    py::dict d;
    d["indexed_units"] = s.indexed_units;
    d["exact_duplicates"] = s.exact_duplicates;
    d["near_duplicates"] = s.near_duplicates;
    d["memory_bytes"] = s.memory_bytes;
    stats["dedup"] = d;
  }
  return stats;
}

}  // namespace

void BindPipeline(py::module_& m) {
  m.def(
      "run", &Run, py::arg("inputs"), py::arg("output"),
      py::arg("clean") = true, py::arg("dedup") = true,
      py::arg("report") = py::none(),
      R"doc(run(inputs, output, clean=True, dedup=True, report=None, **options) -> dict

The whole job on files, through the engine of the pith command: what
``pith run`` does (``pith clean`` with dedup=False, ``pith dedup`` with
clean=False), with the same output byte for byte.

inputs: a path or a list of paths (zstd-compressed inputs are read as
    they are); output: a path ("-" for stdout), written atomically: it
    appears only if the run succeeds. Compressed with zstd if it ends in
    .zst.
report: a path for one JSON line per removed duplicate unit (as --report).

Options (keywords):
    format: "auto" (the default: "jsonl" if the inputs are named .jsonl or
        .ndjson, possibly compressed, else "text"), "text" or "jsonl".
    field, id_field, on_error ("fail"/"skip"), max_document_bytes,
        max_line_bytes, read_bytes: how inputs are read (ReaderOptions).
    threads (0: one per core), batch_documents, batch_bytes.
    rules: None (built-in), a pith.RuleSet or a rule file path; and the
        Cleaner's options (see pith.Cleaner).
    removals: a path for one JSON line per line cleaning removed (as
        pith clean --explain).
    The Deduplicator's options (see pith.Deduplicator); index: a dedup
        index file to load if it exists and save after (as --index).
    drop_rejected (False), min_chars (0): leave documents out.
    progress: a callable, called now and then with a dict (input_bytes,
        total_bytes, documents, seconds, done...).
An option shared by two stages (threads, tidy_blank_lines) sets both.

Returns the run's counters as a dict (documents, lines_removed,
units_removed, removed_by, documents_written, warnings...). Errors:
FileNotFoundError for a missing input, ValueError naming FILE:LINE for
malformed input, OSError for an output that cannot be written; a failed run
leaves no output file.)doc");
}

}  // namespace python
}  // namespace pith
