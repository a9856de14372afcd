// Copyright 2026 The pith Authors.
//
// The progress line of a long run: on a terminal, one stderr line redrawn
// a few times a second (bytes read, with a percentage and an ETA when the
// inputs' size is known, documents/s, MB/s, what was removed so far), and
// replaced at the end by a one-line summary. Elsewhere (--progress with
// stderr to a file), one line every few seconds.

#ifndef PITH_TOOLS_PITH_PROGRESS_H_
#define PITH_TOOLS_PITH_PROGRESS_H_

#include <string>

#include "flags.h"
#include "pith/pipeline.h"

namespace pith {
namespace cli {

// --progress and --no-progress.
std::vector<FlagSpec> ProgressFlags();

// Sets options->progress to draw the progress line of "command" if "args"
// and stderr ask for one (a terminal, unless --no-progress; anything with
// --progress).
void SetUpProgress(const char* command, const Args& args,
                   PipelineOptions* options);

// The line for "p" (without a line end): what "command" has done so far,
// or, with p.done, the summary.
std::string ProgressText(const char* command, const PipelineProgress& p);

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_PROGRESS_H_
