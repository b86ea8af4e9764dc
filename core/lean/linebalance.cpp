// Line balance (yamazumi): how well the work content of the stations fills the takt time.
#include "lean/linebalance.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace gemba::lean {

namespace {

constexpr double kRelativeTolerance = 1e-9;

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// Neumaier's compensated sum: the line total of many decimal times stays within one rounding.
double compensatedSum(std::span<const double> values)
{
    double sum = 0, c = 0;
    for (const double v : values) {
        const double t = sum + v;
        c += std::fabs(sum) >= std::fabs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
    }
    return sum + c;
}

} // namespace

double ceilTolerant(double x)
{
    const double nearest = std::round(x);
    if (std::fabs(x - nearest) <= kRelativeTolerance * std::fabs(x))
        return nearest;
    return std::ceil(x);
}

Expected<std::size_t> minimumOperators(double totalWorkSeconds, double taktSeconds)
{
    if (!std::isfinite(totalWorkSeconds) || !std::isfinite(taktSeconds))
        return makeError(ErrorCode::NotFinite, "line balance: the work content and takt must be finite numbers");
    if (totalWorkSeconds < 0)
        return makeError(ErrorCode::OutOfRange,
                         "line balance: the work content (" + num(totalWorkSeconds) + " s) cannot be negative");
    if (taktSeconds <= 0)
        return makeError(ErrorCode::OutOfRange,
                         "line balance: the takt time (" + num(taktSeconds) + " s) must be positive");
    return static_cast<std::size_t>(ceilTolerant(totalWorkSeconds / taktSeconds));
}

Expected<LineBalance> lineBalance(std::span<const double> stationSeconds, double taktSeconds)
{
    if (stationSeconds.empty())
        return makeError(ErrorCode::EmptyData, "line balance: there are no stations");
    if (!std::isfinite(taktSeconds))
        return makeError(ErrorCode::NotFinite, "line balance: the takt time must be a finite number");
    if (taktSeconds <= 0)
        return makeError(ErrorCode::OutOfRange,
                         "line balance: the takt time (" + num(taktSeconds) + " s) must be positive");
    for (std::size_t i = 0; i < stationSeconds.size(); ++i) {
        const double t = stationSeconds[i];
        if (!std::isfinite(t))
            return makeError(ErrorCode::NotFinite,
                             "line balance: the time of station " + std::to_string(i + 1) + " is not a number");
        if (t < 0)
            return makeError(ErrorCode::OutOfRange, "line balance: the time of station " + std::to_string(i + 1) +
                                                        " (" + num(t) + " s) cannot be negative");
    }

    LineBalance b;
    b.stations = stationSeconds.size();
    b.taktSeconds = taktSeconds;
    b.totalWorkSeconds = compensatedSum(stationSeconds);
    if (b.totalWorkSeconds <= 0)
        return makeError(ErrorCode::InvalidArgument, "line balance: every station has zero work content");

    for (std::size_t i = 0; i < stationSeconds.size(); ++i) {
        if (stationSeconds[i] > b.bottleneckSeconds) {
            b.bottleneckSeconds = stationSeconds[i];
            b.bottleneck = i;
        }
        if (stationSeconds[i] > taktSeconds * (1 + kRelativeTolerance))
            b.overTakt.push_back(i);
    }

    const double stations = static_cast<double>(b.stations);
    b.minimumOperators = static_cast<std::size_t>(ceilTolerant(b.totalWorkSeconds / taktSeconds));
    b.efficiency = b.totalWorkSeconds / (stations * taktSeconds);
    b.balanceDelay = 1 - b.efficiency;
    b.idleSeconds = stations * taktSeconds - b.totalWorkSeconds;
    b.efficiencyVsBottleneck = b.totalWorkSeconds / (stations * b.bottleneckSeconds);
    b.balanceDelayVsBottleneck = 1 - b.efficiencyVsBottleneck;
    return b;
}

} // namespace gemba::lean
