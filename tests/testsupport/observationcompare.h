// Test support: the fields of an observation that must survive an export and an import.
#pragma once

#include "study/model.h"

#include <optional>
#include <sstream>
#include <string>

namespace gemba::test {

// Compares what an observation records (times, rating, flags, reason, note), not its ids, which a
// new study gives anew. Returns the first field that differs, described; empty when all match.
inline std::string recordedFieldsDiffer(const study::Observation& back, const study::Observation& written)
{
    std::ostringstream out;
    const auto differs = [&out](const char* field, const auto& got, const auto& expected) {
        if (got == expected)
            return false;
        out << field << ": got " << got << ", expected " << expected;
        return true;
    };
    const auto rating = [](const std::optional<double>& r) { return r ? std::to_string(*r) : std::string("none"); };
    if (differs("start_us", back.startUs, written.startUs) || differs("end_us", back.endUs, written.endUs) ||
        differs("wall_start_us", back.wallStartUs, written.wallStartUs) ||
        differs("duration_us", back.durationUs, written.durationUs) ||
        differs("rating_percent", rating(back.ratingPercent), rating(written.ratingPercent)) ||
        differs("foreign_element", back.foreignElement, written.foreignElement) ||
        differs("abnormal", back.abnormal, written.abnormal) || differs("excluded", back.excluded, written.excluded) ||
        differs("excluded_reason", back.excludedReason, written.excludedReason) ||
        differs("spans_suspend", back.spansSuspend, written.spansSuspend) || differs("note", back.note, written.note) ||
        differs("paused_us", back.pausedUs, written.pausedUs))
        return out.str();
    return {};
}

} // namespace gemba::test
