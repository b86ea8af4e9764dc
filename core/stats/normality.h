// Normality tests.
#pragma once

#include "error.h"

#include <span>

namespace gemba::stats {

struct AndersonDarling {
    double a2 = 0;           // A² with μ and σ estimated from the data (as Minitab reports it)
    double a2Adjusted = 0;   // A*² = A²(1 + 0.75/n + 2.25/n²)
    double pValue = 0;       // from A*², D'Agostino & Stephens (1986), Table 4.9
};

// Anderson-Darling test for normality, mean and SD estimated (case 3).
// Errors: n < 3, NaN/inf, zero SD.
Expected<AndersonDarling> andersonDarling(std::span<const double> values);

} // namespace gemba::stats
