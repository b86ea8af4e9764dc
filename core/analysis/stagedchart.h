// Control charts over stages (each with its own limits) and over locked limits (phase II).
#pragma once

#include "analysis/chartseries.h"
#include "error.h"
#include "stats/controlchart.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gemba::analysis {

// A stage: a run of consecutive points with the same ChartSeries::stage value. A new stage
// starts wherever the value changes (Minitab "With each new value"), so stage numbers need not
// be in order and a number that comes back starts a stage of its own.
struct StageRange {
    std::size_t first = 0;   // index of its first point
    std::size_t count = 0;
    int stage = 0;           // the ChartSeries::stage value
    std::string name;        // stageNames[stage], or "stage N" (1-based) without one
};
// One range covering every point when the series has no stages; none when it has no points.
std::vector<StageRange> stageRanges(const ChartSeries& series);

// A historical chart with stages (Minitab "Stages"; JMP "Phase"; SAS/QC _PHASE_ with distinct
// limits): each stage gets its own center, limits and σ, computed from its own points only, by
// core's individualsCharts / subgroupCharts / attributeChart run on that stage alone with the
// same options (a known center or σ in the options applies to every stage, as Minitab does with
// a single historical value). With one stage the result is core's analysis as it is (constant
// Lines hold one value); with several they are joined into one ChartAnalysis over all points:
// every Line holds one value per point (so limits step at stage boundaries), each chart's
// center and sigma are the stages' common value or NaN when they differ, and sizes are per
// point unless all equal.
// What crosses a stage boundary: nothing.
//  - No moving range spans two stages: the MR chart's value at the first point of every later
//    stage is NaN (its lines are that stage's; its test bits are 0), so MR chart values stay
//    aligned with points (value j belongs to point j + 1). A moving range across the boundary
//    would mix the two processes the stages separate.
//  - The special-cause tests restart at each stage: a run never continues across a boundary,
//    since each stage is tested on its own against its own center and zones.
// Sources: SAS/QC SHEWHART "Applying Tests with Multiple Sets of Control Limits" (with distinct
// limits per phase the tests are applied within phases) and JMP "Phases" (each phase gets its own
// sigma, limits, zones and tests). Minitab's own help could not be confirmed on either point, so
// the conservative choice is made on both (no MR across a boundary, tests restart).
// ChartSeries gives the data: `values` for I-MR, `values`/`offsets` for X̄-R/S, `values` (counts)
// and `sizes` for attribute charts. Flags are per point, as core takes them.
// Errors: core's, for a stage, prefixed "stage '<name>': " (an error's item is the point's
// index in the whole series); a stage vector or flags that do not match the points
// (InvalidArgument); no points (EmptyData).
Expected<stats::ChartAnalysis> stagedChart(stats::ChartType type, const ChartSeries& series,
                                           const stats::PointFlags& flags, const stats::ChartOptions& options);

// Limits locked at the end of phase I, as the project saves them. The end of phase I is a
// point key, not an index, so the lock stays on its point whatever is added or removed before it.
struct LockedLimits {
    double center = 0;   // what ChartOptions::knownCenter takes: μ (I, X̄), p̄ (p, np), c̄ (c), ū (u)
    double sigma = 0;    // process σ (I, X̄); for attribute charts √(p̄(1−p̄)) or √c̄, for information
    std::int64_t lastPhaseOneKey = 0;   // ChartSeries::pointKeys of the last phase I point
    std::size_t pointsUsed = 0;   // the phase I points of its stage not excluded: what they rest on
                                  // (store::LockedLimits::pointCount)
};

// The center and σ to lock: those of the stage holding the last phase I point of `analysis`
// (the whole chart without stages), read at that point; `series` is what the analysis was made
// from (its stages and keys). Errors: no phase I point, a series that does not match the
// analysis (InvalidArgument).
Expected<LockedLimits> lockLimits(const stats::ChartAnalysis& analysis, const ChartSeries& series);

// Phase II. The locked stage is the stage holding the point keyed lastPhaseOneKey; from its
// first point on every point is judged against the locked center and σ (ChartOptions::
// knownCenter / knownSigma; attribute charts take the center only): the points up to and
// including the keyed one are marked phase I, every later one phase II whatever stage it is in
// (a study timed after the lock is new data judged against the control plan's limits). Points
// of earlier stages keep their own estimated limits as in stagedChart, with no moving range
// and no test run across that boundary. `flags` gives the exclusions; its phases are ignored.
// Errors as stagedChart, core's for the known values, and InvalidArgument when no point has
// the key any more (its observation was deleted): the limits must be locked again.
Expected<stats::ChartAnalysis> lockedChart(stats::ChartType type, const ChartSeries& series,
                                           const stats::PointFlags& flags, const stats::ChartOptions& options,
                                           const LockedLimits& locked);

} // namespace gemba::analysis
