// Overall equipment effectiveness (OEE) from the raw production figures of one period.
#include "lean/oee.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace gemba::lean {

namespace {

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// Performance is flagged only when it is above 100 % by more than rounding error, so an exact
// 100 % (ideal cycle × total = run) computed as 1.0000000000000002 is not reported.
constexpr double kPerformanceSlack = 1e-9;

} // namespace

Expected<Oee> oee(const OeeInputs& in)
{
    if (!std::isfinite(in.plannedSeconds) || !std::isfinite(in.downtimeSeconds) ||
        !std::isfinite(in.idealCycleSeconds))
        return makeError(ErrorCode::NotFinite,
                         "OEE: the planned time, downtime and ideal cycle time must be finite numbers");
    if (in.plannedSeconds <= 0)
        return makeError(ErrorCode::OutOfRange,
                         "OEE: the planned production time (" + num(in.plannedSeconds) + " s) must be positive");
    if (in.downtimeSeconds < 0)
        return makeError(ErrorCode::OutOfRange,
                         "OEE: the downtime (" + num(in.downtimeSeconds) + " s) cannot be negative");
    if (in.idealCycleSeconds <= 0)
        return makeError(ErrorCode::OutOfRange,
                         "OEE: the ideal cycle time (" + num(in.idealCycleSeconds) + " s) must be positive");
    if (in.totalCount < 0)
        return makeError(ErrorCode::OutOfRange,
                         "OEE: the total count (" + std::to_string(in.totalCount) + ") cannot be negative");
    if (in.goodCount < 0)
        return makeError(ErrorCode::OutOfRange,
                         "OEE: the good count (" + std::to_string(in.goodCount) + ") cannot be negative");
    if (in.downtimeSeconds > in.plannedSeconds)
        return makeError(ErrorCode::OutOfRange, "OEE: the downtime (" + num(in.downtimeSeconds) +
                                                    " s) is longer than the planned production time (" +
                                                    num(in.plannedSeconds) + " s)");
    if (in.goodCount > in.totalCount)
        return makeError(ErrorCode::OutOfRange, "OEE: the good count (" + std::to_string(in.goodCount) +
                                                    ") is larger than the total count (" +
                                                    std::to_string(in.totalCount) + ")");

    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double total = static_cast<double>(in.totalCount);
    const double good = static_cast<double>(in.goodCount);

    Oee r;
    r.runSeconds = in.plannedSeconds - in.downtimeSeconds;
    r.availability = r.runSeconds / in.plannedSeconds;
    if (r.runSeconds <= 0) {
        if (in.totalCount > 0)
            return makeError(ErrorCode::OutOfRange,
                             "OEE: " + std::to_string(in.totalCount) +
                                 " units were counted, but the downtime takes all of the planned time");
        r.performance = nan;
        r.quality = nan;
        r.oee = 0;
        r.warnings.push_back("the machine did not run (downtime = planned time): performance and quality "
                             "are undefined and OEE is 0");
        return r;
    }
    r.performance = in.idealCycleSeconds * total / r.runSeconds;
    r.quality = in.totalCount > 0 ? good / total : nan;
    r.oee = in.idealCycleSeconds * good / in.plannedSeconds;

    if (in.totalCount == 0)
        r.warnings.push_back("no units were made: quality is undefined and OEE is 0");
    if (r.performance > 1 + kPerformanceSlack) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.1f %%", 100 * r.performance);
        r.warnings.push_back(std::string("performance is above 100 % (") + buf +
                             "): the ideal cycle time is probably too long, or the total count or the "
                             "downtime is wrong");
    }
    return r;
}

} // namespace gemba::lean
