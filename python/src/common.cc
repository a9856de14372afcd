// Copyright 2026 The pith Authors.

#include "common.h"

#include "absl/strings/str_cat.h"

namespace pith {
namespace python {

[[noreturn]] void ThrowStatus(const absl::Status& status,
                              StatusContext context) {
  PyObject* type = PyExc_OSError;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kFailedPrecondition:
      type =
          context == StatusContext::kOutput ? PyExc_OSError : PyExc_ValueError;
      break;
    case absl::StatusCode::kNotFound:
      type = PyExc_FileNotFoundError;
      break;
    case absl::StatusCode::kPermissionDenied:
      type = PyExc_PermissionError;
      break;
    case absl::StatusCode::kAlreadyExists:
      type = PyExc_FileExistsError;
      break;
    case absl::StatusCode::kResourceExhausted:
      type = context == StatusContext::kCompute ? PyExc_MemoryError
                                                : PyExc_OSError;
      break;
    default:
      break;
  }
  PyErr_SetString(type, std::string(status.message()).c_str());
  throw py::error_already_set();
}

[[noreturn]] void ThrowTypeError(const std::string& message) {
  throw py::type_error(message);
}

[[noreturn]] void ThrowValueError(const std::string& message) {
  throw py::value_error(message);
}

std::string TypeName(py::handle value) { return Py_TYPE(value.ptr())->tp_name; }

Text ToText(py::handle value, const char* what) {
  Text text;
  text.original = py::reinterpret_borrow<py::object>(value);
  if (PyUnicode_Check(value.ptr())) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
    if (data != nullptr) {
      text.owner = text.original;
      text.bytes = absl::string_view(data, static_cast<size_t>(size));
      return text;
    }
    // Lone surrogates: encode them as they are (ED A0..BF xx), then turn
    // each into U+FFFD (EF BF BD), which has the same length.
    PyErr_Clear();
    PyObject* encoded =
        PyUnicode_AsEncodedString(value.ptr(), "utf-8", "surrogatepass");
    if (encoded == nullptr) throw py::error_already_set();
    text.owner = py::reinterpret_steal<py::object>(encoded);
    char* data_out = PyBytes_AS_STRING(encoded);  // A new object: ours.
    const size_t n = static_cast<size_t>(PyBytes_GET_SIZE(encoded));
    for (size_t i = 0; i + 2 < n; ++i) {
      const unsigned char c0 = static_cast<unsigned char>(data_out[i]);
      const unsigned char c1 = static_cast<unsigned char>(data_out[i + 1]);
      if (c0 == 0xED && c1 >= 0xA0 && c1 <= 0xBF) {
        data_out[i] = static_cast<char>(0xEF);
        data_out[i + 1] = static_cast<char>(0xBF);
        data_out[i + 2] = static_cast<char>(0xBD);
        i += 2;
      }
    }
    text.bytes = absl::string_view(data_out, n);
    return text;
  }
  if (PyBytes_Check(value.ptr())) {
    text.owner = text.original;
    text.bytes =
        absl::string_view(PyBytes_AS_STRING(value.ptr()),
                          static_cast<size_t>(PyBytes_GET_SIZE(value.ptr())));
    text.is_bytes = true;
    return text;
  }
  ThrowTypeError(
      absl::StrCat(what, " must be str or bytes, not ", TypeName(value)));
}

py::object FromText(absl::string_view text, bool as_bytes) {
  if (as_bytes) return py::bytes(text.data(), text.size());
  return ToStr(text);
}

py::str ToStr(absl::string_view text) {
  PyObject* s = PyUnicode_DecodeUTF8(
      text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
  if (s == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

std::string ToPath(py::handle value, const char* what) {
  PyObject* path = PyOS_FSPath(value.ptr());
  if (path == nullptr) {
    PyErr_Clear();
    ThrowTypeError(absl::StrCat(what,
                                " must be a path (str, bytes or "
                                "os.PathLike), not ",
                                TypeName(value)));
  }
  py::object owner = py::reinterpret_steal<py::object>(path);
  if (PyBytes_Check(path)) {
    return std::string(PyBytes_AS_STRING(path),
                       static_cast<size_t>(PyBytes_GET_SIZE(path)));
  }
  PyObject* encoded = PyUnicode_EncodeFSDefault(path);
  if (encoded == nullptr) throw py::error_already_set();
  py::object bytes = py::reinterpret_steal<py::object>(encoded);
  return std::string(PyBytes_AS_STRING(encoded),
                     static_cast<size_t>(PyBytes_GET_SIZE(encoded)));
}

}  // namespace python
}  // namespace pith
