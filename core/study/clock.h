// Clocks for the stopwatch: the real one (Linux CLOCK_BOOTTIME) and the readings it gives.
#pragma once

#include <cstdint>

namespace gemba::study {

// One reading of the three clocks the stopwatch needs, in microseconds.
struct ClockReading {
    std::int64_t bootUs = 0;        // monotonic, keeps counting while the laptop sleeps (CLOCK_BOOTTIME)
    std::int64_t monotonicUs = 0;   // monotonic, stops during suspend (CLOCK_MONOTONIC)
    std::int64_t wallUs = 0;        // Unix epoch (CLOCK_REALTIME), for the record only
};

// The stopwatch reads time only through this interface, so tests can drive it exactly.
class Clock {
public:
    virtual ~Clock() = default;
    virtual ClockReading now() const = 0;
};

// The real clocks. steady_clock and QElapsedTimer stop during suspend; CLOCK_BOOTTIME does not.
class SystemClock final : public Clock {
public:
    ClockReading now() const override;
};

// A clock the test sets by hand. Suspend is simulated by advancing boot time only.
class ManualClock final : public Clock {
public:
    ClockReading now() const override { return m_now; }
    void advanceUs(std::int64_t us)
    {
        m_now.bootUs += us;
        m_now.monotonicUs += us;
        m_now.wallUs += us;
    }
    void advanceSeconds(double s) { advanceUs(static_cast<std::int64_t>(s * 1e6)); }
    void suspendUs(std::int64_t us)
    {
        m_now.bootUs += us;
        m_now.wallUs += us;
    }
    void set(ClockReading r) { m_now = r; }

private:
    ClockReading m_now{1'000'000'000, 1'000'000'000, 1'763'900'000'000'000};
};

} // namespace gemba::study
