// Standard time: observed time levelled by the performance rating, plus PF&D allowances.
#pragma once

#include "error.h"

namespace gemba::study {

// What an allowance percentage is a share of. Both conventions are in use, and the same
// percentage gives different standard times, so a study records which one it follows.
enum class AllowanceBasis {
    NormalTime,    // a % of normal time:     standard = normal × (1 + a)  (Niebel & Freivalds)
    WorkingTime,   // a % of the working day: standard = normal / (1 − a)  (Heizer & Render);
                   // 15 % of working time is 17.65 % of normal time
};

struct StandardTime {
    double observedSeconds = 0;    // mean observed (selected) time of the element or cycle
    double ratingPercent = 100;    // performance rating, 100 = normal pace
    double allowancePercent = 0;   // PF&D allowance, percent of the basis below
    AllowanceBasis basis = AllowanceBasis::NormalTime;
    double normalSeconds = 0;      // observed × rating / 100
    double allowanceFactor = 1;    // 1 + a, or 1 / (1 − a)
    double standardSeconds = 0;    // normal × allowanceFactor
};

// Normal time = observed time × rating / 100 (Niebel & Freivalds, "Methods, Standards, and Work
// Design", performance rating: NT = OT × R/100).
// Errors: NaN or infinity (NotFinite); negative observed time, rating ≤ 0 (OutOfRange).
Expected<double> normalTime(double observedSeconds, double ratingPercent);

// Standard time from normal time: allowance as a share of normal time, ST = NT × (1 + a)
// (Niebel & Freivalds, "Methods, Standards, and Work Design", allowances); allowance as a share
// of the working day, ST = NT / (1 − a) (Heizer & Render, "Operations Management", work
// measurement). `allowancePercent` is in percent (15 for 15 %).
// Errors: NaN or infinity (NotFinite); negative normal time, allowance < 0, allowance ≥ 100 %
// in the working-time convention (the whole day would be allowance) (OutOfRange).
Expected<double> standardFromNormal(double normalSeconds, double allowancePercent, AllowanceBasis basis);

// Observed → normal → standard time in one step, with every intermediate figure; the errors of
// normalTime and standardFromNormal.
Expected<StandardTime> standardTime(double observedSeconds, double ratingPercent, double allowancePercent,
                                    AllowanceBasis basis);

} // namespace gemba::study
