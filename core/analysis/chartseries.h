// From a time study's observations to the points of a control chart: a step's durations, cycle
// totals, or subgroups of a step, from one study or several (one stage each).
#pragma once

#include "error.h"
#include "stats/controlchart.h"
#include "study/model.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gemba::store {
class Project;
}

namespace gemba::analysis {

// The data of one chart, ready for stagedChart / lockedChart (or core's chart functions).
// Times are in seconds.
struct ChartSeries {
    // Individuals: one value per point. Subgroups: subgroup g is values[offsets[g], offsets[g+1]).
    // Attribute data: the count (defectives or defects) of each sample.
    std::vector<double> values;
    std::vector<std::size_t> offsets;   // subgroups only; empty for individuals and attributes
    std::vector<double> sizes;          // attribute data only: the sample sizes (may be empty for c)
    // A stable key per analysis point, to attach exclusions and notes to: the observation id for
    // a step's individuals, the cycle id for cycle totals, the first observation id of a subgroup.
    std::vector<std::int64_t> pointKeys;
    std::vector<std::string> pointLabels;   // "cycle 12", "cycles 1–5", "2026-11-03", "shift 2 2026-11-03"
    std::vector<int> stage;                 // 0-based stage per point; empty = one stage
    std::vector<std::string> stageNames;    // indexed by stage number
    std::string unit = "s";
    // Points the data would have had but that cannot be charted (incomplete cycles, subgroups of
    // fewer than 2 values): reported so a view can say "3 incomplete cycles are not shown".
    std::size_t omittedPoints = 0;

    std::size_t pointCount() const { return offsets.empty() ? values.size() : offsets.size() - 1; }
};

// A series and its flags: points the analyst excluded are plotted but left out of the estimates
// (stats::PointFlags::excluded). Phases are left empty (all phase I); lockedChart sets them.
struct FlaggedSeries {
    ChartSeries series;
    stats::PointFlags flags;
};

// How subgroupSeries groups one step's observations.
struct Subgrouping {
    enum class Kind {
        CycleRange,   // `cyclesPerSubgroup` consecutive cycles (by cycle number) of one study
        Study,        // one subgroup per study
        Day,          // one subgroup per calendar day of the observation's start
        Shift,        // one subgroup per shift (see shiftStartsMinutes)
    };
    Kind kind = Kind::CycleRange;
    int cyclesPerSubgroup = 5;
    // Shift start times in minutes after local midnight (e.g. {360, 840, 1320} for 06:00,
    // 14:00, 22:00), any order; the shifts are numbered 1, 2, ... in order of start time.
    std::vector<int> shiftStartsMinutes;
};

// Conventions shared by the functions below.
//  - Which observations count: as study::summarizeSteps (stepsummary.h) counts them. A foreign
//    element is not a time of its step (it is timed apart and already taken out of the step's
//    duration), so it is never a point. A skipped step records no observation at all
//    (StopwatchSession::skip), so there is nothing to leave out. An excluded observation
//    (Observation::excluded, e.g. one that spans a suspend) is what summarizeSteps leaves out
//    of n and the mean: here it stays on the chart as a point but flagged excluded, so it is
//    plotted and tested yet left out of the center and σ (Minitab "Omit the following
//    subgroups when estimating parameters").
//  - Order: capture order, i.e. Project::observations order (start time, then id).
//  - Several studies: one stage per study, in the order of `studyIds` (a baseline and a later
//    study on one chart); the studies must belong to one process. Stage names are the study's
//    date and observer ("2026-11-23 A. Observer"). With one study `stage` is left empty.
// Errors: no study ids (InvalidArgument), an unknown study, studies of different processes
// (InvalidArgument), a store error. A step with no observations gives an empty series, not an
// error: the chart functions say there is nothing to chart.

// A step's durations as individuals, one point per observation, labelled "cycle N".
Expected<FlaggedSeries> stepSeries(store::Project& project, const std::vector<study::Id>& studyIds,
                                   study::Id stepId);

// The cycle total: per cycle, the sum of its step observations' durations (foreign elements are
// already out of them), in cycle-number order, labelled "cycle N", keyed by the cycle id.
// Only complete cycles are charted: a cycle in which every step of the study's element list
// (Project::studySteps) has a non-foreign observation, the same test as summarizeSteps'
// completeCycles except that an excluded observation still completes its cycle. A cycle with a
// skipped step, or the last cycle cut short when the study ended, is left out (counted in
// omittedPoints): its sum is not a cycle time but a part of one, and would show as a false low
// signal. (The ILO's work study manual, Kanawaty ed., builds the cycle from every element; no
// charting convention for partial cycles exists in Minitab, which has no notion of cycles.)
// A cycle holding an excluded observation is charted but flagged excluded: its total contains a
// time the analyst set aside. Sums are taken in integer microseconds, so they are exact.
Expected<FlaggedSeries> cycleTotalSeries(store::Project& project, const std::vector<study::Id>& studyIds);

// Subgroups of one step's durations, for X̄-R / X̄-S charts. Within each subgroup values are in
// capture order. An excluded observation is left out of its subgroup, as a missing value is in
// Minitab (the subgroup is smaller; its X̄ and R are those of the values that count); a subgroup
// left with fewer than 2 values is not charted (counted in omittedPoints), since X̄-R/S needs
// 2 or more. The flags' excluded vector is therefore all zeros here.
//  - CycleRange: cycles 1..n, n+1..2n, ... by cycle number within each study (the last range
//    may be shorter), labelled "cycles 1–5"; cyclesPerSubgroup must be ≥ 1. Observations in no
//    cycle (cycleId 0) are left out.
//  - Study: one subgroup per study, labelled with the stage name; all in one stage (each stage
//    would otherwise have one point, and no limits could be estimated from it).
//  - Day: the local calendar date of the observation's wall-clock start (wallStartUs), labelled
//    "2026-11-03". Local means the time zone of the computer doing the analysis (the TZ
//    environment variable, else /etc/localtime) with the daylight-saving rule in force on that
//    date, as localtime_r gives it: the date the observer's own clock showed when the study was
//    timed in the same zone.
//  - Shift: as Day, but the day is cut at the shift start times: an observation belongs to the
//    shift with the latest start at or before its local time of day, and before the first start
//    of the day to the last shift of the previous day (a night shift that runs past midnight
//    stays one subgroup). Labelled "shift 2 2026-11-03" with the date the shift started.
//    Errors: no start times, or one outside 0..1439 or repeated (OutOfRange / InvalidArgument).
// Subgroups are in time order (cycle number, date, shift) within each study, one stage per study.
Expected<FlaggedSeries> subgroupSeries(store::Project& project, const std::vector<study::Id>& studyIds,
                                       study::Id stepId, const Subgrouping& subgrouping);

// What a saved chart adds to its series (the chart object of the project keeps points by key,
// so its exclusions and phase splits survive new observations and deleted ones).
// Marks the points whose key is in `keys` excluded, on top of those already flagged (the
// observations the analyst excluded in the study). Keys no longer in the series are ignored.
void excludeKeys(FlaggedSeries& data, const std::vector<std::int64_t>& keys);
// Starts a new stage at each point whose key is in `stageStartKeys` (a phase split the user
// made: "the process changed here"), on top of the stages the series already has (one per
// study). Stages are renumbered in order; a split stage is named after the stage it splits and
// its first point ("2026-11-03 A. Observer, from cycle 12"; "stage 2" in a series without stage
// names, such as a data set's). A key on the first point of a
// stage, or no longer in the series, changes nothing.
void splitStages(ChartSeries& series, const std::vector<std::int64_t>& stageStartKeys);

} // namespace gemba::analysis
