// Copyright 2026 The pith Authors.
//
// Near-duplicate removal across documents: MinHash + LSH over units (lines,
// paragraphs or whole documents), first-seen wins.
//
// A Deduplicator holds an index of every unit it has seen. Each document
// added gets a verdict per unit: new, or a duplicate of an earlier unit
// {document, line, similarity}; the document's text without its duplicate
// units comes with the verdict. Example (streaming, e.g. in a crawler):
//
//   absl::StatusOr<pith::Deduplicator> dedup =
//       pith::Deduplicator::Create(pith::DedupOptions());
//   if (!dedup.ok()) return dedup.status();
//   absl::StatusOr<pith::DocumentVerdict> v = dedup->Add(url, page_text);
//   if (!v.ok()) return v.status();
//   Store(url, v->text);
//   for (const pith::UnitVerdict& u : v->units) {
//     if (u.duplicate) Log(u.line, u.duplicate_of_id, u.duplicate_of_line);
//   }
//
// Batch (a corpus in memory): AddBatch() signs the documents on "threads"
// threads while the calling thread decides them in input order, each as
// soon as it is signed (and signs too when it would wait). Its verdicts are
// exactly those of calling Add() on each document in order, whatever the
// thread count. A stream of batches (a reader feeding a writer) can be
// pipelined: StartBatch() the next batch, then FinishBatch() this one, and
// the next is signed while this one is decided and written.
//
// How a unit is decided
//
//   1. Its text is shingled (pith/shingle.h) and signed (pith/minhash.h).
//      A unit with no token is not a unit. A unit with fewer than
//      "min_words" tokens is never a duplicate and is not indexed.
//   2. Exact fast path: a 64-bit hash of its normalized token sequence. A
//      unit whose hash was seen is a duplicate (similarity 1) of the first
//      unit with that hash still indexed; it is not added to the LSH index
//      again, so 100,000 identical paragraphs cost 100,000 hash lookups.
//      With threshold 1 this is the only path: a unit is a duplicate iff
//      its tokens are identical, after normalization, to an earlier unit's
//      (nothing else has J = 1 in practice), and no LSH table, signature or
//      sketch is made (~30 bytes per indexed unit).
//   3. Otherwise the LSH index (pith/lsh.h) gives candidates, earlier units
//      in increasing order. They are verified one by one, at most
//      "max_candidates" of them, after an exact size filter
//      (J <= min(|A|,|B|) / max(|A|,|B|)); of those that pass, the most
//      similar wins (the earliest on ties):
//        kSignature: J >= threshold - signature_margin (the margin is 0 by
//                    default), from a sketch of 80 bytes kept per unit:
//                    - a unit of at most 40 distinct shingles (~42 words)
//                      keeps its shingles as 16-bit fingerprints, and its
//                      similarity with any later unit is EXACT (but for
//                      two shingles with equal fingerprints, probability
//                      ~1e-4 per pair near the threshold);
//                    - a longer unit keeps an odd sketch of them (624 bits,
//                      each shingle flips one: the XOR of two sketches
//                      counts |A Δ B|, and J follows from the exact sizes),
//                      unbiased with a standard deviation of 0.010 at
//                      J = 0.8 up to ~500 distinct shingles, 0.017 at 1,000
//                      and ~0.023 beyond (where it works from a sample of
//                      256-512 of them); 0.005 at J = 0.9, 0.015-0.03 at
//                      J = 0.7 (a 4-bit 128-slot MinHash sketch, what
//                      this mode used before: 0.037 at J = 0.8).
//                    Measured on dev-neardup (real news text with planted
//                    near-duplicates and exact Jaccard truth, word
//                    3-grams, min_words 1, the scorer's cluster closure):
//                    at threshold 0.8, 99.84% of the pairs at J >= 0.8 are
//                    found and 99.84% of the reported pairs have J >= 0.8
//                    (99.84% and 99.95% with kExact; before: 99.78%
//                    and 89.05%), and 99.93% of the reported (unit,
//                    duplicate_of) edges (one of 1,469 is at J = 0.78);
//                    at 0.9: 99.49% and 99.68%, 99.85% of edges (kExact:
//                    99.87%, 99.87%, 100%).
//        kExact:     exact Jaccard of the shingle sets >= threshold (the
//                    sets are kept in this mode only: 8 bytes per distinct
//                    shingle).
//   4. The unit is indexed whether or not it was a duplicate, so a chain of
//      edits A -> B -> C is caught even when C is far from A. A unit whose
//      query returned more than "max_candidates" candidates is not inserted
//      into the LSH index (its neighbourhood is already dense; it stays
//      reachable through its neighbours): no quadratic blow-up on 100,000
//      near-identical units.
//
// "duplicate_of" (UnitVerdict::duplicate_of_doc, _id and _line) is, on the
// exact path, the first unit with the same normalized tokens that is still
// indexed; otherwise the most similar of the candidates that passed
// verification (the earliest in input order on ties), among the first
// "max_candidates" live candidates in input order. It is never a
// transitive cluster head: every reported pair (unit, duplicate_of) passed
// verification itself, so reported pairs stay precise. It may itself be a
// removed unit (duplicates are indexed too); it is always earlier, so
// following duplicate_of links from any removed unit ends at a kept unit,
// the first in input order of its chain (the links form a forest whose
// roots are the kept units). "similarity" is the J that verification
// computed: 1 on the exact path, exact with kExact and for units of at most
// 40 distinct shingles, the odd-sketch estimate otherwise.
//
// Documents are numbered 0, 1, 2... in the order they are added; that
// number, not the id, identifies a document. Duplicate ids are allowed:
// each Add() is a new document, and its id is only a label copied into
// verdicts (a report that names documents by id is ambiguous for them; the
// pith command counts and reports repeated ids).
//
// Units (DedupOptions::unit): a "blank" line holds only spaces, tabs and
// "\r". kLine: every non-blank line. kParagraph: maximal runs of non-blank
// lines ("\n[ \t]*\n" separates paragraphs). kDocument: the whole text.
// Line numbers are 1-based in the text given to Add(); a unit's line is its
// first line. Removed units are cut out line by line, so kept lines stay
// byte-exact; with "tidy_blank_lines" the blank lines a removal leaves doubled
// or at the edges are dropped too.
//
// Memory: per indexed unit, 20 bytes of record and exact hash, 80 bytes of
// sketch, ~6 bytes of exact-hash table and the LSH tables
// (LshIndex::MemoryUsage(), about bands * 8 / load bytes, 12 bands at the
// defaults: ~135); plus the id of each document; plus, with kExact only, 8
// bytes per distinct shingle. About 245 bytes per paragraph at the
// defaults (bench/dedup_memory_benchmark.cc), whatever the paragraphs'
// length. Threshold 1 keeps no sketch and no LSH table. stats() reports
// the total and the bytes per indexed unit.
//
// Persistence (e.g. a crawler that restarts): Save() writes the whole state
// to one file atomically (temporary file, fsync, rename, fsync of the
// directory), so a crash at any moment leaves the previous file or the new
// one; Open() loads it, or creates an empty index when it does not exist:
//
//   absl::StatusOr<pith::Deduplicator> dedup =
//       pith::Deduplicator::Open("pages.pidx", options);
//   ...  // Add() from many threads; every few minutes:
//   absl::Status s = dedup->Save("pages.pidx");
//
// The file records every option that shapes a decision: unit, threshold,
// verify, signature_margin, min_words, the shingling (unit, ngram, seed),
// num_perm, the MinHash seed and the LSH layout in use (bands x rows,
// derived from the threshold when bands and rows are 0). Loading it with
// other values is an InvalidArgument error that names each one with both
// values, e.g. "index pages.pidx was built with other options: threshold:
// 0.5 here, 0.8 in the index; bands x rows: 7 x 1 here, 12 x 5 in the
// index". ReadOptions() returns them. Not recorded (they change no
// decision): max_candidates, threads, tidy_blank_lines. The format is
// little-endian with a magic number, a version and a checksum per section
// (lib/dedup/index_file.h); a truncated, corrupt, empty, foreign or
// other-version file is an error, never an empty index.
//
// Locking: two processes that load the same index, add to it and save it
// would each save without the other's units (the last to save wins). So
// Open() takes an exclusive advisory lock (flock(2)) for the index and holds
// it until the Deduplicator is destroyed; Save() to a path whose lock this
// Deduplicator does not hold takes that lock for the time of the save. A
// second Open() of a locked index, in this process or another, waits for it
// (DedupOptions::wait_for_index_lock) or fails with Unavailable, naming the
// index, the holder's process id and the lock file. The lock is on
// "PATH.lock" beside the index, which is created if needed and never
// removed (rename() replaces the index's own inode, so a lock on it would
// not exclude anyone); the kernel releases it when the process exits or
// crashes. Load() takes no lock: it reads whichever complete file Save()
// last renamed into place.
//
// Deletion: Remove(doc) forgets a document's units (a crawler re-fetched a
// changed page: Remove() the old number, Add() the new text). Verdicts
// already returned are not revisited. A unit that was an exact duplicate of
// a removed unit was never indexed itself, so its text is forgotten too; a
// near-duplicate that was indexed stays. Document numbers are never reused.

