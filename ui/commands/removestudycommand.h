// Undoable: delete a study with its cycles and observations.
#pragma once

#include "store/snapshot.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

// Redo reads the whole study (every row and field) before deleting it; undo writes it back with
// the same ids, or new ones if SQLite has handed the old ones out since (store::Project::restore).
// The snapshot is held only while the study is deleted, so the memory is one study's rows.
class RemoveStudyCommand : public QUndoCommand {
public:
    RemoveStudyCommand(ProjectDocument* document, study::Id processId, study::Id studyId, const QString& label);
    void redo() override;
    void undo() override;

private:
    ProjectDocument* m_document;
    study::Id m_processId;
    study::Id m_studyId;
    store::StudySnapshot m_snapshot;
};

} // namespace gemba::ui
