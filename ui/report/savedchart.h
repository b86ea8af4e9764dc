// A saved control chart of the project (store::ChartSpec) evaluated for the report: its series
// read by core (analysis::stepSeries, cycleTotalSeries, subgroupSeries, seriesOf for a data
// set's column), the analyst's
// exclusions and stage starts turned from point keys into flags and stages, and the chart by
// core (analysis::stagedChart, or lockedChart when its limits are locked). This file only maps
// keys to point indices; every number is core's.
#pragma once

#include "stats/controlchart.h"
#include "store/chartspec.h"

#include <QString>
#include <QStringList>

#include <cstddef>
#include <vector>

namespace gemba::store {
class Project;
}

namespace gemba::ui {

struct SavedChart {
    stats::ChartAnalysis analysis;
    QStringList pointLabels;                // one per analysis point
    std::vector<store::PointKey> pointKeys; // one per analysis point
    std::vector<std::size_t> stageStarts;   // points where the second, third, ... stage begins
    QStringList stageNames;                 // one per stage
    QString unit;                           // "s" for times
    std::size_t omittedPoints = 0;          // incomplete cycles, short subgroups
    QString error;                          // why there is no chart; empty when there is one

    // The analysis point of `key`, or -1 when no point has it (its observation was removed).
    long pointOf(store::PointKey key) const;
};

// Any source: a study's step or cycle total, or a data set's column (analysis::seriesOf).
SavedChart evaluateSavedChart(store::Project& project, const store::ChartSpec& spec);

} // namespace gemba::ui
