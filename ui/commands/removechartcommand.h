// Undoable: delete a saved chart (the control chart view's Delete Chart). Undo adds it back
// whole with the same id (Project::addChart keeps spec.id when set), so its notes and decisions
// come back with it.
#pragma once

#include "store/chartspec.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

class RemoveChartCommand : public QUndoCommand {
public:
    RemoveChartCommand(ProjectDocument* document, store::ChartSpec spec);
    int id() const override { return 7205; }   // explicit, never merges
    void redo() override;
    void undo() override;

private:
    ProjectDocument* m_document;
    store::ChartSpec m_spec;   // as saved, with its id
};

} // namespace gemba::ui
