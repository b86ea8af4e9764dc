// The stopwatch of a time study: continuous timing of a process's steps, cycle after cycle.
#pragma once

#include "error.h"
#include "study/clock.h"
#include "study/lapsink.h"
#include "study/model.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gemba::study {

// What a lap (or a skip) did, for the timing view to show.
struct LapResult {
    std::optional<Observation> observation;   // the step just closed, as stored (id set);
                                              // nullopt for the first lap and for a skip
    int observationCycle = 0;                 // the cycle number that observation belongs to
    int cycleNumber = 0;                      // the cycle now being timed (1-based)
    std::size_t currentStep = 0;              // index of the step now being timed
    bool cycleStarted = false;                // a cycle began: the first lap, or leaving the last step
};

// What pressing the foreign-element key did.
struct ForeignToggle {
    bool started = false;                     // true: a foreign element began; false: it ended
    std::optional<Observation> observation;   // when it ended: the foreign element, as stored
};

// What undoing a lap did.
struct UndoResult {
    Observation removed;          // the step observation taken out of the sink
    int cycleNumber = 0;          // the cycle now being timed again
    std::size_t currentStep = 0;  // the step now being timed again (the removed one's step)
    bool cycleReverted = false;   // the undone lap (or a skip after it) had started a cycle
};

enum class SessionState {
    Ready,     // constructed; the first lap starts the clock
    Running,
    Paused,
    Ended,     // end() succeeded; only markAbnormal still works
};

// Continuous timing (DOMAIN.md): the clock never stops, and each lap closes the current step
// and opens the next, so a step's time is the split between two laps, less the pauses and
// foreign elements inside it. After the last step the next cycle starts.
//
// Every event takes the ClockReading of the moment the key was pressed, not of the moment the
// event is processed: the GUI reads the clock in its key handler and may hand the event to a
// worker thread, and a busy disk must not stretch a step. Readings must not go backwards.
//
// Everything the session records goes to the LapSink before the session acknowledges it. When
// the sink fails (or the event makes no sense in the current state) the event returns an error
// and the session is exactly as before, so the user can simply press the key again.
//
// Rules where a key could mean two things, chosen so that no time is silently attributed:
// a lap or skip during a foreign or occasional element, and a lap, a foreign or an occasional
// element's start or end while paused, are refused (end the element / resume first). Pausing
// inside a foreign or occasional element pauses that element. A foreign element and an
// occasional element do not nest: starting one while the other runs is refused.
//
// Occasional elements (ElementKind::Occasional, ISSUE 8 §1): they happen now and then inside
// the cycle, so they are timed like a foreign element: startOccasional() splits the current
// step around them, and endOccasional() records an observation of the occasional step in the
// current cycle (not foreign; its own time less its pauses). Their whole span is kept out of
// the interrupted step. They are not in the lap order: a lap goes from the last cyclic (or
// machine-controlled) step to the first one of the next cycle. Exception, "a study of its
// own": when every step of the process is occasional, the lap order is all the steps, in their
// order, and they are timed with the lap key like cyclic steps.
//
// Pauses: every observation carries pausedUs, the time the stopwatch was paused inside that
// element itself (a pause inside a foreign or occasional element counts for that element, not
// for the step it interrupted), so that Σ (durationUs + pausedUs) accounts for the elapsed
// time of the study (study/validity.h).
//
// Not thread-safe: the caller serialises the calls (the GUI's worker thread owns the session).
class StopwatchSession {
public:
    // More than this much suspend (CLOCK_BOOTTIME − CLOCK_MONOTONIC) inside an element's counted
    // time flags it spansSuspend. The two clocks agree to well under a millisecond otherwise; two
    // seconds also ignores a screen lock that did not really sleep.
    static constexpr std::int64_t kSuspendThresholdUs = 2'000'000;
    // A step observation that spans suspend is recorded excluded, with this reason: its time is
    // what really passed (CLOCK_BOOTTIME), but the operator was not timed working through the
    // sleep, so it stays out of the summary (n, mean, observations needed, standard time) until
    // the analyst includes it again, like any other exclusion. A foreign element is only flagged:
    // it never enters a step's figures.
    static constexpr const char* kSuspendReason = "the computer slept during this step";

    // `study` must already be stored (id set); `steps` are the process's steps in order.
    // The sink must outlive the session.
    StopwatchSession(Study study, std::vector<Step> steps, LapSink& sink);
    StopwatchSession(const StopwatchSession&) = delete;
    StopwatchSession& operator=(const StopwatchSession&) = delete;

