// Undoable: move a step up or down in its process.
#include "commands/movestepcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

MoveStepCommand::MoveStepCommand(ProjectDocument* document, std::vector<study::Id> before,
                                 std::vector<study::Id> after)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(QCoreApplication::translate("MoveStepCommand", "Move step"));
}

void MoveStepCommand::redo()
{
    if (!m_document->reorderSteps(m_after))
        setObsolete(true);
}

void MoveStepCommand::undo() { m_document->reorderSteps(m_before); }

} // namespace gemba::ui
