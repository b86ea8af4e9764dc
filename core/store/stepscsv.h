// Element lists from a CSV file: a process's steps with their type, kind, frequency, value class,
// internal-work link and allowance categories, read and stored all or nothing.
#pragma once

#include "error.h"
#include "io/csvreader.h"
#include "study/model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gemba::store {

class Project;
using study::Id;

// One element of the file. `step` has everything but ids (processId, id and insideStepId are 0);
// `inside` is the index in the list of the machine-controlled element it runs inside, or -1.
struct StepsCsvRow {
    study::Step step;
    int inside = -1;
    std::uint64_t line = 0;   // where the row starts in the file, for messages
};

// Reads an element list: one row per step, in process order, with a header row. Delimiter,
// quoting and decimal mark as io::readCsv reads them with `options` (the same dialect guessing
// as every CSV import). Columns, by header name:
//  - name (required column): the step's name, not empty, unique within the file;
//  - type (required): manual | machine | walk;
//  - kind (required): cyclic | occasional | machine (machine-controlled);
//  - every (required column): occasional: N > 0, the element occurs once every N cycles (or
//    units, every_basis); other kinds: empty or 1;
//  - value_class (required column): value-adding | necessary-non-value-adding | waste; empty =
//    value-adding;
//  - description (required column): any text;
//  - every_basis (optional): cycles | units; empty = cycles; units only for occasional elements;
//  - inside (optional): the name of the machine-controlled element (kind machine, same file)
//    this element runs inside while the machine runs (internal work); empty = external work;
//  - personal, basic_fatigue, variable_fatigue, delay (optional): the element's own allowance
//    categories in percent, 0 to 100. All four empty (or absent) = no override (the study's or
//    the step type's categories apply); some filled = the others are 0.
// Keywords are matched ignoring case. Errors are ParseErrors naming the file, the line and the
// column: "steps.csv:4:3: 'sometimes' is not a kind: cyclic, occasional or machine (column
// 'kind')"; a missing column is InvalidArgument listing the columns there are (io::readCsv).
// A file with a header and no rows is EmptyData.
Expected<std::vector<StepsCsvRow>> readStepsCsv(const std::string& path, const io::CsvOptions& options = {});

struct StepsCsvImportOptions {
    io::CsvOptions csv;
    // A process that already has steps is refused unless this is set; even then only when the
    // process has no studies (their element lists and observations refer to the steps).
    bool replace = false;
};

struct StepsCsvImportResult {
    Id processId = 0;
    bool processCreated = false;
    std::int64_t steps = 0;          // steps written
    std::int64_t stepsReplaced = 0;  // steps removed first (replace)
};

// Reads `path` (readStepsCsv) and writes its elements as the steps of the process named
// `processName` (created when there is none of that name), in one transaction: all or nothing.
// Refused, with nothing written: a read error (as readStepsCsv); an empty process name
// (InvalidArgument); a process that has steps without options.replace (InvalidArgument, field
// "replace"); a process with studies when replacing (InvalidArgument, field "studies").
// Needs a project open for writing.
Expected<StepsCsvImportResult> importStepsCsv(Project& project, const std::string& path,
                                              const std::string& processName,
                                              const StepsCsvImportOptions& options = {});

} // namespace gemba::store
