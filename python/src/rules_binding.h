// Copyright 2026 The pith Authors.
//
// pith.RuleSet: a set of line rules (pith/rules.h), as the Python API holds
// it for the Cleaner and for run().

#ifndef PITH_PYTHON_RULES_BINDING_H_
#define PITH_PYTHON_RULES_BINDING_H_

#include <memory>
#include <optional>
#include <vector>

#include "common.h"
#include "pith/rules.h"

namespace pith {
namespace python {

// The rules and the options they were compiled with. Each Cleaner owns its
// compiled RuleSet (a C++ Cleaner takes one by value), so the first Cleaner
// made from a PyRuleSet takes the set compiled when it was made, and later
// ones compile their own copy from rules().
class PyRuleSet {
 public:
  PyRuleSet(RuleSet compiled, const RuleSetOptions& options);

  const std::vector<Rule>& rules() const { return rules_; }
  const RuleSetOptions& options() const { return options_; }

  // A compiled set for a Cleaner (see above). Raises on failure.
  RuleSet Take();

  // The compiled set, for match(): compiled again if a Cleaner took it.
  const RuleSet& Compiled();

 private:
  std::vector<Rule> rules_;
  RuleSetOptions options_;
  std::optional<RuleSet> compiled_;
};

// The rule set for a Cleaner from a "rules" argument: None (the built-in
// rules), a pith.RuleSet, or the path of a rule file. "what" names the
// argument in messages.
RuleSet RulesFromArgument(py::handle rules, const char* what);

}  // namespace python
}  // namespace pith

#endif  // PITH_PYTHON_RULES_BINDING_H_
