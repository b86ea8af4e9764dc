// Undoable: add a process, optionally with its first step (one undo step for both).
#pragma once

#include "study/model.h"

#include <QUndoCommand>

#include <optional>

namespace gemba::ui {

class ProjectDocument;

// Redo keeps the ids of the first run, so later commands that name the process or its step
// still apply. Undo is refused (the command is dropped, with a message) once the process holds
// data that is not on the undo stack: studies timed or imported since.
class AddProcessCommand : public QUndoCommand {
public:
    AddProcessCommand(ProjectDocument* document, study::Process process,
                      std::optional<study::Step> firstStep = std::nullopt);
    void redo() override;
    void undo() override;
    study::Id processId() const { return m_process.id; }

private:
    ProjectDocument* m_document;
    study::Process m_process;
    std::optional<study::Step> m_firstStep;
    study::Id m_previous = 0;   // the process that was current before
};

} // namespace gemba::ui
