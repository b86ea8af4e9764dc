// A saved control chart of the project evaluated by core for the report.
#include "report/savedchart.h"

#include "analysis/chartseries.h"
#include "analysis/chartsource.h"
#include "analysis/stagedchart.h"
#include "store/project.h"

#include <QCoreApplication>

#include <algorithm>

namespace gemba::ui {
namespace {
QString tr(const char* text) { return QCoreApplication::translate("SavedChart", text); }
QString qs(const std::string& s) { return QString::fromStdString(s); }
} // namespace

long SavedChart::pointOf(store::PointKey key) const
{
    const auto it = std::find(pointKeys.begin(), pointKeys.end(), key);
    return it == pointKeys.end() ? -1 : static_cast<long>(it - pointKeys.begin());
}

SavedChart evaluateSavedChart(store::Project& project, const store::ChartSpec& spec)
{
    SavedChart out;
    const auto& source = spec.source;
    Expected<analysis::FlaggedSeries> read = makeError(ErrorCode::InvalidArgument, "no source");
    switch (source.kind) {
    case store::ChartSourceKind::DataSetColumn:
        // Core reads the column (rows keyed by number, "row N"), sizes and subgroups of it.
        read = analysis::seriesOf(project, spec);
        break;
    case store::ChartSourceKind::CycleTotal:
        read = analysis::cycleTotalSeries(project, source.studyIds);
        break;
    case store::ChartSourceKind::StepDurations:
        if (source.subgroupBy == store::SubgroupBy::None) {
            read = analysis::stepSeries(project, source.studyIds, source.stepId);
        } else {
            analysis::Subgrouping grouping;
            switch (source.subgroupBy) {
            case store::SubgroupBy::Study: grouping.kind = analysis::Subgrouping::Kind::Study; break;
            case store::SubgroupBy::Day: grouping.kind = analysis::Subgrouping::Kind::Day; break;
            case store::SubgroupBy::Shift: grouping.kind = analysis::Subgrouping::Kind::Shift; break;
            default: grouping.kind = analysis::Subgrouping::Kind::CycleRange; break;
            }
            grouping.cyclesPerSubgroup = source.subgroupSize;
            grouping.shiftStartsMinutes = source.shiftStartMinutes;
            read = analysis::subgroupSeries(project, source.studyIds, source.stepId, grouping);
        }
        break;
    }
    if (!read) {
        out.error = qs(read.error().message);
        return out;
    }
    analysis::ChartSeries series = std::move(read->series);
    stats::PointFlags flags = std::move(read->flags);
    const std::size_t n = series.pointCount();
    out.pointKeys.assign(series.pointKeys.begin(), series.pointKeys.end());
    for (const auto& label : series.pointLabels)
        out.pointLabels << qs(label);
    out.unit = qs(series.unit);
    out.omittedPoints = series.omittedPoints;

    // The analyst's exclusions, by key, on top of the study's own.
    flags.excluded.resize(n, 0);
    for (std::size_t i = 0; i < n && i < series.pointKeys.size(); ++i)
        if (spec.exclusions.count(series.pointKeys[i]))
            flags.excluded[i] = 1;
    // Stages: a new one at each study (the series' own) and at each point the analyst chose.
    if (!spec.stageStarts.empty()) {
        std::vector<int> stage(n, 0);
        QStringList names;
        int current = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const bool studyChange = i > 0 && !series.stage.empty() && series.stage[i] != series.stage[i - 1];
            const bool chosen = i < series.pointKeys.size() && spec.stageStarts.count(series.pointKeys[i]) > 0;
            if (i > 0 && (studyChange || chosen))
                ++current;
            stage[i] = current;
        }
        series.stage = stage;
        series.stageNames.clear();
        for (int k = 0; k <= current; ++k)
            series.stageNames.push_back(tr("stage %1").arg(k + 1).toStdString());
    }
    for (const auto& range : analysis::stageRanges(series)) {
        if (range.first > 0)
            out.stageStarts.push_back(range.first);
        out.stageNames << qs(range.name);
    }

    stats::ChartOptions options;
    auto rules = stats::RuleSet::parse(spec.rules);
    if (!rules) {
        out.error = qs(rules.error().message);
        return out;
    }
    options.rules = *rules;
    if (!spec.sigmaMethod.empty())
        options.sigmaMethod = stats::parseSigmaMethod(spec.sigmaMethod);
    options.nsigmas = spec.nsigmas;

    Expected<stats::ChartAnalysis> chart = makeError(ErrorCode::InvalidArgument, "no chart");
    if (spec.lockedLimits) {
        // Phase I ends at the point the view recorded; a spec without it (written by the CLI)
        // ends phase I after the first `pointCount` points.
        analysis::LockedLimits locked;
        locked.center = spec.lockedLimits->center;
        locked.sigma = spec.lockedLimits->sigma;
        locked.pointsUsed = static_cast<std::size_t>(std::max<std::int64_t>(spec.lockedLimits->pointCount, 0));
        if (spec.lockedLimits->lastPhaseOnePoint) {
            locked.lastPhaseOneKey = *spec.lockedLimits->lastPhaseOnePoint;
        } else if (!series.pointKeys.empty()) {
            const auto last = std::clamp<std::int64_t>(spec.lockedLimits->pointCount, 1,
                                                       static_cast<std::int64_t>(series.pointKeys.size()));
            locked.lastPhaseOneKey = series.pointKeys[static_cast<std::size_t>(last - 1)];
        }
        chart = analysis::lockedChart(spec.type, series, flags, options, locked);
    } else {
        chart = analysis::stagedChart(spec.type, series, flags, options);
    }
    if (!chart) {
        out.error = qs(chart.error().message);
        return out;
    }
    out.analysis = std::move(chart).value();
    return out;
}

} // namespace gemba::ui
