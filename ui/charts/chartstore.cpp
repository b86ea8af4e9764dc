// The window's way to the project's saved control charts.
#include "charts/chartstore.h"

#include "projectdocument.h"

#include <algorithm>

namespace gemba::ui {

ChartStore::ChartStore(ProjectDocument* document) : QObject(document), m_document(document)
{
    setObjectName(QStringLiteral("chartStore"));
}

ChartStore* ChartStore::of(ProjectDocument* document)
{
    if (auto* store = document->findChild<ChartStore*>(QString(), Qt::FindDirectChildrenOnly))
        return store;
    return new ChartStore(document);
}

store::ChartSpec ChartStore::studyChart(study::Id studyId) const
{
    store::ChartSpec spec;
    spec.source.studyIds = {studyId};
    spec.source.kind = store::ChartSourceKind::StepDurations;
    auto study = m_document->project().findStudy(studyId);
    if (study) {
        const study::Id processId = study->processId;
        spec.processId = processId;
        if (auto charts = m_document->project().charts(processId)) {
            const auto found = std::find_if(charts->begin(), charts->end(), [&](const store::ChartSpec& c) {
                return c.source.kind != store::ChartSourceKind::DataSetColumn &&
                       c.source.studyIds == std::vector<study::Id>{studyId};
            });
            if (found != charts->end())
                return *found;
        }
        if (auto steps = m_document->project().studySteps(studyId); steps && !steps->empty())
            spec.source.stepId = steps->front().id;
    }
    return spec;
}

study::Id ChartStore::save(const store::ChartSpec& spec)
{
    const study::Id studyId = spec.source.studyIds.empty() ? 0 : spec.source.studyIds.front();
    study::Id id = spec.id;
    bool exists = false;
    if (id != 0)
        exists = m_document->project().chart(id).hasValue();
    if (exists) {
        if (auto ok = m_document->project().updateChart(spec); !ok) {
            m_document->warn(QString::fromStdString(ok.error().message));
            return 0;
        }
    } else {
        auto added = m_document->project().addChart(spec);
        if (!added) {
            m_document->warn(QString::fromStdString(added.error().message));
            return 0;
        }
        id = *added;
    }
    emit chartChanged(studyId);
    return id;
}

bool ChartStore::remove(study::Id chartId, study::Id studyId)
{
    if (auto ok = m_document->project().removeChart(chartId); !ok) {
        m_document->warn(QString::fromStdString(ok.error().message));
        return false;
    }
    emit chartChanged(studyId);
    return true;
}

} // namespace gemba::ui
