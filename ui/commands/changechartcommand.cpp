// Undoable: a change to a saved control chart.
#include "commands/changechartcommand.h"

#include "charts/chartsettingsstore.h"
#include "projectdocument.h"

namespace gemba::ui {

ChangeChartCommand::ChangeChartCommand(ProjectDocument* document, Kind kind, ChartSettings before,
                                       ChartSettings after, const QString& text)
    : m_document(document)
    , m_kind(kind)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
}

void ChangeChartCommand::redo() { ChartSettingsStore::of(m_document)->save(m_after); }

void ChangeChartCommand::undo() { ChartSettingsStore::of(m_document)->save(m_before); }

} // namespace gemba::ui
