// Tests of study/stopwatchsession: exact split times with a hand-set clock, pauses, skips,
// foreign elements, undo (also across a cycle boundary and repeated), notes and ratings,
// suspend, a failing sink that leaves the session unchanged, and the end of a study.
#include "study/clock.h"
#include "study/stepsummary.h"
#include "study/stopwatchsession.h"
#include "study/validity.h"

#include "referencedata.h"

#include <QDateTime>
#include <QtTest>

#include <cstdlib>
#include <limits>
#include <span>
#include <string>
#include <vector>

using namespace gemba;
using study::ClockReading;
using study::Id;
using study::ManualClock;
using study::Observation;
using study::StopwatchSession;

namespace {

// A LapSink that keeps everything in memory, and fails on request: `failOp` names the operation
// ("addCycle", "addObservation", "updateObservation", "removeObservation", "updateStudy") that
// fails after `failAfter` more successful calls of it, `failTimes` times (-1: until cleared).
class MemorySink final : public study::LapSink {
public:
    Expected<Id> addCycle(study::Cycle& cycle) override
    {
        if (shouldFail("addCycle"))
            return failure();
        cycle.id = m_nextId++;
        cycles.push_back(cycle);
        return cycle.id;
    }
    Expected<Id> addObservation(Observation& obs) override
    {
        if (shouldFail("addObservation"))
            return failure();
        obs.id = m_nextId++;
        observations.push_back(obs);
        return obs.id;
    }
    Expected<bool> updateObservation(const Observation& obs) override
    {
        if (shouldFail("updateObservation"))
            return failure();
        for (Observation& o : observations) {
            if (o.id == obs.id) {
                o = obs;
                ++updates;
                return true;
            }
        }
        return makeError(ErrorCode::InvalidArgument, "no such observation");
    }
    Expected<bool> removeObservation(Id id) override
    {
        if (shouldFail("removeObservation"))
            return failure();
        for (auto it = observations.begin(); it != observations.end(); ++it) {
            if (it->id == id) {
                observations.erase(it);
                return true;
            }
        }
        return makeError(ErrorCode::InvalidArgument, "no such observation");
    }
    Expected<bool> updateStudy(const study::Study& s) override
    {
        if (shouldFail("updateStudy"))
            return failure();
        studyUpdates.push_back(s);
        return true;
    }
    // All or nothing, like the store's transaction: the changes are made one by one (each can be
    // made to fail as above) and all put back when one fails.
    Expected<bool> undoLap(std::span<const Observation> reattributed, Id removedId) override
    {
        const std::vector<Observation> before = observations;
        const int updatesBefore = updates;
        const auto restore = [&] {
            observations = before;
            updates = updatesBefore;
        };
        for (const Observation& o : reattributed) {
            if (auto ok = updateObservation(o); !ok) {
                restore();
                return ok;
            }
        }
        if (auto ok = removeObservation(removedId); !ok) {
            restore();
            return ok;
        }
        return true;
    }

    const Observation* find(Id id) const
    {
        for (const Observation& o : observations)
            if (o.id == id)
                return &o;
        return nullptr;
    }

    std::vector<study::Cycle> cycles;
    std::vector<Observation> observations;
    std::vector<study::Study> studyUpdates;
    int updates = 0;
    std::string failOp;
    int failAfter = 0;
    int failTimes = -1;

private:
    bool shouldFail(const char* op)
    {
        if (failOp != op)
            return false;
        if (failAfter > 0) {
            --failAfter;
            return false;
        }
        if (failTimes == 0)
            return false;
        if (failTimes > 0)
            --failTimes;
        return true;
    }
    static Error failure() { return makeError(ErrorCode::IoError, "disk full"); }

    Id m_nextId = 1;
};

std::vector<study::Step> threeSteps()
{
    std::vector<study::Step> steps(3);
    const char* names[] = {"Pick part", "Fit part", "Inspect"};
    for (int i = 0; i < 3; ++i) {
        steps[i].id = 11 + i;
        steps[i].processId = 5;
        steps[i].position = i;
        steps[i].name = names[i];
    }
    return steps;
}

// Pick part (cyclic), Press (machine-controlled), Change reel (occasional, every 20 cycles),
// Inspect (cyclic).
std::vector<study::Step> stepsWithReel()
{
    std::vector<study::Step> steps(4);
    const char* names[] = {"Pick part", "Press", "Change reel", "Inspect"};
    for (int i = 0; i < 4; ++i) {
        steps[i].id = 21 + i;
        steps[i].processId = 5;
        steps[i].position = i;
        steps[i].name = names[i];
    }
    steps[1].kind = study::ElementKind::MachineControlled;
    steps[2].kind = study::ElementKind::Occasional;
    steps[2].every = 20;
    return steps;
}

study::Study aStudy()
{
    study::Study s;
    s.id = 7;
    s.processId = 5;
    s.date = "2026-11-23";
    s.allowancePercent = 15;
    return s;
}

constexpr std::int64_t kSecond = 1'000'000;

// Checks a call succeeded, with its message when it did not.
#define VERIFY_OK(expr)                                                                                    \
    do {                                                                                                   \
        const auto& r_ = (expr);                                                                           \
        QVERIFY2(r_.hasValue(), r_.hasValue() ? "" : r_.error().message.c_str());                          \
    } while (false)

} // namespace

class TestStopwatchSession : public QObject {
    Q_OBJECT

private slots:
    void beforeTheFirstLap();
    void firstLapStartsClock();
    void firstLapKeepsPresetStartTime();
    void splitTimesAcrossCycles();
    void pauseIsExcluded();
    void pauseRules();
    void skipKeepsRunningStart();
    void skipLastStepStartsCycle();
    void foreignElementIsSubtracted();
    void pauseInsideForeignElement();
    void foreignElementRules();
    void pausedTimeIsRecorded();
    void occasionalElementSplitsStep();
    void lapOrderSkipsOccasional();
    void occasionalRules();
    void pauseInsideOccasional();
    void sinkFailureOnOccasional();
    void undoKeepsOccasionalAttributed();
    void studyOfItsOwn();
    void undoLastLap();
    void undoAcrossCycleBoundary();
    void undoRepeatedly();
    void undoKeepsPausesAndForeignSince();
    void undoAfterSkipAcrossCycle();
    void notesAndRatings();
    void noteDuringForeignElement();
    void ratingValidation();
    void markAbnormal();
    void suspendIsFlagged();
    void suspendDuringPauseIsNotFlagged();
    void suspendedStepIsLeftOut();
    void sinkFailureOnLap();
    void sinkFailureOnCycle();
    void sinkFailureOnFirstLap();
    void sinkFailureOnForeign();
    void sinkFailureOnUndo();
    void sinkFailureOnUndoRollsBack();
    void sinkFailureOnMarkAbnormal();
    void sinkFailureOnEnd();
    void endStudy();
    void readingsMustNotGoBack();
    void noSteps();
    void summaryOfTimedStudy();
    void systemClock();
};

void TestStopwatchSession::beforeTheFirstLap()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    QCOMPARE(s.state(), study::SessionState::Ready);
    QVERIFY(!s.started());
    QCOMPARE(s.cycleNumber(), 0);
    QCOMPARE(s.currentStepIndex(), std::size_t(0));
    QCOMPARE(s.nextStepIndex(), std::size_t(1));
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(0));
    QCOMPARE(s.elapsedInCycleUs(clock.now()), std::int64_t(0));
    QVERIFY(!s.canUndo());
    // Nothing to pause, skip, interrupt, undo, mark or annotate yet.
    QVERIFY(!s.pause(clock.now()));
    QVERIFY(!s.skip(clock.now()));
    QVERIFY(!s.toggleForeign(clock.now()));
    QVERIFY(!s.undoLastLap());
    QVERIFY(!s.markAbnormal());
    QVERIFY(!s.setNote("early"));
    QVERIFY(sink.cycles.empty());
}

