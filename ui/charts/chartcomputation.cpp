// From a saved chart to the control chart the view shows.
#include "charts/chartcomputation.h"

#include "analysis/chartsource.h"
#include "store/project.h"

#include <QCoreApplication>

#include <algorithm>

namespace gemba::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("ChartComputation", text); }

QString message(const Error& error) { return QString::fromStdString(error.message); }

// The series with the user's stage starts added to its own stages (one per study), and the
// user's exclusions added to its own (observations excluded from the study).
analysis::FlaggedSeries withDecisions(const analysis::FlaggedSeries& raw, const store::ChartSpec& spec)
{
    analysis::FlaggedSeries out = raw;
    const auto& keys = raw.series.pointKeys;
    const std::size_t n = keys.size();
    if (!spec.stageStarts.empty() || !raw.series.stage.empty()) {
        out.series.stage.assign(n, 0);
        out.series.stageNames.clear();   // stage numbers change: the names would not match
        int stage = 0;
        for (std::size_t i = 1; i < n; ++i) {
            const bool studyChanges = !raw.series.stage.empty() && raw.series.stage[i] != raw.series.stage[i - 1];
            if (studyChanges || spec.stageStarts.count(keys[i]))
                ++stage;
            out.series.stage[i] = stage;
        }
    }
    if (!spec.exclusions.empty()) {
        out.flags.excluded.resize(n, 0);
        for (std::size_t i = 0; i < n; ++i)
            if (spec.exclusions.count(keys[i]))
                out.flags.excluded[i] = 1;
    }
    out.flags.phase.clear();
    return out;
}

// The first `count` points of a series.
analysis::FlaggedSeries truncated(const analysis::FlaggedSeries& in, std::size_t count)
{
    analysis::FlaggedSeries out = in;
    auto cut = [count](auto& v) {
        if (v.size() > count)
            v.resize(count);
    };
    auto& s = out.series;
    if (!s.offsets.empty()) {
        s.offsets.resize(count + 1);
        s.values.resize(s.offsets.back());
    } else {
        cut(s.values);
        cut(s.sizes);
    }
    cut(s.pointKeys);
    cut(s.pointLabels);
    cut(s.stage);
    cut(out.flags.excluded);
    cut(out.flags.phase);
    return out;
}

} // namespace

long ChartResult::valueIndex(const stats::ControlChart& chart, std::size_t point)
{
    if (point < chart.firstObservation)
        return -1;
    const std::size_t i = point - chart.firstObservation;
    return i < chart.size() ? static_cast<long>(i) : -1;
}

std::string chartComputationKey(const store::ChartSpec& spec)
{
    store::ChartSpec copy = spec;
    copy.id = 0;
    copy.title.clear();
    copy.notes.clear();
    copy.specLimits = {};
    return store::toJson(copy);
}

ChartResult computeChart(store::Project& project, const store::ChartSpec& spec)
{
    // Core reads the source (a step, the cycle total, subgroups, a data set column) with the
    // spec's exclusions and stage starts applied (analysis::seriesOf); applying them again in
    // chartFromSeries changes nothing.
    auto series = analysis::seriesOf(project, spec);
    if (!series) {
        ChartResult result;
        result.key = chartComputationKey(spec);
        result.studyId = spec.source.studyIds.empty() ? 0 : spec.source.studyIds.front();
        result.error = message(series.error());
        return result;
    }
    return chartFromSeries(std::make_shared<const analysis::FlaggedSeries>(std::move(series).value()), spec);
}

ChartResult chartFromSeries(std::shared_ptr<const analysis::FlaggedSeries> raw, const store::ChartSpec& spec)
{
    ChartResult result;
    result.key = chartComputationKey(spec);
    result.studyId = spec.source.studyIds.empty() ? 0 : spec.source.studyIds.front();
    result.series = raw;
    result.pointKeys = raw->series.pointKeys;
    result.pointLabels = raw->series.pointLabels;
    result.omittedPoints = raw->series.omittedPoints;
    if (result.pointKeys.empty()) {
        result.error = tr("No observations to chart yet.");
        return result;
    }
    auto options = analysis::optionsOf(spec);
    if (!options) {
        result.error = message(options.error());
        return result;
    }
    const analysis::FlaggedSeries staged = withDecisions(*raw, spec);
    const auto ranges = analysis::stageRanges(staged.series);
    Expected<stats::ChartAnalysis> chart = makeError(ErrorCode::EmptyData, "no chart");
    if (spec.lockedLimits) {
        analysis::LockedLimits locked;
        locked.center = spec.lockedLimits->center;
        locked.sigma = spec.lockedLimits->sigma;
        locked.pointsUsed = static_cast<std::size_t>(std::max<std::int64_t>(0, spec.lockedLimits->pointCount));
        if (spec.lockedLimits->lastPhaseOnePoint) {
            locked.lastPhaseOneKey = *spec.lockedLimits->lastPhaseOnePoint;
        } else {
            // Saved without its key (the command line): phase I is the first pointCount points.
            const auto last = std::clamp<std::int64_t>(spec.lockedLimits->pointCount, 1,
                                                       static_cast<std::int64_t>(result.pointCount()));
            locked.lastPhaseOneKey = result.pointKeys[static_cast<std::size_t>(last - 1)];
        }
        chart = analysis::lockedChart(spec.type, staged.series, staged.flags, *options, locked);
        const auto at = std::find(result.pointKeys.begin(), result.pointKeys.end(), locked.lastPhaseOneKey);
        if (at != result.pointKeys.end()) {
            const auto last = static_cast<std::size_t>(at - result.pointKeys.begin());
            result.lockedAfter = last;
            // Stages after the lock's stage are phase II of the locked limits (lockedChart): not boundaries.
            std::size_t lockStage = 0;
            for (const auto& range : ranges)
                if (range.first <= last)
                    lockStage = range.first;
            for (const auto& range : ranges)
                if (range.first > 0 && range.first <= lockStage)
                    result.stageStarts.push_back(range.first);
        }
    } else {
        chart = analysis::stagedChart(spec.type, staged.series, staged.flags, *options);
        for (const auto& range : ranges)
            if (range.first > 0)
                result.stageStarts.push_back(range.first);
    }
    if (!chart) {
        result.error = message(chart.error());
        return result;
    }
    result.analysis = std::move(chart).value();
    return result;
}

Expected<store::LockedLimits> lockAt(const ChartResult& result, const store::ChartSpec& spec, std::size_t point)
{
    if (!result.series || point >= result.pointCount())
        return makeError(ErrorCode::InvalidArgument, "there is no such point");
    auto options = analysis::optionsOf(spec);
    if (!options)
        return options.error();
    store::ChartSpec unlocked = spec;
    unlocked.lockedLimits.reset();
    // Phase I ends at `point`: the chart of the points up to it, by stage, and its last stage's
    // center and σ as core estimated them.
    const analysis::FlaggedSeries phaseOne = truncated(withDecisions(*result.series, unlocked), point + 1);
    auto chart = analysis::stagedChart(spec.type, phaseOne.series, phaseOne.flags, *options);
    if (!chart)
        return chart.error();
    auto limits = analysis::lockLimits(*chart, phaseOne.series);
    if (!limits)
        return limits.error();
    store::LockedLimits locked;
    locked.center = limits->center;
    locked.sigma = limits->sigma;
    locked.pointCount = static_cast<std::int64_t>(limits->pointsUsed);
    locked.lastPhaseOnePoint = limits->lastPhaseOneKey;
    return locked;
}

} // namespace gemba::ui
