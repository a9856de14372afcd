// Copyright 2026 The pith Authors.

#include <sys/stat.h>

#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "lib/pipeline/batch.h"
#include "pith/io.h"

namespace pith {
namespace internal {
namespace {

// Returns the size of "path" if it is a regular file whose bytes are the
// input's (not compressed), else 0.
uint64_t PlainFileBytes(const std::string& path) {
  struct stat st;
  if (path == "-" || stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return 0;
  }
  unsigned char magic[4] = {0, 0, 0, 0};
  std::ifstream in(path, std::ios::binary);
  in.read(reinterpret_cast<char*>(magic), sizeof(magic));
  if (magic[0] == 0x28 && magic[1] == 0xB5 && magic[2] == 0x2F &&
      magic[3] == 0xFD) {
    return 0;
  }
  return static_cast<uint64_t>(st.st_size);
}

class Files : public BatchSource {
 public:
  Files(std::vector<InputPiece> inputs, const ReaderOptions& options)
      : inputs_(std::move(inputs)), options_(options) {
    for (const InputPiece& piece : inputs_) {
      const uint64_t bytes =
          piece.whole ? PlainFileBytes(piece.path) : piece.end - piece.begin;
      if (bytes == 0) {
        known_bytes_ = 0;
        break;
      }
      known_bytes_ += bytes;
    }
  }

  uint64_t known_bytes() const override { return known_bytes_; }

  void Next(size_t max_documents, size_t max_bytes,
            PipelineBatch* batch) override {
    size_t bytes = 0;
    while (batch->docs.size() < max_documents && bytes < max_bytes) {
      if (!reader_.has_value()) {
        if (next_input_ == inputs_.size()) {
          batch->last = true;
          return;
        }
        const InputPiece& piece = inputs_[next_input_++];
        const std::string& path = piece.path;
        absl::StatusOr<DocumentReader> r =
            piece.whole
                ? DocumentReader::Open(path, options_)
                : DocumentReader::OpenRange(path, piece.begin, piece.end,
                                            piece.first_line, options_);
        if (!r.ok()) return Fail(r.status(), batch);
        reader_.emplace(*std::move(r));
        batch->events.push_back(
            {batch->docs.size(), BatchEvent::kInputStart, path});
      }
      if (batch->spare_docs.empty()) {
        batch->docs.emplace_back();
      } else {
        batch->docs.push_back(std::move(batch->spare_docs.back()));
        batch->spare_docs.pop_back();
      }
      Document& doc = batch->docs.back();
      if (reader_->Next(&doc)) {
        bytes += doc.text.size();
        continue;
      }
      batch->spare_docs.push_back(std::move(batch->docs.back()));
      batch->docs.pop_back();
      const ReaderStats& stats = reader_->stats();
      batch->input_bytes += stats.bytes;
      batch->skipped_lines += stats.skipped;
      batch->utf8_replacements += stats.utf8_replacements;
      if (!reader_->status().ok()) return Fail(reader_->status(), batch);
      const size_t at = batch->docs.size();
      for (const std::string& m : stats.skip_messages) {
        batch->events.push_back(
            {at, BatchEvent::kWarning, absl::StrCat(m, " (skipped)")});
      }
      const int64_t unlisted =
          stats.skipped - static_cast<int64_t>(stats.skip_messages.size());
      if (unlisted > 0) {
        batch->events.push_back({at, BatchEvent::kWarning,
                                 absl::StrCat(reader_->name(), ": ", unlisted,
                                              " more lines skipped")});
      }
      if (stats.utf8_replacements > 0) {
        batch->events.push_back(
            {at, BatchEvent::kWarning,
             absl::StrCat(reader_->name(), ": ", stats.utf8_replacements,
                          " invalid UTF-8 sequences replaced by U+FFFD")});
      }
      batch->events.push_back(
          {at, BatchEvent::kInputEnd, inputs_[next_input_ - 1].path});
      reader_.reset();
    }
  }

 private:
  void Fail(const absl::Status& status, PipelineBatch* batch) {
    batch->read_status = status;
    batch->last = true;
    reader_.reset();
    next_input_ = inputs_.size();
  }

  const std::vector<InputPiece> inputs_;
  const ReaderOptions options_;
  uint64_t known_bytes_ = 0;
  size_t next_input_ = 0;
  std::optional<DocumentReader> reader_;
};

class Memory : public BatchSource {
 public:
  explicit Memory(std::vector<Document> documents)
      : documents_(std::move(documents)) {}

  void Next(size_t max_documents, size_t max_bytes,
            PipelineBatch* batch) override {
    size_t bytes = 0;
    while (next_ < documents_.size() && batch->docs.size() < max_documents &&
           bytes < max_bytes) {
      Document& doc = documents_[next_++];
      bytes += doc.text.size();
      batch->input_bytes += static_cast<int64_t>(doc.text.size());
      batch->docs.push_back(std::move(doc));
    }
    batch->last = next_ == documents_.size();
  }

 private:
  std::vector<Document> documents_;
  size_t next_ = 0;
};

}  // namespace

void PipelineBatch::Recycle() {
  for (Document& doc : docs) spare_docs.push_back(std::move(doc));
  docs.clear();
  events.clear();
  read_status = absl::OkStatus();
  last = false;
  input_bytes = 0;
  skipped_lines = 0;
  utf8_replacements = 0;
  dedup.reset();
  decided = 0;
  decide_status = absl::OkStatus();
  chunks.reset();
  // "cleaned", "clean_status" and "verdicts" keep their elements: the next
  // batch resizes them and the stages reuse their buffers.
}

std::unique_ptr<BatchSource> FileSource(std::vector<std::string> inputs,
                                        const ReaderOptions& options) {
  std::vector<InputPiece> pieces(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    pieces[i].path = std::move(inputs[i]);
  }
  return std::make_unique<Files>(std::move(pieces), options);
}

std::unique_ptr<BatchSource> PieceSource(std::vector<InputPiece> pieces,
                                         const ReaderOptions& options) {
  return std::make_unique<Files>(std::move(pieces), options);
}

std::unique_ptr<BatchSource> MemorySource(std::vector<Document> documents) {
  return std::make_unique<Memory>(std::move(documents));
}

}  // namespace internal
}  // namespace pith
