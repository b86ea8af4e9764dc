// Undoable: import a CSV file as a data set (ProjectDocument::importDataSet pushes it once the
// import has succeeded, so its first redo does nothing). Undo reads the whole data set (every
// column's BLOB, its charts) and removes it; redo writes that snapshot back bit for bit, with
// the same id (store::Project::restore).
#pragma once

#include "store/dataset.h"

#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

class ImportDataSetCommand : public QUndoCommand {
public:
    ImportDataSetCommand(ProjectDocument* document, study::Id dataSetId, const QString& name);
    int id() const override { return 7201; }   // explicit, never merges
    void redo() override;
    void undo() override;

private:
    ProjectDocument* m_document;
    study::Id m_dataSetId;
    store::DataSetSnapshot m_snapshot;   // held only while the data set is removed
    bool m_imported = true;              // the import itself was the first redo
};

} // namespace gemba::ui
