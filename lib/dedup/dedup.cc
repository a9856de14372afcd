// Copyright 2026 The pith Authors.

#include "pith/dedup.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "lib/dedup/dedup_index.h"
#include "lib/dedup/index_file.h"
#include "lib/dedup/units.h"
#include "pith/io.h"
#include "pith/segment.h"

namespace pith {
namespace {

// A document split into units and signed, ready to be decided.
struct PreparedDocument {
  std::vector<LineSpan> lines;
  std::vector<UnitSpan> spans;
  std::vector<PreparedUnit> units;  // One per span.
  // Per unit with words >= min_words (in span order): its sketch
  // (SketchBytes(num_perm) bytes) and its LSH band keys (bands).
  std::vector<uint8_t> sketches;
  std::vector<uint32_t> keys;
};

// Buffers that Prepare() reuses from one document to the next.
struct PrepareScratch {
  std::vector<uint64_t> shingles;
  Signature signature;
  // Open addressing for counting distinct shingles: a slot is in use when
  // its stamp is the current one.
  std::vector<uint64_t> seen;
  std::vector<uint32_t> stamps;
  uint32_t stamp = 0;
};

// Returns the number of distinct values in "values", and sets "*hash" to
// SequenceHash(values).
size_t CountDistinct(absl::Span<const uint64_t> values, uint64_t* hash,
                     PrepareScratch* scratch) {
  *hash = SequenceHash(values);
  if (values.size() <= 1) return values.size();
  // At most a quarter full, the first slot a value hashes to is free ~7
  // times in 8, so the probe loop's branch is mostly predicted (at up to
  // half full it cost a misprediction every third value).
  int bits = 4;
  while ((size_t{1} << bits) < 4 * values.size()) ++bits;
  const size_t size = size_t{1} << bits;
  if (scratch->seen.size() < size) {
    scratch->seen.assign(size, 0);
    scratch->stamps.assign(size, 0);
    scratch->stamp = 0;
  }
  if (++scratch->stamp == 0) {
    std::fill(scratch->stamps.begin(), scratch->stamps.end(), 0);
    scratch->stamp = 1;
  }
  const uint32_t stamp = scratch->stamp;
  const size_t mask = size - 1;
  uint64_t* seen = scratch->seen.data();
  uint32_t* stamps = scratch->stamps.data();
  size_t distinct = 0;
  for (uint64_t v : values) {
    size_t i = static_cast<size_t>((v * 0x9e3779b97f4a7c15ULL) >> (64 - bits));
    while (stamps[i] == stamp && seen[i] != v) i = (i + 1) & mask;
    distinct += stamps[i] != stamp;
    stamps[i] = stamp;
    seen[i] = v;
  }
  return distinct;
}

absl::Status ValidateOptions(const DedupOptions& o) {
  if (!(o.threshold > 0.0 && o.threshold <= 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("dedup threshold must be in (0, 1]: %g", o.threshold));
  }
  if (!(o.signature_margin >= 0.0 && o.signature_margin < o.threshold)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("dedup signature margin must be in [0, threshold): %g",
                        o.signature_margin));
  }
  if (o.min_words < 1) {
    return absl::InvalidArgumentError(
        absl::StrFormat("dedup min words must be >= 1: %d", o.min_words));
  }
  if (o.max_candidates < 1) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "dedup max candidates must be >= 1: %d", o.max_candidates));
  }
  if (o.threads < 0) {
    return absl::InvalidArgumentError(
        absl::StrFormat("dedup threads must be >= 0: %d", o.threads));
  }
  if ((o.bands == 0) != (o.rows == 0)) {
    return absl::InvalidArgumentError(
        "dedup bands and rows must be set together");
  }
  return absl::OkStatus();
}

// The threads that sign for AddBatch() and StartBatch(), the caller
// included.
size_t SigningThreads(const DedupOptions& options) {
  int threads = options.threads;
  if (threads == 0) {
    threads =
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  return static_cast<size_t>(std::max(1, threads));
}

// Threads that AddBatch() keeps from one call to the next. A thread made
// per call can wait a scheduler tick (milliseconds) for a core of a busy
// machine, when a batch of a few MB takes tens of milliseconds; a waiting
// thread that is woken runs at once.
class WorkerPool {
 public:
  explicit WorkerPool(size_t threads) {
    threads_.reserve(threads);
    for (size_t t = 0; t < threads; ++t) {
      threads_.emplace_back([this] { Loop(); });
    }
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  size_t size() const { return threads_.size(); }

  // Runs "task" once on every worker. REQUIRES: no Start() without Wait().
  void Start(std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      task_ = std::move(task);
      running_ = threads_.size();
      ++generation_;
    }
    wake_.notify_all();
  }

  // Returns once every worker has finished the task of Start().
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [&] { return running_ == 0; });
    task_ = nullptr;
  }

 private:
  void Loop() {
    uint64_t seen = 0;
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
        task = task_;
      }
      task();
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (--running_ != 0) continue;
      }
      done_.notify_all();
    }
  }

  std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::function<void()> task_;
  uint64_t generation_ = 0;
  size_t running_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace

bool ParseDedupUnit(absl::string_view name, DedupUnit* unit) {
  if (name == "line") {
    *unit = DedupUnit::kLine;
  } else if (name == "paragraph") {
    *unit = DedupUnit::kParagraph;
  } else if (name == "document") {
    *unit = DedupUnit::kDocument;
  } else {
    return false;
  }
  return true;
}

bool ParseDedupVerify(absl::string_view name, DedupVerify* verify) {
  if (name == "signature") {
    *verify = DedupVerify::kSignature;
  } else if (name == "exact") {
    *verify = DedupVerify::kExact;
  } else {
    return false;
  }
  return true;
}

struct Deduplicator::Rep {
  Rep(const DedupOptions& o, Shingler s, MinHasher h, LshIndex lsh)
      : options(o),
        shingler(std::move(s)),
        hasher(std::move(h)),
        params(lsh.params()),
        band_keys(lsh),
        index(o, std::move(lsh)) {}

  // Splits and signs "text" into "*doc". Thread-safe (const members only).
  void Prepare(absl::string_view text, PrepareScratch* scratch,
               PreparedDocument* doc) const;

  // Decides every unit of "doc" and fills "*verdict" (all but the text).
  // REQUIRES: mu held.
  absl::Status Decide(absl::string_view id, absl::string_view text,
                      PreparedDocument* doc, DocumentVerdict* verdict);

  // Starts loading what deciding the first signed unit of "doc" reads first.
  void Prefetch(const PreparedDocument& doc) const {
    const size_t bands = static_cast<size_t>(params.bands);
    for (const PreparedUnit& u : doc.units) {
      if (u.words < options.min_words) continue;
      index.PrefetchExact(u.exact_hash);
      index.PrefetchQuery(absl::MakeConstSpan(doc.keys.data(), bands));
      return;
    }
  }

  // Sets verdict->text.
  void BuildText(absl::string_view text, const PreparedDocument& doc,
                 DocumentVerdict* verdict) const;

  const DedupOptions options;
  const Shingler shingler;
  const MinHasher hasher;
  const LshParams params;
  // An empty copy of the index's LshIndex: computes band keys in Prepare(),
  // outside the lock.
  const LshIndex band_keys;

  // One batch of AddBatch() or StartBatch() (defined below).
  struct Batch;

  // Decides the documents of "batch" in input order under "mu", each as
  // soon as it is prepared, into out[0], out[1], ..., publishing the count
  // decided in "*decided_upto" (unless null). While the next one is not
  // prepared, it prepares an unclaimed document of the batch, or else calls
  // "help" (which may prepare another batch's and returns whether it did),
  // or else yields. "alone": no other thread prepares, so it prepares one
  // document ahead, whose first lookups are then prefetched. Sets
  // "*decided" to the documents decided (all but after an error).
  absl::Status DecideBatch(Batch* batch, bool alone,
                           const std::function<bool(PrepareScratch*)>& help,
                           DocumentVerdict* out,
                           std::atomic<size_t>* decided_upto, size_t* decided);

  // The oldest started batch other than "skip" with an unclaimed document,
  // or null. REQUIRES: pipe_mu held.
  std::shared_ptr<Batch> BatchWithWork(const Batch* skip) const;

  // The pipeline threads of StartBatch(): they prepare the documents of
  // the started batches, oldest first, and sleep when none is left.
  void PipelineLoop();
  // Stops and joins the pipeline threads; started batches are dropped.
  void StopPipeline();
  ~Rep() { StopPipeline(); }

  // The workers of AddBatch(), made on first use; one AddBatch() at a time
  // uses them (others make their own).
  std::mutex pool_mu;
  std::unique_ptr<WorkerPool> pool;  // Guarded by pool_mu.

  // StartBatch() and FinishBatch(): the started batches not yet finished,
  // oldest first; the pipeline threads (made by the first StartBatch());
  // and prepared-document buffers of finished batches, for the next ones.
  // All guarded by pipe_mu; pipe_cv wakes the threads for a new batch or
  // to stop.
  std::mutex pipe_mu;
  std::condition_variable pipe_cv;
  std::deque<std::shared_ptr<Batch>> pipe_batches;
  std::vector<std::thread> pipe_threads;
  std::vector<std::vector<PreparedDocument>> pipe_spare;
  bool pipe_stop = false;