#ifndef PITH_DEDUP_H_
#define PITH_DEDUP_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "pith/lsh.h"
#include "pith/minhash.h"
#include "pith/shingle.h"

namespace pith {

namespace internal {
class DedupBatch;  // lib/dedup/dedup_batch.h
}  // namespace internal

// What one dedup unit is.
enum class DedupUnit {
  kLine,       // "line": each non-blank line.
  kParagraph,  // "paragraph": each run of non-blank lines.
  kDocument,   // "document": the whole text.
};

// How an LSH candidate is verified.
enum class DedupVerify {
  kSignature,  // "signature": an 80-byte sketch per unit, exact for units
               // of up to 40 shingles, an estimate within ~0.01 otherwise.
  kExact,      // "exact": exact Jaccard of the shingle sets (more memory).
};

// Parse the command-line spellings above. Return false on anything else.
bool ParseDedupUnit(absl::string_view name, DedupUnit* unit);
bool ParseDedupVerify(absl::string_view name, DedupVerify* verify);

// The command-line spellings: "line", "paragraph", "document"; "signature",
// "exact".
absl::string_view DedupUnitName(DedupUnit unit);
absl::string_view DedupVerifyName(DedupVerify verify);

struct DedupOptions {
  // Behaviour.

  // What is compared and removed. (kLine)
  DedupUnit unit = DedupUnit::kLine;

