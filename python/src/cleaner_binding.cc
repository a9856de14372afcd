// Copyright 2026 The pith Authors.
//
// pith.Cleaner, pith.CleanResult and pith.Removal.

#include "cleaner_binding.h"

#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common.h"
#include "pith/parallel.h"
#include "rules_binding.h"

namespace pith {
namespace python {
namespace {

// One removed line, with its text in the type of the document (str or
// bytes).
struct PyRemoval {
  Removal removal;
  bool is_bytes = false;
};

// The result of cleaning one document.
struct PyCleanResult {
  py::object text;
  std::vector<Removal> removals;
  bool is_bytes = false;
  bool rejected = false;
  std::string reject_rule;
  int reject_line = 0;
  bool unchanged = false;
  py::object removal_list;  // Built on first access.
};

PyCleanResult Convert(CleanResult&& r, const Text& input) {
  PyCleanResult out;
  // An unchanged document is the object given, not a copy (unless its
  // lone surrogates were replaced).
  out.text = r.unchanged && input.owner.is(input.original)
                 ? input.original
                 : FromText(r.text, input.is_bytes);
  out.removals = std::move(r.removals);
  out.is_bytes = input.is_bytes;
  out.rejected = r.rejected;
  out.reject_rule = std::move(r.reject_rule);
  out.reject_line = r.reject_line;
  out.unchanged = r.unchanged;
  return out;
}

class PyCleaner {
 public:
  explicit PyCleaner(Cleaner cleaner) : cleaner_(std::move(cleaner)) {}

  const Cleaner& cleaner() const { return cleaner_; }

 private:
  Cleaner cleaner_;
};

PyCleaner MakeCleaner(py::handle rules, const py::kwargs& kwargs) {
  CleanerOptions options;
  Keywords kw(kwargs, "Cleaner()");
  kw.Apply(CleanerOptionTable(), &options);
  kw.CheckAllUsed();
  RuleSet set = RulesFromArgument(rules, "Cleaner() rules");
  absl::StatusOr<Cleaner> cleaner = Cleaner::Create(std::move(set), options);
  Check(cleaner.status());
  return PyCleaner(*std::move(cleaner));
}

PyCleanResult Clean(const PyCleaner& self, py::handle document) {
  Text text = ToText(document, "Cleaner.clean() text");
  CleanResult result;
  absl::Status status;
  {
    py::gil_scoped_release release;
    status = self.cleaner().Clean(text.bytes, &result);
  }
  Check(status);
  return Convert(std::move(result), text);
}

std::vector<PyCleanResult> CleanMany(const PyCleaner& self, py::handle texts,
                                     int threads) {
  if (threads < 0) ThrowValueError("Cleaner.clean_many() threads must be >= 0");
  if (PyUnicode_Check(texts.ptr()) || PyBytes_Check(texts.ptr())) {
    ThrowTypeError(
        "Cleaner.clean_many() takes an iterable of texts, not one text (use "
        "clean())");
  }
  std::vector<Text> inputs;
  for (py::handle item : py::iter(texts)) {
    inputs.push_back(ToText(item, "Cleaner.clean_many() texts"));
  }
  std::vector<CleanResult> results(inputs.size());
  std::vector<absl::Status> errors(inputs.size());
  {
    py::gil_scoped_release release;
    ParallelFor(inputs.size(), threads, 16, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        errors[i] = self.cleaner().Clean(inputs[i].bytes, &results[i]);
      }
    });
  }
  for (const absl::Status& s : errors) Check(s);
  std::vector<PyCleanResult> out;
  out.reserve(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    out.push_back(Convert(std::move(results[i]), inputs[i]));
  }
  return out;
}

}  // namespace

const OptionTable<CleanerOptions>& CleanerOptionTable() {
  static const auto* const table = [] {
    using O = CleanerOptions;
    auto* t = new OptionTable<O>();
    t->Field("drop_repeated_lines", &O::drop_repeated_lines)
        .Field("drop_edge_runs", &O::drop_edge_runs)
        .Field("classify_paragraphs", &O::classify_paragraphs)
        .Field("footer_zone", &O::footer_zone)
        .Field("header_zone", &O::header_zone)
        .Field("tidy_blank_lines", &O::tidy_blank_lines)
        .Field("report_removed_text", &O::report_removed_text)
        .Field("edge_run_max_words", &O::edge_run_max_words)
        .Field("edge_run_min_lines", &O::edge_run_min_lines)
        .Field("classifier_length_low", &O::classifier_length_low)
        .Field("classifier_length_high", &O::classifier_length_high)
        .Field("classifier_stopwords_low", &O::classifier_stopwords_low)
        .Field("classifier_stopwords_high", &O::classifier_stopwords_high);
    return t;
  }();
  return *table;
}

