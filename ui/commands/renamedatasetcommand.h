// Undoable: rename a data set (names are unique in a project; core refuses a taken one).
#pragma once

#include "study/model.h"

#include <QString>
#include <QUndoCommand>

namespace gemba::ui {

class ProjectDocument;

class RenameDataSetCommand : public QUndoCommand {
public:
    RenameDataSetCommand(ProjectDocument* document, study::Id dataSetId, QString before, QString after);
    int id() const override { return 7203; }   // explicit, never merges
    void redo() override;
    void undo() override;

private:
    bool apply(const QString& expected, const QString& wanted);

    ProjectDocument* m_document;
    study::Id m_dataSetId;
    QString m_before;
    QString m_after;
};

} // namespace gemba::ui
