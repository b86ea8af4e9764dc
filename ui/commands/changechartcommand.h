// Undoable: a change to a saved control chart (a point excluded or included, a stage started,
// limits locked, a signal note, the chart's options). The chart is saved whole before and after.
#pragma once

#include "charts/chartsettings.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

class ChangeChartCommand : public QUndoCommand {
public:
    // Explicit ids (QUndoCommand::id), one per kind of change; none merges.
    enum Kind { Exclusion = 7101, Stage = 7102, LockLimits = 7103, Note = 7104, Options = 7105 };

    ChangeChartCommand(ProjectDocument* document, Kind kind, ChartSettings before, ChartSettings after,
                       const QString& text);
    int id() const override { return m_kind; }
    void redo() override;
    void undo() override;

private:
    ProjectDocument* m_document;
    Kind m_kind;
    ChartSettings m_before;
    ChartSettings m_after;
};

} // namespace gemba::ui
