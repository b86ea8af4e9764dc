// Shewhart control charts: I-MR, X̄-R, X̄-S, p, np, c, u, as plot-ready data.
// Sources: Montgomery, "Introduction to Statistical Quality Control", 7th ed., ch. 6-7;
// Minitab "Methods and Formulas" for each chart; AIAG "Statistical Process Control", 2nd ed.
#include "stats/controlchart.h"

#include "stats/constants.h"
#include "stats/descriptive.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gemba::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct TypeInfo {
    ChartType type;
    std::string_view name;
};
constexpr TypeInfo kTypes[] = {
    {ChartType::IMR, "imr"}, {ChartType::XbarR, "xbar-r"}, {ChartType::XbarS, "xbar-s"}, {ChartType::P, "p"},
    {ChartType::NP, "np"},   {ChartType::C, "c"},          {ChartType::U, "u"},
};

// A line from per-point values, stored once when every point has the same value.
bool allEqual(const std::vector<double>& v)
{
    return std::all_of(v.begin(), v.end(), [&](double x) { return x == v.front(); });
}

Line makeLine(std::vector<double> v)
{
    if (!v.empty() && allEqual(v))
        return Line{{v.front()}};
    return Line{std::move(v)};
}

Line constantLine(double v) { return Line{{v}}; }

std::vector<double> compressSizes(std::vector<double> v)
{
    if (!v.empty() && allEqual(v))
        return {v.front()};
    return v;
}

Expected<bool> checkFlags(const PointFlags& flags, std::size_t points)
{
    if (!flags.phase.empty() && flags.phase.size() != points)
        return makeError(ErrorCode::InvalidArgument, "phase flags do not match the number of points");
    if (!flags.excluded.empty() && flags.excluded.size() != points)
        return makeError(ErrorCode::InvalidArgument, "exclusion flags do not match the number of points");
    for (auto p : flags.phase)
        if (p != 1 && p != 2)
            return makeError(ErrorCode::InvalidArgument, "a phase must be 1 or 2");
    return true;
}

// 1 where a point takes part in estimating the center and σ: phase I and not excluded.
std::vector<std::uint8_t> estimationMask(const PointFlags& flags, std::size_t points)
{
    if (flags.phase.empty() && flags.excluded.empty())
        return {};
    std::vector<std::uint8_t> use(points, 1);
    for (std::size_t i = 0; i < points; ++i) {
        if (!flags.phase.empty() && flags.phase[i] != 1)
            use[i] = 0;
        if (!flags.excluded.empty() && flags.excluded[i])
            use[i] = 0;
    }
    return use;
}

std::size_t countUsed(const std::vector<std::uint8_t>& use, std::size_t points)
{
    return use.empty() ? points : static_cast<std::size_t>(std::count(use.begin(), use.end(), 1));
}

Expected<bool> checkOptions(const ChartOptions& o, bool attribute)
{
    if (!(o.nsigmas > 0) || !std::isfinite(o.nsigmas))
        return makeError(ErrorCode::OutOfRange, "the limits' width in sigmas must be a positive number");
    if (o.knownCenter && !std::isfinite(*o.knownCenter))
        return makeError(ErrorCode::NotFinite, "the known center must be a finite number");
    if (o.knownSigma) {
        if (attribute)
            return makeError(ErrorCode::InvalidArgument,
                             "attribute charts take a known center (p, c or u) but no sigma: it follows from the "
                             "center");
        if (!(*o.knownSigma > 0) || !std::isfinite(*o.knownSigma))
            return makeError(ErrorCode::OutOfRange, "the known sigma must be a positive number");
    }
    return true;
}

// Runs `rules` on the chart and records them as the tests that ran.
void runTests(ControlChart& chart, const RuleSet& rules)
{
    TestInput in{chart.values, chart.centerLine.values, chart.sd.values, chart.lcl.values, chart.ucl.values};
    chart.tests = runSpecialCauseTests(in, rules);
    chart.rules = rules;
}

// The tests for R, S and attribute charts, and for the MR chart (specialcausetests.h says why).
RuleSet skewedChartRules(const ChartOptions& o) { return o.rules.upTo(kLastTestForSkewedCharts); }