  // std::mutex rather than absl::Mutex: Debian's Abseil is not built with
  // ThreadSanitizer, which then cannot see absl::Mutex and reports false
  // races (tools/ci/tsan.sh). Guards every member below.
  mutable std::mutex mu;
  DedupIndex index;
  std::string id_arena;           // Document ids, back to back.
  std::vector<uint64_t> id_ends;  // End of each id.
  std::vector<uint8_t> removed;   // 1 per removed doc.
  DedupStats stats;
};

void Deduplicator::Rep::Prepare(absl::string_view text, PrepareScratch* scratch,
                                PreparedDocument* doc) const {
  SplitLines(text, &doc->lines);
  SplitUnits(text, doc->lines, options.unit, &doc->spans);
  doc->units.resize(doc->spans.size());
  doc->sketches.clear();
  doc->keys.clear();
  const bool exact = options.verify == DedupVerify::kExact;
  const size_t sketch_bytes = SketchBytes(hasher.num_perm());
  const size_t bands = static_cast<size_t>(params.bands);
  std::vector<uint64_t>& shingles = scratch->shingles;
  for (size_t i = 0; i < doc->spans.size(); ++i) {
    const UnitSpan& span = doc->spans[i];
    PreparedUnit& u = doc->units[i];
    u.words = shingler.Shingle(text.substr(span.offset, span.length),
                               options.min_words, &shingles);
    u.set.clear();
    if (u.words < options.min_words) continue;
    hasher.Sign(shingles, &scratch->signature);
    const size_t sketch_at = doc->sketches.size();
    doc->sketches.resize(sketch_at + sketch_bytes);
    MakeSketch(scratch->signature, doc->sketches.data() + sketch_at);
    const size_t keys_at = doc->keys.size();
    doc->keys.resize(keys_at + bands);
    band_keys.BandKeys(scratch->signature,
                       absl::MakeSpan(doc->keys.data() + keys_at, bands));
    size_t distinct;
    if (exact) {
      std::vector<uint64_t>& set = u.set;
      set.assign(shingles.begin(), shingles.end());
      std::sort(set.begin(), set.end());
      set.erase(std::unique(set.begin(), set.end()), set.end());
      distinct = set.size();
      u.exact_hash = SequenceHash(shingles);
    } else {
      distinct = CountDistinct(shingles, &u.exact_hash, scratch);
    }
    u.set_size = static_cast<uint32_t>(
        std::min<size_t>(distinct, std::numeric_limits<uint32_t>::max()));
  }
}

absl::Status Deduplicator::Rep::Decide(absl::string_view id,
                                       absl::string_view text,
                                       PreparedDocument* doc,
                                       DocumentVerdict* verdict) {
  (void)text;
  if (stats.documents >= std::numeric_limits<uint32_t>::max()) {
    return absl::ResourceExhaustedError(
        "dedup index is full: 2^32 - 1 documents added");
  }
  if (doc->lines.size() >=
      static_cast<size_t>(std::numeric_limits<int>::max())) {
    return absl::ResourceExhaustedError(
        absl::StrFormat("document \"%s\" has too many lines for dedup", id));
  }
  const uint32_t number = static_cast<uint32_t>(stats.documents);
  verdict->doc = number;
  verdict->units.clear();
  verdict->duplicates = 0;
  verdict->text.clear();
  verdict->units.reserve(doc->spans.size());
  const size_t sketch_bytes = SketchBytes(hasher.num_perm());
  const size_t bands = static_cast<size_t>(params.bands);
  const size_t num_spans = doc->spans.size();
  size_t signed_units = 0;  // Units with a sketch so far.
  size_t next_signed = 0;   // The span of the next signed unit, if any.
  for (size_t i = 0; i < num_spans; ++i) {
    const UnitSpan& span = doc->spans[i];
    PreparedUnit& u = doc->units[i];
    if (u.words == 0) continue;
    if (u.words >= options.min_words && next_signed <= i) {
      // The lookups of the signed unit after this one, across short units:
      // their cache misses overlap this unit's.
      next_signed = i + 1;
      while (next_signed < num_spans &&
             doc->units[next_signed].words < options.min_words) {
        ++next_signed;
      }
      if (next_signed < num_spans) {
        index.PrefetchExact(doc->units[next_signed].exact_hash);
        index.PrefetchQuery(absl::MakeConstSpan(
            doc->keys.data() + (signed_units + 1) * bands, bands));
      }
    }
    ++stats.units;
    UnitVerdict v;
    v.line = static_cast<int>(span.first_line) + 1;
    v.last_line = static_cast<int>(span.last_line) + 1;
    v.offset = span.offset;
    v.length = span.length;
    v.words = u.words;
    if (u.words < options.min_words) {
      ++stats.short_units;
      verdict->units.push_back(std::move(v));
      continue;
    }
    UnitMatch m;
    absl::Status s = index.Decide(
        number, static_cast<uint32_t>(v.line), &u,
        doc->sketches.data() + signed_units * sketch_bytes,
        absl::MakeConstSpan(doc->keys.data() + signed_units * bands, bands),
        &m);
    ++signed_units;
    if (!s.ok()) return s;
    if (m.duplicate) {
      v.duplicate = true;
      v.exact = m.exact;
      v.duplicate_of_doc = m.doc;
      const uint64_t begin = m.doc == 0 ? 0 : id_ends[m.doc - 1];
      const uint64_t end =
          m.doc < id_ends.size() ? id_ends[m.doc] : id_arena.size();
      v.duplicate_of_id = m.doc < id_ends.size()
                              ? id_arena.substr(begin, end - begin)
                              : std::string(id);
      v.duplicate_of_line = static_cast<int>(m.line);
      v.similarity = m.similarity;
      ++verdict->duplicates;
      ++(m.exact ? stats.exact_duplicates : stats.near_duplicates);
      stats.removed_bytes += span.length;
    }
    verdict->units.push_back(std::move(v));
  }
  id_arena.append(id.data(), id.size());
  id_ends.push_back(id_arena.size());
  removed.push_back(0);
  ++stats.documents;
  return absl::OkStatus();
}

