// Estimators of the process standard deviation σ for control charts and capability.
// Sources: Montgomery, "Introduction to Statistical Quality Control", 7th ed., ch. 6;
// Minitab "Methods and Formulas: Variables control charts - Estimating sigma";
// qcc 3.0 sd.xbar/sd.xbar.one (UWAVE-R, UWAVE-SD, MVLUE-R, MVLUE-SD, RMSDF, MR, SD);
// I. W. Burr, "Control charts for measurements with varying sample sizes", JQT 1(3), 1969.
#include "stats/sigmaestimator.h"

#include "stats/constants.h"
#include "stats/descriptive.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gemba::stats {
namespace {

struct MethodInfo {
    SigmaMethod method;
    std::string_view name;
    std::string_view description;
};

constexpr MethodInfo kMethods[] = {
    {SigmaMethod::AverageMovingRange, "mr", "average moving range / d2(2)"},
    {SigmaMethod::MedianMovingRange, "mr-median", "median moving range / 0.9538725524 (sqrt(2) z(0.75))"},
    {SigmaMethod::SampleSd, "sd", "sample standard deviation / c4(n)"},
    {SigmaMethod::RBar, "rbar", "mean of R_i / d2(n_i)"},
    {SigmaMethod::SBar, "sbar", "mean of S_i / c4(n_i)"},
    {SigmaMethod::PooledSd, "pooled", "pooled standard deviation / c4(sum(n_i - 1) + 1)"},
    {SigmaMethod::MvlueR, "mvlue-r", "MVLUE of R_i / d2(n_i), weights (d2/d3)^2"},
    {SigmaMethod::MvlueS, "mvlue-s", "MVLUE of S_i / c4(n_i), weights c4^2 / (1 - c4^2)"},
    {SigmaMethod::Known, "known", "historical sigma given by the user"},
    {SigmaMethod::Binomial, "binomial", "binomial: sqrt(pbar (1 - pbar))"},
    {SigmaMethod::Poisson, "poisson", "Poisson: sqrt(mean count per unit)"},
};

Error zeroSigma()
{
    return makeError(ErrorCode::ZeroSigma,
                     "the data shows no variation (sigma is 0), so no control limits can be computed");
}

} // namespace

std::string_view sigmaMethodName(SigmaMethod method)
{
    for (const auto& m : kMethods)
        if (m.method == method)
            return m.name;
    return "unknown";
}

std::string_view sigmaMethodDescription(SigmaMethod method)
{
    for (const auto& m : kMethods)
        if (m.method == method)
            return m.description;
    return "unknown";
}

std::optional<SigmaMethod> parseSigmaMethod(std::string_view name)
{
    for (const auto& m : kMethods)
        if (m.name == name && m.method != SigmaMethod::Known && m.method != SigmaMethod::Binomial &&
            m.method != SigmaMethod::Poisson)
            return m.method;
    return std::nullopt;
}

bool isIndividualsMethod(SigmaMethod m)
{
    return m == SigmaMethod::AverageMovingRange || m == SigmaMethod::MedianMovingRange ||
           m == SigmaMethod::SampleSd;
}

bool isSubgroupMethod(SigmaMethod m)
{
    return m == SigmaMethod::RBar || m == SigmaMethod::SBar || m == SigmaMethod::PooledSd ||
           m == SigmaMethod::MvlueR || m == SigmaMethod::MvlueS;
}

double medianMovingRangeConstant()
{
    // √2 · Φ⁻¹(0.75); Φ⁻¹(0.75) = 0.674489750196081743...
    return std::sqrt(2.0) * 0.67448975019608174320;
}

SubgroupSummary summarizeSubgroup(std::span<const double> values)
{
    SubgroupSummary s;
    s.n = values.size();
    if (values.empty())
        return s;
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    s.range = *hi - *lo;
    s.mean = stats::mean(values);
    s.sd = values.size() > 1 ? sampleSd(values) : 0.0;
    return s;
}

