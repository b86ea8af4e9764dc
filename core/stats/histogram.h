// Histogram bins chosen the way Minitab chooses them, and the fitted normal curve over them.
#pragma once

#include "error.h"

#include <cstddef>
#include <span>
#include <vector>

namespace gemba::stats {

// A curve ready to draw: x ascending, y the value at each x.
struct Curve {
    std::vector<double> x;
    std::vector<double> y;
};

struct Histogram {
    std::size_t n = 0;
    double binWidth = 0;
    std::vector<double> edges;          // bins + 1 ascending cut points; bin i is [edges[i], edges[i+1])
    std::vector<double> midpoints;      // one per bin
    std::vector<std::size_t> counts;    // one per bin; they add up to n
    bool granular = false;              // bins from the data's own resolution (see below)
    double mean = 0;                    // of the values
    double sd = 0;                      // sample SD (n-1); 0 for n = 1
    Curve normalCurve;                  // fitted normal density scaled to counts (empty when sd = 0)
};

// The number of bars Minitab aims at for n values: round((16n)^(1/3) + 0.5) (Minitab
// Technical Support, A. Haines, answer to J. Cryer, 1997, "How does Minitab choose class
// intervals for a histogram": the lower bound on the bars; Minitab gets "as close to the lower
// bound as it can" with nice midpoints, and at most lower bound + round(n/2) bars).
std::size_t minitabBarTarget(std::size_t n);

// Bins for `values` following that rule:
//   granular data: the largest p such that every value is an integer multiple of 10^p (with a
//     relative fuzz of 1e-9); if 1 + round(range/10^p) ≤ 10, the midpoints run from min to max
//     in steps of 10^p (e.g. times recorded in whole seconds: one bar per second);
//   otherwise the bin width is the largest "nice" number {1, 2, 2.5, 5}·10^k whose midpoints,
//     the multiples of the width, give at least minitabBarTarget(n) bins over [min, max].
// (Minitab's own nice-number algorithm is not published; this is the documented rule with
// the usual 1-2-2.5-5 nice widths, so bin counts may differ from Minitab's by a bar or two.)
// A value on a cut point is counted in the upper bin (bins are closed on the left), up to
// that fuzz, so 0.3 lands in [0.3, 0.4) although 0.3/0.1 is 2.9999999999999996 in doubles.
// All values equal: one bin of width 1 (or the data's 10^p) centred on the value.
// The normal curve is N(mean, sd) scaled by n·width so its area equals the bars' area;
// `curvePoints` points evenly from one bin width below the first edge to one above the last,
// the span the bars are drawn over (as Minitab draws the fit over the histogram's x axis).
// Errors: empty (EmptyData), NaN/inf (NotFinite), curvePoints < 2 (InvalidArgument).
Expected<Histogram> histogram(std::span<const double> values, std::size_t curvePoints = 201);

// The normal density N(mean, sd) times `scale`, at `points` points evenly over [from, to]:
// with scale = n·binWidth it is drawn over a histogram of counts. Empty when sd ≤ 0, points < 2
// or from ≥ to.
Curve normalDensityCurve(double mean, double sd, double scale, double from, double to, std::size_t points);

} // namespace gemba::stats
