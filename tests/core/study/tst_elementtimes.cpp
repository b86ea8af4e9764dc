// Tests of the work-study figures of issue 8 in study/stepsummary and study/validity: element
// kinds and frequency, unrated machine elements, internal work inside machine time, allowance
// categories (study, step type, step) in both conventions, the selected-time rule, pieces per
// hour, and the recording error. Every expected value is worked out by hand in the comments.
#include "study/newstudy.h"
#include "study/stepsummary.h"
#include "study/validity.h"

#include <QtTest>

#include <cmath>
#include <optional>
#include <vector>

using namespace gemba;
using study::ElementKind;
using study::Id;
using study::Observation;

namespace {

study::Step step(Id id, ElementKind kind = ElementKind::Cyclic, study::StepType type = study::StepType::Manual)
{
    study::Step s;
    s.id = id;
    s.processId = 5;
    s.position = static_cast<int>(id);
    s.name = "step " + std::to_string(id);
    s.kind = kind;
    s.type = type;
    return s;
}

Observation obs(Id stepId, Id cycle, double seconds, std::optional<double> rating = std::nullopt)
{
    Observation o;
    o.studyId = 7;
    o.stepId = stepId;
    o.cycleId = cycle;
    o.durationUs = static_cast<std::int64_t>(std::llround(seconds * 1e6));
    o.ratingPercent = rating;
    return o;
}

// No rating, no allowance: the times themselves, so frequencies and the max rule stand alone.
study::Study plainStudy()
{
    study::Study s;
    s.id = 7;
    s.processId = 5;
    s.ratingMethod = study::RatingMethod::None;
    s.allowancePercent = 0;
    s.allowances = {};
    return s;
}

bool near(double actual, double expected)
{
    return std::abs(actual - expected) <= 1e-12 * std::max(1.0, std::abs(expected));
}

} // namespace

class TestElementTimes : public QObject {
    Q_OBJECT

private slots:
    void occasionalEveryNCycles();
    void occasionalEveryNUnits();
    void machineElementIsNotRated();
    void internalWorkHiddenInMachineTime();
    void internalWorkLongerThanMachineTime();
    void allowanceCategoriesNormalTime();
    void allowanceCategoriesWorkingTime();
    void stepAndTypeOverrides();
    void notSplitAllowanceSkipsMachineTime();
    void medianRule();
    void piecesPerHour();
    void completeCyclesIgnoreOccasionalElements();
    void validityOfAnUneditedStudy();
    void validityFlagsAGapAboveTwoPercent();
    void validityNeedsClockTimes();
    void newStudyDefaultsAndCopies();
};

// A 10 s cyclic element and a 120 s reel change every 20 cycles:
// per cycle 10 + 120 × 1/20 = 10 + 6 = 16 s of basic time (the issue's own example).
void TestElementTimes::occasionalEveryNCycles()
{
    auto a = step(1);
    auto reel = step(2, ElementKind::Occasional);
    reel.every = 20;
    const std::vector steps{a, reel};
    const std::vector o{obs(1, 1, 10), obs(1, 2, 10), obs(1, 3, 10), obs(2, 3, 120)};
    const auto s = study::summarizeSteps(steps, o, plainStudy());
    QVERIFY(s);
    QVERIFY(near(s->steps[1].occurrencesPerCycle, 0.05));
    QVERIFY(near(s->steps[1].normalSeconds, 120));          // per occurrence
    QVERIFY(near(s->steps[1].basicPerCycleSeconds, 6));     // 120 / 20
    QVERIFY(near(s->cycle.normalSeconds, 16));
    QVERIFY(near(s->cycle.standardSeconds, 16));            // no allowance
    QVERIFY(s->steps[1].kind == ElementKind::Occasional);
}

