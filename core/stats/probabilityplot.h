// The normal probability plot: plotting positions, the fitted line and its confidence band.
#pragma once

#include "error.h"

#include <cstddef>
#include <span>
#include <vector>

namespace gemba::stats {

// The pointwise confidence band of the fitted percentiles, at `z` (standard normal scores).
struct PercentileBand {
    std::vector<double> z;           // ascending
    std::vector<double> probability; // Φ(z)
    std::vector<double> fitted;      // x̂_p = mean + z·sd (the fitted line)
    std::vector<double> lower;       // x̂_p − z_α/2·SE(x̂_p)
    std::vector<double> upper;       // x̂_p + z_α/2·SE(x̂_p)
};

struct ProbabilityPlot {
    std::size_t n = 0;
    double mean = 0;
    double sd = 0;                    // sample SD (n-1)
    double confidenceLevel = 0.95;
    std::vector<double> values;       // sorted ascending
    std::vector<double> probability;  // plotting position of each sorted value
    std::vector<double> score;        // Φ⁻¹(probability): the y coordinate on normal paper
    PercentileBand band;
};

// Normal probability plot of `values` as Minitab's Graph > Probability Plot draws it (Minitab
// Help, "Probability Plot: Methods and formulas", "Method of obtaining probability plot
// points"):
//   plotting positions: median ranks by Benard's approximation p_i = (i − 0.3)/(n + 0.4),
//     i = 1..n over the sorted values (Minitab's default, File > Options > Probability Plots);
//   fitted line: x̂_p = x̄ + z_p·s with the sample mean and SD, the "Mean" and "StDev" that
//     Minitab shows beside a normal probability plot;
//   band: Minitab's percentile confidence limits for a location-scale distribution
//     ("Parametric Distribution Analysis: Percentiles"): x̂_p ± z_α/2·√Var(x̂_p) with
//     Var(x̂_p) = Var(μ̂) + z_p²·Var(σ̂) + 2z_p·Cov(μ̂, σ̂) from the ML estimates' variance–
//     covariance (inverse Fisher information). For a complete normal sample Var(μ̂) = σ²/n,
//     Var(σ̂) = σ²/(2n) and Cov = 0, so SE(x̂_p) = σ̂·√(1/n + z_p²/(2n)). We put σ̂ = s (the
//     SD the line uses) so band and line share one σ; the ML σ̂ = s·√((n−1)/n) would narrow the
//     band by that factor (under 0.5 % for n > 100).
// The band is given at `bandPoints` scores evenly from min(z_1, Φ⁻¹(0.01)) to
// max(z_n, Φ⁻¹(0.99)), so it spans the points and at least the 1st to 99th percentile.
// Errors: fewer than 2 values (EmptyData / TooFewValues), NaN/inf (NotFinite), all values
// equal (ZeroSigma), confidence outside (0, 1) or bandPoints < 2 (OutOfRange).
Expected<ProbabilityPlot> normalProbabilityPlot(std::span<const double> values, double confidence = 0.95,
                                               std::size_t bandPoints = 101);

// Median rank by Benard's approximation, (i − 0.3)/(n + 0.4), for 1-based rank i of n.
double benardMedianRank(std::size_t i, std::size_t n);

// Which points of a plot whose x and y both ascend (a probability plot) to draw so that the
// picture is unchanged at `cells` cells per axis: the first and last point, and each point
// that falls in another cell of the cells×cells grid over the data's range than the last one
// kept. At most about 2·cells indices, in order; all of them when there are fewer points.
std::vector<std::size_t> visiblePoints(std::span<const double> x, std::span<const double> y, std::size_t cells);

} // namespace gemba::stats
