// Undoable: add a process, optionally with its first step (one undo step for both).
#include "commands/addprocesscommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

AddProcessCommand::AddProcessCommand(ProjectDocument* document, study::Process process,
                                     std::optional<study::Step> firstStep)
    : m_document(document)
    , m_process(std::move(process))
    , m_firstStep(std::move(firstStep))
{
    setText(QCoreApplication::translate("AddProcessCommand", "Add process %1").arg(QString::fromStdString(m_process.name)));
}

void AddProcessCommand::redo()
{
    m_previous = m_document->currentProcessId();
    const study::Id id = m_document->insertProcess(m_process);
    if (id == 0) {
        setObsolete(true);
        return;
    }
    m_process.id = id;
    m_document->showProcess(id);   // the windows go to the new process
    if (m_firstStep) {
        m_firstStep->processId = id;
        const study::Id stepId = m_document->insertStep(*m_firstStep);
        if (stepId != 0)
            m_firstStep->id = stepId;
    }
}

void AddProcessCommand::undo()
{
    auto studies = m_document->project().studies(m_process.id);
    if (!studies || !studies->empty()) {
        const auto n = studies ? studies->size() : 0;
        const QString held = n == 1 ? QCoreApplication::translate("AddProcessCommand", "1 study")
                                    : QCoreApplication::translate("AddProcessCommand", "%1 studies").arg(n);
        m_document->warn(QCoreApplication::translate("AddProcessCommand",
                                                     "\"%1\" was not undone: the process '%2' now holds %3, "
                                                     "which undo would delete. Delete the process itself if that "
                                                     "is what you want (Edit > Delete Process).")
                             .arg(text(), QString::fromStdString(m_process.name), held));
        setObsolete(true);
        return;
    }
    // The steps added to it since are undone before this (the stack runs in order); its own
    // first step goes with it.
    if (m_document->removeProcess(m_process.id))
        m_document->showProcess(m_previous);
    else
        setObsolete(true);
}

} // namespace gemba::ui
