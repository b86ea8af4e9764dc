// Study validity: does what was recorded account for the time that passed?
#pragma once

#include "study/model.h"

#include <cstddef>
#include <optional>
#include <span>

namespace gemba::study {

// The recording error above which a study should be repeated: 2 % (Kanawaty, ILO "Introduction
// to Work Study", 4th ed., ch. 20, checking the study: "if the difference is more than 2 per
// cent, the study should be repeated"; continuous timing).
inline constexpr double kRecordingErrorLimit = 0.02;

struct StudyValidity {
    double elapsedSeconds = 0;    // from the first reading's start to the last one's end
    double recordedSeconds = 0;   // Σ every recorded time: elements (excluded ones too),
                                  // occasional and foreign elements, and pauses
    double recordingError = 0;    // |elapsed − recorded| / elapsed, a fraction (0.02 = 2 %)
    bool flagged = false;         // recordingError > kRecordingErrorLimit
    std::size_t readings = 0;     // observations taken into account
};

// Elapsed against recorded time over the observations of one study. Times on the stopwatch
// clock (startUs/endUs); durationUs and pausedUs are what was recorded, so an edit that
// shortens or removes a reading after the fact opens a gap that shows here.
// nullopt when there is nothing to check: no observation carries clock times (an import with
// durations only), or no time elapsed.
std::optional<StudyValidity> studyValidity(std::span<const Observation> observations);

} // namespace gemba::study
