// Undoable: move a step up or down in its process.
#include "commands/movestepcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

MoveStepCommand::MoveStepCommand(ProjectDocument* document, study::Id processId, std::vector<study::Id> before,
                                 std::vector<study::Id> after)
    : m_document(document)
    , m_processId(processId)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(QCoreApplication::translate("MoveStepCommand", "Move step"));
}

// The store refuses an order that does not list the process's steps exactly (steps came or
// went outside the undo stack); then the command is dropped.
void MoveStepCommand::redo()
{
    m_document->showProcess(m_processId);
    if (!m_document->reorderSteps(m_processId, m_after))
        setObsolete(true);
}

void MoveStepCommand::undo()
{
    m_document->showProcess(m_processId);
    if (!m_document->reorderSteps(m_processId, m_before))
        setObsolete(true);
}

} // namespace gemba::ui
