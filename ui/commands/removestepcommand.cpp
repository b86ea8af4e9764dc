// Undoable: remove a step that has no observations.
#include "commands/removestepcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

RemoveStepCommand::RemoveStepCommand(ProjectDocument* document, study::Step step)
    : m_document(document)
    , m_step(std::move(step))
{
    setText(QCoreApplication::translate("RemoveStepCommand", "Remove step %1").arg(QString::fromStdString(m_step.name)));
}

void RemoveStepCommand::redo()
{
    // The store refuses to remove a step with observations; then there is nothing to undo.
    if (!m_document->removeStep(m_step.id))
        setObsolete(true);
}

void RemoveStepCommand::undo()
{
    // Re-inserted with its old id and position, so later commands that refer to it still apply.
    m_document->insertStep(m_step);
}

} // namespace gemba::ui