void TestStopwatchSession::firstLapStartsClock()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    const ClockReading t0 = clock.now();
    const auto r = s.lap(t0);
    VERIFY_OK(r);
    QVERIFY(!r->observation);
    QVERIFY(r->cycleStarted);
    QCOMPARE(r->cycleNumber, 1);
    QCOMPARE(r->currentStep, std::size_t(0));
    QVERIFY(s.running());
    QCOMPARE(s.cycleNumber(), 1);
    QCOMPARE(sink.cycles.size(), std::size_t(1));
    QCOMPARE(sink.cycles[0].studyId, Id(7));
    QCOMPARE(sink.cycles[0].number, 1);
    QVERIFY(sink.observations.empty());
    // The study had no start time: the first lap is its start.
    QCOMPARE(sink.studyUpdates.size(), std::size_t(1));
    QCOMPARE(sink.studyUpdates[0].startedWallUs, t0.wallUs);
    QCOMPARE(s.study().startedWallUs, t0.wallUs);
    clock.advanceUs(1'234'567);
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(1'234'567));
}

void TestStopwatchSession::firstLapKeepsPresetStartTime()
{
    MemorySink sink;
    ManualClock clock;
    study::Study st = aStudy();
    st.startedWallUs = 42;
    StopwatchSession s(st, threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    QVERIFY(sink.studyUpdates.empty());
    QCOMPARE(s.study().startedWallUs, std::int64_t(42));
}

void TestStopwatchSession::splitTimesAcrossCycles()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    const ClockReading t0 = clock.now();
    VERIFY_OK(s.lap(t0));

    clock.advanceUs(2'500'000);
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(2'500'000));
    const auto r1 = s.lap(clock.now());
    VERIFY_OK(r1);
    QVERIFY(r1->observation);
    const Observation& o1 = *r1->observation;
    QCOMPARE(o1.studyId, Id(7));
    QCOMPARE(o1.stepId, Id(11));
    QCOMPARE(o1.cycleId, sink.cycles[0].id);
    QCOMPARE(o1.startUs, t0.bootUs);
    QCOMPARE(o1.endUs, t0.bootUs + 2'500'000);
    QCOMPARE(o1.wallStartUs, t0.wallUs);
    QCOMPARE(o1.durationUs, std::int64_t(2'500'000));
    QVERIFY(!o1.foreignElement && !o1.spansSuspend && !o1.abnormal);
    QVERIFY(o1.id != 0);
    QCOMPARE(r1->observationCycle, 1);
    QCOMPARE(r1->cycleNumber, 1);
    QCOMPARE(r1->currentStep, std::size_t(1));
    QVERIFY(!r1->cycleStarted);
    // Split, not cumulative: the new step starts at zero.
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(0));

    clock.advanceUs(4'250'000);
    const auto r2 = s.lap(clock.now());
    VERIFY_OK(r2);
    QCOMPARE(r2->observation->stepId, Id(12));
    QCOMPARE(r2->observation->durationUs, std::int64_t(4'250'000));
    QCOMPARE(r2->observation->startUs, t0.bootUs + 2'500'000);
    QCOMPARE(s.currentStepIndex(), std::size_t(2));
    QCOMPARE(s.nextStepIndex(), std::size_t(0));

    // 0.3 s into the last step the cycle has run 2.5 + 4.25 + 0.3 = 7.05 s.
    clock.advanceUs(300'000);
    QCOMPARE(s.elapsedInCycleUs(clock.now()), std::int64_t(7'050'000));

    clock.advanceUs(700'001);   // step 3: 1.000001 s
    const auto r3 = s.lap(clock.now());
    VERIFY_OK(r3);
    QCOMPARE(r3->observation->stepId, Id(13));
    QCOMPARE(r3->observation->durationUs, std::int64_t(1'000'001));
    QCOMPARE(r3->observation->cycleId, sink.cycles[0].id);
    QCOMPARE(r3->observationCycle, 1);
    QVERIFY(r3->cycleStarted);
    QCOMPARE(r3->cycleNumber, 2);
    QCOMPARE(r3->currentStep, std::size_t(0));
    QCOMPARE(sink.cycles.size(), std::size_t(2));
    QCOMPARE(sink.cycles[1].number, 2);

    clock.advanceUs(500'000);
    QCOMPARE(s.elapsedInCycleUs(clock.now()), std::int64_t(500'000));
    const auto r4 = s.lap(clock.now());
    VERIFY_OK(r4);
    QCOMPARE(r4->observation->stepId, Id(11));
    QCOMPARE(r4->observation->cycleId, sink.cycles[1].id);
    QCOMPARE(r4->observation->durationUs, std::int64_t(500'000));
    QCOMPARE(s.observations().size(), std::size_t(4));
    QCOMPARE(sink.observations.size(), std::size_t(4));
}

void TestStopwatchSession::pauseIsExcluded()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    const ClockReading t0 = clock.now();
    VERIFY_OK(s.lap(t0));
    clock.advanceUs(1 * kSecond);
    VERIFY_OK(s.pause(clock.now()));
    QVERIFY(s.paused());
    clock.advanceUs(10 * kSecond);
    // The big clock stands still while paused.
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(1 * kSecond));
    VERIFY_OK(s.resume(clock.now()));
    QVERIFY(s.running());
    clock.advanceUs(2 * kSecond);
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(3 * kSecond));
    // A second pause in the same step adds up: 0.25 s more.
    VERIFY_OK(s.pause(clock.now()));
    clock.advanceUs(250'000);
    VERIFY_OK(s.resume(clock.now()));
    const auto r = s.lap(clock.now());
    VERIFY_OK(r);
    // 1 s + 2 s counted; 10 s + 0.25 s paused; the record keeps the true start and end.
    QCOMPARE(r->observation->durationUs, std::int64_t(3 * kSecond));
    QCOMPARE(r->observation->startUs, t0.bootUs);
    QCOMPARE(r->observation->endUs, t0.bootUs + 13'250'000);
    // The pause belonged to step 1 only.
    clock.advanceUs(kSecond);
    QCOMPARE(s.lap(clock.now())->observation->durationUs, std::int64_t(kSecond));
}

void TestStopwatchSession::pauseRules()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    QVERIFY(!s.resume(clock.now()));   // not paused
    clock.advanceUs(kSecond);
    VERIFY_OK(s.pause(clock.now()));
    QVERIFY(!s.pause(clock.now()));    // already paused
    clock.advanceUs(kSecond);
    // A lap while paused is refused, not guessed at; nothing changes.
    const auto refused = s.lap(clock.now());
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!s.toggleForeign(clock.now()));
    QVERIFY(s.paused());
    QVERIFY(sink.observations.empty());
    QCOMPARE(s.currentStepIndex(), std::size_t(0));
    VERIFY_OK(s.resume(clock.now()));
    clock.advanceUs(kSecond);
    QCOMPARE(s.lap(clock.now())->observation->durationUs, std::int64_t(2 * kSecond));
}

void TestStopwatchSession::skipKeepsRunningStart()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    const ClockReading t0 = clock.now();
    VERIFY_OK(s.lap(t0));
    clock.advanceUs(2 * kSecond);
    const auto sk = s.skip(clock.now());
    VERIFY_OK(sk);
    QVERIFY(!sk->observation);
    QCOMPARE(sk->currentStep, std::size_t(1));
    QVERIFY(!sk->cycleStarted);
    QVERIFY(sink.observations.empty());
    // Step 2 carries on from step 1's start: the big clock does not jump back.
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(2 * kSecond));
    clock.advanceUs(kSecond);
    const auto r = s.lap(clock.now());
    VERIFY_OK(r);
    QCOMPARE(r->observation->stepId, Id(12));
    QCOMPARE(r->observation->startUs, t0.bootUs);
    QCOMPARE(r->observation->durationUs, std::int64_t(3 * kSecond));
    QCOMPARE(s.currentStepIndex(), std::size_t(2));
}

