// Copyright 2026 The pith Authors.
//
// Deduplicator persistence (Save/Load/Open), bad index files, Remove(), and
// a crash test: a child process saves in a loop and is killed with SIGKILL
// at random moments; the file on disk must always load as the old or the new
// state.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "pith/dedup.h"

namespace pith {
namespace {

std::string TempPath(const std::string& name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  return absl::StrCat(dir != nullptr ? dir : "/tmp", "/pith_idx_", getpid(),
                      "_", name);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteAll(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
}

// A paragraph of 40 words drawn from "seed"; "change" replaces one word
// (J ~ 0.85 with word 3-grams).
std::string Paragraph(int seed, int change = -1) {
  std::string p;
  for (int w = 0; w < 40; ++w) {
    if (w) p += ' ';
    p += w == change
             ? "zzz"
             : absl::StrCat("w", (uint64_t{static_cast<uint32_t>(seed)} *
                                      0x9e3779b97f4a7c15ULL +
                                  w * 0xbf58476d1ce4e5b9ULL) >>
                                     40);
  }
  return p;
}

std::string Page(int i) {
  return absl::StrCat(Paragraph(i), "\n\n", Paragraph(i + 100000), "\n");
}

DedupOptions Options() {
  DedupOptions o;
  o.unit = DedupUnit::kParagraph;
  return o;
}

// Everything observable about the state: adding probes gives the same
// verdicts, and the stats match.
std::string Digest(Deduplicator* d) {
  DedupStats s = d->stats();
  std::string out = absl::StrCat(s.documents, "/", s.units, "/",
                                 s.indexed_units, "/", s.removed_documents);
  return out;
}

TEST(DedupIndexFileTest, SaveThenLoadGivesTheSameVerdicts) {
  const std::string path = TempPath("roundtrip");
  absl::StatusOr<Deduplicator> a = Deduplicator::Create(Options());
  ASSERT_TRUE(a.ok());
  for (int i = 0; i < 200; ++i)
    ASSERT_TRUE(a->Add(absl::StrCat("u", i), Page(i)).ok());
  ASSERT_TRUE(a->Save(path).ok());
  absl::StatusOr<Deduplicator> b = Deduplicator::Load(path, Options());
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(Digest(&*a), Digest(&*b));
  for (int i = 0; i < 300; i += 7) {
    const std::string page =
        absl::StrCat(Paragraph(i, 3), "\n\n", Paragraph(i + 500000), "\n");
    absl::StatusOr<DocumentVerdict> va = a->Add("probe", page);
    absl::StatusOr<DocumentVerdict> vb = b->Add("probe", page);
    ASSERT_TRUE(va.ok() && vb.ok());
    ASSERT_EQ(va->units.size(), vb->units.size());
    for (size_t u = 0; u < va->units.size(); ++u) {
      EXPECT_EQ(va->units[u].duplicate, vb->units[u].duplicate) << i;
      EXPECT_EQ(va->units[u].duplicate_of_id, vb->units[u].duplicate_of_id);
      EXPECT_EQ(va->units[u].similarity, vb->units[u].similarity);
    }
    EXPECT_EQ(va->duplicates, i < 200 ? 1 : 0) << i;
  }
  EXPECT_EQ(Digest(&*a), Digest(&*b));
  std::remove(path.c_str());
}

TEST(DedupIndexFileTest, ExactVerificationRoundTrips) {
  const std::string path = TempPath("exact");
  DedupOptions o = Options();
  o.verify = DedupVerify::kExact;
  absl::StatusOr<Deduplicator> a = Deduplicator::Create(o);
  ASSERT_TRUE(a.ok());
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(a->Add("d", Page(i)).ok());
  ASSERT_TRUE(a->Save(path).ok());
  absl::StatusOr<Deduplicator> b = Deduplicator::Load(path, o);
  ASSERT_TRUE(b.ok()) << b.status();
  absl::StatusOr<DocumentVerdict> v = b->Add("x", Paragraph(7, 2));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->duplicates, 1);
  std::remove(path.c_str());
}

TEST(DedupIndexFileTest, OpenCreatesWhenMissing) {
  const std::string path = TempPath("missing");
  std::remove(path.c_str());
  absl::StatusOr<Deduplicator> d = Deduplicator::Open(path, Options());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->stats().documents, 0u);
  absl::StatusOr<Deduplicator> l = Deduplicator::Load(path, Options());
  EXPECT_EQ(l.status().code(), absl::StatusCode::kNotFound);
}

TEST(DedupIndexFileTest, OtherOptionsAreAnErrorThatNamesThem) {
  const std::string path = TempPath("options");
  absl::StatusOr<Deduplicator> a = Deduplicator::Create(Options());
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a->Add("d", Page(1)).ok());
  ASSERT_TRUE(a->Save(path).ok());
  DedupOptions o = Options();
  o.minhash.num_perm = 64;
  o.minhash.seed = 9;
  absl::StatusOr<Deduplicator> b = Deduplicator::Load(path, o);
  ASSERT_EQ(b.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(b.status().message().find("num_perm: 64 here, 128 in the index"),
            std::string::npos)
      << b.status();
  EXPECT_NE(b.status().message().find("seed: 9 here, 1 in the index"),
            std::string::npos);
  EXPECT_NE(b.status().message().find(path), std::string::npos);
  // The threshold shapes every decision: it is recorded, and so is the
  // layout derived from it.
  o = Options();
  o.threshold = 0.5;
  b = Deduplicator::Load(path, o);
  ASSERT_EQ(b.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(b.status().message().find("threshold: 0.5 here, 0.8 in the index"),
            std::string::npos)
      << b.status();
  EXPECT_NE(b.status().message().find("bands x rows: "), std::string::npos);
  // Every other recorded option, by name, with both values; enums by their
  // names.
  o = Options();
  o.unit = DedupUnit::kLine;
  o.verify = DedupVerify::kExact;
  o.min_words = 1;
  o.signature_margin = 0.01;
  o.shingle.ngram = 5;
  o.shingle.unit = ShingleUnit::kChar;
  o.shingle.seed = 3;
  o.bands = 10;
  o.rows = 6;
  b = Deduplicator::Load(path, o);
  ASSERT_EQ(b.status().code(), absl::StatusCode::kInvalidArgument);
  for (const char* part : {"unit: line here, paragraph in the index",
                           "verify: exact here, signature in the index",
                           "min_words: 1 here, 5 in the index",
                           "signature_margin: 0.01 here, 0 in the index",
                           "ngram: 5 here, 3 in the index",
                           "shingle unit: char here, word in the index",
                           "shingle seed: 3 here, 0 in the index",
                           "bands x rows: 10 x 6 here, 12 x 5 in the index"}) {
    EXPECT_NE(b.status().message().find(part), std::string::npos)
        << part << " in " << b.status();
  }
  // The same options load, and so does an explicit layout equal to the
  // derived one.
  EXPECT_TRUE(Deduplicator::Load(path, Options()).ok());
  o = Options();
  o.bands = 12;
  o.rows = 5;
  EXPECT_TRUE(Deduplicator::Load(path, o).ok());
  // Options that shape no decision are not recorded.
  o = Options();
  o.max_candidates = 7;
  o.threads = 3;
  o.tidy_blank_lines = false;
  EXPECT_TRUE(Deduplicator::Load(path, o).ok());
  std::remove(path.c_str());
}

TEST(DedupIndexFileTest, ReadOptionsGivesTheRecordedOptions) {
  const std::string path = TempPath("read_options");
  DedupOptions o = Options();
  o.threshold = 0.7;
  o.min_words = 2;
  o.shingle.ngram = 4;
  o.minhash.seed = 5;
  absl::StatusOr<Deduplicator> a = Deduplicator::Create(o);
  ASSERT_TRUE(a.ok());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(a->Add("d", Page(i)).ok());
  ASSERT_TRUE(a->Save(path).ok());
  absl::StatusOr<DedupOptions> r = Deduplicator::ReadOptions(path);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->unit, DedupUnit::kParagraph);
  EXPECT_EQ(r->threshold, 0.7);
  EXPECT_EQ(r->min_words, 2);
  EXPECT_EQ(r->shingle.ngram, 4);
  EXPECT_EQ(r->minhash.seed, 5u);
  EXPECT_EQ(r->bands, a->lsh_params().bands);
  EXPECT_EQ(r->rows, a->lsh_params().rows);
  // They load the index.
  EXPECT_TRUE(Deduplicator::Load(path, *r).ok());
  EXPECT_EQ(Deduplicator::ReadOptions(TempPath("none")).status().code(),
            absl::StatusCode::kNotFound);
  std::remove(path.c_str());
}

TEST(DedupIndexFileTest, LoadedStatsAreTheFilesCounters) {
  const std::string path = TempPath("loaded_stats");
  absl::StatusOr<Deduplicator> a = Deduplicator::Create(Options());
  ASSERT_TRUE(a.ok());
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(a->Add("d", Page(i)).ok());
  EXPECT_EQ(a->loaded_stats().documents, 0u);
  EXPECT_EQ(a->loaded_stats().units, 0u);
  ASSERT_TRUE(a->Save(path).ok());
  absl::StatusOr<Deduplicator> b = Deduplicator::Load(path, Options());
  ASSERT_TRUE(b.ok());
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(b->Add("d", Page(i)).ok());
  const DedupStats loaded = b->loaded_stats();
  const DedupStats total = b->stats();
  EXPECT_EQ(loaded.documents, 30u);
  EXPECT_EQ(loaded.units, 60u);
  EXPECT_EQ(loaded.indexed_units, 60u);
  EXPECT_EQ(total.documents - loaded.documents, 10u);
  EXPECT_EQ(total.exact_duplicates - loaded.exact_duplicates, 20u);
  EXPECT_EQ(total.indexed_units, 60u);
  std::remove(path.c_str());
}

TEST(DedupIndexFileTest, BadFilesAreClearErrors) {
  const std::string path = TempPath("good");
  const std::string bad = TempPath("bad");
  absl::StatusOr<Deduplicator> a = Deduplicator::Create(Options());
  ASSERT_TRUE(a.ok());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(a->Add("d", Page(i)).ok());
  ASSERT_TRUE(a->Save(path).ok());
  const std::string good = ReadAll(path);
  ASSERT_GT(good.size(), 100u);

  auto load = [&](const std::string& data) {
    WriteAll(bad, data);
    return Deduplicator::Load(bad, Options()).status();
  };
  absl::Status s = load("");
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("empty"), std::string::npos) << s;
  s = load("{\"id\": 1}\n");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("not a pith index"), std::string::npos) << s;
  // Another version, older (1: another SequenceHash; 2: 4-bit MinHash
  // sketches, fewer recorded options; 3: another token hash and
  // SequenceHash) or newer, is refused by name.
  for (char version : {'\x01', '\x02', '\x03', '\x05'}) {
    std::string other = good;
    other[8] = version;
    s = load(other);
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_NE(s.message().find(absl::StrCat("version ", int{version})),
              std::string::npos)
        << s;
    EXPECT_NE(s.message().find(version < '\x04' ? "an older pith wrote it"
                                                 : "a newer pith wrote it"),
              std::string::npos)
        << s;
  }
  // Every truncation and many bit flips fail; none crashes or loads.
  for (size_t n = 0; n < good.size(); n += 1 + n / 16) {
    s = load(good.substr(0, n));
    EXPECT_FALSE(s.ok()) << "truncated to " << n;
    EXPECT_NE(s.message().find(bad), std::string::npos) << s;
  }
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    std::string flipped = good;
    flipped[rng() % flipped.size()] ^= static_cast<char>(1 << (rng() % 8));
    s = load(flipped);
    EXPECT_FALSE(s.ok()) << "flip " << i;
  }
  EXPECT_FALSE(load(good + "x").ok());
  EXPECT_TRUE(load(good).ok());
  std::remove(path.c_str());
  std::remove(bad.c_str());
}

