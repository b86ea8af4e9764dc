// Undoable: delete a saved chart.
#include "commands/removechartcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

RemoveChartCommand::RemoveChartCommand(ProjectDocument* document, store::ChartSpec spec)
    : m_document(document)
    , m_spec(std::move(spec))
{
    setText(QCoreApplication::translate("RemoveChartCommand", "Delete chart %1").arg(QString::fromStdString(m_spec.title)));
}

void RemoveChartCommand::redo()
{
    if (!m_document->removeChart(m_spec.id))
        setObsolete(true);
}

void RemoveChartCommand::undo()
{
    const study::Id id = m_document->addChart(m_spec);
    if (id == 0)
        setObsolete(true);
    else
        m_spec.id = id;
}

} // namespace gemba::ui