// Two units per cycle, a reel change every 40 units: 2/40 = 0.05 per cycle, 120 × 0.05 = 6 s.
void TestElementTimes::occasionalEveryNUnits()
{
    auto reel = step(2, ElementKind::Occasional);
    reel.every = 40;
    reel.everyBasis = study::FrequencyBasis::Units;
    auto st = plainStudy();
    st.unitsPerCycle = 2;
    const std::vector steps{step(1), reel};
    const std::vector o{obs(1, 1, 10), obs(2, 1, 120)};
    const auto s = study::summarizeSteps(steps, o, st);
    QVERIFY(s);
    QVERIFY(near(s->steps[1].occurrencesPerCycle, 0.05));
    QVERIFY(near(s->cycle.normalSeconds, 16));
    // every ≤ 0 cannot be a frequency: NaN, never a silent 0 or infinity
    reel.every = 0;
    QVERIFY(std::isnan(study::occurrencesPerCycle(reel, st)));
}

// A machine-controlled element read 30 s (typed 80 %) and 40 s (typed 120 %) has (30 + 40) / 2 =
// 35 s of basic time; rated, it would be (24 + 48) / 2 = 36 s. Study categories 5 + 4 + 2 + 4 =
// 15 % of normal time; the machine takes only delay 4 %: 35 × 1.04 = 36.4 s. The manual 10 s
// element at 120 %: 12 s basic, × 1.15 = 13.8 s.
void TestElementTimes::machineElementIsNotRated()
{
    auto st = plainStudy();
    st.ratingMethod = study::RatingMethod::PaceRating;
    st.allowances = study::kDefaultAllowances;   // 5, 4, 2, 4
    const std::vector steps{step(1), step(2, ElementKind::MachineControlled, study::StepType::Machine)};
    const std::vector o{obs(1, 1, 10, 120), obs(2, 1, 30, 80), obs(2, 2, 40, 120)};
    const auto s = study::summarizeSteps(steps, o, st);
    QVERIFY(s);
    const auto& machine = s->steps[1];
    QVERIFY(near(machine.normalSeconds, 35));   // (30 + 40) / 2 at 100 %
    QVERIFY(near(machine.meanRatingPercent, 100));
    QCOMPARE(machine.ratedCount, std::size_t{0});
    QVERIFY(machine.ratingIgnored);
    QVERIFY(near(machine.allowancePercent, 4));
    QCOMPARE(machine.allowances, (study::Allowances{.delay = 4}));
    QVERIFY(near(machine.standardSeconds, 35 * 1.04));
    QVERIFY(near(s->steps[0].normalSeconds, 12));
    QVERIFY(near(s->steps[0].standardSeconds, 12 * 1.15));
    QVERIFY(!s->steps[0].ratingIgnored);
}

// External 5 s; machine 30 s with internal work 10 s + 15 s = 25 s inside it.
// Basic per cycle = 5 + max(30, 25) = 35 s. With allowances (manual 15 %, machine delay 4 %, of
// normal time): external 5.75, machine 31.2, internal 11.5 + 17.25 = 28.75 < 31.2, so standard
// per cycle = 5.75 + 31.2 = 36.95 s, and 28.75 s of internal work is hidden.
void TestElementTimes::internalWorkHiddenInMachineTime()
{
    auto machine = step(2, ElementKind::MachineControlled, study::StepType::Machine);
    auto load = step(3);
    load.insideStepId = 2;
    auto deburr = step(4);
    deburr.insideStepId = 2;
    const std::vector steps{step(1), machine, load, deburr};
    const std::vector o{obs(1, 1, 5), obs(2, 1, 30), obs(3, 1, 10), obs(4, 1, 15)};

    const auto plain = study::summarizeSteps(steps, o, plainStudy());
    QVERIFY(plain);
    QVERIFY(near(plain->cycle.normalSeconds, 35));
    QVERIFY(near(plain->cycle.meanSeconds, 35));
    QCOMPARE(plain->steps[2].insideStepId, Id{2});

    auto st = plainStudy();
    st.allowances = study::kDefaultAllowances;
    const auto s = study::summarizeSteps(steps, o, st);
    QVERIFY(s);
    QVERIFY(near(s->cycle.standardSeconds, 36.95));
    QVERIFY(near(s->cycle.hiddenStandardSeconds, 28.75));
}

