// Undoable: remove a step; its observations, if any, move to another step of the process first.
#include "commands/removestepcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

RemoveStepCommand::RemoveStepCommand(ProjectDocument* document, study::Step step, study::Id moveTo)
    : m_document(document)
    , m_step(std::move(step))
    , m_moveTo(moveTo)
{
    setText(QCoreApplication::translate("RemoveStepCommand", "Remove step %1").arg(QString::fromStdString(m_step.name)));
}

void RemoveStepCommand::redo()
{
    m_document->showProcess(m_step.processId);
    m_moved.clear();
    if (m_moveTo != 0) {
        auto ids = m_document->project().observationIdsOfStep(m_step.id);
        if (!ids || (!ids->empty() && !m_document->moveObservations(*ids, m_moveTo))) {
            setObsolete(true);
            return;
        }
        m_moved = std::move(ids).value();
    }
    if (!m_document->removeStep(m_step.id)) {
        if (!m_moved.empty())
            m_document->moveObservations(m_moved, m_step.id);
        setObsolete(true);
    }
}

void RemoveStepCommand::undo()
{
    m_document->showProcess(m_step.processId);
    // Re-inserted with its old id and position, so later commands that refer to it still apply.
    if (m_document->insertStep(m_step) == 0) {
        setObsolete(true);
        return;
    }
    if (!m_moved.empty())
        m_document->moveObservations(m_moved, m_step.id);
}

} // namespace gemba::ui
