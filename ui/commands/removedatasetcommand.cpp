// Undoable: delete a data set with its columns and its charts.
#include "commands/removedatasetcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

RemoveDataSetCommand::RemoveDataSetCommand(ProjectDocument* document, study::Id dataSetId, const QString& name)
    : m_document(document)
    , m_dataSetId(dataSetId)
{
    setText(QCoreApplication::translate("RemoveDataSetCommand", "Delete data set %1").arg(name));
}

void RemoveDataSetCommand::redo()
{
    auto snapshot = m_document->project().dataSetSnapshot(m_dataSetId);
    if (!snapshot) {
        m_document->warn(QString::fromStdString(snapshot.error().message));
        setObsolete(true);
        return;
    }
    m_snapshot = std::move(snapshot).value();
    if (!m_document->removeDataSet(m_dataSetId)) {
        m_snapshot = {};
        setObsolete(true);
    }
}

void RemoveDataSetCommand::undo()
{
    const study::Id id = m_document->restoreDataSet(m_snapshot);
    if (id == 0) {
        setObsolete(true);   // the snapshot could not be written; the message says why
        return;
    }
    m_dataSetId = id;
    m_snapshot = {};
}

} // namespace gemba::ui