// Internal work of 10 + 25 = 35 s inside a 30 s machine element: 5 + max(30, 35) = 40 s; only
// 30 s of the internal work is hidden. A step marked inside a manual step is external work.
void TestElementTimes::internalWorkLongerThanMachineTime()
{
    auto load = step(3);
    load.insideStepId = 2;
    auto deburr = step(4);
    deburr.insideStepId = 2;
    auto stray = step(5);
    stray.insideStepId = 1;   // inside a manual step: not internal work
    const std::vector steps{step(1), step(2, ElementKind::MachineControlled), load, deburr, stray};
    const std::vector o{obs(1, 1, 5), obs(2, 1, 30), obs(3, 1, 10), obs(4, 1, 25), obs(5, 1, 2)};
    const auto s = study::summarizeSteps(steps, o, plainStudy());
    QVERIFY(s);
    QVERIFY(near(s->cycle.normalSeconds, 5 + 35 + 2));
    QVERIFY(near(s->cycle.hiddenStandardSeconds, 30));
    QCOMPARE(s->steps[4].insideStepId, Id{0});
}

// 20 s basic, categories 5 + 4 + 2 + 4 = 15 % of normal time: 20 × 1.15 = 23 s.
void TestElementTimes::allowanceCategoriesNormalTime()
{
    auto st = plainStudy();
    st.allowances = {.personal = 5, .basicFatigue = 4, .variableFatigue = 2, .delay = 4};
    const std::vector steps{step(1)};
    const std::vector o{obs(1, 1, 20)};
    const auto s = study::summarizeSteps(steps, o, st);
    QVERIFY(s);
    QVERIFY(near(s->steps[0].allowancePercent, 15));
    QVERIFY(near(s->steps[0].standardSeconds, 23));
}

// The same 15 % as a share of the working day: 20 / (1 − 0.15) = 23.529411764705884 s.
void TestElementTimes::allowanceCategoriesWorkingTime()
{
    auto st = plainStudy();
    st.allowanceBasis = study::AllowanceBasis::WorkingTime;
    st.allowances = {.personal = 5, .basicFatigue = 4, .variableFatigue = 2, .delay = 4};
    const std::vector steps{step(1)};
    const std::vector o{obs(1, 1, 20)};
    const auto s = study::summarizeSteps(steps, o, st);
    QVERIFY(s);
    QVERIFY(near(s->steps[0].standardSeconds, 20 / 0.85));
}

// Study 15 %; walking steps 5 + 4 + 6 + 5 = 20 %; one step of its own 2 %.
// Walk step 20 s → 24 s; the step with its own categories → 20.4 s, even though it is a walk
// (the step's own beat its type's); a plain manual step → 23 s.
void TestElementTimes::stepAndTypeOverrides()
{
    auto st = plainStudy();
    st.allowances = study::kDefaultAllowances;
    st.typeAllowances[study::StepType::Walk] = {.personal = 5, .basicFatigue = 4, .variableFatigue = 6, .delay = 5};
    auto own = step(3, ElementKind::Cyclic, study::StepType::Walk);
    own.allowances = study::Allowances{.personal = 2};
    const std::vector steps{step(1, ElementKind::Cyclic, study::StepType::Walk), step(2), own};
    const std::vector o{obs(1, 1, 20), obs(2, 1, 20), obs(3, 1, 20)};
    const auto s = study::summarizeSteps(steps, o, st);
    QVERIFY(s);
    QVERIFY(near(s->steps[0].standardSeconds, 24));
    QVERIFY(near(s->steps[1].standardSeconds, 23));
    QVERIFY(near(s->steps[2].standardSeconds, 20.4));
    QVERIFY(s->steps[2].allowances == (study::Allowances{.personal = 2}));
}

// An older file's single PF&D figure (10 %) applies to manual work, not to machine time:
// manual 10 → 11 s, machine 30 → 30 s.
void TestElementTimes::notSplitAllowanceSkipsMachineTime()
{
    auto st = plainStudy();
    st.allowancePercent = 10;
    const std::vector steps{step(1), step(2, ElementKind::MachineControlled)};
    const std::vector o{obs(1, 1, 10), obs(2, 1, 30)};
    const auto s = study::summarizeSteps(steps, o, st);
    QVERIFY(s);
    QVERIFY(near(s->steps[0].standardSeconds, 11));
    QVERIFY(near(s->steps[1].standardSeconds, 30));
}

