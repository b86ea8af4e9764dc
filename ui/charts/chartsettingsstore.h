// The saved control charts of the open project, one per study for now, as the control chart
// view and its undo commands read and write them. Lives as a child of the ProjectDocument
// (of()), so it is gone with the project and every command of its undo stack reaches it.
// TODO(issue 7, store): backed by the project file's ChartSpec once store::ChartSpec lands;
// until then it keeps the charts for the session only.
#pragma once

#include "charts/chartsettings.h"

#include <QObject>

#include <map>

namespace gemba::ui {

class ProjectDocument;

class ChartSettingsStore : public QObject {
    Q_OBJECT
public:
    // The store of `document`, made on first use.
    static ChartSettingsStore* of(ProjectDocument* document);

    // The chart of `studyId`: as saved, or the default (first step of the process, I-MR).
    ChartSettings chart(study::Id studyId) const;
    bool hasChart(study::Id studyId) const { return m_charts.count(studyId) > 0; }
    void save(const ChartSettings& settings);

signals:
    void chartChanged(gemba::study::Id studyId);

private:
    explicit ChartSettingsStore(ProjectDocument* document);

    ProjectDocument* m_document;
    std::map<study::Id, ChartSettings> m_charts;
};

} // namespace gemba::ui