void Deduplicator::Rep::BuildText(absl::string_view text,
                                  const PreparedDocument& doc,
                                  DocumentVerdict* verdict) const {
  verdict->text.clear();
  if (verdict->duplicates == 0) {
    verdict->text.assign(text.data(), text.size());
    return;
  }
  std::vector<bool> removed(doc.lines.size(), false);
  for (const UnitVerdict& v : verdict->units) {
    if (!v.duplicate) continue;
    for (int l = v.line; l <= v.last_line; ++l) removed[l - 1] = true;
  }
  verdict->text.reserve(text.size());
  AppendKeptLines(text, doc.lines, removed, options.tidy_blank_lines,
                  &verdict->text);
}

// The documents of a batch are prepared in any order by whoever claims them
// ("next"), and decided in input order by one thread. "docs[i]" belongs to
// the thread that claimed document i until ready[i] is set.
struct Deduplicator::Rep::Batch {
  Batch(absl::Span<const DedupDocument> batch,
        std::vector<PreparedDocument> buffers)
      : documents(batch),
        n(batch.size()),
        docs(std::move(buffers)),
        ready(new std::atomic<bool>[batch.size()]) {
    if (docs.size() < n) docs.resize(n);
    for (size_t i = 0; i < n; ++i) {
      ready[i].store(false, std::memory_order_relaxed);
    }
  }

  // Prepares the next unclaimed document; false if none is left.
  bool PrepareNext(const Rep& rep, PrepareScratch* scratch) {
    const size_t i = next.fetch_add(1, std::memory_order_relaxed);
    if (i >= n) return false;
    rep.Prepare(documents[i].text, scratch, &docs[i]);
    ready[i].store(true, std::memory_order_release);
    return true;
  }

  // True if some document is unclaimed.
  bool HasWork() const { return next.load(std::memory_order_relaxed) < n; }

  // Leaves the unclaimed documents unprepared and waits for the claimed
  // ones: then no other thread reads the batch's documents.
  void StopPreparing() {
    const size_t claimed =
        std::min(next.exchange(n, std::memory_order_relaxed), n);
    for (size_t i = 0; i < claimed; ++i) {
      while (!ready[i].load(std::memory_order_acquire)) {
        std::this_thread::yield();
      }
    }
  }

  const absl::Span<const DedupDocument> documents;
  const size_t n;
  std::vector<PreparedDocument> docs;  // At least n.
  const std::unique_ptr<std::atomic<bool>[]> ready;
  std::atomic<size_t> next{0};
};

