// The `gemba` subcommands. Each reads its arguments (without the subcommand name), writes its
// result to `out`, and throws UsageError / DataError on failure (see clierror.h).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace gemba::cli {

using Arguments = std::vector<std::string>;

int runStats(const Arguments& args, std::FILE* out);          // statscommand.cpp
int runChart(const Arguments& args, std::FILE* out);          // chartcommand.cpp
int runCapability(const Arguments& args, std::FILE* out);     // capabilitycommand.cpp
int runTakt(const Arguments& args, std::FILE* out);           // leancommands.cpp
int runOee(const Arguments& args, std::FILE* out);            // leancommands.cpp
int runStandardTime(const Arguments& args, std::FILE* out);   // leancommands.cpp
int runSampleSize(const Arguments& args, std::FILE* out);     // leancommands.cpp
int runImport(const Arguments& args, std::FILE* out);         // projectcommands.cpp
int runSummary(const Arguments& args, std::FILE* out);        // projectcommands.cpp
int runExport(const Arguments& args, std::FILE* out);         // projectcommands.cpp
int runDataSets(const Arguments& args, std::FILE* out);       // datasetcommands.cpp
// `gemba import PROJECT --dataset FILE --name NAME`: runImport hands such arguments over.
bool isDataSetImport(const Arguments& args);                   // datasetcommands.cpp
int runDataSetImport(const Arguments& args, std::FILE* out);  // datasetcommands.cpp
// `gemba import PROJECT --steps FILE --process NAME`: runImport hands such arguments over.
bool isStepsImport(const Arguments& args);                     // stepscommands.cpp
int runStepsImport(const Arguments& args, std::FILE* out);    // stepscommands.cpp
int runReport(const Arguments& args, std::FILE* out);         // reportcommand.cpp
int runSheet(const Arguments& args, std::FILE* out);          // reportcommand.cpp

// Entry point for `gemba <subcommand> ...`: dispatches, prints errors to `err` and returns
// the exit status (0 success, 1 bad data, 2 bad usage).
int run(const Arguments& args, std::FILE* out, std::FILE* err);

// True when `arg` (argv[1]) asks for the command line rather than the GUI.
bool isCliInvocation(const std::string& arg);

} // namespace gemba::cli
