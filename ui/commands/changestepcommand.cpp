// Undoable: change a step's fields (see changestepcommand.h).
#include "commands/changestepcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {
bool sameStepFields(const study::Step& a, const study::Step& b)
{
    return a.id == b.id && a.processId == b.processId && a.name == b.name && a.description == b.description &&
           a.type == b.type && a.valueClass == b.valueClass && a.wasteKind == b.wasteKind && a.kind == b.kind &&
           a.every == b.every && a.everyBasis == b.everyBasis && a.insideStepId == b.insideStepId &&
           a.allowances == b.allowances;
}

ChangeStepCommand::ChangeStepCommand(ProjectDocument* document, study::Step before, study::Step after, int field)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_field(field)
{
    setText(QCoreApplication::translate("ChangeStepCommand", "Edit step %1").arg(QString::fromStdString(m_after.name)));
}

bool ChangeStepCommand::apply(const study::Step& expected, const study::Step& wanted)
{
    m_document->showProcess(wanted.processId);
    // Only over the step as this command left it: a row that changed outside the undo stack
    // (or an id that now names another step) is not overwritten.
    bool found = false;
    if (auto steps = m_document->project().steps(wanted.processId))
        for (const auto& s : *steps)
            found = found || sameStepFields(s, expected);
    if (!found) {
        m_document->warn(QCoreApplication::translate("ChangeStepCommand",
                                                     "\"%1\" was not applied: the step has changed or is gone.")
                             .arg(text()));
        return false;
    }
    return m_document->updateStep(wanted);
}

void ChangeStepCommand::redo()
{
    if (!apply(m_before, m_after))
        setObsolete(true);
}

void ChangeStepCommand::undo()
{
    if (!apply(m_after, m_before))
        setObsolete(true);
}

bool ChangeStepCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = static_cast<const ChangeStepCommand*>(other);
    if (o->m_after.id != m_after.id || o->m_field != m_field)
        return false;
    m_after = o->m_after;
    return true;
}

} // namespace gemba::ui
