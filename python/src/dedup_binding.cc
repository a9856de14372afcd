// Copyright 2026 The pith Authors.
//
// pith.Deduplicator, pith.Verdict and pith.RemovedUnit.

#include "dedup_binding.h"

#include <pybind11/stl.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common.h"

namespace pith {
namespace python {
namespace {

bool ShingleUnitFromName(absl::string_view name, ShingleUnit* unit) {
  if (name == "word") {
    *unit = ShingleUnit::kWord;
  } else if (name == "char") {
    *unit = ShingleUnit::kChar;
  } else {
    return false;
  }
  return true;
}

absl::string_view ShingleUnitToName(ShingleUnit unit) {
  return unit == ShingleUnit::kChar ? "char" : "word";
}

// bands and rows: None (0, chosen from the threshold) or an int.
OptionTable<DedupOptions>::Setter OptionalInt(int DedupOptions::*member) {
  return [member](DedupOptions* o, py::handle value, const std::string& where) {
    if (value.is_none()) {
      o->*member = 0;
    } else {
      FromPython(value, where, &(o->*member));
    }
  };
}

OptionTable<DedupOptions>::Getter OptionalIntGetter(int DedupOptions::*member) {
  return [member](const DedupOptions& o) -> py::object {
    if (o.*member == 0) return py::none();
    return py::int_(o.*member);
  };
}

// A document id: a str, or an int (kept as its decimal digits).
std::string IdToString(py::handle id, const char* what) {
  if (PyUnicode_Check(id.ptr())) {
    Text t = ToText(id, what);
    return std::string(t.bytes);
  }
  if (PyLong_Check(id.ptr()) && !PyBool_Check(id.ptr())) {
    return std::string(py::str(id));
  }
  ThrowTypeError(
      absl::StrCat(what, " must be a str or an int, not ", TypeName(id)));
}

// A removed (duplicate) unit of a document.
struct PyRemovedUnit {
  int line = 0;
  int last_line = 0;
  std::string doc;
  uint64_t doc_number = 0;
  int of_line = 0;
  double similarity = 0;
  bool exact = false;
};

// The verdict on one document.
struct PyVerdict {
  py::object id;
  uint64_t number = 0;
  py::object text;
  int duplicates = 0;
  int units = 0;
  std::vector<PyRemovedUnit> removed;
  py::object removed_list;  // Built on first access.
};

PyVerdict Convert(DocumentVerdict* v, py::object id, const Text& input) {
  PyVerdict out;
  out.id = std::move(id);
  out.number = v->doc;
  // A document without duplicates is the object given, not a copy.
  out.text = v->duplicates == 0 && v->text == input.bytes &&
                     input.owner.is(input.original)
                 ? input.original
                 : FromText(v->text, input.is_bytes);
  out.duplicates = v->duplicates;
  out.units = static_cast<int>(v->units.size());
  out.removed.reserve(static_cast<size_t>(v->duplicates));
  for (UnitVerdict& u : v->units) {
    if (!u.duplicate) continue;
    PyRemovedUnit r;
    r.line = u.line;
    r.last_line = u.last_line;
    r.doc = std::move(u.duplicate_of_id);
    r.doc_number = u.duplicate_of_doc;
    r.of_line = u.duplicate_of_line;
    r.similarity = u.similarity;
    r.exact = u.exact;
    out.removed.push_back(std::move(r));
  }
  return out;
}

class PyDeduplicator {
 public:
  explicit PyDeduplicator(Deduplicator dedup)
      : dedup_(std::make_shared<Deduplicator>(std::move(dedup))) {}

  // The native deduplicator, held by the caller for the time of a call with
  // the GIL released, so that close() from another thread cannot free it
  // under that call. ValueError once closed.
  std::shared_ptr<Deduplicator> Live() const {
    if (dedup_ == nullptr) {
      throw py::value_error("operation on a closed Deduplicator");
    }
    return dedup_;
  }

