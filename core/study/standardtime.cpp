// Standard time: observed time levelled by the performance rating, plus PF&D allowances.
#include "study/standardtime.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace gemba::study {

namespace {

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// The validation shared by standardFromNormal and standardTime; returns the allowance factor.
Expected<double> allowanceFactor(double allowancePercent, AllowanceBasis basis)
{
    if (!std::isfinite(allowancePercent))
        return makeError(ErrorCode::NotFinite, "standard time: the allowance must be a finite number");
    if (allowancePercent < 0)
        return makeError(ErrorCode::OutOfRange,
                         "standard time: the allowance (" + num(allowancePercent) + " %) cannot be negative");
    const double a = allowancePercent / 100;
    if (basis == AllowanceBasis::WorkingTime) {
        if (a >= 1)
            return makeError(ErrorCode::OutOfRange,
                             "standard time: an allowance of " + num(allowancePercent) +
                                 " % of working time leaves no time for work; it must be below 100 %");
        return 1 / (1 - a);
    }
    return 1 + a;
}

} // namespace

Expected<double> normalTime(double observedSeconds, double ratingPercent)
{
    if (!std::isfinite(observedSeconds) || !std::isfinite(ratingPercent))
        return makeError(ErrorCode::NotFinite, "standard time: the observed time and rating must be finite numbers");
    if (observedSeconds < 0)
        return makeError(ErrorCode::OutOfRange,
                         "standard time: the observed time (" + num(observedSeconds) + " s) cannot be negative");
    if (ratingPercent <= 0)
        return makeError(ErrorCode::OutOfRange, "standard time: the performance rating (" + num(ratingPercent) +
                                                    " %) must be positive (100 % = normal pace)");
    return observedSeconds * ratingPercent / 100;
}

Expected<double> standardFromNormal(double normalSeconds, double allowancePercent, AllowanceBasis basis)
{
    if (!std::isfinite(normalSeconds))
        return makeError(ErrorCode::NotFinite, "standard time: the normal time must be a finite number");
    if (normalSeconds < 0)
        return makeError(ErrorCode::OutOfRange,
                         "standard time: the normal time (" + num(normalSeconds) + " s) cannot be negative");
    const auto factor = allowanceFactor(allowancePercent, basis);
    if (!factor)
        return factor.error();
    // normal × (1 + a) and normal / (1 − a) directly, rather than normal × factor, so that the
    // working-time figure is the single correctly rounded quotient the textbook formula gives.
    const double a = allowancePercent / 100;
    return basis == AllowanceBasis::WorkingTime ? normalSeconds / (1 - a) : normalSeconds * (1 + a);
}

Expected<StandardTime> standardTime(double observedSeconds, double ratingPercent, double allowancePercent,
                                    AllowanceBasis basis)
{
    const auto normal = normalTime(observedSeconds, ratingPercent);
    if (!normal)
        return normal.error();
    const auto factor = allowanceFactor(allowancePercent, basis);
    if (!factor)
        return factor.error();
    const auto standard = standardFromNormal(*normal, allowancePercent, basis);
    if (!standard)
        return standard.error();

    StandardTime st;
    st.observedSeconds = observedSeconds;
    st.ratingPercent = ratingPercent;
    st.allowancePercent = allowancePercent;
    st.basis = basis;
    st.normalSeconds = *normal;
    st.allowanceFactor = *factor;
    st.standardSeconds = *standard;
    return st;
}

} // namespace gemba::study