RuleSet movingRangeRules(const ChartOptions& o)
{
    return o.movingRangeRules ? o.movingRangeRules->upTo(kLastTestForSkewedCharts)
                              : o.rules.upTo(kLastTestForMovingRangeByDefault);
}

// The words of `describe` and `capability` for values whose sum overflows a double.
Error tooLargeToSum()
{
    return makeError(ErrorCode::OutOfRange, "the values are too large to be summed in double precision");
}

// A finite input can still give an infinite range, moving range or limit (1e308 - (-1e308)).
Expected<bool> checkFinite(const ControlChart& chart)
{
    auto finite = [](const std::vector<double>& v) {
        return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
    };
    if (!finite(chart.values) || !finite(chart.centerLine.values) || !finite(chart.sd.values) ||
        !finite(chart.lcl.values) || !finite(chart.ucl.values))
        return makeError(ErrorCode::OutOfRange, "the values are too large to be summed in double precision (the " +
                                                    chart.name + " chart's values or limits overflow)");
    return true;
}

// Why nothing is left to estimate the limits from, in the terms the caller used: without
// phases every point was excluded; with them, there is no phase I point, or all are excluded.
// `needs` says what known values would make the estimate unnecessary.
Error nothingToEstimateFrom(const PointFlags& flags, const char* needs)
{
    if (flags.phase.empty())
        return makeError(ErrorCode::TooFewValues,
                         "every point is excluded from the estimates, so nothing is left to estimate the limits "
                         "from");
    const bool anyPhase1 = std::find(flags.phase.begin(), flags.phase.end(), 1) != flags.phase.end();
    if (anyPhase1)
        return makeError(ErrorCode::TooFewValues,
                         "every phase I point is excluded from the estimates, so nothing is left to estimate the "
                         "limits from");
    return makeError(ErrorCode::TooFewValues, std::string("no phase I values to estimate the limits from; to judge "
                                                          "phase II points against known limits give ") +
                                                  needs);
}

} // namespace

std::string_view chartTypeName(ChartType type)
{
    for (const auto& t : kTypes)
        if (t.type == type)
            return t.name;
    return "unknown";
}

std::optional<ChartType> parseChartType(std::string_view name)
{
    for (const auto& t : kTypes)
        if (t.name == name)
            return t.type;
    return std::nullopt;
}

bool isAttributeChart(ChartType type)
{
    return type == ChartType::P || type == ChartType::NP || type == ChartType::C || type == ChartType::U;
}

SigmaMethod defaultSigmaMethod(ChartType type)
{
    switch (type) {
    case ChartType::IMR: return SigmaMethod::AverageMovingRange;
    case ChartType::XbarR: return SigmaMethod::RBar;
    case ChartType::XbarS: return SigmaMethod::SBar;
    case ChartType::P:
    case ChartType::NP: return SigmaMethod::Binomial;
    case ChartType::C:
    case ChartType::U: return SigmaMethod::Poisson;
    }
    return SigmaMethod::AverageMovingRange;
}

