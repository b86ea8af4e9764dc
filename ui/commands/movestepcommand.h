// Undoable: move a step up or down in its process.
#pragma once

#include "study/model.h"

#include <QUndoCommand>

#include <vector>

namespace gemba::ui {

class ProjectDocument;

class MoveStepCommand : public QUndoCommand {
public:
    MoveStepCommand(ProjectDocument* document, study::Id processId, std::vector<study::Id> before,
                    std::vector<study::Id> after);
    void redo() override;
    void undo() override;

private:
    ProjectDocument* m_document;
    study::Id m_processId;
    std::vector<study::Id> m_before;
    std::vector<study::Id> m_after;
};

} // namespace gemba::ui
