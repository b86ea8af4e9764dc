// CSV import of existing observations into a new study, and CSV export of any study.
#pragma once

#include "error.h"
#include "io/csvreader.h"
#include "study/model.h"

#include <cstdint>
#include <functional>
#include <string>

namespace gemba::store {

class Project;
using study::Id;

// Told how far a long import or export has come (rows done of total) from the thread doing it,
// every few thousand rows; returning false stops it: the import then rolls back whole, the
// export leaves no file, and both return an error saying so.
using CsvProgress = std::function<bool(std::int64_t done, std::int64_t total)>;

// Which CSV column (by its header name) holds what. An empty name: the file has no such
// column. Required: step, cycle, and either duration or start and end.
//
// Cell formats:
//  - step: the step's name exactly as in the process (ByName), or its 1-based position in
//    the process (ByPosition);
//  - cycle: the cycle number, an integer from 1; cycles are created as they first appear;
//  - duration, start, end: seconds, with a decimal point or a decimal comma (12.5, 12,5);
//    start and end may instead be ISO 8601 timestamps ("2026-11-23T09:15:02.250",
//    "2026-11-23 09:15:02,25+01:00"; no offset = UTC), one kind for the whole column;
//  - with duration and start/end the duration is the element's own time (it may be shorter
//    than end - start when a pause or foreign element fell inside); with start and end only,
//    duration = end - start; with duration only, the elements are laid end to end in file
//    order from 0 s, as continuous timing would have recorded them;
//  - wallStart: ISO 8601 timestamp of the start. Without it the wall start is the start
//    timestamp (ISO start), or the study's startedWallUs plus the time since the first row;
//  - rating: percent, empty = not rated;
//  - flags (foreignElement, abnormal, excluded, spansSuspend): 1/0, true/false, yes/no, y/n,
//    x; empty = no;
//  - excludedReason, note: any text; quoted text keeps blanks at either end (the export quotes
//    such text), unquoted text is trimmed;
//  - paused: seconds the stopwatch was paused inside the element (file format 4); empty or no
//    such column = 0, so files written before it import as they did.
struct ObservationCsvColumns {
    std::string step = "step";
    std::string cycle = "cycle";
    std::string duration = "duration_s";
    std::string start;
    std::string end;
    std::string wallStart;
    std::string rating;
    std::string foreignElement;
    std::string abnormal;
    std::string excluded;
    std::string excludedReason;
    std::string spansSuspend;
    std::string note;
    std::string paused;

    // The columns exportObservationsCsv writes, so an export imports back field for field.
    static ObservationCsvColumns exported();
};

enum class StepMatch {
    ByName,       // the step column holds step names
    ByPosition,   // the step column holds 1-based positions
};

struct ObservationCsvImportOptions {
    ObservationCsvColumns columns;
    StepMatch stepMatch = StepMatch::ByName;
    // An unknown step name is an error naming its line, unless this is set: then it becomes a
    // new step at the end of the process (manual, value-adding), in order of first appearance.
    bool createMissingSteps = false;
    // The columns that say what an observation is and when it happened: foreign_element,
    // abnormal, excluded, excluded_reason, spans_suspend, wall_start and paused_s. When `columns` leaves
    // one of these fields empty and the file has a column of the name exportObservationsCsv
    // gives it (not mapped to another field), that column is read. Dropping them would change
    // the analysis without a word: foreign elements would come back as times of their step,
    // excluded times would count again. So an export imports back as it was even through a
    // mapping that names only step, cycle and the times (the window's import dialog).
    bool readExportedStatusColumns = true;
    // Delimiter and decimal mark; by default guessed and settled as io::readCsv does, so
    // "1,234" with nothing in the file to settle the mark is an error asking for it.
    io::CsvOptions csv;
    // Rows stored so far of the rows read (the file is parsed first, in one go); may be empty.
    CsvProgress progress;
};

struct ObservationCsvImportResult {
    Id studyId = 0;
    std::int64_t observations = 0;
    std::int64_t rated = 0;   // observations with a rating
    std::int64_t cycles = 0;
    std::int64_t stepsCreated = 0;
};

// Imports a CSV file (one row per observation; delimiter, quoting and decimal mark as
// io::readCsv reads them with options.csv) into a new study of `study.processId`, described by `study`.
// It lands whole, in one transaction (study, new steps, cycles, observations), or not at all:
// an error names "file:line:column: the problem" and leaves the project as it was. On success
// study.id is set. Needs a project open for writing.
Expected<ObservationCsvImportResult> importObservationsCsv(Project& project, const std::string& path,
                                                           study::Study& study,
                                                           const ObservationCsvImportOptions& options = {});

// Writes a study's observations to `path`, one row per observation in start order:
//   study, cycle, step, position (1-based), duration_s, start_s, end_s (boot clock seconds),
//   wall_start (ISO 8601 UTC), rating_percent, foreign_element, abnormal, excluded,
//   excluded_reason, spans_suspend, note, paused_s (seconds paused inside the element; last,
//   so the columns before it stand where older versions wrote them).
// RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote, line break or blank
// at either end quoted with "" for a quote; UTF-8 without a byte-order mark. Times are written
// exactly (microseconds, trailing zeros dropped). The file is written beside `path` and renamed
// over it at the end, so a failed export leaves no half file. Returns the number of rows.
Expected<std::int64_t> exportObservationsCsv(Project& project, Id studyId, const std::string& path,
                                             const CsvProgress& progress = {});

} // namespace gemba::store