TEST(DedupIndexFileTest, RemovedDocumentsNoLongerMatch) {
  absl::StatusOr<Deduplicator> d = Deduplicator::Create(Options());
  ASSERT_TRUE(d.ok());
  absl::StatusOr<DocumentVerdict> v0 = d->Add("page", Page(1));
  ASSERT_TRUE(v0.ok());
  ASSERT_TRUE(d->Add("other", Page(2)).ok());
  EXPECT_EQ(d->Add("copy", Page(1))->duplicates, 2);
  ASSERT_TRUE(d->Remove(v0->doc).ok());
  EXPECT_EQ(d->Remove(v0->doc).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(d->Remove(1000).code(), absl::StatusCode::kNotFound);
  // The re-fetched page is new again; near copies of it too.
  absl::StatusOr<DocumentVerdict> v = d->Add("page", Page(1));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->duplicates, 0);
  EXPECT_EQ(d->Add("near", Paragraph(1, 4))->duplicates, 1);
  EXPECT_EQ(d->Add("other again", Page(2))->duplicates, 2);
  EXPECT_EQ(d->stats().removed_documents, 1u);
}

TEST(DedupIndexFileTest, ManyRemovalsCompactAndSurviveSaving) {
  const std::string path = TempPath("compact");
  absl::StatusOr<Deduplicator> d = Deduplicator::Create(Options());
  ASSERT_TRUE(d.ok());
  for (int i = 0; i < 3000; ++i) ASSERT_TRUE(d->Add("d", Page(i)).ok());
  const size_t before = d->stats().memory_bytes;
  for (int i = 0; i < 3000; i += 2) ASSERT_TRUE(d->Remove(i).ok());
  EXPECT_EQ(d->stats().indexed_units, 3000u);
  EXPECT_LT(d->stats().memory_bytes, before);
  ASSERT_TRUE(d->Save(path).ok());
  absl::StatusOr<Deduplicator> l = Deduplicator::Load(path, Options());
  ASSERT_TRUE(l.ok()) << l.status();
  for (Deduplicator* x : {&*d, &*l}) {
    for (int i = 0; i < 3000; i += 250) {
      EXPECT_EQ(x->Add("p", Paragraph(i))->duplicates, i % 2) << i;
    }
  }
  std::remove(path.c_str());
}

