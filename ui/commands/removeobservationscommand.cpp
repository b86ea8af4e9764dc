// Undoable: delete observations of a study.
#include "commands/removeobservationscommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

RemoveObservationsCommand::RemoveObservationsCommand(ProjectDocument* document, study::Id processId,
                                                     study::Id studyId, std::vector<study::Id> ids)
    : m_document(document)
    , m_processId(processId)
    , m_studyId(studyId)
    , m_ids(std::move(ids))
{
    setText(m_ids.size() == 1 ? QCoreApplication::translate("RemoveObservationsCommand", "Delete observation")
                              : QCoreApplication::translate("RemoveObservationsCommand", "Delete %1 observations")
                                    .arg(m_ids.size()));
}

void RemoveObservationsCommand::redo()
{
    m_document->showStudy(m_processId, m_studyId);
    auto rows = m_document->project().observationsOf(m_ids);
    if (!rows) {
        m_document->warn(QString::fromStdString(rows.error().message));
        setObsolete(true);
        return;
    }
    m_rows = std::move(rows).value();
    if (!m_document->removeObservations(m_ids)) {
        m_rows.clear();
        setObsolete(true);
    }
}

void RemoveObservationsCommand::undo()
{
    m_document->showStudy(m_processId, m_studyId);
    auto ids = m_document->restoreObservations(m_rows);
    if (ids.empty()) {
        setObsolete(true);
        return;
    }
    m_ids = std::move(ids);
    m_rows.clear();
}

} // namespace gemba::ui
