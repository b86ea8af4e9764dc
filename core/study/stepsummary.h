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
    double medianSeconds = 0;         // median observed time
    double selectedSeconds = 0;       // the study's selected observed time: mean or median
    double normalSeconds = 0;         // basic (normal) time per occurrence: the mean or the median,
                                      // by the study's rule, of observed × rating / 100 per observation
    double standardSeconds = 0;       // basic time plus this element's allowance, per occurrence

    ElementKind kind = ElementKind::Cyclic;
    double occurrencesPerCycle = 1;   // 1, or 1/N (every N cycles), or units per cycle / N (every N units)
    Allowances allowances;            // the categories that apply to this element (see allowancesFor)
    double allowancePercent = 0;      // their total plus the study's not-split PF&D where it applies
    double basicPerCycleSeconds = 0;     // normalSeconds × occurrencesPerCycle
    double standardPerCycleSeconds = 0;  // standardSeconds × occurrencesPerCycle
    double piecesPerHour = 0;            // 3600 × units per cycle / standardPerCycleSeconds: the
                                         // element's own rate, as if it were all the work
    double standardHoursPer100Units = 0; // standardPerCycleSeconds / units per cycle × 100 / 3600
    Id insideStepId = 0;              // internal work: the machine-controlled step it runs inside
    bool ratingIgnored = false;       // machine-controlled, and ratings were typed: they were not used

    std::size_t abnormalCount = 0;    // counted observations flagged abnormal (they still count)
    std::size_t excludedCount = 0;    // step observations the analyst excluded
    std::size_t foreignCount = 0;     // foreign elements that interrupted this step
    double foreignSeconds = 0;        // their total time (often the waste worth chasing)
};

// The whole cycle, per cycle (NaN until every step has at least one observation):
// Σ external elements × occurrences per cycle + Σ over machine-controlled elements of
// max(machine time, the internal work inside it).
struct CycleSummary {
    double meanSeconds = 0;           // selected observed times (mean or median), per cycle
    double normalSeconds = 0;         // basic time per cycle
    double standardSeconds = 0;       // standard time per cycle
    double hiddenStandardSeconds = 0; // internal work that runs inside machine time (not added)
    double unitsPerCycle = 1;
    double piecesPerHour = 0;         // 3600 × units per cycle / standard time per cycle
    double standardHoursPer100Units = 0;   // standard time per unit × 100 / 3600
    std::size_t completeCycles = 0;   // cycles in which every cyclic and machine-controlled step
                                      // has a counted observation (occasional ones are not expected)
    bool studyComplete = false;       // every step consistent ("repeat until consistent")
};

struct StudySummary {
    std::vector<StepSummary> steps;   // one per step, in the order given
    CycleSummary cycle;
};

// The allowance categories that apply to `step` in `study`: the step's own, else its step
// type's, else the study's. A machine-controlled element takes the delay (contingency)
// category only: the operator's personal needs and fatigue are met while the machine runs,
// so relaxation is not allowed on machine time (Kanawaty, ILO "Introduction to Work Study",
// 4th ed., ch. 23 "restricted work"; REFA grants no "Erholungszeit" on "Brachzeit").
Allowances allowancesFor(const Step& step, const Study& study);

// The total allowance percentage of `step` in `study`: allowancesFor(...).total() plus the
// study's PF&D percentage that is not split by category (older files), which a
// machine-controlled element does not take either (it includes personal and fatigue time).
double allowancePercentFor(const Step& step, const Study& study);

// How often `step` occurs per cycle: 1 for cyclic and machine-controlled elements; for an
// occasional one 1/N when it occurs once every N cycles, units per cycle / N when once every N
// units (a 120 s reel change every 20 cycles is 120 × 1/20 = 6 s per cycle). NaN when N ≤ 0.
double occurrencesPerCycle(const Step& step, const Study& study);

// Summarises the observations of one study per step of its process.
// Counted observations: those of the step (stepId) that are neither excluded nor foreign;
// abnormal ones count until the analyst excludes them. Mean and SD by stats::mean/sampleSd
// (compensated two-pass). Observations needed by study::observationsNeeded (samplesize.h) on
// the counted times in seconds: classic N′ (Kanawaty, ILO) and the Student-t count (Niebel &
// Freivalds); a step is consistent when n reaches the larger, so a small pilot sample that
// happens to agree closely is not declared done by the classic formula alone.
// Rating: the study's rating method None means 100 % throughout; otherwise an unrated
// observation counts as 100 %. A machine-controlled element is never rated: its time is set by
// the machine, so 100 % is used whatever was typed (ILO). Each observation is rated on its own, so normal (basic) time is
// levelled per observation and then averaged: normal = Σ(tᵢ × rᵢ / 100) / n (BS 3138 "Glossary
// of terms used in management services", basic time; Kanawaty, ILO "Introduction to Work
// Study", rating). Mean time × mean rating is not the same: 12 s at 80 % and 8 s at 120 % are
// 9.6 s of normal time each, not 10 s. An observation whose rating cannot level it (≤ 0, not
// finite) makes its step's normal and standard time NaN. With the median rule the basic time is
// the median of the levelled times (the same per-observation levelling). Standard time = basic
// time plus the element's allowance (allowancePercentFor) by study::standardFromNormal (Niebel &
// Freivalds; Heizer & Render). Per cycle, each element counts × occurrencesPerCycle, and the
// manual elements marked inside a machine-controlled one add only beyond its time:
// cycle = external + max(machine, Σ internal) (ILO, "restricted work"; SMED's internal work).
// A step marked inside a step that is not machine-controlled (or not in `steps`) counts as
// external work.
// Errors: confidence or accuracy outside (0, 1), NaN (OutOfRange, NotFinite); an allowance the
// study's convention rejects (standardFromNormal's errors). Odd data never fails the summary: it
// gives NaN or nullopt for that step.
Expected<StudySummary> summarizeSteps(std::span<const Step> steps, std::span<const Observation> observations,
                                      const Study& study, double confidence = 0.95, double accuracy = 0.05);

} // namespace gemba::study
