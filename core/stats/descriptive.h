// Descriptive statistics of one sample: location, spread, quantiles, intervals.
#pragma once

#include "error.h"

#include <cstddef>
#include <span>

namespace gemba::stats {

// Quantile definitions of Hyndman & Fan (1996), "Sample quantiles in statistical packages".
enum class QuantileMethod {
    Type6,   // position p(n+1): Minitab, SPSS (default)
    Type7,   // position 1+p(n-1): R and Excel default
};

struct Interval {
    double lower = 0;
    double upper = 0;
};

struct Descriptive {
    std::size_t n = 0;
    double mean = 0;
    double variance = 0;   // n-1 divisor
    double sd = 0;
    double min = 0, max = 0, range = 0;
    double median = 0, q1 = 0, q3 = 0;
    double autocorrelationLag1 = 0;   // NaN when all values are equal
    double confidenceLevel = 0.95;
    Interval meanInterval;            // Student t
    Interval sdInterval;              // chi-square
};

// Mean by a compensated two-pass algorithm; variance by the corrected two-pass formula
// (Chan, Golub & LeVeque 1983), which reproduces NIST StRD NumAcc1-4.
// Lag-1 autocorrelation as NIST defines it: Σ(yᵢ-ȳ)(yᵢ₋₁-ȳ) / Σ(yᵢ-ȳ)².
// Errors: empty input (EmptyData), n < 2 (TooFewValues), NaN/inf (NotFinite),
// confidence outside (0, 1) (OutOfRange).
Expected<Descriptive> describe(std::span<const double> values, double confidence = 0.95,
                               QuantileMethod method = QuantileMethod::Type6);

// Quantile p in [0, 1] of already sorted values (n >= 1).
double quantileSorted(std::span<const double> sorted, double p, QuantileMethod method);

// Mean and sample SD (n-1) by the same stable algorithm, for callers that need only these.
double mean(std::span<const double> values);
double sampleSd(std::span<const double> values);   // NaN for n < 2

} // namespace gemba::stats
