// Undoable: delete a study with its cycles and observations.
#include "commands/removestudycommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

RemoveStudyCommand::RemoveStudyCommand(ProjectDocument* document, study::Id processId, study::Id studyId,
                                       const QString& label)
    : m_document(document)
    , m_processId(processId)
    , m_studyId(studyId)
{
    setText(QCoreApplication::translate("RemoveStudyCommand", "Delete study %1").arg(label));
}

void RemoveStudyCommand::redo()
{
    m_document->showProcess(m_processId);
    auto snapshot = m_document->project().studySnapshot(m_studyId);
    if (!snapshot) {
        m_document->warn(QString::fromStdString(snapshot.error().message));
        setObsolete(true);
        return;
    }
    m_snapshot = std::move(snapshot).value();
    if (!m_document->removeStudy(m_studyId)) {
        m_snapshot = {};
        setObsolete(true);
    }
}

void RemoveStudyCommand::undo()
{
    const study::Id id = m_document->restoreStudy(m_snapshot);
    if (id == 0) {
        setObsolete(true);   // the snapshot could not be written; the message says why
        return;
    }
    m_studyId = id;
    m_snapshot = {};
}

} // namespace gemba::ui
