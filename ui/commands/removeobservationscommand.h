// Undoable: delete observations of a study.
#pragma once

#include "study/model.h"

#include <QUndoCommand>

#include <vector>

namespace gemba::ui {

class ProjectDocument;

// Undo writes the rows back with every field, under their ids (or new ones if those were
// handed out since); the cycle they belonged to stays when they go.
class RemoveObservationsCommand : public QUndoCommand {
public:
    RemoveObservationsCommand(ProjectDocument* document, study::Id processId, study::Id studyId,
                              std::vector<study::Id> ids);
    void redo() override;
    void undo() override;

private:
    ProjectDocument* m_document;
    study::Id m_processId;
    study::Id m_studyId;
    std::vector<study::Id> m_ids;
    std::vector<study::Observation> m_rows;
};

} // namespace gemba::ui
