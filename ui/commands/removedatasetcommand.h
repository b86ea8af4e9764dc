// Undoable: delete a data set with its columns and its charts. Redo reads all of it first
// (store::DataSetSnapshot); undo writes it back bit for bit with the same id.
#pragma once

#include "store/dataset.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

class RemoveDataSetCommand : public QUndoCommand {
public:
    RemoveDataSetCommand(ProjectDocument* document, study::Id dataSetId, const QString& name);
    int id() const override { return 7202; }   // explicit, never merges
    void redo() override;
    void undo() override;

private:
    ProjectDocument* m_document;
    study::Id m_dataSetId;
    store::DataSetSnapshot m_snapshot;   // held only while the data set is removed
};

} // namespace gemba::ui
