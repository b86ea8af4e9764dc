// Control charts over stages (each with its own limits) and over locked limits (phase II).
#include "analysis/stagedchart.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>

namespace gemba::analysis {
namespace {

using stats::ChartAnalysis;
using stats::ChartOptions;
using stats::ChartType;
using stats::ControlChart;
using stats::PointFlags;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool isSubgroupChart(ChartType type) { return type == ChartType::XbarR || type == ChartType::XbarS; }

std::size_t pointsOf(ChartType type, const ChartSeries& series)
{
    if (isSubgroupChart(type))
        return series.offsets.size() < 2 ? 0 : series.offsets.size() - 1;
    return series.values.size();
}

Expected<bool> checkShape(ChartType type, const ChartSeries& series, const PointFlags& flags)
{
    const std::size_t n = pointsOf(type, series);
    if (isSubgroupChart(type) && !series.offsets.empty() &&
        (series.offsets.front() != 0 || series.offsets.back() != series.values.size()))
        return makeError(ErrorCode::InvalidArgument, "the subgroup offsets do not match the values");
    if (!series.stage.empty() && series.stage.size() != n)
        return makeError(ErrorCode::InvalidArgument, "the stages do not match the number of points");
    if (!flags.phase.empty() && flags.phase.size() != n)
        return makeError(ErrorCode::InvalidArgument, "phase flags do not match the number of points");
    if (!flags.excluded.empty() && flags.excluded.size() != n)
        return makeError(ErrorCode::InvalidArgument, "exclusion flags do not match the number of points");
    return true;
}

template <typename T>
std::vector<T> slice(const std::vector<T>& v, std::size_t first, std::size_t count)
{
    if (v.empty())
        return {};
    return std::vector<T>(v.begin() + static_cast<std::ptrdiff_t>(first),
                          v.begin() + static_cast<std::ptrdiff_t>(first + count));
}

// Core's chart of points [first, first + count) alone.
Expected<ChartAnalysis> chartOfRange(ChartType type, const ChartSeries& series, std::size_t first, std::size_t count,
                                     const PointFlags& flags, const ChartOptions& options)
{
    if (count == 0)
        return makeError(ErrorCode::EmptyData, "there are no values to chart");
    if (type == ChartType::IMR)
        return stats::individualsCharts(slice(series.values, first, count), flags, options);
    if (isSubgroupChart(type)) {
        const std::size_t begin = series.offsets[first];
        std::vector<double> values(series.values.begin() + static_cast<std::ptrdiff_t>(begin),
                                   series.values.begin() + static_cast<std::ptrdiff_t>(series.offsets[first + count]));
        std::vector<std::size_t> offsets;
        offsets.reserve(count + 1);
        for (std::size_t g = first; g <= first + count; ++g)
            offsets.push_back(series.offsets[g] - begin);
        return stats::subgroupCharts(type, values, offsets, flags, options);
    }
    const std::span<const double> counts(series.values.data() + first, count);
    std::span<const double> sizes;
    if (!series.sizes.empty()) {
        if (series.sizes.size() != series.values.size())
            return makeError(ErrorCode::InvalidArgument, "sizes do not match the number of samples");
        sizes = std::span<const double>(series.sizes.data() + first, count);
    }
    return stats::attributeChart(type, counts, sizes, flags, options);
}

PointFlags sliceFlags(const PointFlags& flags, std::size_t first, std::size_t count)
{
    return PointFlags{slice(flags.phase, first, count), slice(flags.excluded, first, count)};
}

// One part of a joined chart: the analysis of points [first, first + count).
struct Part {
    std::size_t first = 0;
    std::size_t count = 0;
    std::string name;
    ChartAnalysis analysis;
};

void appendLine(stats::Line& to, const stats::Line& from, std::size_t i) { to.values.push_back(from.at(i)); }

// Joins the parts' charts into one over all points (see stagedChart in the header).
ChartAnalysis join(ChartType type, const std::vector<Part>& parts, std::size_t points, const PointFlags& flags,
                   const ChartOptions& options)
{
    ChartAnalysis out;
    out.type = type;
    out.rules = options.rules;
    out.pointCount = points;
    out.flags = flags;
    const std::size_t chartCount = parts.front().analysis.charts.size();
    for (std::size_t c = 0; c < chartCount; ++c) {
        const ControlChart& model = parts.front().analysis.charts[c];
        ControlChart joined;
        joined.name = model.name;
        joined.sigmaMethod = model.sigmaMethod;
        joined.nsigmas = model.nsigmas;
        joined.firstObservation = model.firstObservation;
        joined.rules = model.rules;
        joined.center = model.center;
        joined.sigma = model.sigma;
        std::vector<double> sizes;
        for (std::size_t p = 0; p < parts.size(); ++p) {
            const ControlChart& part = parts[p].analysis.charts[c];
            if (!(part.center == joined.center))
                joined.center = kNaN;
            if (!(part.sigma == joined.sigma))
                joined.sigma = kNaN;
            // A chart whose first value belongs to a later point (MR) has no value at the first
            // point of a later part: NaN there, drawn with that part's own lines.
            for (std::size_t skip = 0; p > 0 && skip < part.firstObservation; ++skip) {
                joined.values.push_back(kNaN);
                appendLine(joined.centerLine, part.centerLine, 0);
                appendLine(joined.lcl, part.lcl, 0);
                appendLine(joined.ucl, part.ucl, 0);
                appendLine(joined.sd, part.sd, 0);
                sizes.push_back(part.sizeAt(0));
                joined.tests.push_back(0);
            }
            for (std::size_t i = 0; i < part.size(); ++i) {
                joined.values.push_back(part.values[i]);
                appendLine(joined.centerLine, part.centerLine, i);
                appendLine(joined.lcl, part.lcl, i);
                appendLine(joined.ucl, part.ucl, i);
                appendLine(joined.sd, part.sd, i);
                sizes.push_back(part.sizeAt(i));
                joined.tests.push_back(part.tests.empty() ? 0 : part.tests[i]);
            }
        }
        if (!sizes.empty() && std::all_of(sizes.begin(), sizes.end(), [&](double s) { return s == sizes.front(); }))
            sizes.resize(1);
        joined.sizes = std::move(sizes);
        out.charts.push_back(std::move(joined));
    }
    return out;
}

// Names the stage in an error about it, and makes the error's item an index into the series.
Error inStage(Error e, const std::string& name, std::size_t first)
{
    e.message = "stage '" + name + "': " + e.message;
    if (e.item)
        *e.item += first;
    return e;
}

// Each stage range of points [0, end) charted alone.
Expected<std::vector<Part>> stageParts(ChartType type, const ChartSeries& series, std::size_t end,
                                       const PointFlags& flags, const ChartOptions& options)
{
    std::vector<Part> parts;
    for (const StageRange& r : stageRanges(series)) {
        if (r.first >= end)
            break;
        const std::size_t count = std::min(r.count, end - r.first);
        auto a = chartOfRange(type, series, r.first, count, sliceFlags(flags, r.first, count), options);
        if (!a)
            return inStage(a.error(), r.name, r.first);
        parts.push_back(Part{r.first, count, r.name, std::move(a).value()});
    }
    return parts;
}

} // namespace

std::vector<StageRange> stageRanges(const ChartSeries& series)
{
    const std::size_t n = series.pointCount();
    std::vector<StageRange> ranges;
    if (n == 0)
        return ranges;
    auto nameOf = [&](int stage) {
        if (stage >= 0 && static_cast<std::size_t>(stage) < series.stageNames.size())
            return series.stageNames[static_cast<std::size_t>(stage)];
        return "stage " + std::to_string(stage + 1);
    };
    if (series.stage.size() != n) {
        ranges.push_back(StageRange{0, n, 0, nameOf(0)});
        return ranges;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (i == 0 || series.stage[i] != series.stage[i - 1])
            ranges.push_back(StageRange{i, 0, series.stage[i], nameOf(series.stage[i])});
        ++ranges.back().count;
    }
    return ranges;
}

Expected<ChartAnalysis> stagedChart(ChartType type, const ChartSeries& series, const PointFlags& flags,
                                    const ChartOptions& options)
{
    if (auto ok = checkShape(type, series, flags); !ok)
        return ok.error();
    const std::size_t n = pointsOf(type, series);
    if (n == 0)
        return makeError(ErrorCode::EmptyData, "there are no values to chart");
    const auto ranges = stageRanges(series);
    if (ranges.size() == 1)   // one stage: core's analysis as it is
        return chartOfRange(type, series, 0, n, flags, options);
    auto parts = stageParts(type, series, n, flags, options);
    if (!parts)
        return parts.error();
    return join(type, *parts, n, flags, options);
}

Expected<LockedLimits> lockLimits(const ChartAnalysis& analysis, const ChartSeries& series)
{
    const std::size_t n = analysis.pointCount;
    if (analysis.charts.empty() || n == 0)
        return makeError(ErrorCode::EmptyData, "there is no chart to lock the limits of");
    if (pointsOf(analysis.type, series) != n)
        return makeError(ErrorCode::InvalidArgument, "the series does not match the chart");
    std::size_t last = n;
    for (std::size_t i = n; i-- > 0;) {
        if (analysis.phaseOf(i) == 1) {
            last = i;
            break;
        }
    }
    if (last == n)
        return makeError(ErrorCode::InvalidArgument, "the chart has no phase I points to lock the limits of");
    if (series.pointKeys.size() != n)
        return makeError(ErrorCode::InvalidArgument, "the series has no key for each point, so a lock cannot name its point");
    LockedLimits locked;
    std::size_t first = 0;
    for (const StageRange& r : stageRanges(series))
        if (r.first <= last)
            first = r.first;
    locked.lastPhaseOneKey = series.pointKeys[last];
    for (std::size_t i = first; i <= last; ++i) {
        const bool excluded = !analysis.flags.excluded.empty() && analysis.flags.excluded[i];
        if (analysis.phaseOf(i) == 1 && !excluded)
            ++locked.pointsUsed;
    }

    // The chart's own center and σ when it has one; a staged chart's from the lines at that point.
    const ControlChart& c = analysis.charts.front();
    const double centerAt = c.centerLine.at(last);
    switch (analysis.type) {
    case ChartType::IMR:
        locked.center = centerAt;
        locked.sigma = std::isfinite(c.sigma) ? c.sigma : c.sd.at(last);
        break;
    case ChartType::XbarR:
    case ChartType::XbarS:
        locked.center = centerAt;
        locked.sigma = std::isfinite(c.sigma) ? c.sigma : c.sd.at(last) * std::sqrt(c.sizeAt(last));
        break;
    case ChartType::P:
    case ChartType::NP:
        // The np center line is nᵢp̄; the known center of p and np charts is p̄.
        locked.center = analysis.type == ChartType::NP ? centerAt / c.sizeAt(last) : centerAt;
        locked.sigma = std::sqrt(locked.center * (1 - locked.center));
        break;
    case ChartType::C:
    case ChartType::U:
        locked.center = centerAt;
        locked.sigma = std::sqrt(locked.center);
        break;
    }
    if (!std::isfinite(locked.center) || !std::isfinite(locked.sigma))
        return makeError(ErrorCode::NotFinite, "the chart's center or sigma is not a number, so it cannot be locked");
    return locked;
}

Expected<ChartAnalysis> lockedChart(ChartType type, const ChartSeries& series, const PointFlags& flags,
                                    const ChartOptions& options, const LockedLimits& locked)
{
    if (auto ok = checkShape(type, series, flags); !ok)
        return ok.error();
    const std::size_t n = pointsOf(type, series);
    if (n == 0)
        return makeError(ErrorCode::EmptyData, "there are no values to chart");
    const auto keyed = std::find(series.pointKeys.begin(), series.pointKeys.end(), locked.lastPhaseOneKey);
    if (series.pointKeys.size() != n || keyed == series.pointKeys.end())
        return makeError(ErrorCode::InvalidArgument,
                         "the point the limits were locked at is no longer in the chart; lock the limits again");
    const auto end = static_cast<std::size_t>(keyed - series.pointKeys.begin()) + 1;
    std::size_t first = 0;
    for (const StageRange& r : stageRanges(series))
        if (r.first < end)
            first = r.first;

    PointFlags all;
    all.excluded = flags.excluded;
    all.phase.assign(n, 1);
    std::fill(all.phase.begin() + static_cast<std::ptrdiff_t>(end), all.phase.end(), std::uint8_t{2});

    std::vector<Part> parts;
    if (first > 0) {
        auto before = stageParts(type, series, first, all, options);
        if (!before)
            return before.error();
        parts = std::move(before).value();
    }
    if (first < n) {
        ChartOptions known = options;
        known.knownCenter = locked.center;
        if (stats::isAttributeChart(type))
            known.knownSigma.reset();
        else
            known.knownSigma = locked.sigma;
        auto a = chartOfRange(type, series, first, n - first, sliceFlags(all, first, n - first), known);
        if (!a)
            return a.error();
        parts.push_back(Part{first, n - first, "locked", std::move(a).value()});
    }
    if (parts.size() == 1) {
        ChartAnalysis only = std::move(parts.front().analysis);
        only.flags = all;
        return only;
    }
    return join(type, parts, n, all, options);
}

} // namespace gemba::analysis
