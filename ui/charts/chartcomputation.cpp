// From a study's observations to the control chart the view shows.
#include "charts/chartcomputation.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace gemba::ui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString tr(const char* text) { return QCoreApplication::translate("ChartComputation", text); }

std::map<study::Id, int> cycleNumbers(const std::vector<study::Cycle>& cycles)
{
    std::map<study::Id, int> numbers;
    for (const auto& c : cycles)
        numbers[c.id] = c.number;
    return numbers;
}

std::string cycleLabel(const std::map<study::Id, int>& numbers, study::Id cycleId)
{
    const auto found = numbers.find(cycleId);
    return found == numbers.end() ? std::string("?") : std::to_string(found->second);
}

// The points of the chart: the values themselves (I-MR) or groups of consecutive values.
struct Points {
    std::vector<PointKey> keys;
    std::vector<std::string> labels;
    std::vector<std::size_t> offsets;   // subgroup g is values[offsets[g], offsets[g+1]); empty for I-MR
};

bool isSubgroupChart(stats::ChartType type)
{
    return type == stats::ChartType::XbarR || type == stats::ChartType::XbarS;
}

Points makePoints(const ChartSeries& series, const ChartSettings& settings)
{
    Points points;
    if (!isSubgroupChart(settings.type)) {
        points.keys = series.keys;
        points.labels = series.labels;
        return points;
    }
    const auto n = static_cast<std::size_t>(std::max(settings.subgroupSize, 2));
    for (std::size_t start = 0; start + n <= series.values.size(); start += n) {
        points.offsets.push_back(start);
        points.keys.push_back(series.keys[start]);
        points.labels.push_back(series.labels[start] + "–" + series.labels[start + n - 1]);
    }
    points.offsets.push_back(points.keys.size() * n);
    return points;
}

// Appends one stage's chart to the joined chart, with its lines written out per point.
void appendStage(stats::ControlChart& into, const stats::ControlChart& part, bool firstStage)
{
    if (firstStage) {
        into.name = part.name;
        into.sigmaMethod = part.sigmaMethod;
        into.nsigmas = part.nsigmas;
        into.firstObservation = part.firstObservation;
        into.rules = part.rules;
        into.center = part.center;
        into.sizes.clear();
    } else {
        into.center = kNaN;   // each stage has its own center
    }
    into.sigma = part.sigma;   // the last stage's: what later points are judged by
    if (!firstStage && part.firstObservation > 0) {
        // No moving range spans a stage boundary: a gap where the stage's first point is.
        into.values.push_back(kNaN);
        into.sizes.push_back(part.sizeAt(0));
        for (stats::Line* line : {&into.centerLine, &into.lcl, &into.ucl, &into.sd})
            line->values.push_back(kNaN);
        into.tests.push_back(0);
    }
    for (std::size_t i = 0; i < part.size(); ++i) {
        into.values.push_back(part.values[i]);
        into.sizes.push_back(part.sizeAt(i));
        into.centerLine.values.push_back(part.centerLine.at(i));
        into.lcl.values.push_back(part.lcl.at(i));
        into.ucl.values.push_back(part.ucl.at(i));
        into.sd.values.push_back(part.sd.at(i));
        into.tests.push_back(part.tests[i]);
    }
}

} // namespace

long ChartResult::valueIndex(const stats::ControlChart& chart, std::size_t point)
{
    if (point < chart.firstObservation)
        return -1;
    const std::size_t i = point - chart.firstObservation;
    return i < chart.size() ? static_cast<long>(i) : -1;
}

ChartSeries stepSeries(const std::vector<study::Observation>& observations, const std::vector<study::Cycle>& cycles,
                       study::Id stepId)
{
    const auto numbers = cycleNumbers(cycles);
    ChartSeries series;
    for (const auto& o : observations) {
        if (o.stepId != stepId || o.foreignElement || o.excluded)
            continue;
        series.values.push_back(o.seconds());
        series.keys.push_back(o.id);
        series.labels.push_back(cycleLabel(numbers, o.cycleId));
    }
    return series;
}

ChartSeries cycleTotalSeries(const std::vector<study::Observation>& observations,
                             const std::vector<study::Cycle>& cycles, const std::vector<study::Step>& steps)
{
    struct Total {
        std::int64_t us = 0;
        std::set<study::Id> steps;
        bool leftOut = false;
    };
    std::map<study::Id, Total> totals;
    for (const auto& o : observations) {
        if (o.foreignElement)
            continue;
        Total& t = totals[o.cycleId];
        if (o.excluded)
            t.leftOut = true;   // the total would be short by an element
        t.us += o.durationUs;
        t.steps.insert(o.stepId);
    }
    ChartSeries series;
    std::vector<study::Cycle> ordered = cycles;
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.number < b.number; });
    for (const auto& c : ordered) {
        const auto found = totals.find(c.id);
        if (found == totals.end() || found->second.leftOut)
            continue;
        const bool complete = std::all_of(steps.begin(), steps.end(),
                                          [&](const study::Step& s) { return found->second.steps.count(s.id) > 0; });
        if (!complete)
            continue;
        series.values.push_back(static_cast<double>(found->second.us) / 1e6);
        series.keys.push_back(c.id);
        series.labels.push_back(std::to_string(c.number));
    }
    return series;
}

