// Undoable: change a study's details.
#include "commands/changestudycommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {
namespace {
bool sameFields(const study::Study& a, const study::Study& b)
{
    return a.id == b.id && a.processId == b.processId && a.date == b.date && a.observer == b.observer &&
           a.location == b.location && a.shift == b.shift && a.notes == b.notes && a.ratingMethod == b.ratingMethod &&
           a.allowanceBasis == b.allowanceBasis && a.allowancePercent == b.allowancePercent &&
           a.startedWallUs == b.startedWallUs && a.endedWallUs == b.endedWallUs && a.allowances == b.allowances &&
           a.typeAllowances == b.typeAllowances && a.selectedTime == b.selectedTime &&
           a.unitsPerCycle == b.unitsPerCycle && a.operatorName == b.operatorName && a.conditions == b.conditions;
}
} // namespace

ChangeStudyCommand::ChangeStudyCommand(ProjectDocument* document, study::Study before, study::Study after)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(QCoreApplication::translate("ChangeStudyCommand", "Edit study details"));
}

bool ChangeStudyCommand::apply(const study::Study& expected, const study::Study& wanted)
{
    auto now = m_document->project().findStudy(wanted.id);
    if (!now || !sameFields(*now, expected)) {
        m_document->warn(QCoreApplication::translate("ChangeStudyCommand",
                                                     "\"%1\" was not applied: the study has changed or is gone.")
                             .arg(text()));
        return false;
    }
    m_document->showStudy(wanted.processId, wanted.id);
    return m_document->updateStudy(wanted);
}

void ChangeStudyCommand::redo()
{
    if (!apply(m_before, m_after))
        setObsolete(true);
}

void ChangeStudyCommand::undo()
{
    if (!apply(m_after, m_before))
        setObsolete(true);
}

} // namespace gemba::ui
