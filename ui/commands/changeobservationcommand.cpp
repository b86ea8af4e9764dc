// Undoable: edit an observation (its time, rating, note, abnormal or excluded flag).
#include "commands/changeobservationcommand.h"

#include "projectdocument.h"

namespace gemba::ui {

ChangeObservationCommand::ChangeObservationCommand(ProjectDocument* document, study::Observation before,
                                                   study::Observation after, const QString& text)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
}

void ChangeObservationCommand::redo()
{
    if (!m_document->updateObservation(m_after))
        setObsolete(true);
}

void ChangeObservationCommand::undo() { m_document->updateObservation(m_before); }

} // namespace gemba::ui
