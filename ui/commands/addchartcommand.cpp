// Undoable: add a saved chart.
#include "commands/addchartcommand.h"

#include "projectdocument.h"

#include <QCoreApplication>

namespace gemba::ui {

AddChartCommand::AddChartCommand(ProjectDocument* document, store::ChartSpec spec)
    : m_document(document)
    , m_spec(std::move(spec))
{
    setText(QCoreApplication::translate("AddChartCommand", "Add chart %1").arg(QString::fromStdString(m_spec.title)));
}

void AddChartCommand::redo()
{
    const study::Id id = m_document->addChart(m_spec);
    if (id == 0) {
        setObsolete(true);
        return;
    }
    m_spec.id = id;
}

void AddChartCommand::undo()
{
    if (!m_document->removeChart(m_spec.id))
        setObsolete(true);
}

} // namespace gemba::ui
