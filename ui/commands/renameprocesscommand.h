// Undoable: rename a process.
#pragma once

#include "study/model.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

class RenameProcessCommand : public QUndoCommand {
public:
    RenameProcessCommand(ProjectDocument* document, study::Process before, std::string newName);
    void redo() override;
    void undo() override;

private:
    bool apply(const study::Process& expected, const study::Process& wanted);

    ProjectDocument* m_document;
    study::Process m_before;
    study::Process m_after;
};

} // namespace gemba::ui
