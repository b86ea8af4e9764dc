// Undoable: delete a process with its steps, studies and observations.
#pragma once

#include "store/snapshot.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

// As RemoveStudyCommand, for a whole process.
class RemoveProcessCommand : public QUndoCommand {
public:
    RemoveProcessCommand(ProjectDocument* document, study::Id processId, const QString& name);
    void redo() override;
    void undo() override;

private:
    ProjectDocument* m_document;
    study::Id m_processId;
    store::ProcessSnapshot m_snapshot;
};

} // namespace gemba::ui
