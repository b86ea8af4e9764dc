// Undoable: import a CSV file as a data set.
#include "commands/importdatasetcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

ImportDataSetCommand::ImportDataSetCommand(ProjectDocument* document, study::Id dataSetId, const QString& name)
    : m_document(document)
    , m_dataSetId(dataSetId)
{
    setText(QCoreApplication::translate("ImportDataSetCommand", "Import data set %1").arg(name));
}

void ImportDataSetCommand::redo()
{
    if (m_imported)
        return;
    const study::Id id = m_document->restoreDataSet(m_snapshot);
    if (id == 0) {
        setObsolete(true);   // the snapshot could not be written; the message says why
        return;
    }
    m_dataSetId = id;
    m_snapshot = {};
    m_imported = true;
}

void ImportDataSetCommand::undo()
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
        return;
    }
    m_imported = false;
}

} // namespace gemba::ui