void TestStopwatchSession::skipLastStepStartsCycle()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    const auto sk = s.skip(clock.now());   // step 3 not performed in cycle 1
    VERIFY_OK(sk);
    QVERIFY(sk->cycleStarted);
    QCOMPARE(sk->cycleNumber, 2);
    QCOMPARE(sk->currentStep, std::size_t(0));
    QCOMPARE(sink.cycles.size(), std::size_t(2));
    clock.advanceUs(kSecond);
    const auto r = s.lap(clock.now());
    QCOMPARE(r->observation->stepId, Id(11));
    QCOMPARE(r->observation->cycleId, sink.cycles[1].id);
    QCOMPARE(r->observation->durationUs, std::int64_t(2 * kSecond));
}

void TestStopwatchSession::foreignElementIsSubtracted()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    const ClockReading t0 = clock.now();
    VERIFY_OK(s.lap(t0));
    clock.advanceUs(kSecond);
    const ClockReading f0 = clock.now();
    const auto started = s.toggleForeign(f0);
    VERIFY_OK(started);
    QVERIFY(started->started);
    QVERIFY(!started->observation);
    QVERIFY(s.inForeign());
    clock.advanceUs(30 * kSecond);
    QCOMPARE(s.elapsedInForeignUs(clock.now()), std::int64_t(30 * kSecond));
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(kSecond));   // frozen during the call
    const auto ended = s.toggleForeign(clock.now());
    VERIFY_OK(ended);
    QVERIFY(!ended->started);
    QVERIFY(ended->observation);
    const Observation& f = *ended->observation;
    QVERIFY(f.foreignElement);
    QCOMPARE(f.stepId, Id(11));   // the step it interrupted
    QCOMPARE(f.cycleId, sink.cycles[0].id);
    QCOMPARE(f.startUs, f0.bootUs);
    QCOMPARE(f.wallStartUs, f0.wallUs);
    QCOMPARE(f.durationUs, std::int64_t(30 * kSecond));
    QVERIFY(!s.inForeign());
    QCOMPARE(sink.observations.size(), std::size_t(1));

    clock.advanceUs(2 * kSecond);
    const auto r = s.lap(clock.now());
    VERIFY_OK(r);
    // 1 + 30 + 2 = 33 s elapsed, less the 30 s call = 3 s.
    QCOMPARE(r->observation->durationUs, std::int64_t(3 * kSecond));
    QCOMPARE(r->observation->startUs, t0.bootUs);
    QCOMPARE(r->observation->endUs, t0.bootUs + 33 * kSecond);
    QVERIFY(!r->observation->foreignElement);
    QCOMPARE(s.observations().size(), std::size_t(2));
    // The cycle's running time counts the step, not the foreign element.
    QCOMPARE(s.elapsedInCycleUs(clock.now()), std::int64_t(3 * kSecond));
}

void TestStopwatchSession::pauseInsideForeignElement()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(4 * kSecond);
    VERIFY_OK(s.toggleForeign(clock.now()));
    clock.advanceUs(10 * kSecond);
    VERIFY_OK(s.pause(clock.now()));
    clock.advanceUs(5 * kSecond);
    QCOMPARE(s.elapsedInForeignUs(clock.now()), std::int64_t(10 * kSecond));
    VERIFY_OK(s.resume(clock.now()));
    clock.advanceUs(10 * kSecond);
    const auto f = s.toggleForeign(clock.now());
    VERIFY_OK(f);
    // Foreign: 10 + 10 s counted, the 5 s pause left out.
    QCOMPARE(f->observation->durationUs, std::int64_t(20 * kSecond));
    clock.advanceUs(kSecond);
    // Step: 4 + 25 + 1 = 30 s elapsed; the foreign span (25 s, its pause included) left out.
    QCOMPARE(s.lap(clock.now())->observation->durationUs, std::int64_t(5 * kSecond));
}

void TestStopwatchSession::foreignElementRules()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.toggleForeign(clock.now()));
    clock.advanceUs(kSecond);
    // A lap or skip during a foreign element is refused: which time would it end?
    QVERIFY(!s.lap(clock.now()));
    QVERIFY(!s.skip(clock.now()));
    QVERIFY(s.inForeign());
    QCOMPARE(s.currentStepIndex(), std::size_t(0));
    QVERIFY(sink.observations.empty());
}

void TestStopwatchSession::pausedTimeIsRecorded()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(2 * kSecond);
    VERIFY_OK(s.pause(clock.now()));           // 3 s pause inside step 1
    clock.advanceUs(3 * kSecond);
    VERIFY_OK(s.resume(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.toggleForeign(clock.now()));   // a foreign element of 4 s ...
    clock.advanceUs(kSecond);
    VERIFY_OK(s.pause(clock.now()));           // ... with a 2 s pause of its own
    clock.advanceUs(2 * kSecond);
    VERIFY_OK(s.resume(clock.now()));
    clock.advanceUs(3 * kSecond);
    const auto f = s.toggleForeign(clock.now());
    VERIFY_OK(f);
    QCOMPARE(f->observation->durationUs, std::int64_t(4 * kSecond));
    QCOMPARE(f->observation->pausedUs, std::int64_t(2 * kSecond));
    clock.advanceUs(kSecond);
    const auto r = s.lap(clock.now());
    VERIFY_OK(r);
    // Step 1: 2 + 3 + 1 + 6 + 1 = 13 s elapsed, less the 3 s pause and the 6 s foreign span.
    QCOMPARE(r->observation->durationUs, std::int64_t(4 * kSecond));
    QCOMPARE(r->observation->pausedUs, std::int64_t(3 * kSecond));   // not the foreign one's 2 s
    QCOMPARE(sink.find(r->observation->id)->pausedUs, std::int64_t(3 * kSecond));
    clock.advanceUs(5 * kSecond);
    VERIFY_OK(s.lap(clock.now()));   // step 2: 5 s, no pause
    QCOMPARE(s.observations().back().pausedUs, std::int64_t(0));

    // Elapsed 13 + 5 = 18 s; recorded 4 + 3 (step 1) + 4 + 2 (foreign) + 5 (step 2) = 18 s.
    const auto v = study::studyValidity(s.observations());
    QVERIFY(v);
    QCOMPARE(v->elapsedSeconds, 18.0);
    QCOMPARE(v->recordedSeconds, 18.0);
    QCOMPARE(v->recordingError, 0.0);
    QVERIFY(!v->flagged);
}

