// Undoable: add a process (it starts with no steps).
#pragma once

#include "study/model.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

class AddProcessCommand : public QUndoCommand {
public:
    AddProcessCommand(ProjectDocument* document, study::Process process);
    void redo() override;
    void undo() override;
    study::Id processId() const { return m_process.id; }

private:
    ProjectDocument* m_document;
    study::Process m_process;
    study::Id m_previous = 0;   // the process that was current before
};

} // namespace gemba::ui
