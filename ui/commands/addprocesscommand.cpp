// Undoable: add a process (it starts with no steps).
#include "commands/addprocesscommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

AddProcessCommand::AddProcessCommand(ProjectDocument* document, study::Process process)
    : m_document(document)
    , m_process(std::move(process))
{
    setText(QCoreApplication::translate("AddProcessCommand", "Add process %1").arg(QString::fromStdString(m_process.name)));
}

void AddProcessCommand::redo()
{
    m_previous = m_document->currentProcessId();
    const study::Id id = m_document->insertProcess(m_process);
    if (id == 0) {
        setObsolete(true);
        return;
    }
    m_process.id = id;
    m_document->setCurrentProcess(id);
}

void AddProcessCommand::undo()
{
    // Undone in order, so the steps added to it since are already gone again.
    m_document->removeProcess(m_process.id);
    m_document->setCurrentProcess(m_previous);
}

} // namespace gemba::ui
