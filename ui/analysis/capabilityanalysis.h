// Everything the capability view shows, computed by core from one series of individual values.
#pragma once

#include "stats/capability.h"
#include "stats/controlchart.h"
#include "stats/histogram.h"

#include <QString>

#include <optional>
#include <vector>

namespace gemba::ui {

struct CapabilityAnalysis {
    std::size_t n = 0;
    stats::SpecLimits spec;
    std::optional<stats::Histogram> histogram;
    std::optional<stats::Capability> capability;
    stats::Curve withinCurve;    // N(x̄, σ within) scaled to the histogram's counts
    stats::Curve overallCurve;   // N(x̄, σ overall) the same way
    // Stability: the I-MR chart of the same values (stats::individualsCharts, default options:
    // σ by MR̄/d2, the Western Electric tests). Capability of an unstable process is not
    // meaningful (AIAG SPC manual, ch. 4; Montgomery §8.2), so the view says so when any point fails.
    bool stabilityChecked = false;
    std::size_t signalCount = 0;   // points of the I or MR chart that fail a test
    QString rules;                 // the rule set that ran, e.g. "western-electric"
    QString error;                 // why there are no indices; empty otherwise
};

// For individual times (subgroups of one) the within σ is MR̄/d2(2) (sigma method "mr"), as
// Minitab's Capability Analysis (Normal) with subgroup size 1 estimates it (average moving range
// of span 2, unbiased by d2); overall σ is the sample SD. Then stats::processCapability, which
// decides Cpm/Ppm: without a target in `spec` there is no target, Cpm or Ppm (Minitab computes
// Cpm only for a given target).
// Safe on any thread.
CapabilityAnalysis analyseCapability(std::vector<double> values, const stats::SpecLimits& spec,
                                     double confidence = 0.95);

} // namespace gemba::ui
