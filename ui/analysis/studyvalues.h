// The values a distribution or capability view analyses: one step's durations, or the cycle
// totals, of one study, in seconds and in capture order. A small local read until the shared
// chart-data functions (core/analysis, issue 7 §1) land; then these should defer to them.
#pragma once

#include "error.h"
#include "study/model.h"

#include <span>
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

// The durations of step `stepId`, in the observations' order (start order as the store gives
// them): observations of that step that are neither excluded nor foreign elements, as
// study::summarizeSteps counts them.
std::vector<double> stepSeconds(std::span<const study::Observation> observations, study::Id stepId);

// One total per complete cycle (every step of `steps` has a counted observation in it, as
// StudySummary::completeCycles counts), in the order the cycles first appear: the sum of the
// cycle's counted durations, summed in integer microseconds so the order of adding is exact.
std::vector<double> cycleTotalSeconds(std::span<const study::Step> steps,
                                      std::span<const study::Observation> observations);

// Reads `source` from `project` (a connection of the caller's thread).
Expected<std::vector<double>> readValues(const store::Project& project, const ValueSource& source);

} // namespace gemba::ui
