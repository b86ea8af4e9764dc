// Allowances by category: personal, basic fatigue, variable fatigue and delay (contingency).
#pragma once

namespace gemba::study {

// Percentages (15 for 15 %), each of the basis the study records (standardtime.h). The total
// allowance is their sum (Kanawaty, ILO "Introduction to Work Study", 4th ed., ch. 23:
// relaxation allowance = fixed allowances (personal needs, basic fatigue) + variable
// allowances; contingency allowance beside it; REFA splits the same way into personal
// ("persönliche Verteilzeit"), fatigue ("Erholungszeit") and delay ("sachliche Verteilzeit")).
struct Allowances {
    double personal = 0;
    double basicFatigue = 0;
    double variableFatigue = 0;
    double delay = 0;   // contingency / delay

    double total() const { return personal + basicFatigue + variableFatigue + delay; }
    bool operator==(const Allowances&) const = default;
};

} // namespace gemba::study
