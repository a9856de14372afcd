// Copyright 2026 The pith Authors.
//
// pith.RuleSet and pith.Rule.

#include "rules_binding.h"

#include <pybind11/stl.h>

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "options.h"

namespace pith {
namespace python {
namespace {

const OptionTable<RuleSetOptions>& RuleSetOptionTable() {
  static const auto* const table = [] {
    auto* t = new OptionTable<RuleSetOptions>();
    t->Field("max_mem", &RuleSetOptions::max_mem)
        .Field("remembered_lines", &RuleSetOptions::remembered_lines);
    return t;
  }();
  return *table;
}

RuleSetOptions OptionsFrom(const py::kwargs& kwargs, const char* function) {
  RuleSetOptions options;
  Keywords kw(kwargs, function);
  kw.Apply(RuleSetOptionTable(), &options);
  kw.CheckAllUsed();
  return options;
}

PyRuleSet Make(absl::StatusOr<RuleSet> set, const RuleSetOptions& options,
               StatusContext context = StatusContext::kCompute) {
  if (!set.ok()) ThrowStatus(set.status(), context);
  return PyRuleSet(*std::move(set), options);
}

}  // namespace

PyRuleSet::PyRuleSet(RuleSet compiled, const RuleSetOptions& options)
    : rules_(compiled.rules()),
      options_(options),
      compiled_(std::move(compiled)) {}

RuleSet PyRuleSet::Take() {
  if (compiled_.has_value()) {
    RuleSet set = *std::move(compiled_);
    compiled_.reset();
    return set;
  }
  absl::StatusOr<RuleSet> set = RuleSet::Create(rules_, options_);
  Check(set.status());
  return *std::move(set);
}

const RuleSet& PyRuleSet::Compiled() {
  if (!compiled_.has_value()) compiled_.emplace(Take());
  return *compiled_;
}

RuleSet RulesFromArgument(py::handle rules, const char* what) {
  if (rules.is_none()) {
    absl::StatusOr<RuleSet> set = RuleSet::Default(RuleSetOptions());
    Check(set.status());
    return *std::move(set);
  }
  if (py::isinstance<PyRuleSet>(rules)) return rules.cast<PyRuleSet&>().Take();
  std::string path;
  try {
    path = ToPath(rules, what);
  } catch (const py::type_error&) {
    ThrowTypeError(absl::StrCat(what,
                                " must be None, a pith.RuleSet or the path "
                                "of a rule file, not ",
                                TypeName(rules)));
  }
  absl::StatusOr<RuleSet> set = RuleSet::ParseFile(path, RuleSetOptions());
  Check(set.status());
  return *std::move(set);
}

void BindRules(py::module_& m) {
  py::class_<Rule>(m, "Rule", R"doc(
One rule of a rule file: ``ACTION NAME PATTERN``.

Attributes:
    action: "drop", "drop-rest", "drop-before", "strip" or "reject".
    name: the rule's name, unique within its set; reported with removals.
    pattern: the RE2 pattern.
    source: where it came from, "FILE:LINE".
)doc")
      .def_property_readonly(
          "action",
          [](const Rule& r) { return std::string(RuleActionName(r.action)); },
          "The action: drop, drop-rest, drop-before, strip or reject.")
      .def_readonly("name", &Rule::name, "The rule's name.")
      .def_readonly("pattern", &Rule::pattern, "The RE2 pattern.")
      .def_readonly("source", &Rule::source, "Where it came from: FILE:LINE.")
      .def("__repr__", [](const Rule& r) {
        return absl::StrCat("pith.Rule(", RuleActionName(r.action), " ", r.name,
                            " ", r.pattern, ")");
      });

  py::class_<PyRuleSet>(m, "RuleSet", R"doc(
A compiled set of line rules (RE2 regular expressions).

A line is boilerplate if a rule matches it; see the README's "Rule files"
for the format. Make one with ``RuleSet.default()``, ``RuleSet.from_file()``
or ``RuleSet.from_text()``, combine sets with ``+`` (as ``pith clean -x``
adds rule files to the built-in ones), and pass it to ``pith.Cleaner`` or
``pith.run``.

Keyword options of the constructors (pith/rules.h, RuleSetOptions):
    max_mem (int): memory budget of all compiled rules, bytes (512 MiB).
    remembered_lines (int): short lines remembered per thread (16384).

A bad rule raises ValueError with the message of ``pith clean --rules``,
e.g. ``site.rules:7: rule "x": missing ): (foo``.
)doc")
      .def_static(
          "default",
          [](const py::kwargs& kwargs) {
            const RuleSetOptions options =
                OptionsFrom(kwargs, "RuleSet.default()");
            return Make(RuleSet::Default(options), options);
          },
          "default(**options) -> RuleSet\n\nThe built-in rules "
          "(lib/rules/default.rules).")
      .def_static(
          "from_file",
          [](py::handle path, const py::kwargs& kwargs) {
            const RuleSetOptions options =
                OptionsFrom(kwargs, "RuleSet.from_file()");
            return Make(RuleSet::ParseFile(
                            ToPath(path, "RuleSet.from_file() path"), options),
                        options);
          },
          py::arg("path"),
          "from_file(path, **options) -> RuleSet\n\nReads a rule file. "
          "FileNotFoundError if it cannot be read; ValueError naming the "
          "file and line for a bad rule.")
      .def_static(
          "from_text",
          [](py::handle text, py::handle name, const py::kwargs& kwargs) {
            const RuleSetOptions options =
                OptionsFrom(kwargs, "RuleSet.from_text()");
            Text t = ToText(text, "RuleSet.from_text() text");
            std::string source;
            FromPython(name, "RuleSet.from_text() name", &source);
            return Make(RuleSet::Parse(t.bytes, source, options), options);
          },
          py::arg("text"), py::arg("name") = "rules",
          "from_text(text, name='rules', **options) -> RuleSet\n\nParses "
          "rule-file text; messages call it NAME (\"rules:3: ...\").")
      .def_property_readonly(
          "rules", [](const PyRuleSet& s) { return s.rules(); },
          "The rules, in order (a list of pith.Rule).")
      .def("__len__", [](const PyRuleSet& s) { return s.rules().size(); })
      .def(
          "__add__",
          [](const PyRuleSet& a, const PyRuleSet& b) {
            std::vector<Rule> rules = a.rules();
            rules.insert(rules.end(), b.rules().begin(), b.rules().end());
            return Make(RuleSet::Create(std::move(rules), a.options()),
                        a.options());
          },
          "The rules of both sets, this one's first. ValueError if a name "
          "repeats.")
      .def(
          "match",
          [](PyRuleSet& s, py::handle line) {
            Text t = ToText(line, "RuleSet.match() line");
            const RuleSet& set = s.Compiled();
            std::vector<int> hits;
            Check(set.Match(t.bytes, &hits));
            py::list names;
            for (int i : hits) names.append(py::str(set.rules()[i].name));
            return names;
          },
          py::arg("line"),
          "match(line) -> list[str]\n\nThe names of the rules that match "
          "LINE (without its line end), in rule order.")
      .def("__repr__", [](const PyRuleSet& s) {
        return absl::StrCat("<pith.RuleSet of ", s.rules().size(), " rules>");
      });
}

}  // namespace python
}  // namespace pith
