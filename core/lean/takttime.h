// Takt time: the pace of customer demand, from the working time available and the demand.
#pragma once

#include "error.h"

namespace gemba::lean {

// One takt calculation with its inputs, all times in seconds.
struct TaktTime {
    double shiftSeconds = 0;       // length of one shift
    double breakSeconds = 0;       // planned breaks and meetings in one shift
    int shifts = 1;                // shifts in the period the demand is counted over
    double demand = 0;             // units the customer needs in that period
    double availableSeconds = 0;   // (shift − breaks) × shifts
    double taktSeconds = 0;        // available / demand
};

// Takt time = available working time per period / customer demand per period
// (Rother & Shook, "Learning to See", 1999; Liker, "The Toyota Way", ch. 8).
// Available time = (shift length − planned breaks) × shifts; breaks are per shift.
// Example (DOMAIN.md): 8 h − 30 min = 27 000 s, demand 450 → takt 60 s.
// Demand may be fractional (an average daily demand of 437.5 is legitimate).
// Errors: NaN or infinity (NotFinite); negative shift or breaks, breaks ≥ shift (no time
// left), shifts < 1, demand ≤ 0 (OutOfRange).
Expected<TaktTime> taktTime(double shiftSeconds, double breakSeconds, int shifts, double demand);

// Takt time from an available time already net of breaks: available / demand.
// Errors: NaN or infinity (NotFinite); available ≤ 0, demand ≤ 0 (OutOfRange).
Expected<double> taktTime(double availableSeconds, double demand);

} // namespace gemba::lean
