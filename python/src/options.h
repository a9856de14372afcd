// Copyright 2026 The pith Authors.
//
// Keyword arguments -> the fields of an Options struct, generically: each
// binding describes its struct once, one line per field, and a field added
// to a C++ Options struct is one more line here.
//
//   OptionTable<CleanerOptions> table;
//   table.Field("footer_zone", &CleanerOptions::footer_zone)
//       .Field("ngram", [](DedupOptions& o) -> int& { return o.shingle.ngram;
//       });
//
//   CleanerOptions options;
//   Keywords kw(kwargs, "Cleaner()");
//   kw.Apply(table, &options);
//   kw.CheckAllUsed();  // TypeError: Cleaner() got an unexpected keyword
//                       // argument 'x'
//
// Values are checked strictly: a bool field takes True or False, an integer
// field an int (or anything with __index__, not a bool), a float field an
// int or float, a string field a str. A wrong type is a TypeError and an
// integer out of the field's range a ValueError, both naming the option.
// Range checks beyond the C++ type are left to the C++ Create() functions,
// whose InvalidArgument becomes ValueError.

#ifndef PITH_PYTHON_OPTIONS_H_
#define PITH_PYTHON_OPTIONS_H_

#include <pybind11/pybind11.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common.h"

namespace pith {
namespace python {

// Converters from a Python value to one C++ field type, raising TypeError or
// ValueError that name "where" (e.g. "Cleaner() option 'footer_zone'").
void FromPython(py::handle value, const std::string& where, bool* out);
void FromPython(py::handle value, const std::string& where, double* out);
void FromPython(py::handle value, const std::string& where, std::string* out);

// An int (or an object with __index__, not a bool) as a long long or an
// unsigned long long; ValueError if it does not fit.
long long ToLongLong(py::handle value, const std::string& where);
unsigned long long ToUnsignedLongLong(py::handle value,
                                      const std::string& where);

template <typename I>
std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>> FromPython(
    py::handle value, const std::string& where, I* out) {
  if constexpr (std::is_signed_v<I>) {
    const long long v = ToLongLong(value, where);
    if (v < std::numeric_limits<I>::min() ||
        v > std::numeric_limits<I>::max()) {
      ThrowValueError(absl::StrCat(where, " is out of range: ", v));
    }
    *out = static_cast<I>(v);
  } else {
    const unsigned long long v = ToUnsignedLongLong(value, where);
    if (v > std::numeric_limits<I>::max()) {
      ThrowValueError(absl::StrCat(where, " is out of range: ", v));
    }
    *out = static_cast<I>(v);
  }
}

template <typename T>
py::object ToPython(const T& value) {
  return py::cast(value);
}

template <typename Options>
class OptionTable {
 public:
  using Setter = std::function<void(Options*, py::handle, const std::string&)>;
  using Getter = std::function<py::object(const Options&)>;

  // A field with its own conversion (enums, optional values).
  OptionTable& Add(const std::string& name, Setter set, Getter get) {
    names_.push_back(name);
    fields_[name] = {std::move(set), std::move(get)};
    return *this;
  }

  // A plain field: a member pointer, or a function that returns a reference
  // to the field (for nested structs).
  template <typename V>
  OptionTable& Field(const std::string& name, V Options::*member) {
    return Field(name, [member](Options& o) -> V& { return o.*member; });
  }
  template <typename Ref>
  OptionTable& Field(const std::string& name, Ref ref) {
    using V = std::remove_reference_t<decltype(ref(std::declval<Options&>()))>;
    return Add(
        name,
        [ref](Options* o, py::handle value, const std::string& where) {
          V v{};
          FromPython(value, where, &v);
          ref(*o) = v;
        },
        [ref](const Options& o) {
          return ToPython(ref(const_cast<Options&>(o)));
        });
  }

  // An enum field spelled as a string: "parse" takes the spelling and
  // returns false for an unknown one; "choices" lists them for messages.
  template <typename E, typename Ref>
  OptionTable& Enum(const std::string& name, Ref ref,
                    bool (*parse)(absl::string_view, E*),
                    absl::string_view (*spell)(E), const char* choices) {
    return Add(
        name,
        [ref, parse, choices](Options* o, py::handle value,
                              const std::string& where) {
          std::string s;
          FromPython(value, where, &s);
          E e{};
          if (!parse(s, &e)) {
            ThrowValueError(
                absl::StrCat(where, " must be ", choices, ", not '", s, "'"));
          }
          ref(*o) = e;
        },
        [ref, spell](const Options& o) {
          return py::str(std::string(spell(ref(const_cast<Options&>(o)))));
        });
  }

  bool Has(const std::string& name) const { return fields_.count(name) > 0; }

  void Set(Options* options, const std::string& name, py::handle value,
           const std::string& where) const {
    fields_.at(name).set(options, value, where);
  }

  // Every field, in the order added, as {name: value}.
  py::dict ToDict(const Options& options) const {
    py::dict d;
    for (const std::string& name : names_) {
      d[py::str(name)] = fields_.at(name).get(options);
    }
    return d;
  }

  const std::vector<std::string>& names() const { return names_; }

 private:
  struct Entry {
    Setter set;
    Getter get;
  };
  std::vector<std::string> names_;
  std::map<std::string, Entry> fields_;
};

// The keyword arguments of one call, applied to one or more tables. A
// keyword that no table (and no Take()) used is a TypeError.
class Keywords {
 public:
  // "function" names the call in messages: "Deduplicator()".
  Keywords(const py::kwargs& kwargs, std::string function);

  // Removes "name" and returns its value, or None if it was not given.
  py::object Take(const std::string& name);

  bool Has(const std::string& name) const;

  // Sets every keyword that "table" has in "*options", and returns the
  // names it set.
  template <typename Options>
  std::vector<std::string> Apply(const OptionTable<Options>& table,
                                 Options* options) {
    std::vector<std::string> set;
    for (const auto& [name, value] : values_) {
      if (!table.Has(name)) continue;
      table.Set(options, name, value,
                absl::StrCat(function_, " option '", name, "'"));
      used_.insert(name);
      set.push_back(name);
    }
    return set;
  }

  // TypeError for the first keyword nothing used, as Python words it.
  void CheckAllUsed() const;

 private:
  std::string function_;
  std::vector<std::pair<std::string, py::object>> values_;  // As given.
  std::set<std::string> used_;
};

}  // namespace python
}  // namespace pith

#endif  // PITH_PYTHON_OPTIONS_H_