  // A unit is a duplicate of an earlier one whose Jaccard similarity with
  // it is at least this, in (0, 1]; 1 means identical tokens after
  // normalization. (0.8)
  double threshold = 0.8;

  // How candidates are verified. (kSignature)
  DedupVerify verify = DedupVerify::kSignature;

  // kSignature accepts a similarity >= threshold - signature_margin (see
  // "How a unit is decided": exact for short units, an estimate with a
  // standard deviation of ~0.01 otherwise). A margin trades precision for
  // recall right at the threshold: 0 keeps both at ~99.9% on real text.
  // Must be in [0, threshold). (0)
  double signature_margin = 0;

  // Units with fewer tokens are never duplicates (and are not indexed):
  // short lines such as "Read more" or "Photo: AP" are left to the Cleaner.
  // 1 makes every unit with a token eligible. (5)
  int min_words = 5;

  // Drop the blank lines that removals leave doubled or at the edges. (true)
  bool tidy_blank_lines = true;

  // Shingling (n-gram size, unit, seed). (word 3-grams)
  ShingleOptions shingle;

  // Signature size and seed: the signatures make the LSH band keys (they
  // are not kept). (128 slots, seed 1)
  MinHashOptions minhash;

  // LSH layout; 0 and 0 choose LshParams::ForThreshold(threshold, num_perm,
  // 0.99, 12 bands at most): a pair at J = threshold becomes a candidate
  // with probability >= 0.99 (12 x 5 at 0.8). Each band costs ~11 bytes
  // per unit, so the default stops at 12. Set both or neither. (0, 0)
  int bands = 0;
  int rows = 0;

  // Open() and Save(): when another process (or Deduplicator) holds the
  // index file's lock, wait until it is released (true), or fail at once
  // with Unavailable (false). Not recorded in the index file. (false)
  bool wait_for_index_lock = false;

  // Performance.

  // At most this many candidates are verified per unit (the earliest ones);
  // a unit with more is not inserted into the LSH index. Bounds the work per
  // unit in degenerate corpora. (100)
  int max_candidates = 100;

  // AddBatch() and StartBatch() sign on this many threads (the caller of
  // AddBatch() or FinishBatch() among them); 0 means one per hardware
  // thread. The helper threads are kept, asleep, from one batch to the next.
  // The verdicts do not depend on it. (0)
  int threads = 0;
};

// The verdict on one unit.
struct UnitVerdict {
  int line = 0;       // 1-based first line of the unit in the document.
  int last_line = 0;  // 1-based last line (== line for kLine).
  size_t offset = 0;  // Bytes [offset, offset + length) of the document:
  size_t length = 0;  // first line start to last line end, no terminator.
  int words = 0;      // Tokens in the unit.
  bool duplicate = false;

