// Undoable: add a step to a process.
#include "commands/addstepcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

AddStepCommand::AddStepCommand(ProjectDocument* document, study::Step step)
    : m_document(document)
    , m_step(std::move(step))
{
    if (m_step.processId == 0)
        m_step.processId = m_document->currentProcessId();
    setText(QCoreApplication::translate("AddStepCommand", "Add step %1").arg(QString::fromStdString(m_step.name)));
}

void AddStepCommand::redo()
{
    m_document->showProcess(m_step.processId);
    const study::Id id = m_document->insertStep(m_step);
    if (id == 0) {
        setObsolete(true);
        return;
    }
    m_step.id = id;
}

void AddStepCommand::undo()
{
    m_document->showProcess(m_step.processId);
    auto used = m_document->project().observationIdsOfStep(m_step.id);
    if (!used || !used->empty()) {
        m_document->warn(QCoreApplication::translate("AddStepCommand",
                                                     "\"%1\" was not undone: observations (%2) now refer to the "
                                                     "step. Delete the step itself to move them elsewhere.")
                             .arg(text())
                             .arg(used ? static_cast<qint64>(used->size()) : 0));
        setObsolete(true);
        return;
    }
    if (!m_document->removeStep(m_step.id))
        setObsolete(true);
}

} // namespace gemba::ui
