// Undoable: rename a process.
#include "commands/renameprocesscommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

RenameProcessCommand::RenameProcessCommand(ProjectDocument* document, study::Process before, std::string newName)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(m_before)
{
    m_after.name = std::move(newName);
    setText(QCoreApplication::translate("RenameProcessCommand", "Rename process to %1")
                .arg(QString::fromStdString(m_after.name)));
}

void RenameProcessCommand::redo()
{
    if (!m_document->updateProcess(m_after))
        setObsolete(true);
}

void RenameProcessCommand::undo() { m_document->updateProcess(m_before); }

} // namespace gemba::ui
