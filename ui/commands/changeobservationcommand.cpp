// Undoable: edit an observation (its time, rating, note, abnormal or excluded flag).
#include "commands/changeobservationcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {
namespace {
bool sameFields(const study::Observation& a, const study::Observation& b)
{
    return a.id == b.id && a.studyId == b.studyId && a.cycleId == b.cycleId && a.stepId == b.stepId &&
           a.startUs == b.startUs && a.endUs == b.endUs && a.wallStartUs == b.wallStartUs &&
           a.durationUs == b.durationUs && a.ratingPercent == b.ratingPercent &&
           a.foreignElement == b.foreignElement && a.abnormal == b.abnormal && a.excluded == b.excluded &&
           a.excludedReason == b.excludedReason && a.spansSuspend == b.spansSuspend && a.note == b.note;
}
} // namespace

ChangeObservationCommand::ChangeObservationCommand(ProjectDocument* document, study::Observation before,
                                                   study::Observation after, const QString& text)
    : m_document(document)
    , m_processId(0)   // showStudy finds the study's process
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
}

bool ChangeObservationCommand::apply(const study::Observation& expected, const study::Observation& wanted)
{
    // Only over the row as this command left it: never over an observation that changed since
    // or a new one that took a freed id.
    auto now = m_document->project().observation(wanted.id);
    if (!now || !sameFields(*now, expected)) {
        m_document->warn(QCoreApplication::translate("ChangeObservationCommand",
                                                     "\"%1\" was not applied: the observation has changed or is gone.")
                             .arg(text()));
        return false;
    }
    m_document->showStudy(m_processId, wanted.studyId);
    return m_document->updateObservation(wanted);
}

void ChangeObservationCommand::redo()
{
    if (!apply(m_before, m_after))
        setObsolete(true);
}

void ChangeObservationCommand::undo()
{
    if (!apply(m_after, m_before))
        setObsolete(true);
}

} // namespace gemba::ui
