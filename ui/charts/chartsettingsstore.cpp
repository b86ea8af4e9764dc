// The saved control charts of the open project.
#include "charts/chartsettingsstore.h"

#include "projectdocument.h"

namespace gemba::ui {

ChartSettingsStore::ChartSettingsStore(ProjectDocument* document) : QObject(document), m_document(document)
{
    setObjectName(QStringLiteral("chartSettingsStore"));
}

ChartSettingsStore* ChartSettingsStore::of(ProjectDocument* document)
{
    if (auto* store = document->findChild<ChartSettingsStore*>(QString(), Qt::FindDirectChildrenOnly))
        return store;
    return new ChartSettingsStore(document);
}

ChartSettings ChartSettingsStore::chart(study::Id studyId) const
{
    if (const auto found = m_charts.find(studyId); found != m_charts.end())
        return found->second;
    ChartSettings settings;
    settings.studyId = studyId;
    if (!m_document->steps().empty())
        settings.stepId = m_document->steps().front().id;
    return settings;
}

void ChartSettingsStore::save(const ChartSettings& settings)
{
    m_charts[settings.studyId] = settings;
    emit chartChanged(settings.studyId);
}

} // namespace gemba::ui
