// Undoable: change a step's name, description, type, kind and frequency, internal work, own
// allowance categories or value class.
#pragma once

#include "study/model.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

// Every field of a step the steps editor shows or edits (and its id and process), compared at
// once: the model's sync and the command's check that the step is as it left it.
bool sameStepFields(const study::Step& a, const study::Step& b);

class ChangeStepCommand : public QUndoCommand {
public:
    // `field` identifies what changed (a column of the steps table) so that consecutive edits
    // of the same field of the same step merge into one undo step.
    ChangeStepCommand(ProjectDocument* document, study::Step before, study::Step after, int field);
    void redo() override;
    void undo() override;
    int id() const override { return 1001; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    bool apply(const study::Step& expected, const study::Step& wanted);

    ProjectDocument* m_document;
    study::Step m_before;
    study::Step m_after;
    int m_field;
};

} // namespace gemba::ui
