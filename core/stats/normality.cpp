// Normality tests: Anderson-Darling with mean and SD estimated from the data.
#include "stats/normality.h"

#include "stats/descriptive.h"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <numbers>
#include <string>
#include <vector>

namespace gemba::stats {
namespace {

// Below this z the normal tail is taken from its asymptotic series instead of erfc, whose
// result underflows to 0 near z = -38 (log 0 would make A² infinite).
constexpr double kAsymptoticTail = -35.0;

// ln Φ(z) for z < -35: Φ(z) = φ(z)/|z| · (1 - 1/z² + 3/z⁴ - 15/z⁶ + …) (Abramowitz & Stegun
// 26.2.12); the first omitted term, 105/z⁸, is below 6e-11 here.
double logLowerTailAsymptotic(double z)
{
    const double z2 = z * z;
    const double series = 1 - 1 / z2 + 3 / (z2 * z2) - 15 / (z2 * z2 * z2);
    return -0.5 * z2 - std::log(-z) - 0.5 * std::log(2 * std::numbers::pi) + std::log(series);
}

// ln Φ(z).
double logCdf(const boost::math::normal& normal, double z)
{
    if (z < kAsymptoticTail)
        return logLowerTailAsymptotic(z);
    return std::log(boost::math::cdf(normal, z));
}

// ln(1 - Φ(z)), from the complement so that the upper tail keeps its relative precision
// (1 - cdf() would cancel to 0 for z above about 8.3).
double logUpperTail(const boost::math::normal& normal, double z)
{
    if (-z < kAsymptoticTail)
        return logLowerTailAsymptotic(-z);
    return std::log(boost::math::cdf(boost::math::complement(normal, z)));
}

// p-value of the case-3 Anderson-Darling test (μ and σ estimated) from the adjusted statistic
// A*² = A²(1 + 0.75/n + 2.25/n²): D'Agostino & Stephens (1986), "Goodness-of-Fit Techniques",
// Table 4.9, as Minitab uses it ("Methods and Formulas: Normality test"):
//   A*² < 0.2:         p = 1 - exp(-13.436 + 101.14 A*² - 223.73 A*⁴)
//   0.2 ≤ A*² < 0.34:  p = 1 - exp(-8.318 + 42.796 A*² - 59.938 A*⁴)
//   0.34 ≤ A*² < 0.6:  p = exp(0.9177 - 4.279 A*² - 1.38 A*⁴)
//   A*² ≥ 0.6:         p = exp(1.2937 - 5.709 A*² + 0.0186 A*⁴)
// The last quadratic has its minimum at A*² = 5.709/(2·0.0186) ≈ 153.5 and rises beyond it;
// the p-value is held at that minimum (about 1e-190) so that it never grows with A*².
double andersonDarlingPValue(double a)
{
    double p = 0;
    if (a < 0.2) {
        p = -std::expm1(-13.436 + 101.14 * a - 223.73 * a * a);
    } else if (a < 0.34) {
        p = -std::expm1(-8.318 + 42.796 * a - 59.938 * a * a);
    } else if (a < 0.6) {
        p = std::exp(0.9177 - 4.279 * a - 1.38 * a * a);
    } else {
        const double turn = 5.709 / (2 * 0.0186);
        const double x = std::min(a, turn);
        p = std::exp(1.2937 - 5.709 * x + 0.0186 * x * x);
    }
    return std::clamp(p, 0.0, 1.0);
}

} // namespace

// A² = -n - (1/n) Σᵢ₌₁ⁿ (2i-1)[ln Φ(z₍ᵢ₎) + ln(1 - Φ(z₍ₙ₊₁₋ᵢ₎))], z₍ᵢ₎ = (x₍ᵢ₎ - x̄)/s with the
// sample SD s (n-1 divisor): Anderson & Darling (1954); D'Agostino & Stephens (1986), §4.8,
// case 3; Minitab "Methods and Formulas: Normality test". Errors: empty, n < 3, NaN/inf,
// s = 0 (all values equal).
Expected<AndersonDarling> andersonDarling(std::span<const double> values)
{
    if (values.empty())
        return makeError(ErrorCode::EmptyData, "no values");
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]))
            return makeError(ErrorCode::NotFinite,
                             "value " + std::to_string(i + 1) + " is not a finite number (NaN or infinity)");
    }
    const std::size_t count = values.size();
    if (count < 3)
        return makeError(ErrorCode::TooFewValues, "the Anderson-Darling test needs at least 3 values, got " +
                                                      std::to_string(count));

    const double m = mean(values);
    const double s = sampleSd(values);
    if (!std::isfinite(m) || !std::isfinite(s))
        return makeError(ErrorCode::OutOfRange, "the values are too large to be summed in double precision");
    if (!(s > 0))
        return makeError(ErrorCode::ZeroSigma, "all values are equal (SD = 0), so normality cannot be tested");

    std::vector<double> z(values.begin(), values.end());
    std::sort(z.begin(), z.end());
    for (double& v : z)
        v = (v - m) / s;

    AndersonDarling result;
    try {
        const boost::math::normal normal;
        double sum = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const double weight = static_cast<double>(2 * i + 1);   // 2i-1 with 1-based i
            sum += weight * (logCdf(normal, z[i]) + logUpperTail(normal, z[count - 1 - i]));
        }
        const double n = static_cast<double>(count);
        result.a2 = -n - sum / n;
        result.a2Adjusted = result.a2 * (1 + 0.75 / n + 2.25 / (n * n));
        result.pValue = andersonDarlingPValue(result.a2Adjusted);
    } catch (const std::exception& e) {
        return makeError(ErrorCode::OutOfRange, std::string("Anderson-Darling: ") + e.what());
    }
    return result;
}

} // namespace gemba::stats