ChartResult computeChart(const ChartSeries& series, const ChartSettings& settings)
{
    ChartResult result;
    result.studyId = settings.studyId;
    result.key = settings.computationKey();
    result.observationCount = series.values.size();
    if (series.values.empty()) {
        result.error = tr("No observations to chart yet.");
        return result;
    }
    auto rules = stats::RuleSet::parse(settings.rules);
    if (!rules) {
        result.error = QString::fromStdString(rules.error().message);
        return result;
    }
    const Points points = makePoints(series, settings);
    const std::size_t n = points.keys.size();
    if (n == 0) {
        result.error = tr("Too few observations for one subgroup of %1.").arg(settings.subgroupSize);
        return result;
    }
    result.pointKeys = points.keys;
    result.pointLabels = points.labels;

    // Stage boundaries, as point indices (a key that is gone no longer starts a stage).
    std::vector<std::size_t> bounds{0};
    std::optional<std::size_t> lockIndex;
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && settings.startsStage(points.keys[i]))
            bounds.push_back(i);
        if (settings.locked && points.keys[i] == settings.locked->lastPhaseOnePoint)
            lockIndex = i;
    }
    bounds.push_back(n);

    stats::PointFlags allFlags;
    allFlags.phase.assign(n, 1);
    allFlags.excluded.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        allFlags.excluded[i] = settings.isExcluded(points.keys[i]) ? 1 : 0;

    stats::ChartAnalysis joined;
    joined.type = settings.type;
    joined.rules = *rules;
    joined.pointCount = n;
    std::optional<std::size_t> lockStage;
    for (std::size_t s = 0; s + 1 < bounds.size(); ++s) {
        const std::size_t a = bounds[s], b = bounds[s + 1];
        stats::ChartOptions options;
        options.rules = *rules;
        options.nsigmas = settings.k;
        options.sigmaMethod = settings.sigmaMethod;
        stats::PointFlags flags;
        flags.excluded.assign(allFlags.excluded.begin() + static_cast<long>(a),
                              allFlags.excluded.begin() + static_cast<long>(b));
        flags.phase.assign(b - a, 1);
        if (lockIndex && *lockIndex >= a && *lockIndex < b) {
            // Phase II: the points after the locked ones are judged by the kept limits.
            for (std::size_t i = *lockIndex + 1; i < b; ++i) {
                flags.phase[i - a] = 2;
                allFlags.phase[i] = 2;
            }
            options.knownCenter = settings.locked->center;
            options.knownSigma = settings.locked->sigma;
            result.lockedAfter = lockIndex;
            lockStage = s;
        }
        Expected<stats::ChartAnalysis> stage = [&]() -> Expected<stats::ChartAnalysis> {
            if (!isSubgroupChart(settings.type)) {
                std::vector<double> values(series.values.begin() + static_cast<long>(a),
                                           series.values.begin() + static_cast<long>(b));
                return stats::individualsCharts(std::move(values), flags, options);
            }
            const std::size_t first = points.offsets[a];
            std::vector<double> values(series.values.begin() + static_cast<long>(first),
                                       series.values.begin() + static_cast<long>(points.offsets[b]));
            std::vector<std::size_t> offsets;
            for (std::size_t g = a; g <= b; ++g)
                offsets.push_back(points.offsets[g] - first);
            return stats::subgroupCharts(settings.type, values, offsets, flags, options);
        }();
        if (!stage) {
            result.error = bounds.size() > 2 ? tr("Stage from point %1: %2")
                                                   .arg(QString::fromStdString(points.labels[a]),
                                                        QString::fromStdString(stage.error().message))
                                             : QString::fromStdString(stage.error().message);
            return result;
        }
        if (lockStage == s && !stage->charts.empty()) {
            result.lockedCenter = stage->charts.front().center;
            result.lockedSigma = stage->charts.front().sigma;
        }
        if (bounds.size() == 2) {
            joined = std::move(stage).value();   // one stage: core's analysis as it is
            break;
        }
        if (s == 0)
            joined.charts.resize(stage->charts.size());
        for (std::size_t c = 0; c < stage->charts.size() && c < joined.charts.size(); ++c)
            appendStage(joined.charts[c], stage->charts[c], s == 0);
        if (s > 0)
            result.stageStarts.push_back(a);
    }
    joined.flags = allFlags;
    joined.pointCount = n;
    result.analysis = std::move(joined);
    return result;
}

} // namespace gemba::ui
