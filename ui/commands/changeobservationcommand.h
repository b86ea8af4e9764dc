// Undoable: edit an observation (its time, rating, note, abnormal or excluded flag).
#pragma once

#include "study/model.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

class ChangeObservationCommand : public QUndoCommand {
public:
    ChangeObservationCommand(ProjectDocument* document, study::Observation before, study::Observation after,
                             const QString& text);
    void redo() override;
    void undo() override;

private:
    ProjectDocument* m_document;
    study::Observation m_before;
    study::Observation m_after;
};

} // namespace gemba::ui
