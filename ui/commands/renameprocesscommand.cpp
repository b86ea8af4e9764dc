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

bool RenameProcessCommand::apply(const study::Process& expected, const study::Process& wanted)
{
    for (const auto& p : m_document->processes()) {
        if (p.id == wanted.id && p.name == expected.name && p.description == expected.description) {
            m_document->showProcess(wanted.id);
            return m_document->updateProcess(wanted);
        }
    }
    m_document->warn(QCoreApplication::translate("RenameProcessCommand",
                                                 "\"%1\" was not applied: the process has changed or is gone.")
                         .arg(text()));
    return false;
}

void RenameProcessCommand::redo()
{
    if (!apply(m_before, m_after))
        setObsolete(true);
}

void RenameProcessCommand::undo()
{
    if (!apply(m_after, m_before))
        setObsolete(true);
}

} // namespace gemba::ui
