// From a saved chart (store::ChartSpec) to the control chart the view shows: the series core
// reads from the study (analysis::stepSeries, cycleTotalSeries, subgroupSeries), the user's
// exclusions and stage starts as flags and stages, and core's staged or locked chart
// (analysis::stagedChart, lockedChart). No formula here: every center, limit and test result
// is core's; this file maps point keys to point indices and back. Runs on DataService's
// worker thread (computeChart, submitted by the chart view) and, for the live chart and "Lock limits", on the window's
// thread over a series already read (chartFromSeries, lockAt).
#pragma once

#include "analysis/chartseries.h"
#include "analysis/stagedchart.h"
#include "stats/controlchart.h"
#include "store/chartspec.h"

#include <QString>
#include <QtGlobal>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gemba::store {
class Project;
}

namespace gemba::ui {

using store::PointKey;

// The chart as drawn: core's analysis over all points (lines per point where stages differ; an
// MR chart has NaN at the first point of each later stage, analysis::stagedChart).
struct ChartResult {
    study::Id studyId = 0;
    quint64 revision = 0;   // the document revision the chart view asked at (ProjectDocument::revision)
    std::string key;   // chartComputationKey() of the spec asked for
    stats::ChartAnalysis analysis;
    std::vector<PointKey> pointKeys;        // one per analysis point
    std::vector<std::string> pointLabels;   // one per analysis point ("cycle 12", "cycles 1–5")
    std::vector<std::size_t> stageStarts;   // point indices where the second, third, ... stage begins
    std::optional<std::size_t> lockedAfter; // the last phase I point of locked limits, when locked
    std::size_t omittedPoints = 0;          // incomplete cycles, short subgroups (ChartSeries)
    std::shared_ptr<const analysis::FlaggedSeries> series;   // what was charted ("Lock limits")
    QString error;   // why there is no chart; empty when there is one

    bool hasChart() const { return !analysis.charts.empty(); }
    std::size_t pointCount() const { return pointKeys.size(); }
    // Index in `chart`'s values of analysis point `point`, or -1 (the MR chart has no first point).
    static long valueIndex(const stats::ControlChart& chart, std::size_t point);
};

// Everything the computed chart depends on (the spec without its title and notes), as text:
// the cache key, with the project's revision.
std::string chartComputationKey(const store::ChartSpec& spec);

// The chart of `spec` (a study source), read from `project`.
ChartResult computeChart(store::Project& project, const store::ChartSpec& spec);

// The chart of `spec` over a series already read.
ChartResult chartFromSeries(std::shared_ptr<const analysis::FlaggedSeries> series, const store::ChartSpec& spec);

// "Lock limits" at point `point`: phase I is the points of its stage up to it, and core
// estimates the center and σ from them (analysis::lockLimits). The result is what the spec saves.
Expected<store::LockedLimits> lockAt(const ChartResult& result, const store::ChartSpec& spec, std::size_t point);

} // namespace gemba::ui
