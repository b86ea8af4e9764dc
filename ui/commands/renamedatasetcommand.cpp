// Undoable: rename a data set.
#include "commands/renamedatasetcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

RenameDataSetCommand::RenameDataSetCommand(ProjectDocument* document, study::Id dataSetId, QString before,
                                           QString after)
    : m_document(document)
    , m_dataSetId(dataSetId)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(QCoreApplication::translate("RenameDataSetCommand", "Rename data set to %1").arg(m_after));
}

bool RenameDataSetCommand::apply(const QString& expected, const QString& wanted)
{
    // Only over the name it was made for: anything else means the data set changed meanwhile.
    auto info = m_document->project().dataSet(m_dataSetId);
    if (!info || QString::fromStdString(info->name) != expected) {
        m_document->warn(QCoreApplication::translate("RenameDataSetCommand",
                                                     "\"%1\" was not applied: the data set has changed or is gone.")
                             .arg(text()));
        return false;
    }
    return m_document->renameDataSet(m_dataSetId, wanted);
}

void RenameDataSetCommand::redo()
{
    if (!apply(m_before, m_after))
        setObsolete(true);
}

void RenameDataSetCommand::undo()
{
    if (!apply(m_after, m_before))
        setObsolete(true);
}

} // namespace gemba::ui
