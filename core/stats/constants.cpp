// Control-chart constants: d2 and d3 from the distribution of the range of a normal sample,
// c4 from a gamma ratio, and the chart factors derived from them.
#include "stats/constants.h"

#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <exception>
#include <limits>
#include <string>

namespace gemba::stats {
namespace {

// ---------------------------------------------------------------------------------------------
// Quadrature layout, shared by every n so that the whole table costs one pass.
//
// Integrals over the whole real line use the trapezoid rule on x_k = k·h. Every such integrand
// here is analytic and decays like a Gaussian, and for those the equally spaced rule converges
// geometrically in 1/h (Trefethen & Weideman, "The exponentially convergent trapezoidal rule",
// SIAM Review 56 (2014) 385-458). Rebuilding the table with h = 0.1, with 15- or 30-point
// rules, with 0.25-wide panels or with a wider cut-off moves no d2 or d3 by more than 1.4e-15,
// i.e. the layout below is converged to rounding with margin, even at n = 100 where the
// extreme-value densities are narrowest (about 0.35 wide). The grid ends at |x| = 10 because
// φ(10) ≈ 8e-23.
//
// The joint density of (min, max) lives on the half plane y > x; the spread w = y - x runs over
// [0, kMaxSpread] with composite 20-point Gauss-Legendre panels (Boost.Math), which need no
// smoothness across w = 0. Beyond x² + y² = kNegligibleRadius2 the factor φ(x)φ(y) is below
// 3e-23, so those points are skipped; that circle also bounds the spread by 10·√2 < 14.5.
constexpr double kStep = 0.05;
constexpr int kHalfGrid = 200;   // x from -10 to 10
constexpr int kGridSize = 2 * kHalfGrid + 1;
constexpr double kNegligibleRadius2 = 100.0;
constexpr double kPanelWidth = 0.5;
constexpr int kPanels = 29;      // w from 0 to 14.5
constexpr double kMaxSpread = kPanelWidth * kPanels;
static_assert(kMaxSpread * kMaxSpread >= 2 * kNegligibleRadius2, "the spread must cover the circle");

using GaussLegendre = boost::math::quadrature::gauss<double, 20>;

constexpr double kInvSqrt2 = 0.70710678118654752440;
constexpr double kInvSqrt2Pi = 0.39894228040143267794;

// Both tails through erfc: 1 - Φ(x) computed as a difference would lose every digit for x > 8,
// and the range integrands are made of exactly those tails.
double lowerTail(double x) { return 0.5 * std::erfc(-x * kInvSqrt2); }   // Φ(x)
double upperTail(double x) { return 0.5 * std::erfc(x * kInvSqrt2); }    // 1 - Φ(x)
double density(double x) { return kInvSqrt2Pi * std::exp(-0.5 * x * x); }

struct GridPoint {
    double x = 0;
    double pdf = 0;
    double lower = 0;      // Φ(x)
    double upper = 0;      // 1 - Φ(x)
    double logLower = 0;   // log Φ(x), accurate in both tails
    double logUpper = 0;   // log(1 - Φ(x))
};

// Φ(y) - Φ(x) for x < y without cancellation: in a tail the difference of the two small tail
// probabilities is exact to rounding, whereas 0.99999... - 0.99999... is not.
double probabilityBetween(const GridPoint& p, double y, double lowerY, double upperY)
{
    if (p.x >= 0)
        return p.upper - upperY;
    if (y <= 0)
        return lowerY - p.lower;
    return 1.0 - (p.lower + upperY);
}

struct Table {
    std::array<ChartConstants, kMaxSubgroupSize + 1> rows{};
};

ChartConstants deriveFactors(int n, double d2Value, double d3Value, double c4Value)
{
    // Factor definitions: Montgomery, "Introduction to Statistical Quality Control", Appendix VI
    // and ASTM E2587, Table 1 (3-sigma limits; negative lower limits are reported as 0 because a
    // range or standard deviation cannot be negative).
    ChartConstants c;
    c.n = n;
    c.d2 = d2Value;
    c.d3 = d3Value;
    c.c4 = c4Value;
    const double rootN = std::sqrt(static_cast<double>(n));
    c.A2 = 3.0 / (d2Value * rootN);
    c.A3 = 3.0 / (c4Value * rootN);
    c.E2 = 3.0 / d2Value;
    const double sdOfS = std::sqrt(1.0 - c4Value * c4Value);   // SD of S/σ
    c.B3 = std::max(0.0, 1.0 - 3.0 * sdOfS / c4Value);
    c.B4 = 1.0 + 3.0 * sdOfS / c4Value;
    c.B5 = std::max(0.0, c4Value - 3.0 * sdOfS);
    c.B6 = c4Value + 3.0 * sdOfS;
    c.D1 = std::max(0.0, d2Value - 3.0 * d3Value);
    c.D2 = d2Value + 3.0 * d3Value;
    c.D3 = std::max(0.0, 1.0 - 3.0 * d3Value / d2Value);
    c.D4 = 1.0 + 3.0 * d3Value / d2Value;
    return c;
}

// Builds d2, d3 (and the derived factors) for every n in 2..100 in one pass.
//
// Range of n iid N(0,1) values, W = X(n) - X(1) (Tippett 1925, "On the extreme individuals and
// the range of samples taken from a normal population", Biometrika 17, 364-387; the same
// integrals behind the tables of Harter 1960, Montgomery Appendix VI and ASTM E2587):
//   d2 = E[W] = ∫ [1 - Φ(x)^n - (1 - Φ(x))^n] dx.
// The integrand is even, so only x >= 0 is evaluated, where 1 - Φ(x)^n = -expm1(n·log1p(-Q))
// keeps its digits for large x instead of subtracting two numbers close to 1.
//
// d3 = SD[W]. The textbook route sqrt(E[W²] - d2²) subtracts two numbers that agree to two
// digits at n = 100 (25.5 vs 25.2). Instead the variance is assembled from centred moments:
//   Var W = Var X(n) + Var X(1) - 2 Cov(X(1), X(n)) = 2 Var X(n) - 2 Cov(X(1), X(n))
// (by symmetry X(1) has the law of -X(n)), with
//   Var X(n)       = n ∫ (x - μ)² φ(x) Φ(x)^(n-1) dx,                    μ = E X(n) = d2/2
//   Cov(X(1),X(n)) = n(n-1) ∫∫_{x<y} (x + μ)(y - μ) φ(x) φ(y) [Φ(y) - Φ(x)]^(n-2) dx dy,
// using the joint density of the sample minimum and maximum (David & Nagaraja, "Order
// Statistics", 3rd ed., Section 2.2). Centring at μ keeps every term of the order of the result;
// an error ε in μ only shows up as ε².
Table buildTable()
{
    constexpr int kCount = kMaxSubgroupSize + 1;

    std::array<GridPoint, kGridSize> grid{};
    for (int k = 0; k < kGridSize; ++k) {
        GridPoint& p = grid[k];
        p.x = (k - kHalfGrid) * kStep;
        p.pdf = density(p.x);
        p.lower = lowerTail(p.x);
        p.upper = upperTail(p.x);
        p.logLower = p.x < 0 ? std::log(p.lower) : std::log1p(-p.upper);
        p.logUpper = p.x > 0 ? std::log(p.upper) : std::log1p(-p.lower);
    }

    std::array<double, kCount> d2Values{}, meanMax{}, varMax{};
    for (int n = kMinSubgroupSize; n <= kMaxSubgroupSize; ++n) {
        const double dn = n;
        double sum = 0;
        for (int k = kGridSize - 1; k >= kHalfGrid; --k) {   // small terms first
            const GridPoint& p = grid[k];
            const double term = -std::expm1(dn * p.logLower) - std::exp(dn * p.logUpper);
            sum += k == kHalfGrid ? term : 2.0 * term;
        }
        d2Values[n] = kStep * sum;
        meanMax[n] = 0.5 * d2Values[n];

        const double mu = meanMax[n];
        double var = 0;
        for (const GridPoint& p : grid) {
            const double dx = p.x - mu;
            var += dx * dx * p.pdf * std::exp((dn - 1.0) * p.logLower);
        }
        varMax[n] = dn * kStep * var;
    }

    // Cov(X(1), X(n)) for every n at once: along each (x, w) node the powers [Φ(y) - Φ(x)]^(n-2)
    // are built by repeated multiplication, and the run stops as soon as the term can no longer
    // matter (it only shrinks as n grows), which also keeps the loop out of subnormal numbers.
    const auto& abscissa = GaussLegendre::abscissa();
    const auto& weights = GaussLegendre::weights();
    std::array<double, kCount> cov{};
    for (int panel = 0; panel < kPanels; ++panel) {
        const double half = 0.5 * kPanelWidth;
        const double mid = (panel + 0.5) * kPanelWidth;
        for (std::size_t i = 0; i < abscissa.size(); ++i) {
            for (int sign = -1; sign <= 1; sign += 2) {
                if (sign > 0 && abscissa[i] == 0)
                    continue;   // the centre node of an odd rule is counted once
                const double w = mid + sign * half * abscissa[i];
                const double nodeWeight = kStep * half * weights[i];
                // Summing each line of constant w on its own first keeps the rounding error of
                // some 10^5 additions near 1e-16 instead of 1e-14.
                std::array<double, kCount> line{};
                for (const GridPoint& p : grid) {
                    const double y = p.x + w;
                    if (p.x * p.x + y * y > kNegligibleRadius2)
                        continue;
                    const double lowerY = lowerTail(y);
                    const double upperY = upperTail(y);
                    const double between = probabilityBetween(p, y, lowerY, upperY);
                    const double base = nodeWeight * p.pdf * density(y);
                    double power = 1.0;   // [Φ(y) - Φ(x)]^(n-2), starting at n = 2
                    for (int n = kMinSubgroupSize; n <= kMaxSubgroupSize; ++n) {
                        const double mu = meanMax[n];
                        const double term = base * power;
                        line[n] += term * (p.x + mu) * (y - mu);
                        if (term < 1e-40)   // times n(n-1)(x+μ)(y-μ) < 1e6: below 1e-34
                            break;
                        power *= between;
                    }
                }
                for (int n = kMinSubgroupSize; n <= kMaxSubgroupSize; ++n)
                    cov[n] += line[n];
            }
        }
    }

    Table table;
    for (int n = kMinSubgroupSize; n <= kMaxSubgroupSize; ++n) {
        const double dn = n;
        const double covMinMax = dn * (dn - 1.0) * cov[n];
        const double varRange = 2.0 * (varMax[n] - covMinMax);
        const auto c4Value = c4(n);   // cannot fail for n >= 2; NaN would show in every check
        table.rows[n] = deriveFactors(n, d2Values[n], std::sqrt(varRange),
                                      c4Value ? *c4Value : std::numeric_limits<double>::quiet_NaN());
    }
    return table;
}

const Table& table()
{
    // Built on first use: the chart code calls d2()/d3() in hot loops and pays one lookup; the
    // magic static makes concurrent first calls wait for a single build (C++11 [stmt.dcl]/4).
    static const Table instance = buildTable();
    return instance;
}

bool inTableRange(int n) { return n >= kMinSubgroupSize && n <= kMaxSubgroupSize; }

} // namespace

Expected<ChartConstants> chartConstants(int n)
{
    if (!inTableRange(n))
        return makeError(ErrorCode::OutOfRange, "subgroup size " + std::to_string(n) + " is outside " +
                                                    std::to_string(kMinSubgroupSize) + ".." +
                                                    std::to_string(kMaxSubgroupSize));
    return table().rows[n];
}

double d2(int n)
{
    // Same table as chartConstants (Tippett 1925; Montgomery Appendix VI). A release build has no
    // assert, so an unchecked bad n yields NaN rather than reading outside the table.
    assert(inTableRange(n));
    return inTableRange(n) ? table().rows[n].d2 : std::numeric_limits<double>::quiet_NaN();
}

double d3(int n)
{
    // See d2(): SD of the normal range (Tippett 1925; Montgomery Appendix VI).
    assert(inTableRange(n));
    return inTableRange(n) ? table().rows[n].d3 : std::numeric_limits<double>::quiet_NaN();
}

Expected<double> c4(long long n)
{
    // c4 = E[S/σ] = sqrt(2/(n-1)) Γ(n/2) / Γ((n-1)/2) (Montgomery, Chapter 6 and Appendix VI;
    // ASTM E2587). Γ(n/2) overflows a double for n > 343, and a difference of lgamma values
    // loses the digits that make c4 differ from 1 for large n, so the ratio is taken directly:
    // tgamma_delta_ratio(a, ½) = Γ(a)/Γ(a + ½) with a = (n-1)/2.
    if (n < 2)
        return makeError(ErrorCode::OutOfRange,
                         "c4 needs a sample size of at least 2, got " + std::to_string(n));
    try {
        const double degrees = static_cast<double>(n - 1);
        const double ratio = boost::math::tgamma_delta_ratio(0.5 * degrees, 0.5);
        const double value = std::sqrt(2.0 / degrees) / ratio;
        if (!std::isfinite(value))
            return makeError(ErrorCode::OutOfRange, "c4 is not finite for n = " + std::to_string(n));
        return value;
    } catch (const std::exception& e) {
        return makeError(ErrorCode::OutOfRange,
                         "c4 could not be computed for n = " + std::to_string(n) + ": " + e.what());
    }
}

} // namespace gemba::stats
