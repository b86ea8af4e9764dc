// Takt time: the pace of customer demand, from the working time available and the demand.
#include "lean/takttime.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace gemba::lean {

namespace {

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

} // namespace

Expected<double> taktTime(double availableSeconds, double demand)
{
    if (!std::isfinite(availableSeconds) || !std::isfinite(demand))
        return makeError(ErrorCode::NotFinite, "takt time: the available time and the demand must be finite numbers");
    if (availableSeconds <= 0)
        return makeError(ErrorCode::OutOfRange,
                         "takt time: the available time (" + num(availableSeconds) + " s) must be positive");
    if (demand <= 0)
        return makeError(ErrorCode::OutOfRange, "takt time: the demand (" + num(demand) + ") must be positive");
    return availableSeconds / demand;
}

Expected<TaktTime> taktTime(double shiftSeconds, double breakSeconds, int shifts, double demand)
{
    if (!std::isfinite(shiftSeconds) || !std::isfinite(breakSeconds) || !std::isfinite(demand))
        return makeError(ErrorCode::NotFinite,
                         "takt time: the shift length, breaks and demand must be finite numbers");
    if (shiftSeconds < 0)
        return makeError(ErrorCode::OutOfRange,
                         "takt time: the shift length (" + num(shiftSeconds) + " s) cannot be negative");
    if (breakSeconds < 0)
        return makeError(ErrorCode::OutOfRange,
                         "takt time: the planned breaks (" + num(breakSeconds) + " s) cannot be negative");
    if (breakSeconds >= shiftSeconds)
        return makeError(ErrorCode::OutOfRange, "takt time: the planned breaks (" + num(breakSeconds) +
                                                    " s) must be shorter than the shift (" + num(shiftSeconds) +
                                                    " s), or no working time is left");
    if (shifts < 1)
        return makeError(ErrorCode::OutOfRange,
                         "takt time: the number of shifts (" + std::to_string(shifts) + ") must be at least 1");
    if (demand <= 0)
        return makeError(ErrorCode::OutOfRange, "takt time: the demand (" + num(demand) + ") must be positive");

    TaktTime t;
    t.shiftSeconds = shiftSeconds;
    t.breakSeconds = breakSeconds;
    t.shifts = shifts;
    t.demand = demand;
    t.availableSeconds = (shiftSeconds - breakSeconds) * shifts;
    t.taktSeconds = t.availableSeconds / demand;
    return t;
}

} // namespace gemba::lean
