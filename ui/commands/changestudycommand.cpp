// Undoable: change a study's details.
#include "commands/changestudycommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

ChangeStudyCommand::ChangeStudyCommand(ProjectDocument* document, study::Study before, study::Study after)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(QCoreApplication::translate("ChangeStudyCommand", "Edit study details"));
}

void ChangeStudyCommand::redo()
{
    if (!m_document->updateStudy(m_after))
        setObsolete(true);
}

void ChangeStudyCommand::undo() { m_document->updateStudy(m_before); }

} // namespace gemba::ui
