// Export of a time study to an .xlsx workbook (libxlsxwriter): the file engineers hand on to
// their spreadsheets.
#pragma once

#include "error.h"
#include "study/model.h"

#include <cstdint>
#include <string>

namespace gemba::store {

class Project;
using study::Id;

struct StudyXlsxResult {
    std::int64_t steps = 0;
    std::int64_t observations = 0;
};

// Writes study `studyId` to `path` as a workbook of three sheets, one per table, each with a
// bold header row (frozen), set column widths, times in seconds and numbers stored as numbers
// (never as text), flags as TRUE/FALSE:
//  - "Elements": the study's element list in its order: position, name, description, type,
//    kind, every, every basis, occurrences per cycle, value class, inside (the machine element
//    of internal work), the allowance categories that apply (study/stepsummary.h
//    allowancesFor) and the total allowance (allowancePercentFor);
//  - "Observations": every observation in start order: cycle, step, position, start, end,
//    duration, paused (s, stopwatch clock), wall start (ISO 8601 UTC text), rating %, foreign
//    element, abnormal, excluded, excluded reason, spans suspend, note;
//  - "Summary": the study's details (process, date, observer, operator, conditions, rating
//    method, allowance basis and categories, selected-time rule, units per cycle), then one row
//    per element (kind, frequency, n, mean, median, selected, SD, mean rating, basic time,
//    allowance %, standard time, basic and standard per cycle, inside, needed, still needed),
//    then the cycle (basic, standard, hidden internal work, pieces per hour, standard hours per
//    100 units, complete cycles) and the validity (elapsed, recorded, recording error,
//    flagged above 2 %) - the figures of study::summarizeSteps and study::studyValidity.
// Empty cells where a figure is undefined (NaN). The workbook is written beside `path` and
// renamed over it at the end, so a failed export leaves no half file. Errors: an unknown study
// (InvalidArgument), a summary error (as summarizeSteps), a file that cannot be written (IoError).
Expected<StudyXlsxResult> exportStudyXlsx(Project& project, Id studyId, const std::string& path);

} // namespace gemba::store