void TestStopwatchSession::occasionalElementSplitsStep()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), stepsWithReel(), sink);
    QCOMPARE(s.occasionalSteps(), std::vector<std::size_t>{2});
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(5 * kSecond);
    VERIFY_OK(s.lap(clock.now()));   // Pick part: 5 s; Press (machine) now current
    QCOMPARE(s.currentStepIndex(), std::size_t(1));
    clock.advanceUs(10 * kSecond);
    const ClockReading o0 = clock.now();
    VERIFY_OK(s.startOccasional(23, o0));
    QVERIFY(s.inOccasional());
    QCOMPARE(s.occasionalStepIndex(), std::size_t(2));
    QCOMPARE(s.currentStepIndex(), std::size_t(1));   // the interrupted step stays current
    clock.advanceUs(42 * kSecond);
    QCOMPARE(s.elapsedInOccasionalUs(clock.now()), std::int64_t(42 * kSecond));
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(10 * kSecond));   // frozen
    clock.advanceUs(78 * kSecond);
    const auto reel = s.endOccasional(clock.now());
    VERIFY_OK(reel);
    // The reel change: 120 s, a reading of its own step in the current cycle, not foreign.
    QCOMPARE(reel->stepId, Id(23));
    QCOMPARE(reel->cycleId, sink.cycles[0].id);
    QVERIFY(!reel->foreignElement);
    QCOMPARE(reel->startUs, o0.bootUs);
    QCOMPARE(reel->durationUs, std::int64_t(120 * kSecond));
    QCOMPARE(reel->pausedUs, std::int64_t(0));
    QVERIFY(!s.inOccasional());
    QCOMPARE(sink.observations.size(), std::size_t(2));
    QCOMPARE(sink.observations.back().id, reel->id);
    clock.advanceUs(3 * kSecond);
    const auto press = s.lap(clock.now());
    VERIFY_OK(press);
    // Press: 10 + 120 + 3 = 133 s elapsed, less the 120 s reel change = 13 s.
    QCOMPARE(press->observation->stepId, Id(22));
    QCOMPARE(press->observation->durationUs, std::int64_t(13 * kSecond));
    QCOMPARE(press->currentStep, std::size_t(3));   // the reel step is not in the lap order
    // The cycle's running time: 5 + 13 s of its steps, not the reel change.
    QCOMPARE(s.elapsedInCycleUs(clock.now()), std::int64_t(18 * kSecond));
    clock.advanceUs(4 * kSecond);
    VERIFY_OK(s.lap(clock.now()));
    // Elapsed 5 + 133 + 4 = 142 s = recorded 5 + 13 + 120 + 4.
    const auto v = study::studyValidity(s.observations());
    QVERIFY(v);
    QCOMPARE(v->recordedSeconds, 142.0);
    QCOMPARE(v->recordingError, 0.0);
}

void TestStopwatchSession::lapOrderSkipsOccasional()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), stepsWithReel(), sink);
    QVERIFY(s.inLapOrder(0));
    QVERIFY(s.inLapOrder(1));   // machine-controlled elements are lapped
    QVERIFY(!s.inLapOrder(2));
    QVERIFY(s.inLapOrder(3));
    VERIFY_OK(s.lap(clock.now()));
    const std::size_t expected[] = {1, 3, 0, 1, 3, 0};
    for (std::size_t k = 0; k < 6; ++k) {
        QCOMPARE(s.nextStepIndex(), expected[k]);
        clock.advanceUs(kSecond);
        const auto r = s.lap(clock.now());
        VERIFY_OK(r);
        QCOMPARE(r->currentStep, expected[k]);
        QCOMPARE(r->cycleStarted, expected[k] == 0);
    }
    // A skip follows the same order: from Press straight to Inspect.
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    QCOMPARE(s.currentStepIndex(), std::size_t(1));
    QCOMPARE(s.skip(clock.now())->currentStep, std::size_t(3));
    for (const Observation& o : sink.observations)
        QVERIFY(o.stepId != Id(23));
    QCOMPARE(s.cycleNumber(), 3);
}

void TestStopwatchSession::occasionalRules()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), stepsWithReel(), sink);
    // Not before the clock starts.
    QVERIFY(!s.startOccasional(23, clock.now()));
    QVERIFY(!s.inOccasional());
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    // Only an occasional step of the process.
    QVERIFY(!s.startOccasional(21, clock.now()));
    QVERIFY(!s.startOccasional(99, clock.now()));
    QVERIFY(!s.inOccasional());
    QVERIFY(!s.endOccasional(clock.now()));   // none running
    // Not while paused.
    VERIFY_OK(s.pause(clock.now()));
    QVERIFY(!s.startOccasional(23, clock.now()));
    QVERIFY(!s.inOccasional());
    VERIFY_OK(s.resume(clock.now()));
    // Not inside a foreign element, and no foreign element inside an occasional one.
    VERIFY_OK(s.toggleForeign(clock.now()));
    QVERIFY(!s.startOccasional(23, clock.now()));
    QVERIFY(!s.inOccasional());
    VERIFY_OK(s.toggleForeign(clock.now()));
    VERIFY_OK(s.startOccasional(23, clock.now()));
    clock.advanceUs(2 * kSecond);
    QVERIFY(!s.toggleForeign(clock.now()));
    QVERIFY(!s.inForeign());
    QVERIFY(!s.startOccasional(23, clock.now()));   // already running
    // A lap or a skip would end which time? Refused, the session unchanged.
    QVERIFY(!s.lap(clock.now()));
    QVERIFY(!s.skip(clock.now()));
    QVERIFY(s.inOccasional());
    QCOMPARE(s.currentStepIndex(), std::size_t(0));
    QCOMPARE(s.elapsedInOccasionalUs(clock.now()), std::int64_t(2 * kSecond));
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(kSecond));
    QCOMPARE(sink.observations.size(), std::size_t(1));   // the foreign element only
    QVERIFY(sink.observations[0].foreignElement);
    VERIFY_OK(s.endOccasional(clock.now()));
    // Ending the study discards one in progress.
    VERIFY_OK(s.startOccasional(23, clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.end(clock.now()));
    QVERIFY(!s.inOccasional());
    QVERIFY(!s.startOccasional(23, clock.now()));
}

void TestStopwatchSession::pauseInsideOccasional()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), stepsWithReel(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(2 * kSecond);
    VERIFY_OK(s.startOccasional(23, clock.now()));
    clock.advanceUs(30 * kSecond);
    VERIFY_OK(s.pause(clock.now()));
    clock.advanceUs(10 * kSecond);
    QCOMPARE(s.elapsedInOccasionalUs(clock.now()), std::int64_t(30 * kSecond));   // frozen
    QVERIFY(!s.endOccasional(clock.now()));   // resume first
    QVERIFY(s.inOccasional());
    VERIFY_OK(s.setNote("reel jammed"));      // the note goes to the occasional element
    VERIFY_OK(s.resume(clock.now()));
    clock.advanceUs(20 * kSecond);
    const auto reel = s.endOccasional(clock.now());
    VERIFY_OK(reel);
    QCOMPARE(reel->durationUs, std::int64_t(50 * kSecond));
    QCOMPARE(reel->pausedUs, std::int64_t(10 * kSecond));
    QCOMPARE(reel->note, std::string("reel jammed"));
    QVERIFY(s.pendingNote().empty());
    clock.advanceUs(kSecond);
    const auto r = s.lap(clock.now());
    VERIFY_OK(r);
    // Pick part: 2 + 60 + 1 = 63 s elapsed, less the 60 s span (its pause included) = 3 s.
    QCOMPARE(r->observation->durationUs, std::int64_t(3 * kSecond));
    QCOMPARE(r->observation->pausedUs, std::int64_t(0));
    QVERIFY(r->observation->note.empty());
    QCOMPARE(study::studyValidity(s.observations())->recordingError, 0.0);
}

void TestStopwatchSession::sinkFailureOnOccasional()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), stepsWithReel(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.startOccasional(23, clock.now()));
    clock.advanceUs(5 * kSecond);
    sink.failOp = "addObservation";
    QVERIFY(!s.endOccasional(clock.now()));
    QVERIFY(s.inOccasional());   // still timing the occasional element
    QCOMPARE(s.elapsedInOccasionalUs(clock.now()), std::int64_t(5 * kSecond));
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(kSecond));
    QVERIFY(s.observations().empty());
    sink.failOp.clear();
    clock.advanceUs(kSecond);
    const auto reel = s.endOccasional(clock.now());
    VERIFY_OK(reel);
    QCOMPARE(reel->durationUs, std::int64_t(6 * kSecond));
    clock.advanceUs(kSecond);
    QCOMPARE(s.lap(clock.now())->observation->durationUs, std::int64_t(2 * kSecond));
}