absl::Status Deduplicator::Rep::DecideBatch(
    Batch* batch, bool alone, const std::function<bool(PrepareScratch*)>& help,
    DocumentVerdict* out, std::atomic<size_t>* decided_upto, size_t* decided) {
  thread_local PrepareScratch scratch;  // The deciding thread's, kept.
  const size_t n = batch->n;
  absl::Status status;
  size_t i = 0;
  std::lock_guard<std::mutex> lock(mu);
  for (; i < n; ++i) {
    while (!batch->ready[i].load(std::memory_order_acquire)) {
      if (!batch->PrepareNext(*this, &scratch) && !(help && help(&scratch))) {
        std::this_thread::yield();
      }
    }
    if (alone && i + 1 < n) batch->PrepareNext(*this, &scratch);
    if (i + 1 < n && batch->ready[i + 1].load(std::memory_order_acquire)) {
      Prefetch(batch->docs[i + 1]);
    }
    status = Decide(batch->documents[i].id, batch->documents[i].text,
                    &batch->docs[i], &out[i]);
    if (!status.ok()) break;
    if (decided_upto != nullptr) {
      decided_upto->store(i + 1, std::memory_order_release);
    }
  }
  *decided = i;
  return status;
}

std::shared_ptr<Deduplicator::Rep::Batch> Deduplicator::Rep::BatchWithWork(
    const Batch* skip) const {
  for (const std::shared_ptr<Batch>& b : pipe_batches) {
    if (b.get() != skip && b->HasWork()) return b;
  }
  return nullptr;
}

void Deduplicator::Rep::PipelineLoop() {
  PrepareScratch scratch;
  std::unique_lock<std::mutex> lock(pipe_mu);
  for (;;) {
    std::shared_ptr<Batch> batch = BatchWithWork(nullptr);
    if (batch == nullptr) {
      if (pipe_stop) return;
      pipe_cv.wait(lock);
      continue;
    }
    lock.unlock();
    while (batch->PrepareNext(*this, &scratch)) {
    }
    batch.reset();
    lock.lock();
  }
}

void Deduplicator::Rep::StopPipeline() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(pipe_mu);
    pipe_stop = true;
    // Batches started and never finished: nothing more is prepared.
    for (const std::shared_ptr<Batch>& b : pipe_batches) {
      b->next.store(b->n, std::memory_order_relaxed);
    }
    threads.swap(pipe_threads);
  }
  pipe_cv.notify_all();
  for (std::thread& t : threads) t.join();
}

namespace {

constexpr uint32_t kOptionsTag = IndexTag("OPTS");
constexpr uint32_t kStatsTag = IndexTag("STAT");
constexpr uint32_t kIdEndsTag = IndexTag("IDEN");
constexpr uint32_t kIdArenaTag = IndexTag("IDAR");
constexpr uint32_t kRemovedTag = IndexTag("GONE");

// The options recorded in an index file, in file order.
struct RecordedOption {
  const char* name;
  uint64_t value;
};

std::vector<RecordedOption> RecordedOptions(const DedupOptions& o,
                                            const LshParams& params) {
  return {
      {"unit", static_cast<uint64_t>(o.unit)},
      {"verify", static_cast<uint64_t>(o.verify)},
      {"shingle unit", static_cast<uint64_t>(o.shingle.unit)},
      {"ngram", static_cast<uint64_t>(o.shingle.ngram)},
      {"shingle seed", o.shingle.seed},
      {"num_perm", static_cast<uint64_t>(o.minhash.num_perm)},
      {"seed", o.minhash.seed},
      {"bands", static_cast<uint64_t>(params.bands)},
      {"rows", static_cast<uint64_t>(params.rows)},
      {"sketch bits", static_cast<uint64_t>(kSketchBits)},
  };
}

}  // namespace

absl::StatusOr<std::unique_ptr<Deduplicator::Rep>> Deduplicator::MakeRep(
    const DedupOptions& options) {
  absl::Status s = ValidateOptions(options);
  if (!s.ok()) return s;
  absl::StatusOr<Shingler> shingler = Shingler::Create(options.shingle);
  if (!shingler.ok()) return shingler.status();
  absl::StatusOr<MinHasher> hasher = MinHasher::Create(options.minhash);
  if (!hasher.ok()) return hasher.status();
  const int num_perm = hasher->num_perm();
  LshParams params;
  if (options.bands == 0) {
    params = LshParams::ForThreshold(
        std::max(0.01, std::min(0.99, options.threshold)), num_perm, 0.99,
        kDefaultMaxBands);
  } else {
    params.bands = options.bands;
    params.rows = options.rows;
  }
  absl::StatusOr<LshIndex> lsh = LshIndex::Create(params, num_perm);
  if (!lsh.ok()) return lsh.status();
  return std::make_unique<Rep>(options, *std::move(shingler),
                               *std::move(hasher), *std::move(lsh));
}

absl::StatusOr<Deduplicator> Deduplicator::Create(const DedupOptions& options) {
  absl::StatusOr<std::unique_ptr<Rep>> rep = MakeRep(options);
  if (!rep.ok()) return rep.status();
  return Deduplicator(*std::move(rep));
}

