// From a study's observations to the control chart the view shows: the series of a step (or
// the cycle total), cut into the user's stages, each stage charted by core
// (stats::individualsCharts / subgroupCharts) and the stages joined for drawing. No formula
// here: every center, limit and test result is core's; this file only selects, groups and joins.
// Runs on ChartService's worker thread; plain C++ apart from QString for the error.
#pragma once

#include "charts/chartsettings.h"
#include "stats/controlchart.h"
#include "study/model.h"

#include <QString>
#include <QtGlobal>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gemba::ui {

// The individual values of a chart source, in capture order, with what names each.
struct ChartSeries {
    std::vector<double> values;        // seconds
    std::vector<PointKey> keys;        // one per value (observation or cycle id)
    std::vector<std::string> labels;   // one per value: the cycle number
};

// The chart as drawn: the stages' analyses joined into one (the lines per point where there is
// more than one stage; an MR chart has NaN at the first point of each later stage, where no
// moving range spans the boundary).
struct ChartResult {
    study::Id studyId = 0;
    quint64 revision = 0;
    std::string key;   // ChartSettings::computationKey() of the request
    stats::ChartAnalysis analysis;
    std::vector<PointKey> pointKeys;        // one per analysis point
    std::vector<std::string> pointLabels;   // one per analysis point ("12", "1-5")
    std::vector<std::size_t> stageStarts;   // point indices where the second, third, ... stage begins
    std::optional<std::size_t> lockedAfter; // the last phase I point of locked limits, when locked
    // The locked stage's center and process σ as core has them (estimated from phase I, or
    // the kept numbers): what "Lock limits" saves.
    std::optional<double> lockedCenter, lockedSigma;
    std::size_t observationCount = 0;       // values in the series (for "no observations yet")
    std::shared_ptr<const ChartSeries> series;   // what was charted (for "Lock limits")
    QString error;   // why there is no chart; empty when there is one

    bool hasChart() const { return !analysis.charts.empty(); }
    // Index in `chart`'s values of analysis point `point`, or -1 (the MR chart has no first point).
    static long valueIndex(const stats::ControlChart& chart, std::size_t point);
};

// A step's durations (not foreign elements, not observations excluded from the study), in
// capture order, each labelled with its cycle number.
ChartSeries stepSeries(const std::vector<study::Observation>& observations, const std::vector<study::Cycle>& cycles,
                       study::Id stepId);
// Each cycle's total of its steps' durations, for the cycles in which every step of the study
// was timed (a cycle cut short by the end of the study would show as a false low point).
ChartSeries cycleTotalSeries(const std::vector<study::Observation>& observations,
                             const std::vector<study::Cycle>& cycles, const std::vector<study::Step>& steps);

// Charts `series` as `settings` say. X̄ charts group consecutive values in subgroups of
// settings.subgroupSize (a shorter last group is left out).
ChartResult computeChart(const ChartSeries& series, const ChartSettings& settings);

} // namespace gemba::ui
