// The window's way to the project's saved control charts (store::ChartSpec, Project::addChart
// & co.): the chart of a study as the view shows it, and the writes of the chart's undo
// commands, announced with chartChanged(). A child of the ProjectDocument (of()), so it is gone
// with the project and every command of the document's undo stack reaches it.
#pragma once

#include "store/chartspec.h"

#include <QObject>

#include <vector>

namespace gemba::ui {

class ProjectDocument;

class ChartStore : public QObject {
    Q_OBJECT
public:
    // The store of `document`, made on first use.
    static ChartStore* of(ProjectDocument* document);

    // The saved chart of exactly this one study (the first, when there are several), else the
    // first saved chart that includes it among others (a baseline and a later study), or a new
    // one (id 0, not saved yet): newStudyChart().
    store::ChartSpec studyChart(study::Id studyId) const;
    // A new chart of the study (id 0, not saved): I-MR of the first step of the study's process.
    store::ChartSpec newStudyChart(study::Id studyId) const;
    // The saved charts that show `studyId` (alone or with other studies of its process), by id.
    std::vector<store::ChartSpec> chartsOfStudy(study::Id studyId) const;
    // The saved charts of a data set (every column), by id.
    std::vector<store::ChartSpec> chartsOfDataSet(study::Id dataSetId) const;
    // The saved chart of a data set's column (the first, when there are several), or a new one
    // (id 0): I-MR of the column, with no process.
    store::ChartSpec dataSetChart(study::Id dataSetId, const std::string& column) const;
    // Adds (id 0, or an id to store again) or updates the chart; returns its id, 0 on failure
    // (reported through the document).
    study::Id save(const store::ChartSpec& spec);
    bool remove(study::Id chartId, study::Id studyId);

signals:
    // studyId: the chart's first study; 0 for a data set's chart. chartId: the chart saved or
    // removed.
    void chartChanged(gemba::study::Id studyId, gemba::study::Id chartId);

private:
    explicit ChartStore(ProjectDocument* document);

    ProjectDocument* m_document;
};

} // namespace gemba::ui
