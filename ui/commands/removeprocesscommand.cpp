// Undoable: delete a process with its steps, studies and observations.
#include "commands/removeprocesscommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

RemoveProcessCommand::RemoveProcessCommand(ProjectDocument* document, study::Id processId, const QString& name)
    : m_document(document)
    , m_processId(processId)
{
    setText(QCoreApplication::translate("RemoveProcessCommand", "Delete process %1").arg(name));
}

void RemoveProcessCommand::redo()
{
    auto snapshot = m_document->project().processSnapshot(m_processId);
    if (!snapshot) {
        m_document->warn(QString::fromStdString(snapshot.error().message));
        setObsolete(true);
        return;
    }
    m_snapshot = std::move(snapshot).value();
    if (!m_document->removeProcess(m_processId)) {
        m_snapshot = {};
        setObsolete(true);
    }
}

void RemoveProcessCommand::undo()
{
    const study::Id id = m_document->restoreProcess(m_snapshot);
    if (id == 0) {
        setObsolete(true);
        return;
    }
    m_processId = id;
    m_snapshot = {};
}

} // namespace gemba::ui
