// Everything the distribution view shows, computed by core from one series of values.
#pragma once

#include "stats/descriptive.h"
#include "stats/histogram.h"
#include "stats/normality.h"
#include "stats/probabilityplot.h"

#include <QString>

#include <optional>
#include <vector>

namespace gemba::ui {

struct DistributionAnalysis {
    std::size_t n = 0;
    std::optional<stats::Descriptive> descriptive;        // with 95 % intervals of mean and SD
    std::optional<stats::AndersonDarling> andersonDarling;
    std::optional<stats::Histogram> histogram;
    // The probability plot; for long series only the points that show (stats::visiblePoints
    // at kPlotCells cells per axis) are kept in values/probability/score; n, mean, sd and the
    // band are those of every value.
    std::optional<stats::ProbabilityPlot> probabilityPlot;
    QString error;   // why a part is missing (too few values, all equal, ...); empty otherwise
};

inline constexpr std::size_t kPlotCells = 1000;

// Runs core's describe, andersonDarling, histogram and normalProbabilityPlot on `values`.
// Safe on any thread (no Qt objects but QString).
DistributionAnalysis analyseDistribution(const std::vector<double>& values, double confidence = 0.95);

} // namespace gemba::ui