Expected<double> estimateSigmaFromSubgroups(SigmaMethod method, std::span<const SubgroupSummary> groups)
{
    if (!isSubgroupMethod(method))
        return makeError(ErrorCode::InvalidArgument, std::string("sigma method '") +
                                                         std::string(sigmaMethodName(method)) +
                                                         "' needs individual values, not subgroups");
    if (groups.empty())
        return makeError(ErrorCode::EmptyData, "no subgroups to estimate sigma from");
    const bool rangeBased = method == SigmaMethod::RBar || method == SigmaMethod::MvlueR;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const auto& g = groups[i];
        const std::string which = "subgroup " + std::to_string(i + 1);
        if (g.n == 0)
            return makeError(ErrorCode::EmptyData, which + " has no values");
        if (g.n < 2 && method != SigmaMethod::PooledSd)
            return makeError(ErrorCode::TooFewValues,
                             which + " has only one value; estimating sigma from subgroups needs at least 2 "
                                     "values in each (use an I-MR chart for individual values)");
        if (rangeBased && g.n > static_cast<std::size_t>(kMaxSubgroupSize))
            return makeError(ErrorCode::OutOfRange,
                             which + " has " + std::to_string(g.n) +
                                 " values; range-based sigma needs 2 to 100 (use sbar or pooled)");
        if (!std::isfinite(g.range) || !std::isfinite(g.sd))
            return makeError(ErrorCode::NotFinite, which + " contains a value that is not a finite number");
    }

    double sigma = 0;
    switch (method) {
    case SigmaMethod::RBar: {
        double sum = 0;
        for (const auto& g : groups)
            sum += g.range / d2(static_cast<int>(g.n));
        sigma = sum / static_cast<double>(groups.size());
        break;
    }
    case SigmaMethod::SBar: {
        double sum = 0;
        for (const auto& g : groups)
            sum += g.sd / *c4(static_cast<long long>(g.n));
        sigma = sum / static_cast<double>(groups.size());
        break;
    }
    case SigmaMethod::PooledSd: {
        double ss = 0, df = 0;
        for (const auto& g : groups) {
            const double f = static_cast<double>(g.n - 1);
            ss += f * g.sd * g.sd;
            df += f;
        }
        if (df == 0)
            return makeError(ErrorCode::TooFewValues,
                             "every subgroup has a single value, so the pooled SD has no degrees of freedom");
        sigma = std::sqrt(ss / df) / *c4(static_cast<long long>(df) + 1);
        break;
    }
    case SigmaMethod::MvlueR: {
        double num = 0, den = 0;
        for (const auto& g : groups) {
            const int n = static_cast<int>(g.n);
            const double w = (d2(n) / d3(n)) * (d2(n) / d3(n));
            num += w * g.range / d2(n);
            den += w;
        }
        sigma = num / den;
        break;
    }
    case SigmaMethod::MvlueS: {
        double num = 0, den = 0;
        for (const auto& g : groups) {
            const double c = *c4(static_cast<long long>(g.n));
            const double w = c * c / (1 - c * c);
            num += w * g.sd / c;
            den += w;
        }
        sigma = num / den;
        break;
    }
    default: break;
    }
    if (!(sigma > 0))
        return zeroSigma();
    return sigma;
}

Expected<double> estimateSigmaFromIndividuals(SigmaMethod method, std::span<const double> values,
                                              std::span<const std::uint8_t> use)
{
    if (!isIndividualsMethod(method))
        return makeError(ErrorCode::InvalidArgument, std::string("sigma method '") +
                                                         std::string(sigmaMethodName(method)) +
                                                         "' needs subgroups; for individual values use mr, "
                                                         "mr-median or sd");
    const auto used = [&](std::size_t i) { return use.empty() || use[i] != 0; };
    for (std::size_t i = 0; i < values.size(); ++i)
        if (used(i) && !std::isfinite(values[i]))
            return makeError(ErrorCode::NotFinite, "value " + std::to_string(i + 1) + " is not a finite number");

    double sigma = 0;
    if (method == SigmaMethod::SampleSd) {
        std::vector<double> kept;
        if (!use.empty()) {
            for (std::size_t i = 0; i < values.size(); ++i)
                if (used(i))
                    kept.push_back(values[i]);
        }
        const std::span<const double> v = use.empty() ? values : std::span<const double>(kept);
        if (v.size() < 2)
            return makeError(ErrorCode::TooFewValues, "at least 2 values are needed to estimate sigma");
        sigma = sampleSd(v) / *c4(static_cast<long long>(v.size()));
    } else {
        // Sum the moving ranges in one pass; the median needs them stored.
        const bool median = method == SigmaMethod::MedianMovingRange;
        std::vector<double> ranges;
        double sum = 0;
        std::size_t count = 0;
        for (std::size_t i = 1; i < values.size(); ++i) {
            if (!used(i) || !used(i - 1))
                continue;
            const double mr = std::fabs(values[i] - values[i - 1]);
            sum += mr;
            ++count;
            if (median)
                ranges.push_back(mr);
        }
        if (count == 0)
            return makeError(ErrorCode::TooFewValues,
                             "at least 2 consecutive values are needed to estimate sigma from moving ranges");
        if (median) {
            std::sort(ranges.begin(), ranges.end());
            const std::size_t m = ranges.size();
            const double med = m % 2 ? ranges[m / 2] : (ranges[m / 2 - 1] + ranges[m / 2]) / 2;
            sigma = med / medianMovingRangeConstant();
        } else {
            sigma = (sum / static_cast<double>(count)) / d2(2);
        }
    }
    if (!(sigma > 0))
        return zeroSigma();
    return sigma;
}

} // namespace gemba::stats