Expected<ChartAnalysis> individualsCharts(std::vector<double> values, const PointFlags& flags,
                                          const ChartOptions& options)
{
    const std::size_t n = values.size();
    if (auto ok = checkOptions(options, false); !ok)
        return ok.error();
    if (auto ok = checkFlags(flags, n); !ok)
        return ok.error();
    if (n == 0)
        return makeError(ErrorCode::EmptyData, "there are no values to chart");
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(values[i]))
            return makeError(ErrorCode::NotFinite, "value " + std::to_string(i + 1) + " is not a finite number");
    const SigmaMethod method = options.knownSigma ? SigmaMethod::Known
                                                  : options.sigmaMethod.value_or(SigmaMethod::AverageMovingRange);
    if (method != SigmaMethod::Known && !isIndividualsMethod(method))
        return makeError(ErrorCode::InvalidArgument, "sigma method '" + std::string(sigmaMethodName(method)) +
                                                         "' is for subgroups; an I-MR chart takes mr, mr-median or sd");

    const auto use = estimationMask(flags, n);
    const std::size_t used = countUsed(use, n);
    const bool allKnown = options.knownCenter && options.knownSigma;
    if (used == 0 && !allKnown)
        return nothingToEstimateFrom(flags, "the known center and sigma");

    // The mean of the estimation values is needed for the center, and its overflow check
    // also guards σ: values whose sum overflows would give an infinite or NaN σ, which the
    // estimators would report as "no variation".
    double center = 0;
    if (used > 0 && !allKnown) {
        if (use.empty()) {
            center = mean(values);
        } else {
            std::vector<double> kept;
            kept.reserve(used);
            for (std::size_t i = 0; i < n; ++i)
                if (use[i])
                    kept.push_back(values[i]);
            center = mean(kept);
        }
        if (!std::isfinite(center))
            return tooLargeToSum();
    }
    if (options.knownCenter)
        center = *options.knownCenter;

    double sigma = 0;
    if (options.knownSigma) {
        sigma = *options.knownSigma;
    } else {
        auto s = estimateSigmaFromIndividuals(method, values, use);
        if (!s)
            return s.error();
        sigma = *s;
        if (!std::isfinite(sigma))
            return tooLargeToSum();
    }

    const double k = options.nsigmas;
    ChartAnalysis analysis;
    analysis.type = ChartType::IMR;
    analysis.rules = options.rules;
    analysis.pointCount = n;
    analysis.flags = flags;

    ControlChart mr;
    mr.name = "mr";
    mr.sigma = sigma;
    mr.sigmaMethod = method;
    mr.nsigmas = k;
    mr.firstObservation = 1;
    mr.values.resize(n > 0 ? n - 1 : 0);
    for (std::size_t i = 1; i < n; ++i)
        mr.values[i - 1] = std::fabs(values[i] - values[i - 1]);
    const double d2v = d2(2), d3v = d3(2);
    mr.center = d2v * sigma;
    mr.sizes = {2};
    mr.centerLine = constantLine(mr.center);
    mr.sd = constantLine(d3v * sigma);
    mr.lcl = constantLine(std::max(0.0, (d2v - k * d3v) * sigma));
    mr.ucl = constantLine((d2v + k * d3v) * sigma);

    ControlChart ic;
    ic.name = "i";
    ic.center = center;
    ic.sigma = sigma;
    ic.sigmaMethod = method;
    ic.nsigmas = k;
    ic.values = std::move(values);
    ic.sizes = {1};
    ic.centerLine = constantLine(center);
    ic.sd = constantLine(sigma);
    ic.lcl = constantLine(center - k * sigma);
    ic.ucl = constantLine(center + k * sigma);

    for (const ControlChart* c : {&ic, &mr})
        if (auto ok = checkFinite(*c); !ok)
            return ok.error();
    runTests(ic, options.rules);
    runTests(mr, movingRangeRules(options));
    analysis.charts.push_back(std::move(ic));
    analysis.charts.push_back(std::move(mr));
    return analysis;
}

