// The real stopwatch clocks: Linux CLOCK_BOOTTIME, CLOCK_MONOTONIC and CLOCK_REALTIME.
#include "study/clock.h"

#include <chrono>
#include <ctime>

namespace gemba::study {

namespace {

// CLOCK_BOOTTIME is Linux-only; elsewhere CLOCK_MONOTONIC is the closest we have (it may stop
// during suspend, so spansSuspend cannot be detected there).
#ifdef CLOCK_BOOTTIME
constexpr clockid_t kBootClock = CLOCK_BOOTTIME;
#else
constexpr clockid_t kBootClock = CLOCK_MONOTONIC;
#endif

template <typename Fallback>
std::int64_t readUs(clockid_t id)
{
    timespec ts{};
    if (clock_gettime(id, &ts) == 0)
        return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000 + static_cast<std::int64_t>(ts.tv_nsec) / 1000;
    // clock_gettime cannot fail for these clocks on Linux; the fallback only keeps the reading
    // sane (and monotonic where the fallback is) instead of returning garbage.
    return std::chrono::duration_cast<std::chrono::microseconds>(Fallback::now().time_since_epoch()).count();
}

} // namespace

ClockReading SystemClock::now() const
{
    ClockReading r;
    // Back to back, monotonic first: then boot − monotonic is the time slept and never negative
    // (boot first would lag monotonic by the microsecond between the two reads).
    r.monotonicUs = readUs<std::chrono::steady_clock>(CLOCK_MONOTONIC);
    r.bootUs = readUs<std::chrono::steady_clock>(kBootClock);
    r.wallUs = readUs<std::chrono::system_clock>(CLOCK_REALTIME);
    return r;
}

} // namespace gemba::study
