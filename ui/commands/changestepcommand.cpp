// Undoable: change a step's name, description, type or value class.
#include "commands/changestepcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

ChangeStepCommand::ChangeStepCommand(ProjectDocument* document, study::Step before, study::Step after, int field)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_field(field)
{
    setText(QCoreApplication::translate("ChangeStepCommand", "Edit step %1").arg(QString::fromStdString(m_after.name)));
}

void ChangeStepCommand::redo()
{
    if (!m_document->updateStep(m_after))
        setObsolete(true);
}

void ChangeStepCommand::undo() { m_document->updateStep(m_before); }

bool ChangeStepCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = static_cast<const ChangeStepCommand*>(other);
    if (o->m_after.id != m_after.id || o->m_field != m_field)
        return false;
    m_after = o->m_after;
    return true;
}

} // namespace gemba::ui
