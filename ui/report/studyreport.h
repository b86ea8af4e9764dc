// The review report of time studies: for each study a header (project, process, study,
// observer, place, dates, rating and allowance, the chart methods), the study summary as the
// Observations page shows it, an I-MR control chart of every step's times with its signals,
// each saved chart of the study (store::ChartSpec: its options, exclusions, stages, locked
// limits) with its signals and signal notes, and the capability of each saved chart that has
// spec limits; then (unless left out) the saved charts of the project's data sets, under a
// header per data set, each headed by the data set and the column, with signals and notes. Everything shown is core's result (study::summarizeSteps, analysis::stepSeries,
// stats::individualsCharts, analysis::stagedChart / lockedChart, stats capability).
#pragma once

#include "report/reportdocument.h"
#include "stats/controlchart.h"
#include "study/model.h"

#include <QString>

#include <memory>
#include <vector>

namespace gemba::store {
class Project;
}

namespace gemba::ui {

struct StudyReportOptions {
    // Rule set, σ method and k of every chart (default: western-electric, mr, 3).
    stats::ChartOptions chart;
    // The saved charts of the project's data sets, after the studies.
    bool dataSetCharts = true;
    // The date and time printed in the footer.
    QDateTime printed = QDateTime::currentDateTime();
};

// The report of `studyIds` (in that order; each study after the first starts a new page; none:
// only the data sets' charts).
// Returns nullptr and sets `error` when the project cannot be read or a study is not in it.
std::unique_ptr<ReportDocument> buildStudyReport(store::Project& project, const std::vector<study::Id>& studyIds,
                                                 const StudyReportOptions& options, QString* error);

// How a study is named (the window's study box, `gemba summary --study`): "date - observer
// (place)".
QString studyLabel(const study::Study& study);

} // namespace gemba::ui