  // Releases the index lock (and the memory) once running calls end.
  void Close() { dedup_.reset(); }
  bool closed() const { return dedup_ == nullptr; }

  PyVerdict Add(py::handle id, py::handle text) {
    std::shared_ptr<Deduplicator> live = Live();
    std::string id_string = IdToString(id, "Deduplicator.add() doc_id");
    Text input = ToText(text, "Deduplicator.add() text");
    absl::StatusOr<DocumentVerdict> v;
    {
      py::gil_scoped_release release;
      v = live->Add(id_string, input.bytes);
    }
    Check(v.status());
    by_id_[id_string].push_back(v->doc);
    return Convert(&*v, py::reinterpret_borrow<py::object>(id), input);
  }

  std::vector<PyVerdict> AddBatch(py::handle documents) {
    std::shared_ptr<Deduplicator> live = Live();
    if (PyUnicode_Check(documents.ptr()) || PyBytes_Check(documents.ptr())) {
      ThrowTypeError(
          "Deduplicator.add_batch() takes an iterable of (id, text) pairs");
    }
    std::vector<py::object> ids;
    std::vector<std::string> id_strings;
    std::vector<Text> texts;
    for (py::handle item : py::iter(documents)) {
      if (!PySequence_Check(item.ptr()) || PyUnicode_Check(item.ptr()) ||
          PyBytes_Check(item.ptr()) || PySequence_Size(item.ptr()) != 2) {
        if (PyErr_Occurred()) PyErr_Clear();
        ThrowTypeError(absl::StrCat(
            "Deduplicator.add_batch() items must be (id, text) pairs, not ",
            TypeName(item)));
      }
      py::sequence pair = py::reinterpret_borrow<py::sequence>(item);
      py::object id = pair[0];
      id_strings.push_back(IdToString(id, "Deduplicator.add_batch() id"));
      texts.push_back(ToText(pair[1], "Deduplicator.add_batch() text"));
      ids.push_back(std::move(id));
    }
    std::vector<PyVerdict> out;
    out.reserve(texts.size());
    // Batches of a few MB: the C++ verdicts of one batch at a time.
    constexpr size_t kBatchDocuments = 8192;
    constexpr size_t kBatchBytes = size_t{4} << 20;
    std::vector<DedupDocument> batch;
    std::vector<DocumentVerdict> verdicts;
    for (size_t begin = 0; begin < texts.size();) {
      batch.clear();
      size_t bytes = 0;
      size_t end = begin;
      while (end < texts.size() && batch.size() < kBatchDocuments &&
             (batch.empty() || bytes < kBatchBytes)) {
        batch.push_back({id_strings[end], texts[end].bytes});
        bytes += texts[end].bytes.size();
        ++end;
      }
      absl::Status status;
      {
        py::gil_scoped_release release;
        status = live->AddBatch(batch, &verdicts);
      }
      // On an error, "verdicts" holds the documents decided before it.
      for (size_t i = 0; i < verdicts.size(); ++i) {
        by_id_[id_strings[begin + i]].push_back(verdicts[i].doc);
        out.push_back(Convert(&verdicts[i], ids[begin + i], texts[begin + i]));
      }
      Check(status);
      begin = end;
    }
    return out;
  }

  int Remove(py::handle id) {
    std::shared_ptr<Deduplicator> live = Live();
    const std::string key = IdToString(id, "Deduplicator.remove() doc_id");
    auto it = by_id_.find(key);
    if (it == by_id_.end()) {
      PyErr_SetObject(PyExc_KeyError, id.ptr());
      throw py::error_already_set();
    }
    std::vector<uint64_t> numbers = std::move(it->second);
    by_id_.erase(it);
    int removed = 0;
    for (uint64_t n : numbers) {
      absl::Status s = live->Remove(n);
      if (absl::IsNotFound(s)) continue;  // Removed some other way.
      Check(s);
      ++removed;
    }
    return removed;
  }