void TestStopwatchSession::undoKeepsOccasionalAttributed()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), stepsWithReel(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));   // Pick part 1 s
    clock.advanceUs(2 * kSecond);
    VERIFY_OK(s.lap(clock.now()));   // Press 2 s; Inspect current
    clock.advanceUs(3 * kSecond);
    VERIFY_OK(s.lap(clock.now()));   // Inspect 3 s; cycle 2 begins
    QCOMPARE(s.cycleNumber(), 2);
    clock.advanceUs(kSecond);
    VERIFY_OK(s.startOccasional(23, clock.now()));
    clock.advanceUs(120 * kSecond);
    const auto reel = s.endOccasional(clock.now());
    VERIFY_OK(reel);
    QCOMPARE(reel->cycleId, sink.cycles[1].id);
    clock.advanceUs(kSecond);

    // The lap that closed Inspect was a mistake: the reel was changed during Inspect of cycle 1.
    const auto u = s.undoLastLap();
    VERIFY_OK(u);
    QVERIFY(u->cycleReverted);
    QCOMPARE(u->currentStep, std::size_t(3));
    const Observation* stored = sink.find(reel->id);
    QVERIFY(stored);
    QCOMPARE(stored->stepId, Id(23));                 // still the reel change
    QCOMPARE(stored->cycleId, sink.cycles[0].id);     // in the cycle it interrupted
    QCOMPARE(s.observations().back().cycleId, sink.cycles[0].id);
    // Inspect runs again from its start: 3 + 1 + 120 + 1 s elapsed, the 120 s reel left out.
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(5 * kSecond));
    clock.advanceUs(kSecond);
    const auto r = s.lap(clock.now());
    VERIFY_OK(r);
    QCOMPARE(r->observation->durationUs, std::int64_t(6 * kSecond));
    // Every second still accounted for: elapsed 1 + 2 + 126 = 129 s.
    const auto v = study::studyValidity(s.observations());
    QVERIFY(v);
    QCOMPARE(v->elapsedSeconds, 129.0);
    QCOMPARE(v->recordingError, 0.0);
}

void TestStopwatchSession::studyOfItsOwn()
{
    // Every step occasional: a study of the occasional elements alone, timed with the lap key.
    std::vector<study::Step> steps = stepsWithReel();
    for (study::Step& st : steps)
        st.kind = study::ElementKind::Occasional;
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), steps, sink);
    QVERIFY(s.occasionalSteps().empty());
    for (std::size_t i = 0; i < steps.size(); ++i)
        QVERIFY(s.inLapOrder(i));
    VERIFY_OK(s.lap(clock.now()));
    QCOMPARE(s.currentStepIndex(), std::size_t(0));
    for (int k = 1; k <= 4; ++k) {
        clock.advanceUs(k * 10 * kSecond);
        VERIFY_OK(s.lap(clock.now()));
    }
    QCOMPARE(sink.observations.size(), std::size_t(4));
    QCOMPARE(sink.observations[2].stepId, Id(23));
    QCOMPARE(sink.observations[2].durationUs, std::int64_t(30 * kSecond));
    QCOMPARE(s.cycleNumber(), 2);
    QCOMPARE(s.currentStepIndex(), std::size_t(0));
    // The cycle's time counts them: they are the cycle here.
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    QCOMPARE(s.elapsedInCycleUs(clock.now()), std::int64_t(kSecond));
}

void TestStopwatchSession::undoLastLap()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    const ClockReading t0 = clock.now();
    VERIFY_OK(s.lap(t0));
    clock.advanceUs(2 * kSecond);
    const auto lapped = s.lap(clock.now());
    VERIFY_OK(lapped);
    QVERIFY(s.canUndo());
    clock.advanceUs(3 * kSecond);
    const auto u = s.undoLastLap();
    VERIFY_OK(u);
    QCOMPARE(u->removed.id, lapped->observation->id);
    QCOMPARE(u->removed.durationUs, std::int64_t(2 * kSecond));
    QCOMPARE(u->currentStep, std::size_t(0));
    QCOMPARE(u->cycleNumber, 1);
    QVERIFY(!u->cycleReverted);
    QVERIFY(sink.observations.empty());
    QVERIFY(s.observations().empty());
    QVERIFY(!s.canUndo());
    // Step 1 runs again from its original start: 2 + 3 = 5 s.
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(5 * kSecond));
    clock.advanceUs(kSecond);
    const auto r = s.lap(clock.now());
    VERIFY_OK(r);
    QCOMPARE(r->observation->stepId, Id(11));
    QCOMPARE(r->observation->startUs, t0.bootUs);
    QCOMPARE(r->observation->durationUs, std::int64_t(6 * kSecond));
    QVERIFY(s.canUndo());
}

void TestStopwatchSession::undoAcrossCycleBoundary()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(1 * kSecond);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(2 * kSecond);
    VERIFY_OK(s.lap(clock.now()));
    const ClockReading step3Start = clock.now();
    clock.advanceUs(3 * kSecond);
    const auto closing = s.lap(clock.now());
    VERIFY_OK(closing);
    QVERIFY(closing->cycleStarted);
    QCOMPARE(s.cycleNumber(), 2);
    clock.advanceUs(500'000);

    const auto u = s.undoLastLap();
    VERIFY_OK(u);
    QVERIFY(u->cycleReverted);
    QCOMPARE(u->cycleNumber, 1);
    QCOMPARE(u->currentStep, std::size_t(2));
    QCOMPARE(s.cycleNumber(), 1);
    QCOMPARE(s.nextStepIndex(), std::size_t(0));
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(3'500'000));
    // 1 + 2 + 3.5 s into cycle 1.
    QCOMPARE(s.elapsedInCycleUs(clock.now()), std::int64_t(6'500'000));
    // The sink cannot remove a cycle: cycle 2 stays and is reused, not added twice.
    QCOMPARE(sink.cycles.size(), std::size_t(2));
    QCOMPARE(sink.observations.size(), std::size_t(2));

    clock.advanceUs(500'000);
    const auto again = s.lap(clock.now());
    VERIFY_OK(again);
    QCOMPARE(again->observation->stepId, Id(13));
    QCOMPARE(again->observation->cycleId, sink.cycles[0].id);
    QCOMPARE(again->observation->startUs, step3Start.bootUs);
    QCOMPARE(again->observation->durationUs, std::int64_t(4 * kSecond));
    QVERIFY(again->cycleStarted);
    QCOMPARE(again->cycleNumber, 2);
    QCOMPARE(sink.cycles.size(), std::size_t(2));
    clock.advanceUs(kSecond);
    QCOMPARE(s.lap(clock.now())->observation->cycleId, sink.cycles[1].id);
}

void TestStopwatchSession::undoRepeatedly()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    const ClockReading t0 = clock.now();
    VERIFY_OK(s.lap(t0));
    for (int i = 1; i <= 4; ++i) {   // steps of 1, 2, 3 s, then 4 s into cycle 2
        clock.advanceUs(i * kSecond);
        VERIFY_OK(s.lap(clock.now()));
    }
    QCOMPARE(sink.observations.size(), std::size_t(4));
    QCOMPARE(s.cycleNumber(), 2);
    QCOMPARE(s.currentStepIndex(), std::size_t(1));

    const std::int64_t expectedStep[] = {0, 2, 1, 0};
    const std::int64_t expectedCycle[] = {2, 1, 1, 1};
    for (int k = 0; k < 4; ++k) {
        const auto u = s.undoLastLap();
        VERIFY_OK(u);
        QCOMPARE(std::int64_t(u->currentStep), expectedStep[k]);
        QCOMPARE(std::int64_t(u->cycleNumber), expectedCycle[k]);
        QCOMPARE(sink.observations.size(), std::size_t(3 - k));
    }
    // Back at the very first step, started by the first lap: 1 + 2 + 3 + 4 = 10 s ago.
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(10 * kSecond));
    QVERIFY(!s.canUndo());
    const auto none = s.undoLastLap();
    QVERIFY(!none);
    QCOMPARE(none.error().code, ErrorCode::InvalidArgument);
    QVERIFY(s.running());   // the clock itself keeps going
    const auto r = s.lap(clock.now());
    QCOMPARE(r->observation->startUs, t0.bootUs);
    QCOMPARE(r->observation->durationUs, std::int64_t(10 * kSecond));
    QCOMPARE(r->observation->cycleId, sink.cycles[0].id);
}

