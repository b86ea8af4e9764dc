// Undoable: remove a step; its observations, if any, move to another step of the process first.
#pragma once

#include "store/project.h"
#include "study/model.h"

#include <QUndoCommand>

#include <vector>

namespace gemba::ui {

class ProjectDocument;

// One undo step for both parts: undo brings the step back with its id and position, puts it back
// in the element lists of the studies that had it, marks the steps that ran inside it as inside it
// again, and moves its observations back to it.
class RemoveStepCommand : public QUndoCommand {
public:
    // `moveTo`: the step that takes over its observations (0: it has none; the store refuses
    // to remove a step that observations refer to).
    RemoveStepCommand(ProjectDocument* document, study::Step step, study::Id moveTo = 0);
    void redo() override;
    void undo() override;

private:
    ProjectDocument* m_document;
    study::Step m_step;
    study::Id m_moveTo;
    std::vector<study::Id> m_moved;   // the observations moved by the last redo
    std::vector<store::Project::StudyStepPlace> m_places;   // its places in studies' element lists
    std::vector<study::Id> m_inside;   // the steps that ran inside it (internal work)
};

} // namespace gemba::ui
