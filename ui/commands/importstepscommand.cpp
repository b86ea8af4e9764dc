// Undoable: a process made from an element list file (store::importStepsCsv), one undo step.
#include "commands/importstepscommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

ImportStepsCommand::ImportStepsCommand(ProjectDocument* document, study::Id processId, const QString& name,
                                       const QString& fileName)
    : m_document(document)
    , m_processId(processId)
    , m_name(name)
    , m_previous(document->currentProcessId())
{
    setText(QCoreApplication::translate("ImportStepsCommand", "Import element list %1 as process %2").arg(fileName, name));
}

void ImportStepsCommand::redo()
{
    if (m_firstRedo) {
        // The import itself wrote the process; the document reads it and the windows go there.
        m_firstRedo = false;
        m_document->reloadProcesses();
        m_document->reloadSteps(m_processId);
        m_document->showProcess(m_processId);
        return;
    }
    const study::Id id = m_document->restoreProcess(m_snapshot);   // shows it
    if (id == 0) {
        setObsolete(true);
        return;
    }
    m_processId = id;
    m_snapshot = {};
}

void ImportStepsCommand::undo()
{
    auto snapshot = m_document->project().processSnapshot(m_processId);
    if (!snapshot) {
        m_document->warn(QString::fromStdString(snapshot.error().message));
        setObsolete(true);
        return;
    }
    if (!snapshot->studies.empty()) {
        m_document->warn(QCoreApplication::translate("ImportStepsCommand",
                                                     "\"%1\" was not undone: the process '%2' now holds studies, "
                                                     "which undo would delete. Delete the process itself if that "
                                                     "is what you want (Edit > Delete Process).")
                             .arg(text(), m_name));
        setObsolete(true);
        return;
    }
    m_snapshot = std::move(snapshot).value();
    if (!m_document->removeProcess(m_processId)) {
        m_snapshot = {};
        setObsolete(true);
        return;
    }
    m_document->showProcess(m_previous);
}

} // namespace gemba::ui
