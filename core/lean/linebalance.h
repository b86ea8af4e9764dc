// Line balance (yamazumi): how well the work content of the stations fills the takt time.
#pragma once

#include "error.h"

#include <cstddef>
#include <span>
#include <vector>

namespace gemba::lean {

struct LineBalance {
    std::size_t stations = 0;
    double taktSeconds = 0;
    double totalWorkSeconds = 0;         // Σt, the work content of the whole line
    std::size_t minimumOperators = 0;    // ⌈Σt / takt⌉ (see ceilTolerant)
    // Against takt (the DOMAIN.md definition, the one the product leads with):
    double efficiency = 0;               // Σt / (stations × takt); above 1 the line cannot meet takt
    double balanceDelay = 0;             // 1 − efficiency
    double idleSeconds = 0;              // stations × takt − Σt per unit (negative when over-loaded)
    // Against the bottleneck (the classic assembly-line-balancing definition, where the line
    // runs at the pace of its slowest station instead of at takt):
    double efficiencyVsBottleneck = 0;   // Σt / (stations × bottleneck seconds)
    double balanceDelayVsBottleneck = 0; // 1 − efficiencyVsBottleneck
    std::size_t bottleneck = 0;          // 0-based index of the station with the largest time
                                         // (the first of them on a tie)
    double bottleneckSeconds = 0;
    std::vector<std::size_t> overTakt;   // 0-based indices of stations slower than takt, in order
    bool meetsTakt() const { return overTakt.empty(); }
};

// Line balance of stations with the given work content per unit (seconds) against a takt time
// (Groover, "Automation, Production Systems, and Computer-Integrated Manufacturing", manual
// assembly lines: minimum workers w* = ⌈Twc / Tc⌉, balance efficiency Eb = Twc / (w · Ts),
// balance delay d = 1 − Eb; Niebel & Freivalds, "Methods, Standards, and Work Design", line
// balancing).
// Two figures are reported because two conventions are in use:
//   efficiency             = Σt / (stations × takt)            — the line is paced by demand;
//   efficiencyVsBottleneck = Σt / (stations × max station t)  — the line is paced by its slowest
//                            station (Groover's Ts, Niebel's "balance efficiency" with the
//                            cycle of the slowest operator).
// They agree when the bottleneck equals takt. A station is over takt when its time exceeds
// takt by more than the rounding tolerance of ceilTolerant (a station at exactly takt is not).
// Errors: no stations (EmptyData); NaN or infinity (NotFinite); a negative station time,
// takt ≤ 0 (OutOfRange); all stations zero (InvalidArgument: there is no work to balance).
Expected<LineBalance> lineBalance(std::span<const double> stationSeconds, double taktSeconds);

// Theoretical minimum number of operators (stations) ⌈Σt / takt⌉, 0 for no work.
// Errors: NaN or infinity (NotFinite); negative work, takt ≤ 0 (OutOfRange).
Expected<std::size_t> minimumOperators(double totalWorkSeconds, double taktSeconds);

// ⌈x⌉ that ignores floating-point noise: when x is within a relative 1e-9 of a whole number it
// is that number. 0.1 + 0.2 = 0.30000000000000004 s of work at a takt of 0.1 s gives
// 3.0000000000000004, and ⌈⌉ must say 3, not 4. Measured times are decimals with at most a few
// decimal places, and sums of them carry errors of order 1e-15 relative, so 1e-9 is far above
// the noise and far below any real difference (a nanosecond in a second).
double ceilTolerant(double x);

} // namespace gemba::lean
