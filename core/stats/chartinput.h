// From table columns (one entry per data row) to the points of a control chart analysis.
#pragma once

#include "error.h"
#include "stats/controlchart.h"

#include <string>
#include <vector>

namespace gemba::stats {

// The columns of a chart's data, one entry per row, in file order. Only what the chart type
// needs must be filled in: values (imr, xbar-r, xbar-s), counts and sizes (p, np, u; sizes
// optional for c), labels (required for xbar charts: rows with the same label form one
// subgroup, in order of first appearance; optional otherwise: they name the points).
struct ChartColumns {
    std::vector<double> values;
    std::vector<double> counts;
    std::vector<double> sizes;
    std::vector<std::string> labels;
    std::vector<std::uint8_t> trial;            // per row: 1 = phase I, 0 = phase II (empty: all phase I)
    std::vector<std::size_t> excludedPoints;    // 0-based point numbers left out of the estimates
};

struct PreparedChart {
    ChartAnalysis analysis;
    std::vector<std::string> pointLabels;   // one per point; empty means "1", "2", ... by position
    std::string pointLabel(std::size_t point) const
    {
        return pointLabels.empty() ? std::to_string(point + 1) : pointLabels[point];
    }
};

// Groups rows into points, maps trial flags to phases and runs the chart. A subgroup whose
// rows mix phase I and phase II, or an excluded point that does not exist, is an error.
// Consumes `columns` (the values of an I chart are moved, not copied).
Expected<PreparedChart> analyzeChart(ChartType type, ChartColumns columns, const ChartOptions& options);

} // namespace gemba::stats
