// Observations needed: how many cycles a time study must time for a confidence and accuracy.
#pragma once

#include "error.h"

#include <cstddef>
#include <span>

namespace gemba::study {

struct SampleSize {
    std::size_t n = 0;           // observations taken so far
    double mean = 0;             // x̄
    double sd = 0;               // sample SD s (n − 1 divisor)
    double confidence = 0.95;    // 1 − α
    double accuracy = 0.05;      // k: the mean is wanted within ±k·x̄

    // The classic formula N′ = ((z/k)·√(nΣx² − (Σx)²) / Σx)².
    double zClassic = 2;                        // the z it used (see observationsNeeded)
    double observationsNeededUnrounded = 0;     // N′ as computed
    std::size_t observationsNeeded = 0;         // ⌈N′⌉
    // The same formula with the exact normal quantile z = Φ⁻¹(1 − α/2) (1.959964 at 95 %).
    double zExact = 0;
    double observationsNeededExactZUnrounded = 0;
    std::size_t observationsNeededExactZ = 0;
    // Student t, for small pilot samples: the smallest N ≥ 2 with
    // t(1 − α/2, N − 1) · s / (√N · x̄) ≤ k.
    std::size_t observationsNeededT = 0;
    double tQuantile = 0;                       // t(1 − α/2, N − 1) at that N

    // Observations still to take: max(0, needed − n).
    std::size_t additionalNeeded() const { return observationsNeeded > n ? observationsNeeded - n : 0; }
    std::size_t additionalNeededT() const { return observationsNeededT > n ? observationsNeededT - n : 0; }
};

// Number of observations needed to estimate the mean time within ±accuracy·x̄ with the given
// confidence, from a pilot sample of times.
//
// Classic formula (Kanawaty (ed.), ILO "Introduction to Work Study", time study, for 95.45 %
// confidence and ±5 %): N′ = ((z/k)·√(nΣx² − (Σx)²) / Σx)². At 95 % and ±5 % it is the textbook
// N′ = (40·√(nΣx² − (Σx)²) / Σx)², 40 = 2 / 0.05: the textbook rounds z = 1.96 up to 2 (two
// sigma, strictly 95.45 % confidence). So zClassic is 2 at a confidence of exactly 0.95, and the
// exact normal quantile Φ⁻¹(1 − α/2) at any other confidence (there is no textbook rounding to
// follow there). The exact-z figure is always reported beside it.
// Computed stably from deviations: nΣx² − (Σx)² = n·Σ(x − x̄)², so
// N′ = (z/k)² · Σ(x − x̄)² / (n·x̄²) — note that this is the population variance (divisor n):
// the classic formula is s² (n − 1)/n / x̄² in disguise.
//
// Student-t version (Niebel & Freivalds, "Methods, Standards, and Work Design", time study:
// N = (t·s / (k·x̄))²): Niebel reads t at the pilot's n − 1 degrees of freedom; here N is
// iterated so that t has N − 1 degrees of freedom, the sample the estimate will actually rest on:
// the smallest N ≥ 2 with t(1 − α/2, N − 1)·s / (√N·x̄) ≤ k (the left side falls as N grows).
//
// All counts are rounded up with a tolerance of a relative 1e-9 for floating-point noise
// (lean::ceilTolerant's rule), so an N′ that is a whole number in exact arithmetic is not bumped
// up by one. With no variation at all, N′ = 0 and the t version gives its minimum, 2.
// Errors: empty input (EmptyData); n < 2 (TooFewValues); NaN or infinity (NotFinite); a negative
// time, mean ≤ 0, confidence outside (0, 1), accuracy outside (0, 1) (OutOfRange).
Expected<SampleSize> observationsNeeded(std::span<const double> times, double confidence = 0.95,
                                        double accuracy = 0.05);

} // namespace gemba::study
