// The live summary of a time study: per step and per cycle, and whether the study is done.
#pragma once

#include "error.h"
#include "study/model.h"

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace gemba::study {

// One step's times so far. Times in seconds; NaN where the figure is undefined (no observation,
// or an SD-based figure with n < 2).
struct StepSummary {
    Id stepId = 0;
    std::size_t n = 0;                 // observations that count: not excluded, not foreign
    double meanSeconds = 0;
    double sdSeconds = 0;              // sample SD (n − 1)
    double cv = 0;                     // SD / mean, a fraction (0.12 = 12 %)
    double minSeconds = 0;
    double maxSeconds = 0;

    // Observations needed for the study's confidence and accuracy (95 % / ±5 % by default);
    // nullopt while they cannot be computed (n < 2, or a mean time of 0).
    std::optional<std::size_t> neededClassic;   // ⌈N′⌉ of the classic formula (z = 2 at 95 %)
    std::optional<std::size_t> neededT;         // the Student-t count, honest for small n
    std::optional<std::size_t> needed;          // the larger of the two: what the study goes by
    std::size_t stillNeeded = 0;                // max(0, needed − n); 2 − n while n < 2
    bool consistent = false;                    // n ≥ 2 and n ≥ needed

    double meanRatingPercent = 100;   // mean over the counted observations, unrated = 100 %
                                      // (for information: normal time does not use it)
    std::size_t ratedCount = 0;       // counted observations that carry a rating
    double normalSeconds = 0;         // mean of observed × rating / 100, per observation
    double standardSeconds = 0;       // normal time plus the study's allowance

    std::size_t abnormalCount = 0;    // counted observations flagged abnormal (they still count)
    std::size_t excludedCount = 0;    // step observations the analyst excluded
    std::size_t foreignCount = 0;     // foreign elements that interrupted this step
    double foreignSeconds = 0;        // their total time (often the waste worth chasing)
};

// The whole cycle: the sum over steps (NaN until every step has at least one observation).
struct CycleSummary {
    double meanSeconds = 0;
    double normalSeconds = 0;
    double standardSeconds = 0;
    std::size_t completeCycles = 0;   // cycles in which every step has a counted observation
    bool studyComplete = false;       // every step consistent ("repeat until consistent")
};

struct StudySummary {
    std::vector<StepSummary> steps;   // one per step, in the order given
    CycleSummary cycle;
};

// Summarises the observations of one study per step of its process.
// Counted observations: those of the step (stepId) that are neither excluded nor foreign;
// abnormal ones count until the analyst excludes them. Mean and SD by stats::mean/sampleSd
// (compensated two-pass). Observations needed by study::observationsNeeded (samplesize.h) on
// the counted times in seconds: classic N′ (Kanawaty, ILO) and the Student-t count (Niebel &
// Freivalds); a step is consistent when n reaches the larger, so a small pilot sample that
// happens to agree closely is not declared done by the classic formula alone.
// Rating: the study's rating method None means 100 % throughout; otherwise an unrated
// observation counts as 100 %. Each observation is rated on its own, so normal (basic) time is
// levelled per observation and then averaged: normal = Σ(tᵢ × rᵢ / 100) / n (BS 3138 "Glossary
// of terms used in management services", basic time; Kanawaty, ILO "Introduction to Work
// Study", rating). Mean time × mean rating is not the same: 12 s at 80 % and 8 s at 120 % are
// 9.6 s of normal time each, not 10 s. An observation whose rating cannot level it (≤ 0, not
// finite) makes its step's normal and standard time NaN. Standard time = normal time plus the
// study's allowance by study::standardFromNormal (Niebel & Freivalds; Heizer & Render).
// Errors: confidence or accuracy outside (0, 1), NaN (OutOfRange, NotFinite); an allowance the
// study's convention rejects (standardFromNormal's errors). Odd data never fails the summary: it
// gives NaN or nullopt for that step.
Expected<StudySummary> summarizeSteps(std::span<const Step> steps, std::span<const Observation> observations,
                                      const Study& study, double confidence = 0.95, double accuracy = 0.05);

} // namespace gemba::study