    // The first lap starts the clock (creates cycle 1; sets study.startedWallUs if it is 0);
    // each later lap records the current step and opens the next one.
    Expected<LapResult> lap(const ClockReading& at);
    Expected<bool> pause(const ClockReading& at);
    Expected<bool> resume(const ClockReading& at);
    // The current step was not performed: nothing is recorded, and the next step takes over the
    // element in progress (its start, the pauses in it, its note and rating). Allowed while paused.
    Expected<LapResult> skip(const ClockReading& at);
    // Starts a foreign element, or ends it: it is recorded as its own observation
    // (foreignElement, stepId = the interrupted step) and its whole span is kept out of the step.
    Expected<ForeignToggle> toggleForeign(const ClockReading& at);
    // Starts an occasional element: `stepId` must be an occasional step of the process. The
    // current step's time stops until endOccasional().
    Expected<bool> startOccasional(Id stepId, const ClockReading& at);
    // Ends the occasional element and records it (stepId = the occasional step, cycleId = the
    // current cycle); the whole span, its pauses included, is kept out of the interrupted step.
    Expected<Observation> endOccasional(const ClockReading& at);
    // Sets (or clears) the abnormal flag of the most recent observation that is not a foreign
    // element (a step's lap, or an occasional element just ended); returns it updated.
    Expected<Observation> markAbnormal(bool abnormal = true);
    // Removes the most recent step observation and makes its step current again with its original
    // start, as if the lap had never happened: what was timed since (pauses, foreign elements,
    // skips, a new cycle) now belongs to that step again, and foreign elements recorded since are
    // re-attributed to it (occasional elements recorded since keep their step and move to the
    // restored step's cycle, since they interrupted it; their time stays out of it). Repeatable back to the first lap; the clock itself keeps running.
    Expected<UndoResult> undoLastLap();
    // The note and rating of the element in progress (the foreign or occasional element while
    // one is being timed), stored with it when it is recorded. A rating outside the plausible range
    // (study/rating.h, 50-150 %) is refused with OutOfRange; nullopt clears it.
    Expected<bool> setNote(std::string text);
    Expected<bool> setRating(std::optional<double> percent);
    // Ends the study: the element in progress (and a foreign or occasional element in progress)
    // is discarded,
    // study.endedWallUs is set and stored.
    Expected<bool> end(const ClockReading& at);

    SessionState state() const { return m_state; }
    bool started() const { return m_state != SessionState::Ready; }
    bool running() const { return m_state == SessionState::Running; }
    bool paused() const { return m_state == SessionState::Paused; }
    bool ended() const { return m_state == SessionState::Ended; }
    bool inForeign() const { return m_foreign.has_value(); }
    bool inOccasional() const { return m_occasional.has_value(); }
    // The occasional step being timed (index into steps()); meaningful only while inOccasional().
    std::size_t occasionalStepIndex() const { return m_occasionalStep; }
    // The occasional steps one can start while timing (indices into steps(), in their order);
    // empty in a study of its own, where every step is occasional and timed with the lap key.
    std::vector<std::size_t> occasionalSteps() const;
    // Whether laps visit the step (see the class comment).
    bool inLapOrder(std::size_t stepIndex) const;
    bool canUndo() const { return !m_laps.empty() && !ended(); }

    std::size_t currentStepIndex() const { return m_current; }
    std::size_t nextStepIndex() const;   // the next step in the lap order, wrapping after the last
    int cycleNumber() const;             // 1-based; 0 before the first lap

    // Split time of the current step: what the big clock shows. Frozen while paused or while a
    // foreign or occasional element runs; 0 before the first lap and after the end.
    std::int64_t elapsedInStepUs(const ClockReading& at) const;
    std::int64_t elapsedInForeignUs(const ClockReading& at) const;      // 0 unless inForeign()
    std::int64_t elapsedInOccasionalUs(const ClockReading& at) const;   // 0 unless inOccasional()
    // Time of the current cycle so far: its recorded steps in the lap order (not the foreign or
    // occasional elements) plus the current split.
    std::int64_t elapsedInCycleUs(const ClockReading& at) const;

    const std::string& pendingNote() const;
    std::optional<double> pendingRating() const;

    const Study& study() const { return m_study; }
    const std::vector<Step>& steps() const { return m_steps; }
    // Everything recorded and not undone, in the order recorded (steps and foreign elements).
    const std::vector<Observation>& observations() const { return m_observations; }
    // The cycles created in the sink. After an undo across a cycle boundary the later cycle stays
    // here (LapSink cannot remove one) and is reused when timing reaches it again.
    const std::vector<Cycle>& cycles() const { return m_cycles; }

private:
    // One element being timed.
    struct Element {
        ClockReading start;
        std::int64_t excludedBootUs = 0;        // pauses (and, in a step, foreign and occasional
                                                // elements) inside it
        std::int64_t excludedMonotonicUs = 0;   // the same on CLOCK_MONOTONIC, to see suspend
        std::int64_t pausedBootUs = 0;          // the pauses alone (Observation::pausedUs)
        std::string note;
        std::optional<double> rating;
    };
    // Where the session stood before a lap, so that the lap can be undone.
    struct LapRecord {
        Id observationId = 0;
        std::size_t step = 0;
        std::size_t cycleIndex = 0;
        Element element;
    };

    Expected<bool> checkEvent(const ClockReading& at, const char* what) const;
    Expected<bool> ensureCycle(std::size_t index);
    // Where a lap or a skip moves to: the next step, or the first step of the next cycle.
    struct Position {
        std::size_t step = 0;
        std::size_t cycleIndex = 0;
    };
    Expected<Position> nextPosition();
    Element& activeElement();
    const Element& activeElement() const;
    // An observation of `e` ending at `at`, of step `stepIndex` in the current cycle.
    Observation makeObservation(const Element& e, const ClockReading& at, bool foreign,
                                std::size_t stepIndex) const;
    std::size_t firstInLapOrder() const;
    bool isOccasionalStep(Id stepId) const;

    Study m_study;
    std::vector<Step> m_steps;
    LapSink* m_sink;

    SessionState m_state = SessionState::Ready;
    std::size_t m_current = 0;
    std::size_t m_cycleIndex = 0;   // into m_cycles
    Element m_element;              // the current step
    std::optional<Element> m_foreign;
    std::optional<Element> m_occasional;
    std::size_t m_occasionalStep = 0;
    bool m_allOccasional = false;   // a study of its own: every step is occasional, all are lapped
    ClockReading m_pausedAt;
    ClockReading m_lastEvent;

    std::vector<Cycle> m_cycles;
    std::vector<Observation> m_observations;
    std::vector<LapRecord> m_laps;
};

} // namespace gemba::study
