// Estimators of the process standard deviation σ for control charts and capability.
#pragma once

#include "error.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace gemba::stats {

enum class SigmaMethod {
    AverageMovingRange,   // "mr":        MR̄ / d2(2)                    (Minitab default, qcc "MR")
    MedianMovingRange,    // "mr-median": median(MR) / d4(2), d4(2) = √2·Φ⁻¹(0.75) = 0.9538725524
    SampleSd,             // "sd":        S / c4(n) of the individual values (qcc "SD")
    RBar,                 // "rbar":      mean of Rᵢ/d2(nᵢ), unweighted  (qcc UWAVE-R, JMP, SAS)
    SBar,                 // "sbar":      mean of Sᵢ/c4(nᵢ), unweighted  (qcc UWAVE-SD)
    PooledSd,             // "pooled":    √(Σ(nᵢ-1)Sᵢ² / Σ(nᵢ-1)) / c4(Σ(nᵢ-1)+1)  (Minitab, qcc RMSDF)
    MvlueR,               // "mvlue-r":   Σwᵢ Rᵢ/d2ᵢ / Σwᵢ, wᵢ = (d2ᵢ/d3ᵢ)²      (Burr 1969)
    MvlueS,               // "mvlue-s":   Σwᵢ Sᵢ/c4ᵢ / Σwᵢ, wᵢ = c4ᵢ²/(1-c4ᵢ²)
    Known,                // given by the user (historical σ)
    Binomial,             // attribute charts: σ follows from p̄ (p, np)
    Poisson,              // attribute charts: σ follows from c̄ or ū (c, u)
};

std::string_view sigmaMethodName(SigmaMethod method);          // "mr", "rbar", ...
std::string_view sigmaMethodDescription(SigmaMethod method);   // formula in words
std::optional<SigmaMethod> parseSigmaMethod(std::string_view name);
bool isIndividualsMethod(SigmaMethod method);   // mr, mr-median, sd
bool isSubgroupMethod(SigmaMethod method);      // rbar, sbar, pooled, mvlue-r, mvlue-s

// Size, range and SD (n-1, two-pass) of one subgroup.
struct SubgroupSummary {
    std::size_t n = 0;
    double mean = 0;
    double range = 0;
    double sd = 0;   // 0 for n = 1
};
SubgroupSummary summarizeSubgroup(std::span<const double> values);

// σ from subgroups by a subgroup method. Every subgroup must have 2..100 values for the
// range methods (d2, d3 are defined there) and at least 2 for sbar and the MVLUEs; the pooled
// SD also takes subgroups of one, which add no degrees of freedom (as Minitab).
// Errors: no subgroups, an empty subgroup, a subgroup of one (except pooled), a size outside
// 2..100 (range methods), no degrees of freedom, σ = 0 (ZeroSigma).
Expected<double> estimateSigmaFromSubgroups(SigmaMethod method, std::span<const SubgroupSummary> groups);

// σ from individual values by an individuals method. `use` (optional, one flag per value)
// marks the values that take part; a moving range counts only when both of its values do.
// Errors: fewer than 2 usable values (or moving ranges), σ = 0, NaN.
Expected<double> estimateSigmaFromIndividuals(SigmaMethod method, std::span<const double> values,
                                              std::span<const std::uint8_t> use = {});

// Median moving range constant d4(2) = √2·Φ⁻¹(3/4): the median of |X₁-X₂| for standard normals.
double medianMovingRangeConstant();

} // namespace gemba::stats
