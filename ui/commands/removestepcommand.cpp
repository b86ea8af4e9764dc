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
    // The studies that list the step (study_steps): removing it takes it out of their lists.
    auto places = m_document->project().studyStepPlaces(m_step.id);
    m_places = places ? std::move(places).value() : decltype(m_places){};
    // The steps marked inside it (internal work) become external with its removal (file format 4).
    auto inside = m_document->project().stepsInside(m_step.id);
    m_inside = inside ? std::move(inside).value() : decltype(m_inside){};
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
    // Back in each study's element list, at its old place, before its observations return.
    if (!m_places.empty() && !m_document->project().restoreStudyStepPlaces(m_step.id, m_places)) {
        setObsolete(true);
        return;
    }
    if (!m_inside.empty()) {
        if (!m_document->project().restoreStepsInside(m_step.id, m_inside)) {
            setObsolete(true);
            return;
        }
        m_document->reloadSteps(m_step.processId);
    }
    if (!m_moved.empty())
        m_document->moveObservations(m_moved, m_step.id);
}

} // namespace gemba::ui