  // Set when "duplicate":
  bool exact = false;             // Same normalized tokens (fast path).
  uint64_t duplicate_of_doc = 0;  // Document number (see above).
  std::string duplicate_of_id;    // That document's id.
  int duplicate_of_line = 0;      // 1-based first line of that unit.
  double similarity = 0;          // The verified Jaccard (see
                                  // "duplicate_of" above), 1 on the exact
                                  // path.
};

// The verdict on one document.
struct DocumentVerdict {
  uint64_t doc = 0;                // This document's number.
  std::vector<UnitVerdict> units;  // Its units with a token, in text order.
  int duplicates = 0;              // Units with "duplicate" set.
  std::string text;                // The text without duplicate units.
};

// One document of a batch. The views must outlive the AddBatch() call, or
// for StartBatch() the matching FinishBatch() call.
struct DedupDocument {
  absl::string_view id;
  absl::string_view text;
};

// Counters since Create() (a loaded index continues the saved counters).
struct DedupStats {
  uint64_t documents = 0;          // Documents added.
  uint64_t removed_documents = 0;  // Documents passed to Remove().
  uint64_t units = 0;              // Units with a token.
  uint64_t short_units = 0;        // Units below min_words (never removed).
  uint64_t indexed_units = 0;      // Units kept in the index (not removed).
  uint64_t exact_duplicates = 0;   // Duplicates found by the exact hash.
  uint64_t near_duplicates = 0;    // Duplicates found through LSH.
  uint64_t candidates = 0;         // LSH candidates verified.
  uint64_t capped_queries = 0;     // Queries with more than max_candidates.
  uint64_t removed_bytes = 0;      // Bytes of the removed units.
  size_t memory_bytes = 0;         // The index: records, sketches, tables,
                                   // ids (and shingle sets with kExact).
  // memory_bytes / indexed_units (0 if none).
  double bytes_per_indexed_unit() const {
    return indexed_units == 0
               ? 0.0
               : static_cast<double>(memory_bytes) / indexed_units;
  }
};

// A Deduplicator decides units against every unit added before.
//
// Thread safety: Add(), AddBatch(), Remove(), Save() and stats() may be
// called from many threads at once (StartBatch() and FinishBatch() from one
// at a time). Shingling and signing run outside any lock; the lookup and
// insert of one document run under one lock, so each document is decided as
// a whole, against every document whose Add() finished before.
// With concurrent callers the order (and so which copy is kept) is the
// order in which they take the lock. Save() copies a consistent state: it
// holds the lock while it writes the file's bytes (adders wait), then syncs
// and renames without it.
//
// Movable, not copyable: the index can be large.
class Deduplicator {
 public:
  // Returns InvalidArgument if "options" are out of range.
  static absl::StatusOr<Deduplicator> Create(const DedupOptions& options);

  // Loads an index saved by Save(). Errors name "path": NotFound if it does
  // not exist; InvalidArgument if it is not a pith index or was saved with
  // other values of the recorded options (see "Persistence" above: the
  // message names each, with both values); FailedPrecondition for another
  // format version; DataLoss if it is empty, truncated or corrupt.
  static absl::StatusOr<Deduplicator> Load(const std::string& path,
                                           const DedupOptions& options);

  // Locks the index at "path" (see "Locking" above), then Load(), or
  // Create() if "path" does not exist. The lock is held until the
  // Deduplicator is destroyed. Unavailable if another holds the lock and
  // !options.wait_for_index_lock; the errno mapping if the lock file
  // "path.lock" cannot be created (a read-only directory: use Load()).
  static absl::StatusOr<Deduplicator> Open(const std::string& path,
                                           const DedupOptions& options);

  // Returns the options recorded in the index at "path" (see "Persistence"
  // above), with bands and rows set to the file's layout; the options that
  // are not recorded keep their defaults. Reads only the head of the file.
  // Errors as Load()'s.
  static absl::StatusOr<DedupOptions> ReadOptions(const std::string& path);

