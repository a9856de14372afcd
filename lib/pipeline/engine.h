// Copyright 2026 The pith Authors.
//
// The pipeline engine (pith/pipeline.h says what a run does): documents
// from a BatchSource, cleaned by a Cleaner (if any), put through a dedup
// step (lib/pipeline/dedup_stage.h, if any) and handed to a sink, in input
// order, on PipelineOptions::threads threads. Pipeline::Run() runs it with
// a Deduplicator (that of a StagedDedup's Sign or Apply stage too).

#ifndef PITH_LIB_PIPELINE_ENGINE_H_
#define PITH_LIB_PIPELINE_ENGINE_H_

#include "absl/status/status.h"
#include "lib/pipeline/batch.h"
#include "lib/pipeline/dedup_stage.h"
#include "pith/cleaner.h"
#include "pith/pipeline.h"

namespace pith {
namespace internal {

// Runs the documents of "source" through "cleaner" and "dedup" (each may be
// null) into "sink", and sets "*stats". Returns the first error in input
// order (see Pipeline::Run()).
absl::Status RunPipelineEngine(const PipelineOptions& options,
                               const Cleaner* cleaner, DedupStage* dedup,
                               BatchSource* source, PipelineSink* sink,
                               PipelineStats* stats);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_PIPELINE_ENGINE_H_
