// Observations needed: how many cycles a time study must time for a confidence and accuracy.
#include "study/samplesize.h"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <cstdio>
#include <exception>
#include <string>

namespace gemba::study {

namespace {

constexpr double kRelativeTolerance = 1e-9;
// Beyond this the answer is no longer a study plan; it also keeps N exact in a double.
constexpr double kMaxObservations = 1e15;

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// ⌈x⌉ ignoring floating-point noise (the rule of lean::ceilTolerant, repeated here so that the
// study layer does not depend on the lean layer).
double ceilTolerant(double x)
{
    const double nearest = std::round(x);
    if (std::fabs(x - nearest) <= kRelativeTolerance * std::fabs(x))
        return nearest;
    return std::ceil(x);
}

// Compensated two-pass mean and the corrected two-pass sum of squared deviations
// (Chan, Golub & LeVeque 1983): SS = Σ(x − x̄)² − (Σ(x − x̄))² / n.
void meanAndSs(std::span<const double> x, double& mean, double& ss)
{
    const double n = static_cast<double>(x.size());
    double sum = 0;
    for (const double v : x)
        sum += v;
    mean = sum / n;
    double dev = 0, dev2 = 0;
    for (const double v : x) {
        dev += v - mean;
        dev2 += (v - mean) * (v - mean);
    }
    mean += dev / n;
    ss = dev2 - dev * dev / n;
    if (ss < 0)
        ss = 0;
}

// t(1 − α/2, N − 1)·s / (√N·x̄) ≤ k, the t-based stopping rule.
bool tRuleHolds(double nObs, double tailProbability, double cv, double accuracy, double& t)
{
    const boost::math::students_t_distribution<double> dist(nObs - 1);
    t = boost::math::quantile(boost::math::complement(dist, tailProbability));
    return t * cv / std::sqrt(nObs) <= accuracy * (1 + kRelativeTolerance);
}

} // namespace

Expected<SampleSize> observationsNeeded(std::span<const double> times, double confidence, double accuracy)
{
    if (times.empty())
        return makeError(ErrorCode::EmptyData, "observations needed: there are no times");
    if (times.size() < 2)
        return makeError(ErrorCode::TooFewValues,
                         "observations needed: at least 2 times are needed to see their variation");
    if (!std::isfinite(confidence) || !std::isfinite(accuracy))
        return makeError(ErrorCode::NotFinite, "observations needed: the confidence and accuracy must be numbers");
    if (confidence <= 0 || confidence >= 1)
        return makeError(ErrorCode::OutOfRange, "observations needed: the confidence (" + num(confidence) +
                                                    ") must be between 0 and 1, like 0.95");
    if (accuracy <= 0 || accuracy >= 1)
        return makeError(ErrorCode::OutOfRange, "observations needed: the accuracy (" + num(accuracy) +
                                                    ") must be between 0 and 1, like 0.05 for ±5 %");
    for (std::size_t i = 0; i < times.size(); ++i) {
        if (!std::isfinite(times[i]))
            return makeError(ErrorCode::NotFinite,
                             "observations needed: time " + std::to_string(i + 1) + " is not a number");
        if (times[i] < 0)
            return makeError(ErrorCode::OutOfRange, "observations needed: time " + std::to_string(i + 1) + " (" +
                                                        num(times[i]) + ") is negative");
    }

    SampleSize r;
    r.n = times.size();
    r.confidence = confidence;
    r.accuracy = accuracy;
    const double n = static_cast<double>(r.n);
    double ss = 0;
    meanAndSs(times, r.mean, ss);
    if (!(r.mean > 0))
        return makeError(ErrorCode::OutOfRange,
                         "observations needed: the mean time is 0, so an accuracy relative to it is meaningless");
    r.sd = std::sqrt(ss / (n - 1));

    const double alpha = 1 - confidence;
    try {
        r.zExact = boost::math::quantile(
            boost::math::complement(boost::math::normal_distribution<double>(), alpha / 2));
    } catch (const std::exception& e) {
        return makeError(ErrorCode::OutOfRange, std::string("observations needed: normal quantile: ") + e.what());
    }
    // 0.95 parses to the same double however it is written ("0.95", "95%" / 100 may differ by
    // one ulp), hence the small window.
    r.zClassic = std::fabs(confidence - 0.95) < 1e-12 ? 2.0 : r.zExact;

    // (z/k)² · SS / (n·x̄²) = ((z/k)·√(nΣx² − (Σx)²) / Σx)², since nΣx² − (Σx)² = n·SS, Σx = n·x̄.
    const double relativeSpread = ss / (n * r.mean * r.mean);
    const auto classic = [&](double z) { return (z / accuracy) * (z / accuracy) * relativeSpread; };
    r.observationsNeededUnrounded = classic(r.zClassic);
    r.observationsNeededExactZUnrounded = classic(r.zExact);
    if (r.observationsNeededExactZUnrounded > kMaxObservations || r.observationsNeededUnrounded > kMaxObservations)
        return makeError(ErrorCode::OutOfRange, "observations needed: more than " + num(kMaxObservations) +
                                                    " observations; the times vary too much for ±" +
                                                    num(100 * accuracy) + " %");
    r.observationsNeeded = static_cast<std::size_t>(ceilTolerant(r.observationsNeededUnrounded));
    r.observationsNeededExactZ = static_cast<std::size_t>(ceilTolerant(r.observationsNeededExactZUnrounded));

    // The t rule holds from some N on and fails below it. Since t(N − 1) > z, that N is at least
    // (z·cv/k)² (the exact-z figure with s instead of the population SD), so start there, double
    // until the rule holds, then bisect.
    const double cv = r.sd / r.mean;
    const double tail = alpha / 2;
    try {
        double t = 0;
        double lo = std::fmax(2, std::floor((r.zExact * cv / accuracy) * (r.zExact * cv / accuracy)));
        double hi = lo;
        if (!tRuleHolds(lo, tail, cv, accuracy, t)) {
            // Invariant from here: the rule fails at lo and holds at hi.
            do {
                lo = hi;
                hi = 2 * hi;
                if (hi > 4 * kMaxObservations)
                    return makeError(ErrorCode::OutOfRange, "observations needed: the t-based count is above " +
                                                                num(kMaxObservations));
            } while (!tRuleHolds(hi, tail, cv, accuracy, t));
            while (hi - lo > 1) {
                const double mid = std::floor((lo + hi) / 2);
                if (tRuleHolds(mid, tail, cv, accuracy, t))
                    hi = mid;
                else
                    lo = mid;
            }
        }
        r.observationsNeededT = static_cast<std::size_t>(hi);
        tRuleHolds(hi, tail, cv, accuracy, r.tQuantile);
    } catch (const std::exception& e) {
        return makeError(ErrorCode::OutOfRange, std::string("observations needed: t quantile: ") + e.what());
    }
    return r;
}

} // namespace gemba::study
