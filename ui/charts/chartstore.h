// The window's way to the project's saved control charts (store::ChartSpec, Project::addChart
// & co.): the chart of a study as the view shows it, and the writes of the chart's undo
// commands, announced with chartChanged(). A child of the ProjectDocument (of()), so it is gone
// with the project and every command of the document's undo stack reaches it.
#pragma once

#include "store/chartspec.h"

#include <QObject>

namespace gemba::ui {

class ProjectDocument;

class ChartStore : public QObject {
    Q_OBJECT
public:
    // The store of `document`, made on first use.
    static ChartStore* of(ProjectDocument* document);

    // The saved chart of exactly this one study (the first, when there are several), or a new
    // one (id 0, not saved yet): I-MR of the first step of the study's process.
    store::ChartSpec studyChart(study::Id studyId) const;
    // Adds (id 0, or an id to store again) or updates the chart; returns its id, 0 on failure
    // (reported through the document).
    study::Id save(const store::ChartSpec& spec);
    bool remove(study::Id chartId, study::Id studyId);

signals:
    void chartChanged(gemba::study::Id studyId);

private:
    explicit ChartStore(ProjectDocument* document);

    ProjectDocument* m_document;
};

} // namespace gemba::ui
