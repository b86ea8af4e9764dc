// Undoable: add a step to the current process.
#include "commands/addstepcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

AddStepCommand::AddStepCommand(ProjectDocument* document, study::Step step)
    : m_document(document)
    , m_step(std::move(step))
{
    setText(QCoreApplication::translate("AddStepCommand", "Add step %1").arg(QString::fromStdString(m_step.name)));
}

void AddStepCommand::redo()
{
    const study::Id id = m_document->insertStep(m_step);
    if (id == 0) {
        setObsolete(true);
        return;
    }
    m_step.id = id;
}

void AddStepCommand::undo() { m_document->removeStep(m_step.id); }

} // namespace gemba::ui