  void Save(py::handle path) {
    std::shared_ptr<Deduplicator> live = Live();
    const std::string p = ToPath(path, "Deduplicator.save() path");
    absl::Status s;
    {
      py::gil_scoped_release release;
      s = live->Save(p);
    }
    Check(s, StatusContext::kFile);
  }

  py::dict Stats() const {
    std::shared_ptr<Deduplicator> live = Live();
    const DedupStats s = live->stats();
    py::dict d;
    d["documents"] = s.documents;
    d["removed_documents"] = s.removed_documents;
    d["units"] = s.units;
    d["short_units"] = s.short_units;
    d["indexed_units"] = s.indexed_units;
    d["exact_duplicates"] = s.exact_duplicates;
    d["near_duplicates"] = s.near_duplicates;
    d["candidates"] = s.candidates;
    d["capped_queries"] = s.capped_queries;
    d["removed_bytes"] = s.removed_bytes;
    d["memory_bytes"] = s.memory_bytes;
    d["bytes_per_indexed_unit"] = s.bytes_per_indexed_unit();
    d["bands"] = live->lsh_params().bands;
    d["rows"] = live->lsh_params().rows;
    return d;
  }

  const Deduplicator& dedup() const { return *Live(); }

 private:
  std::shared_ptr<Deduplicator> dedup_;  // Null once closed.
  // The document numbers of each id added through this object (ids are
  // only labels: one id may name several documents). Used with the GIL
  // held.
  absl::flat_hash_map<std::string, std::vector<uint64_t>> by_id_;
};

PyDeduplicator Create(const py::kwargs& kwargs) {
  Keywords kw(kwargs, "Deduplicator()");
  const DedupOptions options = DedupOptionsFrom(&kw);
  kw.CheckAllUsed();
  absl::StatusOr<Deduplicator> d = Deduplicator::Create(options);
  Check(d.status());
  return PyDeduplicator(*std::move(d));
}

PyDeduplicator Open(py::handle path, const py::kwargs& kwargs) {
  Keywords kw(kwargs, "Deduplicator.open()");
  const DedupOptions options = DedupOptionsFrom(&kw);
  kw.CheckAllUsed();
  const std::string p = ToPath(path, "Deduplicator.open() path");
  absl::StatusOr<Deduplicator> d;
  {
    py::gil_scoped_release release;
    d = Deduplicator::Open(p, options);
  }
  // Options that disagree with the file are a ValueError; a corrupt file
  // an OSError (kFile).
  Check(d.status(), StatusContext::kFile);
  return PyDeduplicator(*std::move(d));
}

py::dict ReadOptions(py::handle path) {
  const std::string p = ToPath(path, "Deduplicator.read_options() path");
  absl::StatusOr<DedupOptions> options;
  {
    py::gil_scoped_release release;
    options = Deduplicator::ReadOptions(p);
  }
  Check(options.status(), StatusContext::kFile);
  py::dict d = DedupOptionTable().ToDict(*options);
  // Only what the file records (the rest would be defaults, not the file's).
  for (const char* name : {"threads", "max_candidates", "tidy_blank_lines"}) {
    PyDict_DelItemString(d.ptr(), name);
  }
  return d;
}

}  // namespace

const OptionTable<DedupOptions>& DedupOptionTable() {
  static const auto* const table = [] {
    using O = DedupOptions;
    auto* t = new OptionTable<O>();
    t->Enum<DedupUnit>(
         "unit", [](O& o) -> DedupUnit& { return o.unit; }, &ParseDedupUnit,
         &DedupUnitName, "'line', 'paragraph' or 'document'")
        .Field("threshold", &O::threshold)
        .Field("ngram", [](O& o) -> int& { return o.shingle.ngram; })
        .Field("min_words", &O::min_words)
        .Field("num_perm", [](O& o) -> int& { return o.minhash.num_perm; })
        .Add("bands", OptionalInt(&O::bands), OptionalIntGetter(&O::bands))
        .Add("rows", OptionalInt(&O::rows), OptionalIntGetter(&O::rows))
        .Field("seed", [](O& o) -> uint64_t& { return o.minhash.seed; })
        .Enum<DedupVerify>(
            "verify", [](O& o) -> DedupVerify& { return o.verify; },
            &ParseDedupVerify, &DedupVerifyName, "'signature' or 'exact'")
        .Field("threads", &O::threads)
        .Field("signature_margin", &O::signature_margin)
        .Field("max_candidates", &O::max_candidates)
        .Field("tidy_blank_lines", &O::tidy_blank_lines)
        .Enum<ShingleUnit>(
            "shingle_unit", [](O& o) -> ShingleUnit& { return o.shingle.unit; },
            &ShingleUnitFromName, &ShingleUnitToName, "'word' or 'char'")
        .Field("shingle_seed",
               [](O& o) -> uint64_t& { return o.shingle.seed; });
    return t;
  }();
  return *table;
}

DedupOptions DedupOptionsFrom(Keywords* kw) {
  DedupOptions options;
  kw->Apply(DedupOptionTable(), &options);
  // As pith dedup --threshold does for a tiny threshold.
  if (!kw->Has("signature_margin") &&
      options.signature_margin >= options.threshold) {
    options.signature_margin = 0;
  }
  return options;
}

void BindDedup(py::module_& m) {
  py::class_<PyRemovedUnit>(m, "RemovedUnit", R"doc(
A unit (line, paragraph or document) removed as a near-duplicate.

Attributes:
    line, last_line: its first and last 1-based lines in the document.
    doc: the id (a str) of the earlier document it duplicates.
    doc_number: that document's number (0, 1, 2... in the order added).
    of_line: the 1-based first line of the unit it duplicates there.
    similarity: the verified Jaccard similarity (1.0 for exact copies).
    exact: True if it has the same normalized words (the exact fast path).
)doc")
      .def_readonly("line", &PyRemovedUnit::line)
      .def_readonly("last_line", &PyRemovedUnit::last_line)
      .def_readonly("doc", &PyRemovedUnit::doc)
      .def_readonly("doc_number", &PyRemovedUnit::doc_number)
      .def_readonly("of_line", &PyRemovedUnit::of_line)
      .def_readonly("similarity", &PyRemovedUnit::similarity)
      .def_readonly("exact", &PyRemovedUnit::exact)
      .def("__repr__", [](const PyRemovedUnit& r) {
        return absl::StrCat("pith.RemovedUnit(line=", r.line, ", doc='", r.doc,
                            "', of_line=", r.of_line,
                            ", similarity=", r.similarity, ")");
      });

  py::class_<PyVerdict>(m, "Verdict", R"doc(
The Deduplicator's verdict on one document.

Attributes:
    id: the id given.
    number: the document's number in the Deduplicator (0, 1, 2...).
    text: the text without its duplicate units (str or bytes, as given; the
        object given itself when nothing was removed).
    duplicates: the number of units removed.
    units: the number of units with a word.
    removed: the removed units (a list of pith.RemovedUnit).
)doc")
      .def_readonly("id", &PyVerdict::id)
      .def_readonly("number", &PyVerdict::number)
      .def_readonly("text", &PyVerdict::text)
      .def_readonly("duplicates", &PyVerdict::duplicates)
      .def_readonly("units", &PyVerdict::units)
      .def_property_readonly("removed",
                             [](PyVerdict& v) {
                               if (!v.removed_list) {
                                 py::list list;
                                 for (const PyRemovedUnit& r : v.removed)
                                   list.append(py::cast(r));
                                 v.removed_list = std::move(list);
                               }
                               return v.removed_list;
                             })
      .def("__repr__", [](const PyVerdict& v) {
        return absl::StrCat("<pith.Verdict ", std::string(py::repr(v.id)), ": ",
                            v.duplicates, " of ", v.units, " units removed>");
      });

  py::class_<PyDeduplicator>(m, "Deduplicator", R"doc(
Removes near-duplicate units across documents: MinHash + LSH, first seen
wins. The same engine as ``pith dedup``.

    Deduplicator(unit="line", threshold=0.8, ngram=3, min_words=5,
                 num_perm=128, bands=None, rows=None, seed=1,
                 verify="signature", threads=0, **options)

The defaults are pith dedup's (DedupOptions in pith/dedup.h; .options
shows them). Further options: signature_margin, max_candidates,
tidy_blank_lines, shingle_unit ("word" or "char"), shingle_seed. An unknown
option is a TypeError, a bad value a ValueError.

Documents are numbered 0, 1, 2... as they are added; an id (a str, or an
int kept as its digits) is a label, and one id may name several documents.
remove(doc_id) removes every document added with that id through this
object.

Thread-safe: add(), add_batch(), save() and stats may be called from
several Python threads at once; they release the GIL.
)doc")
      .def(py::init(&Create))
      .def_static("open", &Open, py::arg("path"),
                  "open(path, **options) -> Deduplicator\n\nLoads an index "
                  "saved by save(), or makes an empty one if PATH does not "
                  "exist. ValueError naming each option if it was saved with "
                  "other values of the options it records (unit, threshold, "
                  "verify, signature_margin, min_words, ngram, num_perm, "
                  "seed, bands x rows; read_options() tells them); OSError "
                  "if it is corrupt or truncated. Ids of the loaded "
                  "documents are not known to remove().")
      .def_static("read_options", &ReadOptions, py::arg("path"),
                  "read_options(path) -> dict\n\nThe options recorded in "
                  "the index at PATH, as keywords for open(): "
                  "Deduplicator.open(path, **Deduplicator.read_options(path))"
                  ". FileNotFoundError if it does not exist.")
      .def("add", &PyDeduplicator::Add, py::arg("doc_id"), py::arg("text"),
           "add(doc_id, text) -> Verdict\n\nDecides the units of TEXT (str "
           "or bytes) against every unit added before, adds them, and "
           "returns the verdict. Releases the GIL.")
      .def("add_batch", &PyDeduplicator::AddBatch, py::arg("documents"),
           "add_batch(documents) -> list[Verdict]\n\nadd() on each (id, "
           "text) pair in turn, with the same verdicts, signing on the "
           "Deduplicator's threads with the GIL released. On an error, the "
           "documents before it were added.")
      .def("remove", &PyDeduplicator::Remove, py::arg("doc_id"),
           "remove(doc_id) -> int\n\nForgets every document added with "
           "DOC_ID through this object, so that later units no longer "
           "match them; returns how many. KeyError if none.")
      .def("save", &PyDeduplicator::Save, py::arg("path"),
           "save(path)\n\nWrites the index to PATH atomically (temporary "
           "file, fsync, rename).")
      .def("close", &PyDeduplicator::Close,
           "close()\n\nReleases the index lock that open() took, and the "
           "memory, once calls running in other threads end. Further calls "
           "raise ValueError. Also done on leaving a with block, and when "
           "the object is collected.")
      .def_property_readonly("closed", &PyDeduplicator::closed,
                             "True after close().")
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__",
           [](PyDeduplicator& d, py::args) {
             d.Close();
             return false;
           })
      .def_property_readonly("stats", &PyDeduplicator::Stats,
                             "Counters and memory, as a dict.")
      .def_property_readonly(
          "options",
          [](const PyDeduplicator& d) {
            return DedupOptionTable().ToDict(d.dedup().options());
          },
          "The options in use, as a dict.")
      .def("__repr__", [](const PyDeduplicator& d) {
        return absl::StrCat(
            "<pith.Deduplicator unit=", DedupUnitName(d.dedup().options().unit),
            " threshold=", d.dedup().options().threshold, ": ",
            d.dedup().stats().documents, " documents>");
      });
}

}  // namespace python
}  // namespace pith
