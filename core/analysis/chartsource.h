// A saved chart's data (store::ChartSpec): its source read from the project as a chart series,
// with the chart's own exclusions and phase splits applied, and its options as core takes them.
#pragma once

#include "analysis/chartseries.h"
#include "error.h"
#include "stats/controlchart.h"
#include "store/chartspec.h"

namespace gemba::store {
class Project;
}

namespace gemba::analysis {

// The series of a saved chart, ready for stagedChart / lockedChart:
//  - StepDurations: stepSeries, or subgroupSeries when subgroupBy is CycleRange (subgroupSize
//    cycles), Study, Day or Shift (shiftStartMinutes);
//  - CycleTotal: cycleTotalSeries (individuals only);
//  - DataSetColumn: the column's numbers, keyed by 0-based row number and labelled "row N"
//    (1-based, as a spreadsheet counts); an empty cell (NaN) is a missing value, left out with
//    its row. Attribute charts take sizeColumn as the sample sizes (a row without a size is
//    left out too). Subgroups by Column: rows with the same subgroupColumn value form one
//    subgroup, in order of first appearance (as stats::analyzeChart), labelled by that value;
//    by CycleRange: subgroupSize consecutive rows ("rows 1–5"). Study, day and shift need a
//    study source.
// Then the spec's exclusions are added to the flags (excludeKeys) and its stage starts split
// the stages (splitStages). Left out rows and subgroups of one value count in omittedPoints.
// Errors: a source that does not fit the chart type (subgroups for an I-MR or attribute chart,
// none for X̄), an unknown kind/subgrouping combination (InvalidArgument), the store's errors.
Expected<FlaggedSeries> seriesOf(store::Project& project, const store::ChartSpec& spec);

// The spec's rule set, σ method and k as ChartOptions. Errors: a rule set or σ method that does
// not parse (InvalidArgument).
Expected<stats::ChartOptions> optionsOf(const store::ChartSpec& spec);

} // namespace gemba::analysis
