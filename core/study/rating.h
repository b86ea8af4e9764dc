// The plausible range of a performance rating, shared by every place a rating is entered.
#pragma once

#include <cmath>

namespace gemba::study {

// A pace rating outside 50–150 % is almost certainly a typing slip (the "10" of "100", an
// "11" cut short by a lap), not a judgement: trained raters seldom leave 70–130 % (Niebel &
// Freivalds, "Methods, Standards, and Work Design", ch. 11, on pace rating), and a rating
// of 50 % or 150 % already halves or adds half to the normal time. So ratings are refused
// outside this range wherever they are typed (the stopwatch, the observations table), never
// stored silently. Bounds are inclusive.
inline constexpr double kMinRatingPercent = 50;
inline constexpr double kMaxRatingPercent = 150;

inline bool isPlausibleRating(double percent)
{
    return std::isfinite(percent) && percent >= kMinRatingPercent && percent <= kMaxRatingPercent;
}

} // namespace gemba::study
