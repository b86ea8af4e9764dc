// Overall equipment effectiveness (OEE) from the raw production figures of one period.
#pragma once

#include "error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gemba::lean {

// What the shop floor records for one period; times in seconds.
struct OeeInputs {
    double plannedSeconds = 0;      // planned production time (loading time)
    double downtimeSeconds = 0;     // unplanned stops inside the planned time
    double idealCycleSeconds = 0;   // the fastest possible time per unit (design rate)
    std::int64_t totalCount = 0;    // every unit started and finished, good or not
    std::int64_t goodCount = 0;     // units right first time (no rework, no scrap)
};

// The three OEE factors as fractions (0.875, not 87.5 %).
struct Oee {
    double runSeconds = 0;     // operating time = planned − downtime
    double availability = 0;   // run / planned
    double performance = 0;    // ideal cycle × total / run; NaN when run = 0 and nothing was made
    double quality = 0;        // good / total; NaN when nothing was made
    double oee = 0;            // availability × performance × quality = ideal cycle × good / planned
    // Plain-English notes on figures that are computed but suspicious (performance above 100 %,
    // a period with no output). Empty when everything is plausible.
    std::vector<std::string> warnings;
};

// OEE = availability × performance × quality (Nakajima, "Introduction to TPM", 1988, ch. 2;
// the six big losses). With run = planned − downtime:
//   availability = run / planned, performance = ideal cycle × total / run,
//   quality = good / total,
// so OEE = ideal cycle × good / planned (fully productive time / planned time), which is how it
// is computed here; it stays defined (0) when total = 0 and quality is not.
// Performance above 1 is returned as is, with a warning: the ideal cycle time is almost always
// set too long (or the count or the downtime is wrong).
// Edge cases: total = 0 gives performance 0, quality NaN and OEE 0, with a warning; downtime =
// planned with total = 0 gives availability 0, performance and quality NaN, OEE 0.
// Errors: NaN or infinity (NotFinite); planned ≤ 0, negative downtime, ideal cycle ≤ 0,
// negative counts, downtime > planned, good > total, units counted with no run time
// (OutOfRange).
Expected<Oee> oee(const OeeInputs& in);

} // namespace gemba::lean
