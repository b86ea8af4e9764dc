// Undoable: a change to a saved control chart (a point excluded or included, a stage started,
// limits locked, a signal note, the chart's options, its spec limits). The chart is saved whole before and
// after; the first change of a study's chart saves it (its undo removes it again).
#pragma once

#include "store/chartspec.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

class ChangeChartCommand : public QUndoCommand {
public:
    // Explicit ids (QUndoCommand::id), one per kind of change; none merges.
    enum Kind { Exclusion = 7101, Stage = 7102, LockLimits = 7103, Note = 7104, Options = 7105,
                SpecLimits = 7106 };

    ChangeChartCommand(ProjectDocument* document, Kind kind, store::ChartSpec before, store::ChartSpec after,
                       const QString& text);
    int id() const override { return m_kind; }
    void redo() override;
    void undo() override;

private:
    ProjectDocument* m_document;
    Kind m_kind;
    store::ChartSpec m_before;   // id 0: the chart was not saved before this change
    store::ChartSpec m_after;
    study::Id m_chartId;         // the saved chart's id (kept when a redo adds it again)
};

} // namespace gemba::ui