void TestStopwatchSession::undoKeepsPausesAndForeignSince()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.pause(clock.now()));            // 2 s pause inside step 1
    clock.advanceUs(2 * kSecond);
    VERIFY_OK(s.resume(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));              // step 1: 2 s (4 s less the pause)
    clock.advanceUs(kSecond);
    VERIFY_OK(s.pause(clock.now()));            // 3 s pause inside step 2
    clock.advanceUs(3 * kSecond);
    VERIFY_OK(s.resume(clock.now()));
    VERIFY_OK(s.toggleForeign(clock.now()));    // a 7 s jam inside step 2
    clock.advanceUs(7 * kSecond);
    const auto jam = s.toggleForeign(clock.now());
    VERIFY_OK(jam);
    QCOMPARE(jam->observation->stepId, Id(12));
    clock.advanceUs(kSecond);

    // The lap closing step 1 was a mistake: step 1 ran on all along, and the jam interrupted it.
    const auto u = s.undoLastLap();
    VERIFY_OK(u);
    QCOMPARE(u->currentStep, std::size_t(0));
    QCOMPARE(s.observations().size(), std::size_t(1));
    QCOMPARE(s.observations()[0].id, jam->observation->id);
    QCOMPARE(s.observations()[0].stepId, Id(11));
    QCOMPARE(sink.find(jam->observation->id)->stepId, Id(11));
    QCOMPARE(sink.observations.size(), std::size_t(1));
    // Elapsed 1 + 2 + 1 + 1 + 3 + 7 + 1 = 16 s; paused 2 + 3 s and the 7 s jam left out: 4 s.
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(4 * kSecond));
    clock.advanceUs(kSecond);
    QCOMPARE(s.lap(clock.now())->observation->durationUs, std::int64_t(5 * kSecond));
}

void TestStopwatchSession::undoAfterSkipAcrossCycle()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));   // step 2 closed, step 3 current
    clock.advanceUs(kSecond);
    const auto sk = s.skip(clock.now());   // step 3 skipped: cycle 2 begins
    QVERIFY(sk->cycleStarted);
    const auto u = s.undoLastLap();        // undoes the step-2 lap, and the skip after it with it
    VERIFY_OK(u);
    QVERIFY(u->cycleReverted);
    QCOMPARE(u->cycleNumber, 1);
    QCOMPARE(u->currentStep, std::size_t(1));
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(2 * kSecond));
}

void TestStopwatchSession::notesAndRatings()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.setNote("dropped the part"));
    VERIFY_OK(s.setRating(110));
    QCOMPARE(s.pendingNote(), std::string("dropped the part"));
    QCOMPARE(s.pendingRating().value_or(0), 110.0);
    clock.advanceUs(kSecond);   // typing did not stop the clock
    const auto r1 = s.lap(clock.now());
    QCOMPARE(r1->observation->note, std::string("dropped the part"));
    QCOMPARE(r1->observation->ratingPercent.value_or(0), 110.0);
    QCOMPARE(r1->observation->durationUs, std::int64_t(2 * kSecond));
    QCOMPARE(sink.observations.back().note, std::string("dropped the part"));
    // The next element starts clean.
    QVERIFY(s.pendingNote().empty());
    QVERIFY(!s.pendingRating());
    VERIFY_OK(s.setRating(95));
    VERIFY_OK(s.setRating(std::nullopt));   // changed my mind
    clock.advanceUs(kSecond);
    const auto r2 = s.lap(clock.now());
    QVERIFY(r2->observation->note.empty());
    QVERIFY(!r2->observation->ratingPercent);

    // Undo: a note typed after the lap joins the note of the step that runs again.
    VERIFY_OK(s.setNote("second"));
    const auto u = s.undoLastLap();
    VERIFY_OK(u);
    VERIFY_OK(s.undoLastLap());
    QCOMPARE(s.pendingNote(), std::string("dropped the part; second"));
    QCOMPARE(s.pendingRating().value_or(0), 110.0);
}

void TestStopwatchSession::noteDuringForeignElement()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    VERIFY_OK(s.setNote("step note"));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.toggleForeign(clock.now()));
    QVERIFY(s.pendingNote().empty());
    VERIFY_OK(s.setNote("phone call"));   // the foreign element is what is being timed now
    clock.advanceUs(kSecond);
    const auto f = s.toggleForeign(clock.now());
    QCOMPARE(f->observation->note, std::string("phone call"));
    QCOMPARE(s.pendingNote(), std::string("step note"));
    clock.advanceUs(kSecond);
    QCOMPARE(s.lap(clock.now())->observation->note, std::string("step note"));
}

void TestStopwatchSession::ratingValidation()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    VERIFY_OK(s.setRating(90));
    const auto zero = s.setRating(0);
    QVERIFY(!zero);
    QCOMPARE(zero.error().code, ErrorCode::OutOfRange);
    QVERIFY(!s.setRating(-5));
    // Outside the plausible 50-150 % (study/rating.h): the "10" of a "100" cut short, an "11"
    // of a "110", a "250" typo. The bounds themselves are accepted.
    for (double slip : {10.0, 11.0, 49.9, 150.1, 250.0}) {
        const auto refused = s.setRating(slip);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::OutOfRange);
        QVERIFY(refused.error().message.find("50-150 %") != std::string::npos);
    }
    QCOMPARE(s.setRating(11).error().message,
             std::string("rating: 11 % is outside the plausible range 50-150 % (100 = normal pace)"));
    VERIFY_OK(s.setRating(50));
    VERIFY_OK(s.setRating(150));
    VERIFY_OK(s.setRating(90));
    const auto nan = s.setRating(std::numeric_limits<double>::quiet_NaN());
    QVERIFY(!nan);
    QCOMPARE(nan.error().code, ErrorCode::NotFinite);
    QCOMPARE(s.pendingRating().value_or(0), 90.0);   // unchanged by the refused ones
}

void TestStopwatchSession::markAbnormal()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    const auto second = s.lap(clock.now());
    clock.advanceUs(kSecond);
    VERIFY_OK(s.toggleForeign(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.toggleForeign(clock.now()));
    // The foreign element is newer, but abnormal is about the last step timed.
    const auto m = s.markAbnormal();
    VERIFY_OK(m);
    QCOMPARE(m->id, second->observation->id);
    QVERIFY(m->abnormal);
    QVERIFY(s.observations()[1].abnormal);
    QVERIFY(!s.observations()[0].abnormal);
    QVERIFY(!s.observations()[2].abnormal);
    QVERIFY(sink.find(second->observation->id)->abnormal);
    VERIFY_OK(s.markAbnormal(false));
    QVERIFY(!sink.find(second->observation->id)->abnormal);
    QVERIFY(!s.observations()[1].abnormal);
}

void TestStopwatchSession::suspendIsFlagged()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    clock.suspendUs(60 * kSecond);   // the lid was closed
    clock.advanceUs(kSecond);
    const auto r = s.lap(clock.now());
    VERIFY_OK(r);
    // CLOCK_BOOTTIME counted the sleep: the time is what really passed, and flagged.
    QCOMPARE(r->observation->durationUs, std::int64_t(62 * kSecond));
    QVERIFY(r->observation->spansSuspend);
    // At the threshold (2 s exactly) a blip is not flagged; just over it is.
    clock.suspendUs(StopwatchSession::kSuspendThresholdUs);
    clock.advanceUs(kSecond);
    QVERIFY(!s.lap(clock.now())->observation->spansSuspend);
    clock.suspendUs(StopwatchSession::kSuspendThresholdUs + 1);
    QVERIFY(s.lap(clock.now())->observation->spansSuspend);
}

