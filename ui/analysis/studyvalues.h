// The values a distribution or capability view analyses: one step's durations, or the cycle
// totals, of one study, in seconds and in capture order, read by the shared chart-data
// functions (core/analysis/chartseries.h) so these views and the control chart count the
// same points; points flagged excluded are left out here (they stay on a control chart,
// plotted but out of the estimates; a histogram or capability has no "plotted only").
#pragma once

#include "analysis/chartseries.h"
#include "error.h"
#include "study/model.h"

#include <vector>

namespace gemba::store {
class Project;
}

namespace gemba::ui {

// What to analyse: a step of a study, or (stepId 0) the study's cycle totals.
struct ValueSource {
    study::Id studyId = 0;
    study::Id stepId = 0;   // 0: cycle total
    bool isCycleTotal() const { return stepId == 0; }
};

// The values of `series` whose points are not flagged excluded, in order.
std::vector<double> includedValues(const gemba::analysis::FlaggedSeries& series);

// Reads `source` from `project` (a connection of the caller's thread): analysis::stepSeries
// or analysis::cycleTotalSeries (complete cycles only), without the excluded points.
Expected<std::vector<double>> readValues(store::Project& project, const ValueSource& source);

} // namespace gemba::ui
