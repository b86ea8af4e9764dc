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
    bool apply(const study::Observation& expected, const study::Observation& wanted);

    ProjectDocument* m_document;
    study::Id m_processId;   // the observation's process (current when the command is made)
    study::Observation m_before;
    study::Observation m_after;
};

} // namespace gemba::ui
