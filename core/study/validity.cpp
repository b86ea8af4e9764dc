// Study validity (see validity.h).
#include "study/validity.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace gemba::study {

std::optional<StudyValidity> studyValidity(std::span<const Observation> observations)
{
    std::int64_t first = std::numeric_limits<std::int64_t>::max();
    std::int64_t last = std::numeric_limits<std::int64_t>::min();
    std::int64_t recordedUs = 0;
    StudyValidity v;
    for (const Observation& o : observations) {
        if (o.endUs <= o.startUs)   // no clock times: imported as a duration only
            continue;
        first = std::min(first, o.startUs);
        last = std::max(last, o.endUs);
        // A foreign element's time is not part of the step it interrupted (durationUs excludes
        // it), so adding both counts each microsecond once.
        recordedUs += o.durationUs + o.pausedUs;
        ++v.readings;
    }
    if (v.readings == 0 || last <= first)
        return std::nullopt;
    v.elapsedSeconds = static_cast<double>(last - first) / 1e6;
    v.recordedSeconds = static_cast<double>(recordedUs) / 1e6;
    v.recordingError = std::abs(v.elapsedSeconds - v.recordedSeconds) / v.elapsedSeconds;
    v.flagged = v.recordingError > kRecordingErrorLimit;
    return v;
}

} // namespace gemba::study