// Readings 8, 7, 8, 9, 20 s: mean 10.4, median 8 (the long 20 s reading does not drag it).
// Rated 10 s @ 100, 12 s @ 80, 8 s @ 125: levelled 10, 9.6, 10 → median 10, mean 9.8666….
void TestElementTimes::medianRule()
{
    auto st = plainStudy();
    st.selectedTime = study::SelectedTimeRule::Median;
    const std::vector steps{step(1)};
    const std::vector o{obs(1, 1, 8), obs(1, 2, 7), obs(1, 3, 8), obs(1, 4, 9), obs(1, 5, 20)};
    const auto s = study::summarizeSteps(steps, o, st);
    QVERIFY(s);
    QVERIFY(near(s->steps[0].meanSeconds, 10.4));
    QVERIFY(near(s->steps[0].medianSeconds, 8));
    QVERIFY(near(s->steps[0].selectedSeconds, 8));
    QVERIFY(near(s->steps[0].normalSeconds, 8));
    QVERIFY(near(s->cycle.meanSeconds, 8));

    st.ratingMethod = study::RatingMethod::PaceRating;
    const std::vector rated{obs(1, 1, 10, 100), obs(1, 2, 12, 80), obs(1, 3, 8, 125)};
    const auto r = study::summarizeSteps(steps, rated, st);
    QVERIFY(r);
    QVERIFY(near(r->steps[0].normalSeconds, 10));
    st.selectedTime = study::SelectedTimeRule::Mean;
    const auto m = study::summarizeSteps(steps, rated, st);
    QVERIFY(m);
    QVERIFY(near(m->steps[0].normalSeconds, 29.6 / 3));
}

// 36 s of standard time per cycle, one unit per cycle: 3600 / 36 = 100 pieces per hour, and
// 36 × 100 / 3600 = 1 standard hour per 100 units. Two units per cycle: 200 per hour, 0.5 h.
// The same figures per element, from its standard time per cycle.
void TestElementTimes::piecesPerHour()
{
    auto st = plainStudy();
    const std::vector steps{step(1)};
    const std::vector o{obs(1, 1, 36)};
    const auto one = study::summarizeSteps(steps, o, st);
    QVERIFY(one);
    QVERIFY(near(one->cycle.piecesPerHour, 100));
    QVERIFY(near(one->cycle.standardHoursPer100Units, 1));
    QVERIFY(near(one->steps[0].piecesPerHour, 100));   // the only element: the cycle's figures
    QVERIFY(near(one->steps[0].standardHoursPer100Units, 1));
    st.unitsPerCycle = 2;
    const auto two = study::summarizeSteps(steps, o, st);
    QVERIFY(two);
    QVERIFY(near(two->cycle.piecesPerHour, 200));
    QVERIFY(near(two->cycle.standardHoursPer100Units, 0.5));

    // Per element, at 2 units per cycle: a 120 s reel change every 20 cycles is 6 s per cycle,
    // 3600 × 2 / 6 = 1200 pieces per hour, 6 / 2 × 100 / 3600 = 1/12 standard hour per 100 units.
    auto reel = step(2, ElementKind::Occasional);
    reel.every = 20;
    const std::vector both{step(1), reel};
    const std::vector withReel{obs(1, 1, 36), obs(2, 1, 120)};
    const auto r = study::summarizeSteps(both, withReel, st);
    QVERIFY(r);
    QVERIFY(near(r->steps[1].piecesPerHour, 1200));
    QVERIFY(near(r->steps[1].standardHoursPer100Units, 1.0 / 12));
    QVERIFY(near(r->cycle.piecesPerHour, 3600 * 2 / 42.0));
}

// Three cycles of A and the machine element; the reel change happened in cycle 2 only. All three
// cycles are complete: an occasional element is not expected in every cycle.
void TestElementTimes::completeCyclesIgnoreOccasionalElements()
{
    auto reel = step(3, ElementKind::Occasional);
    reel.every = 20;
    const std::vector steps{step(1), step(2, ElementKind::MachineControlled), reel};
    const std::vector o{obs(1, 1, 5), obs(2, 1, 30), obs(1, 2, 5), obs(2, 2, 30), obs(3, 2, 120),
                        obs(1, 3, 5), obs(2, 3, 30), obs(1, 4, 5)};
    const auto s = study::summarizeSteps(steps, o, plainStudy());
    QVERIFY(s);
    QCOMPARE(s->cycle.completeCycles, std::size_t{3});
}

