// Undoable: remove a step that has no observations.
#pragma once

#include "study/model.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

class RemoveStepCommand : public QUndoCommand {
public:
    RemoveStepCommand(ProjectDocument* document, study::Step step);
    void redo() override;
    void undo() override;

private:
    ProjectDocument* m_document;
    study::Step m_step;
};

} // namespace gemba::ui
