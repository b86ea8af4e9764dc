// Histogram bins by Minitab's published bar-count rule with nice widths; the fitted normal curve.
#include "stats/histogram.h"

#include "stats/descriptive.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace gemba::stats {
namespace {

// Relative fuzz for "is a multiple of" and "is on a cut point" (see histogram.h).
constexpr double kFuzz = 1e-9;
// Granular bins are used up to this many bars (Minitab Technical Support, 1997).
constexpr std::int64_t kGranularMaxBins = 10;
// Exponents tried for the data's resolution 10^p, largest first.
constexpr int kHighestExponent = 15;
constexpr int kLowestExponent = -12;

// floor(q + 0.5) with the fuzz, so a value a rounding error below a cut point counts above it.
std::int64_t midpointIndex(double value, double width)
{
    const double t = value / width + 0.5;
    return static_cast<std::int64_t>(std::floor(t + kFuzz * std::max(1.0, std::abs(t))));
}

bool isMultipleOf(double value, double unit)
{
    if (value == 0)
        return true;
    const double q = value / unit;
    const double r = std::round(q);
    // A non-zero value is no multiple of a unit larger than itself (q near 0 would pass the fuzz).
    return r != 0 && std::abs(q - r) <= kFuzz * std::abs(q);
}

// The largest 10^p of which every value is a multiple, or 0 when there is none in range.
double resolutionOf(std::span<const double> values)
{
    for (int p = kHighestExponent; p >= kLowestExponent; --p) {
        const double unit = std::pow(10.0, p);
        if (std::all_of(values.begin(), values.end(), [unit](double v) { return isMultipleOf(v, unit); }))
            return unit;
    }
    return 0;
}

std::int64_t binCount(double lo, double hi, double width)
{
    return midpointIndex(hi, width) - midpointIndex(lo, width) + 1;
}

// The largest width {5, 2.5, 2, 1}·10^k giving at least `target` bins over [lo, hi].
double niceWidth(double lo, double hi, std::size_t target)
{
    static constexpr std::array<double, 4> kMantissas = {5.0, 2.5, 2.0, 1.0};
    const double range = hi - lo;
    int exponent = static_cast<int>(std::ceil(std::log10(range))) + 1;
    for (int guard = 0; guard < 400; ++guard, --exponent) {
        const double decade = std::pow(10.0, exponent);
        for (double m : kMantissas) {
            const double width = m * decade;
            if (binCount(lo, hi, width) >= static_cast<std::int64_t>(target))
                return width;
        }
    }
    return range / static_cast<double>(target);   // not reached for finite data
}

} // namespace

std::size_t minitabBarTarget(std::size_t n)
{
    return static_cast<std::size_t>(std::round(std::cbrt(16.0 * static_cast<double>(n)) + 0.5));
}

Curve normalDensityCurve(double mean, double sd, double scale, double from, double to, std::size_t points)
{
    Curve curve;
    if (!(sd > 0) || points < 2 || !(from < to))
        return curve;
    curve.x.resize(points);
    curve.y.resize(points);
    const double step = (to - from) / static_cast<double>(points - 1);
    const double norm = scale / (sd * std::sqrt(2 * std::numbers::pi));
    for (std::size_t i = 0; i < points; ++i) {
        const double x = i + 1 == points ? to : from + step * static_cast<double>(i);
        const double z = (x - mean) / sd;
        curve.x[i] = x;
        curve.y[i] = norm * std::exp(-0.5 * z * z);
    }
    return curve;
}

Expected<Histogram> histogram(std::span<const double> values, std::size_t curvePoints)
{
    if (values.empty())
        return makeError(ErrorCode::EmptyData, "a histogram needs at least one value");
    if (curvePoints < 2)
        return makeError(ErrorCode::InvalidArgument, "the normal curve needs at least two points");
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!std::isfinite(values[i]))
            return makeItemError(ErrorCode::NotFinite, "the values must be finite numbers", i, "value");

    Histogram h;
    h.n = values.size();
    const auto [minIt, maxIt] = std::minmax_element(values.begin(), values.end());
    const double lo = *minIt;
    const double hi = *maxIt;

    double width = 1;
    if (hi > lo) {
        const double unit = resolutionOf(values);
        if (unit > 0 && 1 + std::llround((hi - lo) / unit) <= kGranularMaxBins) {
            width = unit;
            h.granular = true;
        } else {
            width = niceWidth(lo, hi, minitabBarTarget(h.n));
        }
    }
    h.binWidth = width;

    if (hi == lo) {
        h.edges = {lo - 0.5 * width, lo + 0.5 * width};
        h.midpoints = {lo};
        h.counts = {h.n};
        h.mean = lo;
        return h;   // sd = 0: no curve
    }

    const std::int64_t first = midpointIndex(lo, width);
    const std::int64_t last = midpointIndex(hi, width);
    const auto bins = static_cast<std::size_t>(last - first + 1);
    h.counts.assign(bins, 0);
    h.midpoints.resize(bins);
    h.edges.resize(bins + 1);
    for (std::size_t b = 0; b < bins; ++b) {
        const double j = static_cast<double>(first + static_cast<std::int64_t>(b));
        h.midpoints[b] = j * width;
        h.edges[b] = (j - 0.5) * width;
    }
    h.edges[bins] = (static_cast<double>(last) + 0.5) * width;
    for (double v : values) {
        const std::int64_t b = std::clamp<std::int64_t>(midpointIndex(v, width) - first, 0,
                                                        static_cast<std::int64_t>(bins) - 1);
        ++h.counts[static_cast<std::size_t>(b)];
    }

    h.mean = mean(values);
    h.sd = h.n >= 2 ? sampleSd(values) : 0;
    if (h.sd > 0) {
        const double from = h.edges.front() - width;
        const double to = h.edges.back() + width;
        h.normalCurve = normalDensityCurve(h.mean, h.sd, static_cast<double>(h.n) * width, from, to, curvePoints);
    }
    return h;
}

} // namespace gemba::stats
