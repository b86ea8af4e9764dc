// Undoable: add a saved chart (Chart Column of the data sets view). Undo removes it; redo adds
// it again with the same id (Project::addChart keeps spec.id when set).
#pragma once

#include "store/chartspec.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

class AddChartCommand : public QUndoCommand {
public:
    AddChartCommand(ProjectDocument* document, store::ChartSpec spec);
    int id() const override { return 7204; }   // explicit, never merges
    void redo() override;
    void undo() override;
    study::Id chartId() const { return m_spec.id; }   // 0 until the first redo has stored it

private:
    ProjectDocument* m_document;
    store::ChartSpec m_spec;
};

} // namespace gemba::ui
