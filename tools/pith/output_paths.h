// Copyright 2026 The pith Authors.
//
// What every subcommand does about its outputs before it writes any: refuse
// two outputs on one path, read the compression level, and make Ctrl-C and
// kill leave no temporary files. One function per concern, each called with
// a line or two from a command (pith/io.h does the work).

#ifndef PITH_TOOLS_PITH_OUTPUT_PATHS_H_
#define PITH_TOOLS_PITH_OUTPUT_PATHS_H_

#include "command.h"
#include "flags.h"
#include "pith/io.h"

namespace pith {
namespace cli {

// --level N: the compression level of .gz and .zst outputs.
FlagSpec LevelFlag();

// If two of the outputs in "args" (-o, -R, -e, --index, whichever the
// command has) name the same file (pith::SameOutputFile), prints a usage
// error naming both options and the file, and returns kExitUsage; else
// returns kExitOk. Call it before opening any output.
int RefuseSameOutputs(const Command& command, const Args& args);

// Sets "*options" from --level (if the command has it), checked against the
// format of the -o path; on a bad value prints a usage error and returns
// kExitUsage.
int SetUpOutputOptions(const Command& command, const Args& args,
                       OutputOptions* options);

// Removes temporary output files on SIGINT, SIGTERM, SIGHUP and SIGPIPE,
// then dies of the signal (exit status 128 + N). Call once, first thing in
// main().
void InstallSignalCleanup();

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_OUTPUT_PATHS_H_