absl::Status Deduplicator::Save(const std::string& path) const {
  OutputOptions out_options;
  out_options.compression = OutputOptions::Compression::kNone;
  absl::StatusOr<OutputFile> out = OutputFile::Open(path, out_options);
  if (!out.ok()) return out.status();
  {
    std::lock_guard<std::mutex> lock(rep_->mu);
    IndexFileWriter w(&*out);
    FieldWriter opts;
    for (const RecordedOption& o :
         RecordedOptions(rep_->options, rep_->params)) {
      opts.U64(o.value);
    }
    w.Section(kOptionsTag, opts.data());
    const DedupStats& st = rep_->stats;
    FieldWriter stats;
    for (uint64_t v :
         {st.documents, st.removed_documents, st.units, st.short_units,
          st.exact_duplicates, st.near_duplicates, st.removed_bytes}) {
      stats.U64(v);
    }
    w.Section(kStatsTag, stats.data());
    w.Array(kIdEndsTag, rep_->id_ends);
    w.Section(kIdArenaTag, rep_->id_arena);
    w.Array(kRemovedTag, rep_->removed);
    absl::Status s = rep_->index.Save(&w);
    if (s.ok()) s = w.Finish();
    if (!s.ok()) return s;
  }
  return out->Commit();
}

absl::StatusOr<Deduplicator> Deduplicator::Load(const std::string& path,
                                                const DedupOptions& options) {
  absl::Status s = ValidateOptions(options);
  if (!s.ok()) return s;
  std::string data;
  s = ReadIndexFile(path, &data);
  if (!s.ok()) return s;
  IndexFileReader r(data, path);
  if (!(s = r.ReadHeader()).ok()) return s;
  absl::string_view payload;
  if (!(s = r.Section(kOptionsTag, &payload)).ok()) return s;
  FieldReader opts(payload);
  std::vector<uint64_t> saved_values;
  for (size_t i = 0; i < RecordedOptions(options, LshParams()).size(); ++i) {
    uint64_t v = 0;
    if (!opts.U64(&v)) return r.Corrupt(kOptionsTag, "too short");
    saved_values.push_back(v);
  }
  if (!opts.done()) return r.Corrupt(kOptionsTag, "too long");
  // Without an explicit layout, the file's is used (the default layout
  // depends on the threshold, which may change between runs).
  DedupOptions effective = options;
  if (options.bands == 0) {
    constexpr size_t kBands = 7, kRows = 8;  // In RecordedOptions().
    if (saved_values[kBands] < 1 || saved_values[kRows] < 1 ||
        saved_values[kBands] * saved_values[kRows] >
            static_cast<uint64_t>(options.minhash.num_perm)) {
      return r.Corrupt(kOptionsTag, "bad bands x rows");
    }
    effective.bands = static_cast<int>(saved_values[kBands]);
    effective.rows = static_cast<int>(saved_values[kRows]);
  }
  absl::StatusOr<std::unique_ptr<Rep>> made = MakeRep(effective);
  if (!made.ok()) return made.status();
  std::unique_ptr<Rep> rep = *std::move(made);
  std::vector<std::string> differ;
  const std::vector<RecordedOption> wanted =
      RecordedOptions(options, rep->params);
  for (size_t i = 0; i < wanted.size(); ++i) {
    const RecordedOption& o = wanted[i];
    const uint64_t saved = saved_values[i];
    if (saved != o.value) {
      differ.push_back(
          absl::StrCat(o.name, " ", saved, " in the file, ", o.value, " here"));
    }
  }
  if (!differ.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "index ", path,
        " was saved with other options: ", absl::StrJoin(differ, "; ")));
  }
  std::lock_guard<std::mutex> lock(rep->mu);
  if (!(s = r.Section(kStatsTag, &payload)).ok()) return s;
  FieldReader stats(payload);
  DedupStats& st = rep->stats;
  for (uint64_t* v :
       {&st.documents, &st.removed_documents, &st.units, &st.short_units,
        &st.exact_duplicates, &st.near_duplicates, &st.removed_bytes}) {
    if (!stats.U64(v)) return r.Corrupt(kStatsTag, "too short");
  }
  if (!stats.done()) return r.Corrupt(kStatsTag, "too long");
  if (!(s = r.Array(kIdEndsTag, &rep->id_ends)).ok()) return s;
  if (!(s = r.Section(kIdArenaTag, &payload)).ok()) return s;
  rep->id_arena.assign(payload.data(), payload.size());
  if (!(s = r.Array(kRemovedTag, &rep->removed)).ok()) return s;
  const uint64_t docs = st.documents;
  if (docs >= std::numeric_limits<uint32_t>::max() ||
      rep->id_ends.size() != docs || rep->removed.size() != docs) {
    return r.Corrupt(kIdEndsTag, "wrong document count");
  }
  uint64_t previous = 0, removed = 0;
  for (uint64_t end : rep->id_ends) {
    if (end < previous) return r.Corrupt(kIdEndsTag, "ids out of order");
    previous = end;
  }
  if (previous != rep->id_arena.size()) {
    return r.Corrupt(kIdArenaTag, "wrong size for the ids");
  }
  for (uint8_t x : rep->removed) {
    if (x > 1) return r.Corrupt(kRemovedTag, "bad flag");
    removed += x;
  }
  if (removed != st.removed_documents) {
    return r.Corrupt(kRemovedTag, "wrong count");
  }
  if (!(s = rep->index.Load(&r, docs)).ok()) return s;
  if (!(s = r.Finish()).ok()) return s;
  return Deduplicator(std::move(rep));
}

