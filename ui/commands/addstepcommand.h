// Undoable: add a step to the current process.
#pragma once

#include "study/model.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

class AddStepCommand : public QUndoCommand {
public:
    AddStepCommand(ProjectDocument* document, study::Step step);
    void redo() override;
    void undo() override;
    study::Id stepId() const { return m_step.id; }

private:
    ProjectDocument* m_document;
    study::Step m_step;   // id 0 until first stored; kept so redo restores the same row
};

} // namespace gemba::ui
