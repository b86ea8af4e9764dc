// Descriptive statistics of one sample: location, spread, quantiles, intervals.
#include "stats/descriptive.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <string>
#include <vector>

namespace gemba::stats {
namespace {

// Σ xᵢ / n, then one correction pass: m + Σ(xᵢ - m)/n. The second pass recovers the
// rounding error of the first sum (Chan, Golub & LeVeque 1983; Higham, "Accuracy and
// Stability of Numerical Algorithms", 2nd ed., §1.9), which NIST NumAcc3/4 need.
double compensatedMean(std::span<const double> values)
{
    const double n = static_cast<double>(values.size());
    double sum = 0;
    for (double x : values)
        sum += x;
    const double m = sum / n;
    double correction = 0;
    for (double x : values)
        correction += x - m;
    return m + correction / n;
}

// Corrected two-pass sum of squared deviations about `m`:
// Σ(xᵢ - m)² - (Σ(xᵢ - m))²/n (Chan, Golub & LeVeque 1983, eq. 1.7). The second term removes
// the error left by a mean that is not exactly the mean of the stored doubles.
double sumSquaredDeviations(std::span<const double> values, double m)
{
    double sumSq = 0, sum = 0;
    for (double x : values) {
        const double d = x - m;
        sumSq += d * d;
        sum += d;
    }
    const double ss = sumSq - sum * sum / static_cast<double>(values.size());
    return ss > 0 ? ss : 0.0;
}

std::string countText(std::size_t n) { return std::to_string(n); }

} // namespace

double mean(std::span<const double> values)
{
    if (values.empty())
        return std::nan("");
    return compensatedMean(values);
}

double sampleSd(std::span<const double> values)
{
    if (values.size() < 2)
        return std::nan("");
    const double m = compensatedMean(values);
    return std::sqrt(sumSquaredDeviations(values, m) / static_cast<double>(values.size() - 1));
}

// Hyndman & Fan (1996) sample quantiles on sorted x₁ ≤ … ≤ xₙ (1-based):
//   type 6 (Minitab): h = p(n+1);      type 7 (R, Excel): h = (n-1)p + 1;
//   Q = x_⌊h⌋ + (h - ⌊h⌋)(x_⌊h⌋+1 - x_⌊h⌋), clamped to x₁ for h < 1 and to xₙ for h ≥ n.
// Edge cases: n = 1 gives x₁ for every p; p outside [0, 1] is clamped into it; n = 0 gives NaN.
double quantileSorted(std::span<const double> sorted, double p, QuantileMethod method)
{
    const std::size_t n = sorted.size();
    if (n == 0 || std::isnan(p))
        return std::nan("");
    p = std::clamp(p, 0.0, 1.0);
    const double nd = static_cast<double>(n);
    const double h = method == QuantileMethod::Type6 ? p * (nd + 1) : (nd - 1) * p + 1;
    if (h <= 1)
        return sorted.front();
    if (h >= nd)
        return sorted.back();
    const double lower = std::floor(h);
    const auto i = static_cast<std::size_t>(lower);   // 1-based index of x_⌊h⌋, 1 <= i < n
    const double a = sorted[i - 1], b = sorted[i];
    return a + (h - lower) * (b - a);
}

// Sources: mean and variance as above (corrected two-pass); lag-1 autocorrelation as NIST
// StRD defines it, r₁ = Σᵢ₌₂ⁿ (yᵢ-ȳ)(yᵢ₋₁-ȳ) / Σᵢ₌₁ⁿ (yᵢ-ȳ)²; intervals as in Minitab
// "Methods and Formulas: 1-Sample t" (x̄ ± t(1-α/2, n-1) s/√n) and "1 Variance" (chi-square:
// s√((n-1)/χ²(1-α/2, n-1)) .. s√((n-1)/χ²(α/2, n-1))); quartiles Q1 = Q(0.25), Q3 = Q(0.75).
// All values equal: sd = 0, both intervals collapse to a point, autocorrelation is NaN.
Expected<Descriptive> describe(std::span<const double> values, double confidence, QuantileMethod method)
{
    if (values.empty())
        return makeError(ErrorCode::EmptyData, "no values");
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]))
            return makeError(ErrorCode::NotFinite,
                             "value " + countText(i + 1) + " is not a finite number (NaN or infinity)");
    }
    if (values.size() < 2)
        return makeError(ErrorCode::TooFewValues, "only 1 value; descriptive statistics need at least 2");
    if (!(confidence > 0 && confidence < 1))
        return makeError(ErrorCode::OutOfRange, "the confidence level must lie strictly between 0 and 1");

    Descriptive d;
    d.n = values.size();
    d.confidenceLevel = confidence;
    const double n = static_cast<double>(d.n);

    d.mean = compensatedMean(values);
    const double ss = sumSquaredDeviations(values, d.mean);
    d.variance = ss / (n - 1);
    d.sd = std::sqrt(d.variance);
    if (!std::isfinite(d.mean) || !std::isfinite(d.variance))
        return makeError(ErrorCode::OutOfRange, "the values are too large to be summed in double precision");

    // Σ(yᵢ-ȳ)(yᵢ₋₁-ȳ) over the same deviations as the variance.
    double lagSum = 0, devSq = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double di = values[i] - d.mean;
        devSq += di * di;
        if (i > 0)
            lagSum += di * (values[i - 1] - d.mean);
    }
    d.autocorrelationLag1 = devSq > 0 ? lagSum / devSq : std::nan("");

    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    d.min = sorted.front();
    d.max = sorted.back();
    d.range = d.max - d.min;
    d.median = quantileSorted(sorted, 0.5, method);
    d.q1 = quantileSorted(sorted, 0.25, method);
    d.q3 = quantileSorted(sorted, 0.75, method);

    const double alpha = 1 - confidence;
    const double df = n - 1;
    try {
        const boost::math::students_t t(df);
        const double tq = boost::math::quantile(boost::math::complement(t, alpha / 2));
        const double half = tq * d.sd / std::sqrt(n);
        d.meanInterval = {d.mean - half, d.mean + half};

        const boost::math::chi_squared chi(df);
        const double chiLow = boost::math::quantile(chi, alpha / 2);
        const double chiHigh = boost::math::quantile(boost::math::complement(chi, alpha / 2));
        d.sdInterval = {d.sd * std::sqrt(df / chiHigh), d.sd * std::sqrt(df / chiLow)};
    } catch (const std::exception& e) {
        return makeError(ErrorCode::OutOfRange, std::string("confidence interval: ") + e.what());
    }
    return d;
}

} // namespace gemba::stats