Expected<ChartAnalysis> subgroupCharts(ChartType type, const std::vector<double>& values,
                                       const std::vector<std::size_t>& offsets, const PointFlags& flags,
                                       const ChartOptions& options)
{
    if (type != ChartType::XbarR && type != ChartType::XbarS)
        return makeError(ErrorCode::InvalidArgument, "subgroup charts are xbar-r or xbar-s");
    if (auto ok = checkOptions(options, false); !ok)
        return ok.error();
    if (offsets.size() < 2 || offsets.front() != 0 || offsets.back() != values.size())
        return makeError(ErrorCode::EmptyData, "there are no subgroups to chart");
    const std::size_t groups = offsets.size() - 1;
    if (auto ok = checkFlags(flags, groups); !ok)
        return ok.error();
    for (double v : values)
        if (!std::isfinite(v))
            return makeError(ErrorCode::NotFinite, "a value is not a finite number");

    const SigmaMethod method = options.knownSigma ? SigmaMethod::Known
                                                  : options.sigmaMethod.value_or(defaultSigmaMethod(type));
    if (method != SigmaMethod::Known && !isSubgroupMethod(method))
        return makeError(ErrorCode::InvalidArgument,
                         "sigma method '" + std::string(sigmaMethodName(method)) +
                             "' is for individual values; subgroup charts take rbar, sbar, pooled, mvlue-r or mvlue-s");

    // Errors about one subgroup carry its index (item, field "subgroup") and say
    // "subgroup N" with N its position among all subgroups, so a caller can name it.
    auto subgroupError = [](ErrorCode code, std::size_t g, const std::string& what) {
        return makeItemError(code, "subgroup " + std::to_string(g + 1) + what, g, "subgroup");
    };
    const auto use = estimationMask(flags, groups);
    const bool rangeSigma = method == SigmaMethod::RBar || method == SigmaMethod::MvlueR;
    std::vector<SubgroupSummary> summary(groups);
    for (std::size_t g = 0; g < groups; ++g) {
        if (offsets[g + 1] <= offsets[g])
            return subgroupError(ErrorCode::EmptyData, g, " is empty");
        const std::span<const double> sub(values.data() + offsets[g], offsets[g + 1] - offsets[g]);
        summary[g] = summarizeSubgroup(sub);
        const std::size_t ng = summary[g].n;
        if (ng < 2)
            return subgroupError(ErrorCode::TooFewValues, g,
                                 " has only one value; X-bar charts need at least 2 values per subgroup (use an "
                                 "I-MR chart for individual values)");
        if (type == ChartType::XbarR && ng > static_cast<std::size_t>(kMaxSubgroupSize))
            return subgroupError(ErrorCode::OutOfRange, g,
                                 " has " + std::to_string(ng) + " values; R charts need 2 to 100 (use xbar-s)");
        // Checked here, under the subgroup's own number, rather than by the estimator, which
        // sees only the subgroups it estimates from and numbers them among those.
        const bool estimated = use.empty() || use[g];
        if (estimated && rangeSigma && ng > static_cast<std::size_t>(kMaxSubgroupSize))
            return subgroupError(ErrorCode::OutOfRange, g,
                                 " has " + std::to_string(ng) +
                                     " values; range-based sigma needs 2 to 100 (use sbar or pooled)");
        if (!std::isfinite(summary[g].mean) || !std::isfinite(summary[g].range) || !std::isfinite(summary[g].sd))
            return subgroupError(ErrorCode::OutOfRange, g,
                                 ": the values are too large to be summed in double precision");
    }

    std::vector<SubgroupSummary> usedGroups;
    std::vector<double> usedValues;
    for (std::size_t g = 0; g < groups; ++g) {
        if (!use.empty() && !use[g])
            continue;
        usedGroups.push_back(summary[g]);
        usedValues.insert(usedValues.end(), values.begin() + static_cast<std::ptrdiff_t>(offsets[g]),
                          values.begin() + static_cast<std::ptrdiff_t>(offsets[g + 1]));
    }
    if (usedGroups.empty() && !(options.knownCenter && options.knownSigma))
        return nothingToEstimateFrom(flags, "the known center and sigma");

    double center = 0;
    if (options.knownCenter) {
        center = *options.knownCenter;
    } else {
        center = mean(usedValues);
        if (!std::isfinite(center))
            return tooLargeToSum();
    }
    double sigma = 0;
    if (options.knownSigma) {
        sigma = *options.knownSigma;
    } else {
        auto s = estimateSigmaFromSubgroups(method, usedGroups);
        if (!s)
            return s.error();
        sigma = *s;
        if (!std::isfinite(sigma))
            return tooLargeToSum();
    }

    const double k = options.nsigmas;
    ChartAnalysis analysis;
    analysis.type = type;
    analysis.rules = options.rules;
    analysis.pointCount = groups;
    analysis.flags = flags;

    std::vector<double> sizes(groups), means(groups), spread(groups);
    std::vector<double> xsd(groups), xl(groups), xu(groups);
    std::vector<double> sc(groups), ssd(groups), sl(groups), su(groups);
    const bool rangeChart = type == ChartType::XbarR;
    for (std::size_t g = 0; g < groups; ++g) {
        const double ng = static_cast<double>(summary[g].n);
        sizes[g] = ng;
        means[g] = summary[g].mean;
        xsd[g] = sigma / std::sqrt(ng);
        xl[g] = center - k * xsd[g];
        xu[g] = center + k * xsd[g];
        if (rangeChart) {
            const int ni = static_cast<int>(summary[g].n);
            spread[g] = summary[g].range;
            sc[g] = d2(ni) * sigma;
            ssd[g] = d3(ni) * sigma;
        } else {
            const double c = *c4(static_cast<long long>(summary[g].n));
            spread[g] = summary[g].sd;
            sc[g] = c * sigma;
            ssd[g] = std::sqrt(1 - c * c) * sigma;
        }
        sl[g] = std::max(0.0, sc[g] - k * ssd[g]);
        su[g] = sc[g] + k * ssd[g];
    }

    ControlChart xbar;
    xbar.name = "xbar";
    xbar.center = center;
    xbar.sigma = sigma;
    xbar.sigmaMethod = method;
    xbar.nsigmas = k;
    xbar.values = std::move(means);
    xbar.sizes = compressSizes(sizes);
    xbar.centerLine = constantLine(center);
    xbar.sd = makeLine(std::move(xsd));
    xbar.lcl = makeLine(std::move(xl));
    xbar.ucl = makeLine(std::move(xu));

    ControlChart second;
    second.name = rangeChart ? "r" : "s";
    second.sigma = sigma;
    second.sigmaMethod = method;
    second.nsigmas = k;
    second.values = std::move(spread);
    second.sizes = compressSizes(std::move(sizes));
    second.centerLine = makeLine(std::move(sc));
    second.center = second.centerLine.isConstant() ? second.centerLine.values[0] : kNaN;
    second.sd = makeLine(std::move(ssd));
    second.lcl = makeLine(std::move(sl));
    second.ucl = makeLine(std::move(su));

    for (const ControlChart* c : {&xbar, &second})
        if (auto ok = checkFinite(*c); !ok)
            return ok.error();
    runTests(xbar, options.rules);
    runTests(second, skewedChartRules(options));
    analysis.charts.push_back(std::move(xbar));
    analysis.charts.push_back(std::move(second));
    return analysis;
}

