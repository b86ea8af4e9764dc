// Process capability (Cp, Cpk, Cpm, Pp, Ppk, Ppm with intervals, PPM, Z.bench) and the
// within-subgroup sigma estimators it needs.
#pragma once

#include "error.h"
#include "stats/sigmaestimator.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gemba::stats {

// Specification limits; at least one of lsl/usl. The target is optional and never made up:
// without one, Cpm and Ppm are not defined (Minitab "Capability Analysis (Normal)" computes Cpm
// only when a target is specified; qcc would take the midpoint of the limits — pass that
// midpoint as the target explicitly to reproduce qcc).
struct SpecLimits {
    std::optional<double> lsl;
    std::optional<double> usl;
    std::optional<double> target;
};

// A capability index and its two-sided confidence interval.
struct IndexEstimate {
    double value = 0;
    double lower = 0;   // NaN where the interval is not defined (index exactly 0)
    double upper = 0;
};

// Parts per million outside the limits; a side without a limit is nullopt.
struct PartsPerMillion {
    std::optional<double> belowLsl;
    std::optional<double> aboveUsl;
    double total = 0;
};

struct Capability {
    std::size_t n = 0;
    double mean = 0;
    double sigmaWithin = 0;          // given by the caller
    double sigmaOverall = 0;         // sample SD (n-1) of all values
    std::string sigmaMethod;         // how sigmaWithin was estimated ("pooled", "rbar", ...)
    std::optional<double> lsl, usl, target;   // target: the given one only (never defaulted)
    double confidenceLevel = 0.95;

    // nullopt where not defined: Cp, Pp, Cpm, Ppm need both limits (and a target for Cpm/Ppm);
    // Cpl/Ppl need the LSL, Cpu/Ppu the USL; Cpk/Ppk are the smaller of those available.
    std::optional<IndexEstimate> cp, cpl, cpu, cpk, cpm;
    std::optional<IndexEstimate> pp, ppl, ppu, ppk, ppm;

    PartsPerMillion ppmWithin;     // normal curve with mean and sigmaWithin
    PartsPerMillion ppmOverall;    // normal curve with mean and sigmaOverall
    PartsPerMillion ppmObserved;   // share of the values strictly outside the limits

    double zBenchWithin = 0;       // Φ⁻¹(1 - expected fraction outside), sigmaWithin
    double zBenchOverall = 0;      // the same with sigmaOverall
};

// Capability of `values` (all individual observations) against `spec`, following qcc 3.0
// processCapability() and Minitab "Capability Analysis (Normal)":
//   Cp = (USL-LSL)/6σw, Cpu = (USL-x̄)/3σw, Cpl = (x̄-LSL)/3σw, Cpk = min(Cpl, Cpu),
//   Cpm = Cp/√(1 + ((x̄-T)/σw)²); Pp… the same with σo = sample SD of the values.
// Cpm/Ppm follow Minitab: defined only for a target given in `spec` (and both limits); unlike
// qcc, no target is assumed at the midpoint of the limits.
// Errors: empty, n < 2, NaN/inf in values or limits, no limit, LSL ≥ USL, σw not > 0 or
// σo = 0 (ZeroSigma), confidence outside (0, 1).
Expected<Capability> processCapability(std::span<const double> values, double sigmaWithin,
                                       std::string sigmaMethod, const SpecLimits& spec,
                                       double confidence = 0.95);

// σ within for capability from subgroups (Minitab "Capability Analysis (Normal): Methods and
// Formulas"), by the shared estimators in sigmaestimator.h: a subgroup method (pooled, rbar,
// sbar, mvlue-r, mvlue-s) over the subgroups, or an individuals method (mr, mr-median) over
// the values of all subgroups taken in order as one series (pass subgroups of one).
// Errors: those of estimateSigmaFromSubgroups / estimateSigmaFromIndividuals, including
// ZeroSigma when the data has no within variation.
Expected<double> estimateWithinSigma(std::span<const std::vector<double>> subgroups, SigmaMethod method);

} // namespace gemba::stats
