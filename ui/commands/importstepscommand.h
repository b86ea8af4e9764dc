// Undoable: a process made from an element list file (store::importStepsCsv), one undo step.
#pragma once

#include "store/snapshot.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

// Pushed after store::importStepsCsv has written the new process with its steps in one
// transaction (so the file is read, checked and stored all or nothing before anything reaches
// the stack): the first redo only shows the process. Undo takes the process's snapshot and
// removes it; redo writes that snapshot back with every row and field (Project::restore).
// As AddProcessCommand, undo is refused (the command is dropped, with a message) once the
// process holds studies, which undo would delete.
class ImportStepsCommand : public QUndoCommand {
public:
    ImportStepsCommand(ProjectDocument* document, study::Id processId, const QString& name, const QString& fileName);
    void redo() override;
    void undo() override;
    study::Id processId() const { return m_processId; }

private:
    ProjectDocument* m_document;
    study::Id m_processId;
    QString m_name;
    bool m_firstRedo = true;
    store::ProcessSnapshot m_snapshot;
    study::Id m_previous = 0;   // the process that was current before
};

} // namespace gemba::ui
