// Undoable: change a study's details.
#pragma once

#include "study/model.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

class ChangeStudyCommand : public QUndoCommand {
public:
    ChangeStudyCommand(ProjectDocument* document, study::Study before, study::Study after);
    void redo() override;
    void undo() override;

private:
    bool apply(const study::Study& expected, const study::Study& wanted);

    ProjectDocument* m_document;
    study::Study m_before;
    study::Study m_after;
};

} // namespace gemba::ui