void TestStopwatchSession::suspendDuringPauseIsNotFlagged()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.pause(clock.now()));
    clock.suspendUs(600 * kSecond);   // paused, then slept: nothing counted was slept through
    VERIFY_OK(s.resume(clock.now()));
    clock.advanceUs(kSecond);
    const auto r = s.lap(clock.now());
    QCOMPARE(r->observation->durationUs, std::int64_t(2 * kSecond));
    QVERIFY(!r->observation->spansSuspend);
    // The same inside a foreign element: the step is not flagged; the foreign element is.
    clock.advanceUs(kSecond);
    VERIFY_OK(s.toggleForeign(clock.now()));
    clock.suspendUs(600 * kSecond);
    const auto f = s.toggleForeign(clock.now());
    QVERIFY(f->observation->spansSuspend);
    QCOMPARE(f->observation->durationUs, std::int64_t(600 * kSecond));
    clock.advanceUs(kSecond);
    const auto r2 = s.lap(clock.now());
    QCOMPARE(r2->observation->durationUs, std::int64_t(2 * kSecond));
    QVERIFY(!r2->observation->spansSuspend);
}

void TestStopwatchSession::suspendedStepIsLeftOut()
{
    // Two cycles of three steps, 2 s each, except that the laptop slept 30 min inside step 2 of
    // cycle 1. That time (1802 s) is stored as timed, but excluded with its reason, so it does
    // not make step 2's mean 902 s.
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    for (int i = 0; i < 6; ++i) {
        clock.advanceUs(kSecond);
        if (i == 1)
            clock.suspendUs(1800 * kSecond);
        clock.advanceUs(kSecond);
        VERIFY_OK(s.lap(clock.now()));
    }
    QCOMPARE(sink.observations.size(), std::size_t(6));
    const Observation& slept = sink.observations[1];
    QCOMPARE(slept.stepId, Id(12));
    QCOMPARE(slept.durationUs, std::int64_t(1802 * kSecond));
    QVERIFY(slept.spansSuspend);
    QVERIFY(slept.excluded);
    QCOMPARE(slept.excludedReason, std::string("the computer slept during this step"));
    QVERIFY(s.observations()[1].excluded);
    for (std::size_t i = 0; i < sink.observations.size(); ++i)
        if (i != 1)
            QVERIFY(!sink.observations[i].excluded && sink.observations[i].excludedReason.empty());

    // Left out of the summary: step 2 has n = 1 (2 s), one excluded; it still needs observations;
    // the cycle's standard time is 3 × 2 s × 1.15 = 6.9 s; only cycle 2 is complete.
    const auto sum = study::summarizeSteps(s.steps(), sink.observations, s.study());
    VERIFY_OK(sum);
    QCOMPARE(sum->steps[1].n, std::size_t(1));
    QCOMPARE(sum->steps[1].excludedCount, std::size_t(1));
    GEMBA_COMPARE_REL(sum->steps[1].meanSeconds, 2.0, 0);
    QCOMPARE(sum->steps[1].stillNeeded, std::size_t(1));
    GEMBA_COMPARE_REL(sum->cycle.standardSeconds, 6.9, 1e-15);
    QCOMPARE(sum->cycle.completeCycles, std::size_t(1));

    // The analyst decides the time is good after all and includes it again (the observations
    // table's "include", an undoable edit): then it counts like any other.
    Observation included = slept;
    included.excluded = false;
    included.excludedReason.clear();
    VERIFY_OK(sink.updateObservation(included));
    const auto back = study::summarizeSteps(s.steps(), sink.observations, s.study());
    VERIFY_OK(back);
    QCOMPARE(back->steps[1].n, std::size_t(2));
    GEMBA_COMPARE_REL(back->steps[1].meanSeconds, 902.0, 1e-15);   // (1802 + 2) / 2
    QCOMPARE(back->cycle.completeCycles, std::size_t(2));
}

void TestStopwatchSession::sinkFailureOnLap()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    const ClockReading t0 = clock.now();
    VERIFY_OK(s.lap(t0));
    VERIFY_OK(s.setNote("kept"));
    clock.advanceUs(2 * kSecond);
    sink.failOp = "addObservation";
    const auto failed = s.lap(clock.now());
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::IoError);
    QCOMPARE(failed.error().message, std::string("disk full"));
    // Not acknowledged: the same step runs on, from the same start, with its note.
    QCOMPARE(s.currentStepIndex(), std::size_t(0));
    QVERIFY(s.observations().empty());
    QVERIFY(!s.canUndo());
    QCOMPARE(s.pendingNote(), std::string("kept"));
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(2 * kSecond));
    // The user presses again a moment later; that press is the lap.
    sink.failOp.clear();
    clock.advanceUs(300'000);
    const auto r = s.lap(clock.now());
    VERIFY_OK(r);
    QCOMPARE(r->observation->startUs, t0.bootUs);
    QCOMPARE(r->observation->durationUs, std::int64_t(2'300'000));
    QCOMPARE(r->observation->note, std::string("kept"));
    QCOMPARE(sink.observations.size(), std::size_t(1));
}

void TestStopwatchSession::sinkFailureOnCycle()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    sink.failOp = "addCycle";
    QVERIFY(!s.lap(clock.now()));
    QCOMPARE(s.cycleNumber(), 1);
    QCOMPARE(s.currentStepIndex(), std::size_t(2));
    QCOMPARE(sink.observations.size(), std::size_t(2));   // the last step was not recorded
    QCOMPARE(s.observations().size(), std::size_t(2));
    QVERIFY(!s.skip(clock.now()));                         // a skip needs the cycle too
    QCOMPARE(s.currentStepIndex(), std::size_t(2));
    // The cycle is added but the observation fails: the empty cycle is reused on the retry.
    sink.failOp = "addObservation";
    QVERIFY(!s.lap(clock.now()));
    QCOMPARE(sink.cycles.size(), std::size_t(2));
    QCOMPARE(s.cycleNumber(), 1);
    sink.failOp.clear();
    const auto r = s.lap(clock.now());
    VERIFY_OK(r);
    QVERIFY(r->cycleStarted);
    QCOMPARE(r->cycleNumber, 2);
    QCOMPARE(sink.cycles.size(), std::size_t(2));
    QCOMPARE(r->observation->durationUs, std::int64_t(kSecond));
}

void TestStopwatchSession::sinkFailureOnFirstLap()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    sink.failOp = "addCycle";
    QVERIFY(!s.lap(clock.now()));
    QVERIFY(!s.started());
    QCOMPARE(s.cycleNumber(), 0);
    sink.failOp = "updateStudy";
    QVERIFY(!s.lap(clock.now()));
    QVERIFY(!s.started());
    QVERIFY(sink.cycles.empty());
    sink.failOp.clear();
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    QVERIFY(s.started());
    QCOMPARE(s.study().startedWallUs, clock.now().wallUs);
    QCOMPARE(sink.cycles.size(), std::size_t(1));
}

void TestStopwatchSession::sinkFailureOnForeign()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.toggleForeign(clock.now()));
    clock.advanceUs(5 * kSecond);
    sink.failOp = "addObservation";
    QVERIFY(!s.toggleForeign(clock.now()));
    QVERIFY(s.inForeign());   // still timing the foreign element
    QCOMPARE(s.elapsedInForeignUs(clock.now()), std::int64_t(5 * kSecond));
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(kSecond));
    sink.failOp.clear();
    clock.advanceUs(kSecond);
    const auto f = s.toggleForeign(clock.now());
    VERIFY_OK(f);
    QCOMPARE(f->observation->durationUs, std::int64_t(6 * kSecond));
    clock.advanceUs(kSecond);
    QCOMPARE(s.lap(clock.now())->observation->durationUs, std::int64_t(2 * kSecond));
}