Expected<ChartAnalysis> attributeChart(ChartType type, std::span<const double> counts, std::span<const double> sizes,
                                       const PointFlags& flags, const ChartOptions& options)
{
    if (!isAttributeChart(type))
        return makeError(ErrorCode::InvalidArgument, "attribute charts are p, np, c or u");
    if (auto ok = checkOptions(options, true); !ok)
        return ok.error();
    if (options.sigmaMethod)
        return makeError(ErrorCode::InvalidArgument,
                         "attribute charts have no sigma method: sigma follows from the binomial or Poisson model");
    const std::size_t n = counts.size();
    if (n == 0)
        return makeError(ErrorCode::EmptyData, "there are no samples to chart");
    if (auto ok = checkFlags(flags, n); !ok)
        return ok.error();
    const bool needSizes = type != ChartType::C;
    if (needSizes && sizes.size() != n)
        return makeError(ErrorCode::InvalidArgument,
                         std::string(chartTypeName(type)) + " charts need a sample size for every sample");
    if (!sizes.empty() && sizes.size() != n)
        return makeError(ErrorCode::InvalidArgument, "sizes do not match the number of samples");

    const bool binomial = type == ChartType::P || type == ChartType::NP;
    const std::string kind = binomial ? "defectives" : "defects";
    for (std::size_t i = 0; i < n; ++i) {
        const std::string where = "sample " + std::to_string(i + 1) + ": ";
        auto bad = [&](ErrorCode code, const char* field, const std::string& what) {
            return makeItemError(code, where + what, i, field);
        };
        if (!std::isfinite(counts[i]))
            return bad(ErrorCode::NotFinite, "count", "the count is not a finite number");
        if (counts[i] < 0)
            return bad(ErrorCode::OutOfRange, "count", "the count of " + kind + " is negative");
        if (counts[i] != std::floor(counts[i]))
            return bad(ErrorCode::OutOfRange, "count", "the count of " + kind + " is not a whole number");
        if (!sizes.empty()) {
            if (!std::isfinite(sizes[i]) || !(sizes[i] > 0))
                return bad(ErrorCode::OutOfRange, "size", "the sample size must be a positive number");
            if (binomial && sizes[i] != std::floor(sizes[i]))
                return bad(ErrorCode::OutOfRange, "size", "the sample size is not a whole number");
            if (binomial && counts[i] > sizes[i])
                return bad(ErrorCode::OutOfRange, "count", "there are more defectives than items inspected");
        }
    }
    if (type == ChartType::C && !sizes.empty() &&
        std::any_of(sizes.begin(), sizes.end(), [&](double s) { return s != sizes[0]; }))
        return makeError(ErrorCode::InvalidArgument,
                         "a c chart needs samples of equal size; with varying sizes use a u chart");

    const auto use = estimationMask(flags, n);
    double sumCounts = 0, sumSizes = 0;
    std::size_t used = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!use.empty() && !use[i])
            continue;
        sumCounts += counts[i];
        sumSizes += sizes.empty() ? 1.0 : sizes[i];
        ++used;
    }
    if (used == 0 && !options.knownCenter)
        return nothingToEstimateFrom(flags, "the known center");
    if (!std::isfinite(sumCounts) || !std::isfinite(sumSizes))
        return tooLargeToSum();

    // The parameter: p̄ (p, np), c̄ (c) or ū (u).
    double param = 0;
    if (options.knownCenter) {
        param = *options.knownCenter;
    } else if (type == ChartType::C) {
        param = sumCounts / static_cast<double>(used);
    } else {
        param = sumCounts / sumSizes;
    }
    if (binomial && !(param > 0 && param < 1))
        return makeError(param == 0 || param == 1 ? ErrorCode::ZeroSigma : ErrorCode::OutOfRange,
                         "the proportion defective p-bar is " + std::to_string(param) +
                             "; p and np charts need 0 < p-bar < 1 (with none or all defective the limits collapse)");
    if (!binomial && !(param > 0))
        return makeError(param == 0 ? ErrorCode::ZeroSigma : ErrorCode::OutOfRange,
                         "the mean number of defects is " + std::to_string(param) +
                             "; c and u charts need it above 0 (with no defects the limits collapse)");

    const double k = options.nsigmas;
    std::vector<double> values(n), center(n), sd(n), lcl(n), ucl(n), sz(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double ni = sizes.empty() ? 1.0 : sizes[i];
        sz[i] = ni;
        switch (type) {
        case ChartType::P:
            values[i] = counts[i] / ni;
            center[i] = param;
            sd[i] = std::sqrt(param * (1 - param) / ni);
            lcl[i] = std::max(0.0, param - k * sd[i]);
            ucl[i] = std::min(1.0, param + k * sd[i]);
            break;
        case ChartType::NP:
            values[i] = counts[i];
            center[i] = ni * param;
            sd[i] = std::sqrt(ni * param * (1 - param));
            lcl[i] = std::max(0.0, center[i] - k * sd[i]);
            ucl[i] = std::min(ni, center[i] + k * sd[i]);
            break;
        case ChartType::C:
            values[i] = counts[i];
            center[i] = param;
            sd[i] = std::sqrt(param);
            lcl[i] = std::max(0.0, param - k * sd[i]);
            ucl[i] = param + k * sd[i];
            break;
        case ChartType::U:
            values[i] = counts[i] / ni;
            center[i] = param;
            sd[i] = std::sqrt(param / ni);
            lcl[i] = std::max(0.0, param - k * sd[i]);
            ucl[i] = param + k * sd[i];
            break;
        default: break;
        }
    }

    ControlChart chart;
    chart.name = std::string(chartTypeName(type));
    chart.sigmaMethod = options.knownCenter ? SigmaMethod::Known
                                            : (binomial ? SigmaMethod::Binomial : SigmaMethod::Poisson);
    chart.sigma = binomial ? std::sqrt(param * (1 - param)) : std::sqrt(param);
    chart.nsigmas = k;
    chart.values = std::move(values);
    chart.sizes = compressSizes(std::move(sz));
    chart.centerLine = makeLine(std::move(center));
    chart.center = chart.centerLine.isConstant() ? chart.centerLine.values[0] : kNaN;
    chart.sd = makeLine(std::move(sd));
    chart.lcl = makeLine(std::move(lcl));
    chart.ucl = makeLine(std::move(ucl));
    if (auto ok = checkFinite(chart); !ok)
        return ok.error();
    runTests(chart, skewedChartRules(options));

    ChartAnalysis analysis;
    analysis.type = type;
    analysis.rules = options.rules;
    analysis.pointCount = n;
    analysis.flags = flags;
    analysis.charts.push_back(std::move(chart));
    return analysis;
}

} // namespace gemba::stats
