// Copyright 2026 The pith Authors.

#include "pith/parallel.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <limits>

#include "lib/worker_pool.h"

namespace pith {

void ParallelFor(size_t count, int threads, size_t chunk,
                 const std::function<void(size_t begin, size_t end)>& fn) {
  if (count == 0) return;
  chunk = std::max<size_t>(chunk, 1);
  const size_t chunks = (count - 1) / chunk + 1;
  const size_t n = std::min<size_t>(
      static_cast<size_t>(internal::ResolveThreads(threads)), chunks);
  if (n <= 1) {  // No pool to start: the chunks in turn, here.
    for (size_t begin = 0; begin < count; begin += chunk) {
      fn(begin, std::min(count, begin + chunk));
    }
    return;
  }
  internal::WorkerPool pool(static_cast<int>(n) - 1);
  internal::TaskChunks tasks(
      count, [](size_t) { return size_t{0}; }, chunk,
      std::numeric_limits<size_t>::max(), fn);
  tasks.ScheduleAll(&pool);
  tasks.AwaitAll(&pool);
}

}  // namespace pith