absl::StatusOr<Deduplicator> Deduplicator::Open(const std::string& path,
                                                const DedupOptions& options) {
  absl::StatusOr<Deduplicator> loaded = Load(path, options);
  if (loaded.ok() || !absl::IsNotFound(loaded.status())) return loaded;
  return Create(options);
}

absl::Status Deduplicator::Remove(uint64_t doc) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  if (doc >= rep_->removed.size() || rep_->removed[doc] != 0) {
    return absl::NotFoundError(
        absl::StrCat("dedup: no document ", doc,
                     doc < rep_->removed.size() ? " (already removed)" : ""));
  }
  rep_->removed[doc] = 1;
  ++rep_->stats.removed_documents;
  rep_->index.RemoveDocument(static_cast<uint32_t>(doc));
  return absl::OkStatus();
}

void Deduplicator::Reserve(size_t units) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  rep_->index.Reserve(units);
}

Deduplicator::Deduplicator(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Deduplicator::Deduplicator(Deduplicator&&) noexcept = default;
Deduplicator& Deduplicator::operator=(Deduplicator&&) noexcept = default;
Deduplicator::~Deduplicator() = default;

absl::StatusOr<DocumentVerdict> Deduplicator::Add(absl::string_view id,
                                                  absl::string_view text) {
  PreparedDocument doc;
  thread_local PrepareScratch scratch;  // Reused by the thread's calls.
  rep_->Prepare(text, &scratch, &doc);
  DocumentVerdict verdict;
  {
    std::lock_guard<std::mutex> lock(rep_->mu);
    absl::Status s = rep_->Decide(id, text, &doc, &verdict);
    if (!s.ok()) return s;
  }
  rep_->BuildText(text, doc, &verdict);
  return verdict;
}

absl::Status Deduplicator::AddBatch(absl::Span<const DedupDocument> documents,
                                    std::vector<DocumentVerdict>* verdicts) {
  // The verdicts of the caller's previous batch lend their buffers.
  std::vector<DocumentVerdict> out = std::move(*verdicts);
  verdicts->clear();
  const size_t n = documents.size();
  out.resize(n);
  const size_t workers =
      std::min(n, SigningThreads(rep_->options)) - (n > 0 ? 1 : 0);
  // Prepared-document buffers, reused from batch to batch by the calling
  // thread (fewer allocations).
  thread_local std::vector<PreparedDocument> cached_docs;
  Rep::Batch batch(documents, std::move(cached_docs));
  // Documents are prepared in any order by the workers and by this thread,
  // which decides them in input order as they become ready: deciding
  // overlaps preparing the documents after it. Texts are built in input
  // order behind the decisions: by the workers once nothing is left to
  // prepare (while this thread decides the last documents), then by
  // everyone.
  std::atomic<size_t> decided_upto{0};  // Documents with a verdict.
  std::atomic<bool> deciding{true};
  std::atomic<size_t> next_build{0};
  auto build_decided = [&](bool wait) {
    for (;;) {
      size_t i = next_build.load(std::memory_order_relaxed);
      if (i >= decided_upto.load(std::memory_order_acquire)) {
        if (!wait || !deciding.load(std::memory_order_acquire)) {
          if (i >= decided_upto.load(std::memory_order_acquire)) return;
        } else {
          std::this_thread::yield();
        }
        continue;
      }
      if (next_build.compare_exchange_weak(i, i + 1,
                                           std::memory_order_relaxed)) {
        rep_->BuildText(documents[i].text, batch.docs[i], &out[i]);
      }
    }
  };
  auto work = [&] {
    thread_local PrepareScratch scratch;  // A pool thread's, kept.
    while (batch.PrepareNext(*rep_, &scratch)) {
    }
    build_decided(/*wait=*/true);
  };
  // The pool, unless another AddBatch() holds it: then threads of our own.
  std::unique_lock<std::mutex> pool_lock(rep_->pool_mu, std::try_to_lock);
  std::vector<std::thread> own;
  if (workers > 0) {
    if (pool_lock.owns_lock()) {
      // Extra workers of a pool made for larger batches find nothing to do.
      if (rep_->pool == nullptr || rep_->pool->size() < workers) {
        rep_->pool = nullptr;
        rep_->pool = std::make_unique<WorkerPool>(workers);
      }
      rep_->pool->Start(work);
    } else {
      for (size_t t = 0; t < workers; ++t) own.emplace_back(work);
    }
  }
  size_t decided = 0;
  absl::Status status =
      rep_->DecideBatch(&batch, /*alone=*/workers == 0, nullptr, out.data(),
                        &decided_upto, &decided);
  deciding.store(false, std::memory_order_release);
  // After an error, the rest still gets prepared (and then dropped).
  build_decided(/*wait=*/false);
  if (workers > 0 && pool_lock.owns_lock()) rep_->pool->Wait();
  for (std::thread& t : own) t.join();
  cached_docs = std::move(batch.docs);
  out.resize(decided);
  *verdicts = std::move(out);
  return status;
}

void Deduplicator::StartBatch(absl::Span<const DedupDocument> documents) {
  Rep& rep = *rep_;
  std::unique_lock<std::mutex> lock(rep.pipe_mu);
  std::vector<PreparedDocument> buffers;
  if (!rep.pipe_spare.empty()) {
    buffers = std::move(rep.pipe_spare.back());
    rep.pipe_spare.pop_back();
  }
  rep.pipe_batches.push_back(
      std::make_shared<Rep::Batch>(documents, std::move(buffers)));
  if (rep.pipe_threads.empty()) {  // The first batch (or one thread).
    const size_t workers = SigningThreads(rep.options) - 1;
    for (size_t t = 0; t < workers; ++t) {
      rep.pipe_threads.emplace_back([&rep] { rep.PipelineLoop(); });
    }
  }
  lock.unlock();
  rep.pipe_cv.notify_all();
}

absl::Status Deduplicator::FinishBatch(std::vector<DocumentVerdict>* verdicts) {
  Rep& rep = *rep_;
  std::shared_ptr<Rep::Batch> batch;
  bool alone = false;
  {
    std::lock_guard<std::mutex> lock(rep.pipe_mu);
    if (rep.pipe_batches.empty()) {
      return absl::FailedPreconditionError(
          "FinishBatch() without a started batch");
    }
    batch = rep.pipe_batches.front();
    alone = rep.pipe_threads.empty();
  }
  // The verdicts of the caller's previous batch lend their buffers.
  std::vector<DocumentVerdict> out = std::move(*verdicts);
  verdicts->clear();
  out.resize(batch->n);
  // While a pipeline thread prepares the last documents of this batch,
  // this thread prepares the next batch's.
  auto help = [&rep, &batch](PrepareScratch* scratch) {
    std::shared_ptr<Rep::Batch> later;
    {
      std::lock_guard<std::mutex> lock(rep.pipe_mu);
      later = rep.BatchWithWork(batch.get());
    }
    return later != nullptr && later->PrepareNext(rep, scratch);
  };
  size_t decided = 0;
  absl::Status status = rep.DecideBatch(batch.get(), alone, help, out.data(),
                                        /*decided_upto=*/nullptr, &decided);
  if (!status.ok()) batch->StopPreparing();
  for (size_t i = 0; i < decided; ++i) {
    rep.BuildText(batch->documents[i].text, batch->docs[i], &out[i]);
  }
  {
    std::lock_guard<std::mutex> lock(rep.pipe_mu);
    rep.pipe_batches.pop_front();
    rep.pipe_spare.push_back(std::move(batch->docs));
  }
  out.resize(decided);
  *verdicts = std::move(out);
  return status;
}

DedupStats Deduplicator::stats() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  DedupStats s = rep_->stats;
  s.indexed_units = rep_->index.indexed();
  s.candidates = rep_->index.candidates();
  s.capped_queries = rep_->index.capped_queries();
  s.memory_bytes = rep_->index.MemoryUsage() + rep_->id_arena.capacity() +
                   rep_->id_ends.capacity() * sizeof(uint64_t) +
                   rep_->removed.capacity();
  return s;
}

const DedupOptions& Deduplicator::options() const { return rep_->options; }
const LshParams& Deduplicator::lsh_params() const { return rep_->params; }

}  // namespace pith