  // Writes the index to "path" atomically (see the top of this file), under
  // the lock of "path": the one Open() took, or else taken for the time of
  // the save (Unavailable if another holds it, unless
  // options().wait_for_index_lock). On error the previous file, if any, is
  // untouched. Errors name "path".
  absl::Status Save(const std::string& path) const;

  Deduplicator(Deduplicator&&) noexcept;
  Deduplicator& operator=(Deduplicator&&) noexcept;
  Deduplicator(const Deduplicator&) = delete;
  Deduplicator& operator=(const Deduplicator&) = delete;
  ~Deduplicator();

  // Decides the units of "text", adds them to the index and returns the
  // verdict. Fails with ResourceExhausted once 2^32 - 1 units are indexed
  // or a document has more than 2^31 - 1 lines.
  absl::StatusOr<DocumentVerdict> Add(absl::string_view id,
                                      absl::string_view text);

  // Adds "documents" in order, signing them on options().threads threads,
  // and sets "*verdicts" to one verdict per document. The same verdicts as
  // Add() in order. On error, "*verdicts" holds the documents decided
  // before it. The calling thread keeps per-document buffers from one call
  // to the next (fewer allocations): batches of a few MB keep them small.
  // The verdicts already in "*verdicts" (the previous batch's) are
  // overwritten, and lend their buffers too.
  absl::Status AddBatch(absl::Span<const DedupDocument> documents,
                        std::vector<DocumentVerdict>* verdicts);

  // Pipelined batches. StartBatch() queues "documents" and returns at once;
  // options().threads - 1 helper threads sign the queued batches, oldest
  // first. FinishBatch() decides the oldest started batch on the calling
  // thread, in input order (signing too while it would wait: this batch's
  // documents, then the next batch's), and sets "*verdicts" as AddBatch()
  // does. Start the next batch before finishing this one, and the helpers
  // sign it while this one is decided and its results used:
  //
  //   dedup.StartBatch(batches[0]);
  //   for (size_t i = 0; i < batches.size(); ++i) {
  //     if (i + 1 < batches.size()) dedup.StartBatch(batches[i + 1]);
  //     absl::Status s = dedup.FinishBatch(&verdicts);  // batches[i]'s.
  //     if (!s.ok()) return s;
  //     Write(batches[i], verdicts);
  //   }
  //
  // The verdicts are those of AddBatch() on each batch in turn (so of Add()
  // on each document in order), whatever the thread count. A batch's views
  // must stay valid until its FinishBatch() returns or the Deduplicator is
  // destroyed (which drops unfinished batches). One thread at a time calls
  // StartBatch() and FinishBatch(); Add(), AddBatch() and the rest may run
  // on other threads, as each batch is decided under the lock as a whole.
  // FinishBatch() fails with FailedPrecondition if no batch is started,
  // and, like AddBatch(), on an error holds the verdicts decided before it;
  // the batch is finished either way, and later ones can still be.
  void StartBatch(absl::Span<const DedupDocument> documents);
  absl::Status FinishBatch(std::vector<DocumentVerdict>* verdicts);

  // Forgets document "doc" (its number, DocumentVerdict::doc): its units
  // no longer match later units (see "Deletion" above). NotFound if no such
  // document was added or it was already removed.
  absl::Status Remove(uint64_t doc);

  // Makes room for "units" indexed units in total (avoids rehashing and
  // keeps the tables' load high when the size is known): the tables get
  // exactly the slots that many units need at their highest load.
  void Reserve(size_t units);

  // The counters: since Create(), or for a loaded index since it was first
  // created (the file's counters continue).
  DedupStats stats() const;
  // The counters as Load() read them from the file (indexed_units and the
  // candidates included; memory_bytes 0), all zero after Create(): stats()
  // less these are the work of this object alone (e.g. one run against a
  // persistent index).
  DedupStats loaded_stats() const;
  const DedupOptions& options() const;
  // The LSH layout in use.
  const LshParams& lsh_params() const;

 private:
  friend class internal::DedupBatch;
  friend class Calibrator;  // Reads the index (pith/calibrate.h).
  friend class StagedDedup;  // Decides in stages (pith/staged_dedup.h).
  struct Rep;
  // The default LSH layout uses at most this many bands (memory).
  static constexpr int kDefaultMaxBands = 12;
  static absl::StatusOr<std::unique_ptr<Rep>> MakeRep(
      const DedupOptions& options);
  explicit Deduplicator(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace pith

#endif  // PITH_DEDUP_H_
