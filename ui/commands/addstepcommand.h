// Undoable: add a step to a process.
#pragma once

#include "study/model.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

// The step names its process (the current one when the command is made), and keeps its id
// from the first run, so undo and redo act on the same row whatever is current then. Undo is
// refused (with a message) once observations refer to the step.
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