void BindCleaner(py::module_& m) {
  py::class_<PyRemoval>(m, "Removal", R"doc(
One line the Cleaner removed.

Attributes:
    line: 1-based line number in the document.
    rule: the rule name, or a heuristic: "repeated-line", "edge-run",
        "classifier".
    text: what was removed (the line, or for a strip rule the cut text),
        without its line end; str or bytes as the document was. Empty if
        the Cleaner was made with report_removed_text=False.
    partial: True if a strip rule removed only part of the line.
)doc")
      .def_property_readonly(
          "line", [](const PyRemoval& r) { return r.removal.line; },
          "1-based line number in the document.")
      .def_property_readonly(
          "rule", [](const PyRemoval& r) { return r.removal.reason; },
          "The rule or heuristic that removed the line.")
      .def_property_readonly(
          "text",
          [](const PyRemoval& r) {
            return FromText(r.removal.text, r.is_bytes);
          },
          "The removed text, without its line end.")
      .def_property_readonly(
          "partial", [](const PyRemoval& r) { return r.removal.partial; },
          "True if a strip rule removed only part of the line.")
      .def("__repr__", [](const PyRemoval& r) {
        return absl::StrCat("pith.Removal(line=", r.removal.line, ", rule='",
                            r.removal.reason, "'",
                            r.removal.partial ? ", partial=True" : "", ")");
      });

  py::class_<PyCleanResult>(m, "CleanResult", R"doc(
The result of cleaning one document.

Attributes:
    text: the kept lines (str or bytes, as the document was). Kept lines
        are byte-exact copies of input lines.
    removals: the removed lines, in line order (a list of pith.Removal).
    rejected: True if a reject rule matched; text is then empty.
    reject_rule, reject_line: that rule's name and 1-based line.
    unchanged: True if text is the document itself (the same object).
)doc")
      .def_readonly("text", &PyCleanResult::text, "The kept lines.")
      .def_property_readonly(
          "removals",
          [](PyCleanResult& r) {
            if (!r.removal_list) {
              py::list list;
              for (const Removal& x : r.removals) {
                list.append(py::cast(PyRemoval{x, r.is_bytes}));
              }
              r.removal_list = std::move(list);
            }
            return r.removal_list;
          },
          "The removed lines (list of pith.Removal).")
      .def_readonly("rejected", &PyCleanResult::rejected,
                    "True if a reject rule matched.")
      .def_readonly("reject_rule", &PyCleanResult::reject_rule,
                    "The reject rule's name, if rejected.")
      .def_readonly("reject_line", &PyCleanResult::reject_line,
                    "The reject rule's 1-based line, if rejected.")
      .def_readonly("unchanged", &PyCleanResult::unchanged,
                    "True if nothing was removed.")
      .def("__repr__", [](const PyCleanResult& r) {
        return absl::StrCat("<pith.CleanResult: ", r.removals.size(),
                            " removals", r.rejected ? ", rejected" : "", ">");
      });

  py::class_<PyCleaner>(m, "Cleaner", R"doc(
Removes scraper boilerplate from documents: line rules plus heuristics.

    Cleaner(rules=None, **options)

rules: None for the built-in rules, a pith.RuleSet, or the path of a rule
file. Keyword options are the fields of CleanerOptions (pith/cleaner.h),
with the same defaults as ``pith clean``:

    drop_repeated_lines (True), drop_edge_runs (True),
    classify_paragraphs (True), footer_zone (0.5), header_zone (0.5),
    tidy_blank_lines (True), report_removed_text (True; pith clean sets it
    only for --explain, which changes no output text),
    edge_run_max_words (6), edge_run_min_lines (3),
    classifier_length_low (70), classifier_length_high (200),
    classifier_stopwords_low (0.30), classifier_stopwords_high (0.32).

An unknown option is a TypeError, a bad value a ValueError. A Cleaner is
thread-safe: clean() and clean_many() release the GIL.
)doc")
      .def(py::init(&MakeCleaner), py::arg("rules") = py::none())
      .def("clean", &Clean, py::arg("text"),
           "clean(text) -> CleanResult\n\nCleans one document (str or "
           "bytes; results come back in the same type). Lines end at "
           "\"\\n\".")
      .def("clean_many", &CleanMany, py::arg("texts"), py::arg("threads") = 0,
           "clean_many(texts, threads=0) -> list[CleanResult]\n\nCleans "
           "every text of an iterable on THREADS threads (0: one per core), "
           "with the GIL released; results in input order.")
      .def_property_readonly(
          "options",
          [](const PyCleaner& c) {
            return CleanerOptionTable().ToDict(c.cleaner().options());
          },
          "The options in use, as a dict.")
      .def_property_readonly(
          "rules",
          [](const PyCleaner& c) { return c.cleaner().rules().rules(); },
          "The rules in use (list of pith.Rule).")
      .def("__repr__", [](const PyCleaner& c) {
        return absl::StrCat("<pith.Cleaner with ", c.cleaner().rules().size(),
                            " rules>");
      });
}

}  // namespace python
}  // namespace pith
