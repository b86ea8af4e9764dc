// Shewhart control charts: I-MR, X̄-R, X̄-S, p, np, c, u, as plot-ready data.
#pragma once

#include "error.h"
#include "stats/sigmaestimator.h"
#include "stats/specialcausetests.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace gemba::stats {

enum class ChartType { IMR, XbarR, XbarS, P, NP, C, U };

std::string_view chartTypeName(ChartType type);   // "imr", "xbar-r", ...
std::optional<ChartType> parseChartType(std::string_view name);
bool isAttributeChart(ChartType type);
SigmaMethod defaultSigmaMethod(ChartType type);   // mr, rbar, sbar; Binomial/Poisson for attributes

// A line over the points: one value for all of them, or one per point.
struct Line {
    std::vector<double> values;
    double at(std::size_t i) const { return values.size() == 1 ? values[0] : values[i]; }
    bool isConstant() const { return values.size() == 1; }
};

// One chart, ready to draw: every point with its own center, limits and σ.
struct ControlChart {
    std::string name;              // "i", "mr", "xbar", "r", "s", "p", "np", "c", "u"
    double center = 0;             // the center line, or NaN when it varies with the size
    double sigma = 0;              // process σ (variables charts) or the σ per unit (attributes)
    SigmaMethod sigmaMethod = SigmaMethod::AverageMovingRange;
    double nsigmas = 3;
    std::size_t firstObservation = 0;   // index of the analysis point the first value belongs to (MR: 1)

    std::vector<double> values;          // the plotted statistic
    std::vector<double> sizes;           // per point, or one entry when all are equal
    Line centerLine, lcl, ucl;
    Line sd;                             // σ of the plotted statistic (zones are center ± 1, 2 sd)
    std::vector<std::uint16_t> tests;    // bit (t-1) set when test t flags the point
    RuleSet rules;                       // the tests that ran on this chart (see below)

    std::size_t size() const { return values.size(); }
    double sizeAt(std::size_t i) const { return sizes.size() == 1 ? sizes[0] : sizes[i]; }
    bool limitsVary() const { return !lcl.isConstant() || !ucl.isConstant() || !centerLine.isConstant(); }
};

// Options shared by every chart.
struct ChartOptions {
    std::optional<SigmaMethod> sigmaMethod;   // default: defaultSigmaMethod(type)
    double nsigmas = 3;                        // k: limits at center ± kσ
    std::optional<double> knownCenter;         // historical center (X̄/I: μ; p/np: p; c: c; u: u)
    std::optional<double> knownSigma;          // historical σ (variables charts only)
    RuleSet rules = RuleSet::westernElectric();
    // The MR chart's tests; default: test 1 of `rules` only. Capped to tests 1-4 either way.
    std::optional<RuleSet> movingRangeRules;
};

// The tests that run on each chart (the convention and its sources are in specialcausetests.h):
//   I, X̄:                  every test of the chosen set (ChartOptions::rules)
//   R, S, p, np, c, u:     the chosen set's tests 1-4
//   MR:                    the chosen set's test 1, or movingRangeRules' tests 1-4 when given
// ControlChart::rules holds what ran; ChartAnalysis::rules the set as chosen.

// Phase and estimation flags, one entry per analysis point (observation for I-MR, subgroup
// for X̄ charts, sample for attribute charts). Empty vectors mean "all phase I, none excluded".
struct PointFlags {
    std::vector<std::uint8_t> phase;      // 1: phase I (limits are estimated from it), 2: phase II
    std::vector<std::uint8_t> excluded;   // 1: plotted and tested, but left out of the estimates
};

// The charts of one analysis, in drawing order (i, mr; xbar, r; xbar, s; or one attribute chart).
struct ChartAnalysis {
    ChartType type = ChartType::IMR;
    RuleSet rules;                     // the chosen set; each chart's own rules say what ran
    std::size_t pointCount = 0;
    PointFlags flags;                  // as given, for reporting phase per point
    std::vector<ControlChart> charts;

    int phaseOf(std::size_t point) const { return flags.phase.empty() ? 1 : flags.phase[point]; }
};

// I-MR charts of individual values (Montgomery §6.4; Minitab "I-MR Chart").
//   I:  center μ̂ (mean of the phase I values), limits μ̂ ± kσ̂.
//   MR: moving ranges |xᵢ - xᵢ₋₁| from the second value on; center d2(2)σ̂, limits
//       (d2(2) ± k·d3(2))σ̂ with LCL at least 0 (= MR̄, D3·MR̄, D4·MR̄ with the mr method).
// σ̂ by mr (default), mr-median or sd over the phase I values that are not excluded; a
// moving range counts only when both of its values do. Takes the values by value so a big
// series is moved, not copied, into the I chart.
Expected<ChartAnalysis> individualsCharts(std::vector<double> values, const PointFlags& flags,
                                          const ChartOptions& options);

// X̄-R or X̄-S charts of subgroups; subgroup g is values[offsets[g], offsets[g+1]).
// Unequal sizes give stair-step limits (Minitab "Xbar-R Chart", Methods and Formulas):
//   X̄: center = mean of all phase I observations (size-weighted), limits center ± kσ̂/√nᵢ
//   R: center d2(nᵢ)σ̂, limits (d2(nᵢ) ± k·d3(nᵢ))σ̂, LCL at least 0
//   S: center c4(nᵢ)σ̂, limits σ̂(c4(nᵢ) ± k√(1-c4(nᵢ)²)), LCL at least 0
// With equal sizes these are the textbook R̄, D3R̄, D4R̄ and S̄, B3S̄, B4S̄ lines. σ̂ by rbar
// (X̄-R default), sbar (X̄-S default), pooled, mvlue-r or mvlue-s. Subgroups need 2 or more
// values (2..100 for range charts).
Expected<ChartAnalysis> subgroupCharts(ChartType type, const std::vector<double>& values,
                                       const std::vector<std::size_t>& offsets, const PointFlags& flags,
                                       const ChartOptions& options);

// Attribute charts (Montgomery ch. 7; Minitab "P Chart", "U Chart"):
//   p:  p̄ = ΣDᵢ/Σnᵢ, limits p̄ ± k√(p̄(1-p̄)/nᵢ) clipped to [0, 1]
//   np: center nᵢp̄, limits nᵢp̄ ± k√(nᵢp̄(1-p̄)) clipped to [0, nᵢ]
//   c:  c̄ = mean count, limits c̄ ± k√c̄, LCL at least 0; all samples must be the same size
//   u:  ū = Σcᵢ/Σnᵢ, limits ū ± k√(ū/nᵢ), LCL at least 0
// Sums run over phase I samples not excluded. `sizes` may be empty for c charts.
// Errors: negative or fractional counts, a size ≤ 0 (or fractional for p/np), more
// defectives than the sample size, p̄ = 0 or 1, c̄ = 0 (the limits would be degenerate).
Expected<ChartAnalysis> attributeChart(ChartType type, std::span<const double> counts,
                                       std::span<const double> sizes, const PointFlags& flags,
                                       const ChartOptions& options);

} // namespace gemba::stats