namespace {

Observation timed(Id stepId, double start, double end, double seconds, double paused = 0, bool foreign = false)
{
    Observation o = obs(stepId, 1, seconds);
    o.startUs = static_cast<std::int64_t>(std::llround(start * 1e6));
    o.endUs = static_cast<std::int64_t>(std::llround(end * 1e6));
    o.pausedUs = static_cast<std::int64_t>(std::llround(paused * 1e6));
    o.foreignElement = foreign;
    return o;
}

// Continuous timing from 0 to 25 s: A 0–10 s; B 10–25 s with a 3 s pause and a 3 s foreign
// element inside it, so B's own time is 15 − 3 − 3 = 9 s. Recorded: 10 + (9 + 3 paused) + 3
// foreign = 25 s = elapsed.
std::vector<Observation> timedCycle()
{
    return {timed(1, 0, 10, 10), timed(2, 10, 25, 9, 3), timed(2, 13, 16, 3, 0, true)};
}

} // namespace

void TestElementTimes::validityOfAnUneditedStudy()
{
    const auto v = study::studyValidity(timedCycle());
    QVERIFY(v);
    QVERIFY(near(v->elapsedSeconds, 25));
    QVERIFY(near(v->recordedSeconds, 25));
    QVERIFY(near(v->recordingError, 0));
    QVERIFY(!v->flagged);
    QCOMPARE(v->readings, std::size_t{3});
}

// A's time edited from 10 s to 9.4 s after the fact: recorded 24.4 s, error 0.6 / 25 = 2.4 % >
// 2 %: flagged. Edited to 9.6 s instead: 0.4 / 25 = 1.6 %, not flagged.
void TestElementTimes::validityFlagsAGapAboveTwoPercent()
{
    auto o = timedCycle();
    o[0].durationUs = 9'400'000;
    const auto v = study::studyValidity(o);
    QVERIFY(v);
    QVERIFY(near(v->recordedSeconds, 24.4));
    QVERIFY(near(v->recordingError, 0.024));
    QVERIFY(v->flagged);
    o[0].durationUs = 9'600'000;
    const auto w = study::studyValidity(o);
    QVERIFY(w);
    QVERIFY(near(w->recordingError, 0.016));
    QVERIFY(!w->flagged);
}

// Imported durations without clock times: nothing to check.
void TestElementTimes::validityNeedsClockTimes()
{
    const std::vector o{obs(1, 1, 10), obs(2, 1, 12)};
    QVERIFY(!study::studyValidity(o));
    QVERIFY(!study::studyValidity(std::vector<Observation>{}));
}

// With no earlier study: 15 % in all; after one: its categories,
// type overrides, selected-time rule and units per cycle.
void TestElementTimes::newStudyDefaultsAndCopies()
{
    const auto first = study::newStudy(5, {}, "Ana", "2026-12-03");
    QVERIFY(near(first.allowances.total() + first.allowancePercent, 15));
    QVERIFY(first.selectedTime == study::SelectedTimeRule::Mean);

    study::Study earlier = first;
    earlier.allowances = {.personal = 7, .basicFatigue = 4};
    earlier.typeAllowances[study::StepType::Walk] = {.personal = 1};
    earlier.selectedTime = study::SelectedTimeRule::Median;
    earlier.unitsPerCycle = 4;
    earlier.operatorName = "Ben";
    const std::vector all{earlier};
    const auto next = study::newStudy(5, all, "Ana", "2026-12-04");
    QVERIFY(next.allowances == earlier.allowances);
    QVERIFY(next.typeAllowances == earlier.typeAllowances);
    QVERIFY(next.selectedTime == study::SelectedTimeRule::Median);
    QCOMPARE(next.unitsPerCycle, 4.0);
    QVERIFY(next.operatorName.empty());   // who was timed belongs to one study
}

QTEST_GUILESS_MAIN(TestElementTimes)
#include "tst_elementtimes.moc"
