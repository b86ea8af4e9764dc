// Control-chart constants (d2, d3, c4 and the factors built from them), computed exactly.
#pragma once

#include "error.h"

namespace gemba::stats {

inline constexpr int kMinSubgroupSize = 2;
inline constexpr int kMaxSubgroupSize = 100;

// Factors for a subgroup of n values from a normal distribution. Sources: Montgomery,
// "Introduction to Statistical Quality Control", Appendix VI; ASTM E2587.
//   d2 = E[R/σ], d3 = SD[R/σ] (range of n standard normals, by numerical integration)
//   c4 = sqrt(2/(n-1)) Γ(n/2)/Γ((n-1)/2) = E[S/σ]
//   A2 = 3/(d2√n), A3 = 3/(c4√n), E2 = 3/d2
//   B3 = max(0, 1 - 3√(1-c4²)/c4), B4 = 1 + 3√(1-c4²)/c4
//   B5 = max(0, c4 - 3√(1-c4²)),   B6 = c4 + 3√(1-c4²)
//   D1 = max(0, d2 - 3d3), D2 = d2 + 3d3, D3 = max(0, 1 - 3d3/d2), D4 = 1 + 3d3/d2
struct ChartConstants {
    int n = 0;
    double d2 = 0, d3 = 0, c4 = 0;
    double A2 = 0, A3 = 0, E2 = 0;
    double B3 = 0, B4 = 0, B5 = 0, B6 = 0;
    double D1 = 0, D2 = 0, D3 = 0, D4 = 0;
};

// The constants for 2 <= n <= 100; any other n is an OutOfRange error.
// Values are computed once (thread-safe) and then served from a table.
Expected<ChartConstants> chartConstants(int n);

// Shorthands for callers that have already checked 2 <= n <= 100 (they assert it).
double d2(int n);
double d3(int n);

// c4 for any n >= 2 (the pooled-SD estimator needs n = Σ(nᵢ-1)+1, which may be large),
// computed as a gamma ratio without overflow. n < 2 is an OutOfRange error.
Expected<double> c4(long long n);

} // namespace gemba::stats