void TestStopwatchSession::sinkFailureOnUndo()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    sink.failOp = "removeObservation";
    QVERIFY(!s.undoLastLap());
    QCOMPARE(s.currentStepIndex(), std::size_t(1));
    QCOMPARE(s.observations().size(), std::size_t(1));
    QCOMPARE(sink.observations.size(), std::size_t(1));
    QVERIFY(s.canUndo());
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(kSecond));
    sink.failOp.clear();
    VERIFY_OK(s.undoLastLap());
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(2 * kSecond));
}

void TestStopwatchSession::sinkFailureOnUndoRollsBack()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    for (int i = 0; i < 2; ++i) {   // two foreign elements inside step 2
        clock.advanceUs(kSecond);
        VERIFY_OK(s.toggleForeign(clock.now()));
        clock.advanceUs(kSecond);
        VERIFY_OK(s.toggleForeign(clock.now()));
    }
    // Re-attributing the first foreign element works, the second fails: the first is put back.
    sink.failOp = "updateObservation";
    sink.failAfter = 1;
    sink.failTimes = 1;
    QVERIFY(!s.undoLastLap());
    for (const Observation& o : sink.observations)
        QCOMPARE(o.stepId, o.foreignElement ? Id(12) : Id(11));
    for (const Observation& o : s.observations())
        QCOMPARE(o.stepId, o.foreignElement ? Id(12) : Id(11));
    QCOMPARE(sink.observations.size(), std::size_t(3));
    QCOMPARE(s.currentStepIndex(), std::size_t(1));
    // The removal fails after both re-attributions: both are put back.
    sink.failOp = "removeObservation";
    sink.failTimes = -1;
    QVERIFY(!s.undoLastLap());
    for (const Observation& o : sink.observations)
        QCOMPARE(o.stepId, o.foreignElement ? Id(12) : Id(11));
    sink.failOp.clear();
    VERIFY_OK(s.undoLastLap());
    QCOMPARE(sink.observations.size(), std::size_t(2));
    for (const Observation& o : sink.observations)
        QCOMPARE(o.stepId, Id(11));
}

void TestStopwatchSession::sinkFailureOnMarkAbnormal()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    sink.failOp = "updateObservation";
    QVERIFY(!s.markAbnormal());
    QVERIFY(!s.observations()[0].abnormal);
    QVERIFY(!sink.observations[0].abnormal);
}

void TestStopwatchSession::sinkFailureOnEnd()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    sink.failOp = "updateStudy";
    QVERIFY(!s.end(clock.now()));
    QVERIFY(s.running());
    QVERIFY(!s.study().endedWallUs);
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(kSecond));
}

void TestStopwatchSession::endStudy()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    clock.advanceUs(5 * kSecond);
    VERIFY_OK(s.toggleForeign(clock.now()));
    clock.advanceUs(kSecond);
    const ClockReading tEnd = clock.now();
    VERIFY_OK(s.end(tEnd));
    QVERIFY(s.ended());
    QCOMPARE(s.study().endedWallUs.value_or(0), tEnd.wallUs);
    QCOMPARE(sink.studyUpdates.back().endedWallUs.value_or(0), tEnd.wallUs);
    // The step in progress and the foreign element in progress are discarded.
    QCOMPARE(sink.observations.size(), std::size_t(1));
    QCOMPARE(s.observations().size(), std::size_t(1));
    QVERIFY(!s.inForeign());
    QCOMPARE(s.elapsedInStepUs(clock.now()), std::int64_t(0));
    QCOMPARE(s.elapsedInCycleUs(clock.now()), std::int64_t(0));
    clock.advanceUs(kSecond);
    QVERIFY(!s.lap(clock.now()));
    QVERIFY(!s.skip(clock.now()));
    QVERIFY(!s.pause(clock.now()));
    QVERIFY(!s.toggleForeign(clock.now()));
    QVERIFY(!s.undoLastLap());
    QVERIFY(!s.canUndo());
    QVERIFY(!s.setNote("late"));
    QVERIFY(!s.end(clock.now()));
    QCOMPARE(sink.observations.size(), std::size_t(1));
    // Flagging what was recorded still works after the end.
    VERIFY_OK(s.markAbnormal());
}

void TestStopwatchSession::readingsMustNotGoBack()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    const ClockReading t0 = clock.now();
    clock.advanceUs(kSecond);
    VERIFY_OK(s.lap(clock.now()));
    QVERIFY(!s.lap(t0));
    QVERIFY(!s.pause(t0));
    QVERIFY(!s.end(t0));
    QVERIFY(sink.observations.empty());
    // The same reading twice is fine (two events handled from one key-press reading).
    VERIFY_OK(s.lap(clock.now()));
    QCOMPARE(sink.observations.back().durationUs, std::int64_t(0));
}

void TestStopwatchSession::noSteps()
{
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), {}, sink);
    const auto r = s.lap(clock.now());
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    QVERIFY(sink.cycles.empty());
    QCOMPARE(s.nextStepIndex(), std::size_t(0));
}

void TestStopwatchSession::summaryOfTimedStudy()
{
    // Two full cycles timed through the session, then summarised: the session's observations
    // are exactly what the summary works from.
    MemorySink sink;
    ManualClock clock;
    StopwatchSession s(aStudy(), threeSteps(), sink);
    VERIFY_OK(s.lap(clock.now()));
    const std::int64_t times[] = {2'000'000, 5'000'000, 1'000'000, 2'200'000, 5'500'000, 1'000'000};
    for (const std::int64_t t : times) {
        clock.advanceUs(t);
        VERIFY_OK(s.lap(clock.now()));
    }
    const auto sum = study::summarizeSteps(s.steps(), s.observations(), s.study());
    VERIFY_OK(sum);
    QCOMPARE(sum->steps.size(), std::size_t(3));
    QCOMPARE(sum->steps[0].n, std::size_t(2));
    GEMBA_COMPARE_REL(sum->steps[0].meanSeconds, 2.1, 1e-15);   // (2 + 2.2) / 2
    GEMBA_COMPARE_REL(sum->steps[1].meanSeconds, 5.25, 1e-15);  // (5 + 5.5) / 2
    GEMBA_COMPARE_REL(sum->steps[2].sdSeconds, 0.0, 0);
    QCOMPARE(sum->cycle.completeCycles, std::size_t(2));
    // 2.1 + 5.25 + 1 = 8.35 s; standard with 15 % of normal time: 8.35 × 1.15 = 9.6025 s.
    GEMBA_COMPARE_REL(sum->cycle.meanSeconds, 8.35, 1e-14);
    GEMBA_COMPARE_REL(sum->cycle.standardSeconds, 9.6025, 1e-14);
}

void TestStopwatchSession::systemClock()
{
    const study::SystemClock clock;
    const ClockReading a = clock.now();
    const qint64 wallMs = QDateTime::currentMSecsSinceEpoch();
    const ClockReading b = clock.now();
    QVERIFY(b.bootUs >= a.bootUs);
    QVERIFY(b.monotonicUs >= a.monotonicUs);
    // CLOCK_BOOTTIME is CLOCK_MONOTONIC plus the time spent asleep, never less.
    QVERIFY(a.bootUs >= a.monotonicUs);
    QVERIFY(a.monotonicUs > 0);
    // Microseconds of the Unix epoch, agreeing with Qt's wall clock.
    QVERIFY(std::llabs(a.wallUs / 1000 - wallMs) < 5000);
}

QTEST_GUILESS_MAIN(TestStopwatchSession)
#include "tst_stopwatchsession.moc"