TEST(DedupIndexFileTest, ConcurrentAddRemoveAndSave) {
  const std::string path = TempPath("concurrent");
  absl::StatusOr<Deduplicator> d = Deduplicator::Create(Options());
  ASSERT_TRUE(d.ok());
  constexpr int kThreads = 4, kPages = 300;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPages; ++i) {
        // Every page is added by two threads: one copy is kept.
        absl::StatusOr<DocumentVerdict> v =
            d->Add(absl::StrCat("t", t), Page((t / 2) * kPages + i));
        ASSERT_TRUE(v.ok());
        if (i % 50 == 0) ASSERT_TRUE(d->Save(path).ok());
        if (i % 97 == 0) (void)d->stats();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  DedupStats s = d->stats();
  EXPECT_EQ(s.documents, uint64_t{kThreads * kPages});
  EXPECT_EQ(s.indexed_units, uint64_t{kThreads / 2 * kPages * 2});
  EXPECT_EQ(s.exact_duplicates, uint64_t{kThreads / 2 * kPages * 2});
  ASSERT_TRUE(d->Save(path).ok());
  absl::StatusOr<Deduplicator> l = Deduplicator::Load(path, Options());
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(Digest(&*l), Digest(&*d));
  std::remove(path.c_str());
}

// The crash test. The child alternates between two states (A: 300 pages,
// B: 600 pages) and saves each in a loop; the parent kills it with SIGKILL
// after a random delay, then loads the file: it must be A or B.
TEST(DedupIndexFileTest, KillDuringSaveLeavesOldOrNewState) {
  const std::string path = TempPath("crash");
  std::remove(path.c_str());
  std::string digest_a, digest_b;
  {
    absl::StatusOr<Deduplicator> a = Deduplicator::Create(Options());
    ASSERT_TRUE(a.ok());
    for (int i = 0; i < 300; ++i) ASSERT_TRUE(a->Add("d", Page(i)).ok());
    digest_a = Digest(&*a);
    for (int i = 300; i < 600; ++i) ASSERT_TRUE(a->Add("d", Page(i)).ok());
    digest_b = Digest(&*a);
    ASSERT_TRUE(a->Save(path).ok());
  }
  std::mt19937 rng(12345);
  int iterations = 0, saw_a = 0, saw_b = 0;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (; iterations < 50 && std::chrono::steady_clock::now() < deadline;
       ++iterations) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      absl::StatusOr<Deduplicator> a = Deduplicator::Create(Options());
      absl::StatusOr<Deduplicator> b = Deduplicator::Create(Options());
      if (!a.ok() || !b.ok()) _exit(2);
      for (int i = 0; i < 600; ++i) {
        if (i < 300 && !a->Add("d", Page(i)).ok()) _exit(2);
        if (!b->Add("d", Page(i)).ok()) _exit(2);
      }
      for (;;) {
        if (!a->Save(path).ok() || !b->Save(path).ok()) _exit(3);
      }
    }
    // Signing takes a few ms; saves take ~1 ms each.
    usleep(static_cast<useconds_t>(rng() % 60000));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited " << status;
    absl::StatusOr<Deduplicator> l = Deduplicator::Load(path, Options());
    ASSERT_TRUE(l.ok()) << "iteration " << iterations << ": " << l.status();
    const std::string digest = Digest(&*l);
    ASSERT_TRUE(digest == digest_a || digest == digest_b) << digest;
    ++(digest == digest_a ? saw_a : saw_b);
  }
  std::printf("crash test: %d kills, %d old/A, %d B states\n", iterations,
              saw_a, saw_b);
  EXPECT_GE(iterations, 20);
  // Leftover temporary files are the only debris a kill may leave.
  std::remove(path.c_str());
  (void)std::system(absl::StrCat("rm -f ", TempPath(""),
                                 "*.tmp.* 2>/dev/null;"
                                 " rm -f /tmp/.pith_idx_",
                                 getpid(), "_crash.tmp.*")
                        .c_str());
}

}  // namespace
}  // namespace pith
