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
    const auto charts = chartsOfStudy(studyId);
    const auto alone = std::find_if(charts.begin(), charts.end(), [&](const store::ChartSpec& c) {
        return c.source.studyIds == std::vector<study::Id>{studyId};
    });
    if (alone != charts.end())
        return *alone;
    if (!charts.empty())
        return charts.front();
    return newStudyChart(studyId);
}

store::ChartSpec ChartStore::newStudyChart(study::Id studyId) const
{
    store::ChartSpec spec;
    spec.source.studyIds = {studyId};
    spec.source.kind = store::ChartSourceKind::StepDurations;
    if (auto study = m_document->project().findStudy(studyId)) {
        spec.processId = study->processId;
        if (auto steps = m_document->project().studySteps(studyId); steps && !steps->empty())
            spec.source.stepId = steps->front().id;
    }
    return spec;
}

std::vector<store::ChartSpec> ChartStore::chartsOfStudy(study::Id studyId) const
{
    std::vector<store::ChartSpec> out;
    auto study = m_document->project().findStudy(studyId);
    if (!study)
        return out;
    if (auto charts = m_document->project().charts(study->processId))
        for (auto& c : *charts) {
            const auto& ids = c.source.studyIds;
            if (c.source.kind != store::ChartSourceKind::DataSetColumn &&
                std::find(ids.begin(), ids.end(), studyId) != ids.end())
                out.push_back(std::move(c));
        }
    return out;
}

std::vector<store::ChartSpec> ChartStore::chartsOfDataSet(study::Id dataSetId) const
{
    auto charts = m_document->project().dataSetCharts(dataSetId);
    return charts ? std::move(*charts) : std::vector<store::ChartSpec>{};
}

store::ChartSpec ChartStore::dataSetChart(study::Id dataSetId, const std::string& column) const
{
    if (auto charts = m_document->project().dataSetCharts(dataSetId)) {
        const auto found = std::find_if(charts->begin(), charts->end(), [&](const store::ChartSpec& c) {
            return c.source.kind == store::ChartSourceKind::DataSetColumn && c.source.valueColumn == column;
        });
        if (found != charts->end())
            return *found;
    }
    store::ChartSpec spec;
    spec.source.kind = store::ChartSourceKind::DataSetColumn;
    spec.source.dataSetId = dataSetId;
    spec.source.valueColumn = column;
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
    emit chartChanged(studyId, id);
    return id;
}

bool ChartStore::remove(study::Id chartId, study::Id studyId)
{
    if (auto ok = m_document->project().removeChart(chartId); !ok) {
        m_document->warn(QString::fromStdString(ok.error().message));
        return false;
    }
    emit chartChanged(studyId, chartId);
    return true;
}

} // namespace gemba::ui
