// Copyright 2026 The pith Authors.

#include "options.h"

#include <algorithm>

namespace pith {
namespace python {
namespace {

[[noreturn]] void WrongType(py::handle value, const std::string& where,
                            const char* expected) {
  ThrowTypeError(
      absl::StrCat(where, " must be ", expected, ", not ", TypeName(value)));
}

// An int for an integer option: an int or anything with __index__ (numpy
// integers), never a bool.
py::object AsInt(py::handle value, const std::string& where) {
  if (PyBool_Check(value.ptr()) || !PyIndex_Check(value.ptr())) {
    WrongType(value, where, "an int");
  }
  PyObject* index = PyNumber_Index(value.ptr());
  if (index == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(index);
}

}  // namespace

void FromPython(py::handle value, const std::string& where, bool* out) {
  if (!PyBool_Check(value.ptr())) WrongType(value, where, "True or False");
  *out = value.ptr() == Py_True;
}

long long ToLongLong(py::handle value, const std::string& where) {
  py::object i = AsInt(value, where);
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(i.ptr(), &overflow);
  if (overflow != 0) {
    ThrowValueError(
        absl::StrCat(where, " is out of range: ", std::string(py::str(i))));
  }
  if (v == -1 && PyErr_Occurred()) throw py::error_already_set();
  return v;
}

unsigned long long ToUnsignedLongLong(py::handle value,
                                      const std::string& where) {
  py::object i = AsInt(value, where);
  const unsigned long long v = PyLong_AsUnsignedLongLong(i.ptr());
  if (v == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
    PyErr_Clear();
    ThrowValueError(
        absl::StrCat(where, " is out of range: ", std::string(py::str(i))));
  }
  return v;
}

void FromPython(py::handle value, const std::string& where, double* out) {
  const PyNumberMethods* number = Py_TYPE(value.ptr())->tp_as_number;
  const bool real = PyFloat_Check(value.ptr()) || PyIndex_Check(value.ptr()) ||
                    (number != nullptr && number->nb_float != nullptr);
  if (PyBool_Check(value.ptr()) || !real) {
    WrongType(value, where, "a number");
  }
  const double v = PyFloat_AsDouble(value.ptr());
  if (v == -1.0 && PyErr_Occurred()) throw py::error_already_set();
  *out = v;
}

void FromPython(py::handle value, const std::string& where, std::string* out) {
  if (!PyUnicode_Check(value.ptr())) WrongType(value, where, "a str");
  *out = value.cast<std::string>();
}

Keywords::Keywords(const py::kwargs& kwargs, std::string function)
    : function_(std::move(function)) {
  for (const auto& item : kwargs) {
    values_.emplace_back(item.first.cast<std::string>(),
                         py::reinterpret_borrow<py::object>(item.second));
  }
}

py::object Keywords::Take(const std::string& name) {
  for (auto it = values_.begin(); it != values_.end(); ++it) {
    if (it->first == name) {
      py::object value = std::move(it->second);
      values_.erase(it);
      return value;
    }
  }
  return py::none();
}

bool Keywords::Has(const std::string& name) const {
  return std::any_of(values_.begin(), values_.end(),
                     [&name](const auto& kv) { return kv.first == name; });
}

void Keywords::CheckAllUsed() const {
  for (const auto& [name, value] : values_) {
    if (used_.count(name) == 0) {
      ThrowTypeError(absl::StrCat(
          function_, " got an unexpected keyword argument '", name, "'"));
    }
  }
}

}  // namespace python
}  // namespace pith
