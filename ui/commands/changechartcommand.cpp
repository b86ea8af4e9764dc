// Undoable: a change to a saved control chart.
#include "commands/changechartcommand.h"

#include "charts/chartstore.h"
#include "projectdocument.h"

namespace gemba::ui {

ChangeChartCommand::ChangeChartCommand(ProjectDocument* document, Kind kind, store::ChartSpec before,
                                       store::ChartSpec after, const QString& text)
    : m_document(document)
    , m_kind(kind)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_chartId(m_before.id)
{
    setText(text);
}

void ChangeChartCommand::redo()
{
    store::ChartSpec spec = m_after;
    spec.id = m_chartId;
    const study::Id id = ChartStore::of(m_document)->save(spec);
    if (!id)
        setObsolete(true);
    else
        m_chartId = id;
}

void ChangeChartCommand::undo()
{
    ChartStore* store = ChartStore::of(m_document);
    const study::Id studyId = m_before.source.studyIds.empty() ? 0 : m_before.source.studyIds.front();
    if (m_before.id == 0) {
        if (!store->remove(m_chartId, studyId))
            setObsolete(true);
        return;
    }
    if (!store->save(m_before))
        setObsolete(true);
}

} // namespace gemba::ui
