// Copyright 2026 The pith Authors.
//
// ParallelFor: the library's threads for work of your own over many items,
// such as cleaning a batch of pages with one Cleaner (Clean() is const and
// thread-safe) or signing many texts with one Shingler and MinHasher:
//
//   std::vector<pith::CleanResult> results(pages.size());
//   pith::ParallelFor(pages.size(), /*threads=*/0, /*chunk=*/16,
//                     [&](size_t begin, size_t end) {
//                       for (size_t i = begin; i < end; ++i) {
//                         (void)cleaner.Clean(pages[i], &results[i]);
//                       }
//                     });
//
// It runs on the same worker pool as the Pipeline and
// Deduplicator::AddBatch(), with the same rule for "0 threads" (one per
// hardware thread), so a program that uses pith starts threads in one way.

#ifndef PITH_PARALLEL_H_
#define PITH_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace pith {

// Calls "fn(begin, end)" once for each chunk of consecutive items of
// [0, count), chunks of "chunk" items (the last may be shorter; 0 counts as
// 1), on up to "threads" threads (0: one per hardware thread; never more
// than there are chunks), the calling thread being one of them. Returns
// once every call has returned. "fn" must be safe to call from several
// threads at once on distinct ranges, and must not throw.
void ParallelFor(size_t count, int threads, size_t chunk,
                 const std::function<void(size_t begin, size_t end)>& fn);

}  // namespace pith

#endif  // PITH_PARALLEL_H_
