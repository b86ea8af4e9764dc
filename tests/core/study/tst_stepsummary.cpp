// Tests of study/stepsummary: per-step figures, observations needed, consistency, ratings,
// normal and standard time, the cycle totals, complete cycles, small n and the errors,
// all checked against hand calculations.
#include "study/stepsummary.h"

#include "referencedata.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <optional>
#include <vector>

using namespace gemba;
using study::Id;
using study::Observation;

namespace {

std::vector<study::Step> steps(std::initializer_list<Id> ids)
{
    std::vector<study::Step> result;
    int position = 0;
    for (const Id id : ids) {
        study::Step s;
        s.id = id;
        s.processId = 5;
        s.position = position++;
        result.push_back(s);
    }
    return result;
}

Observation obs(Id step, Id cycle, std::int64_t durationUs, std::optional<double> rating = std::nullopt)
{
    static Id nextId = 1;
    Observation o;
    o.id = nextId++;
    o.studyId = 7;
    o.stepId = step;
    o.cycleId = cycle;
    o.durationUs = durationUs;
    o.ratingPercent = rating;
    return o;
}

study::Study aStudy()
{
    study::Study s;
    s.id = 7;
    s.processId = 5;
    s.ratingMethod = study::RatingMethod::PaceRating;
    s.allowanceBasis = study::AllowanceBasis::NormalTime;
    s.allowancePercent = 15;
    return s;
}

constexpr Id kA = 1, kB = 2;

// Step A: the pilot sample of tst_samplesize (8, 7, 8, 9, 7 s), rated 110, 90, —, 100, 120.
// Step B: 10, 10.2, 10, 10.2 s (the second flagged abnormal; it still counts), plus a 30 s time
// the analyst excluded, a 45 s foreign element that interrupted B, and a stray time of a step
// that is not in the list.
std::vector<Observation> sample()
{
    std::vector<Observation> v;
    const std::int64_t a[] = {8'000'000, 7'000'000, 8'000'000, 9'000'000, 7'000'000};
    const std::optional<double> ratings[] = {110, 90, std::nullopt, 100, 120};
    for (int i = 0; i < 5; ++i)
        v.push_back(obs(kA, 101 + i, a[i], ratings[i]));
    const std::int64_t b[] = {10'000'000, 10'200'000, 10'000'000, 10'200'000};
    for (int i = 0; i < 4; ++i)
        v.push_back(obs(kB, 101 + i, b[i]));
    v[6].abnormal = true;
    Observation excluded = obs(kB, 105, 30'000'000);
    excluded.excluded = true;
    excluded.excludedReason = "operator trained a new hire";
    v.push_back(excluded);
    Observation foreign = obs(kB, 102, 45'000'000);
    foreign.foreignElement = true;
    v.push_back(foreign);
    v.push_back(obs(99, 101, 1'000'000));
    return v;
}

} // namespace

class TestStepSummary : public QObject {
    Q_OBJECT

private slots:
    void perStepFigures();
    void consistentStep();
    void cycleTotals();
    void studyComplete();
    void ratingMethodNone();
    void ratedPerObservation();
    void workingTimeAllowance();
    void otherAccuracy();
    void smallN();
    void zeroTimes();
    void observationsOutsideCycles();
    void noSteps();
    void errors();
};

void TestStepSummary::perStepFigures()
{
    const auto obsList = sample();
    const auto r = study::summarizeSteps(steps({kA, kB}), obsList, aStudy());
    QVERIFY2(r.hasValue(), r.hasValue() ? "" : r.error().message.c_str());
    QCOMPARE(r->steps.size(), std::size_t(2));
    const study::StepSummary& a = r->steps[0];
    QCOMPARE(a.stepId, kA);
    QCOMPARE(a.n, std::size_t(5));
    // x̄ = 39 / 5 = 7.8; s = √(2.8 / 4) = √0.7 (tst_samplesize); CV = √0.7 / 7.8.
    GEMBA_COMPARE_REL(a.meanSeconds, 7.8, 1e-15);
    GEMBA_COMPARE_REL(a.sdSeconds, 0.83666002653407555, 1e-15);
    GEMBA_COMPARE_REL(a.cv, 0.10726410596590712, 1e-14);
    GEMBA_COMPARE_REL(a.minSeconds, 7.0, 0);
    GEMBA_COMPARE_REL(a.maxSeconds, 9.0, 0);
    // Classic N′ = 1600 · 14 / 1521 = 14.73 → 15; Student t → 21 (both worked in
    // tst_samplesize). The study goes by the larger: 21, 16 more; not consistent.
    QCOMPARE(a.neededClassic.value_or(0), std::size_t(15));
    QCOMPARE(a.neededT.value_or(0), std::size_t(21));
    QCOMPARE(a.needed.value_or(0), std::size_t(21));
    QCOMPARE(a.stillNeeded, std::size_t(16));
    QVERIFY(!a.consistent);
    // Ratings 110 + 90 + 100 (unrated) + 100 + 120 = 520, / 5 = 104 %; 4 of 5 rated.
    GEMBA_COMPARE_REL(a.meanRatingPercent, 104.0, 1e-15);
    QCOMPARE(a.ratedCount, std::size_t(4));
    // Normal time per observation, then averaged: 8 × 1.10 + 7 × 0.90 + 8 × 1.00 + 9 × 1.00
    // + 7 × 1.20 = 8.8 + 6.3 + 8 + 9 + 8.4 = 40.5, / 5 = 8.1 s (mean × mean rating would give
    // 7.8 × 1.04 = 8.112 s); standard 8.1 × 1.15 = 9.315 s.
    GEMBA_COMPARE_REL(a.normalSeconds, 8.1, 1e-14);
    GEMBA_COMPARE_REL(a.standardSeconds, 9.315, 1e-14);
    QCOMPARE(a.abnormalCount, std::size_t(0));
    QCOMPARE(a.excludedCount, std::size_t(0));
    QCOMPARE(a.foreignCount, std::size_t(0));
    GEMBA_COMPARE_REL(a.foreignSeconds, 0.0, 0);
}

void TestStepSummary::consistentStep()
{
    const auto obsList = sample();
    const auto r = study::summarizeSteps(steps({kA, kB}), obsList, aStudy());
    QVERIFY(r.hasValue());
    const study::StepSummary& b = r->steps[1];
    QCOMPARE(b.stepId, kB);
    // The excluded 30 s and the foreign 45 s do not count; the abnormal 10.2 s does.
    QCOMPARE(b.n, std::size_t(4));
    QCOMPARE(b.abnormalCount, std::size_t(1));
    QCOMPARE(b.excludedCount, std::size_t(1));
    QCOMPARE(b.foreignCount, std::size_t(1));
    GEMBA_COMPARE_REL(b.foreignSeconds, 45.0, 0);
    // x̄ = 40.4 / 4 = 10.1; deviations ±0.1, Σ(x − x̄)² = 0.04, s = √(0.04 / 3) = 0.115470053837925;
    // CV = 0.115470053837925 / 10.1 = 0.0114326785978144. (10.2 is not exact in binary: 1e-13.)
    GEMBA_COMPARE_REL(b.meanSeconds, 10.1, 1e-15);
    GEMBA_COMPARE_REL(b.sdSeconds, 0.11547005383792516, 1e-13);
    GEMBA_COMPARE_REL(b.cv, 0.011432678597814372, 1e-13);
    GEMBA_COMPARE_REL(b.minSeconds, 10.0, 0);
    GEMBA_COMPARE_REL(b.maxSeconds, 10.2, 0);
    // Classic N′ = 1600 · Σ(x − x̄)² / (n · x̄²) = 1600 · 0.04 / (4 · 102.01) = 0.157 → 1.
    // t: N = 2: t(0.975, 1) = 12.7062 · 0.0114327 / √2 = 0.1027 > 0.05;
    //    N = 3: t(0.975, 2) = 4.30265 · 0.0114327 / √3 = 0.0284 ≤ 0.05 → 3.
    // Needed 3, taken 4: consistent.
    QCOMPARE(b.neededClassic.value_or(99), std::size_t(1));
    QCOMPARE(b.neededT.value_or(99), std::size_t(3));
    QCOMPARE(b.needed.value_or(99), std::size_t(3));
    QCOMPARE(b.stillNeeded, std::size_t(0));
    QVERIFY(b.consistent);
    // Unrated: 100 %; normal = observed; standard 10.1 × 1.15 = 11.615 s.
    GEMBA_COMPARE_REL(b.meanRatingPercent, 100.0, 0);
    QCOMPARE(b.ratedCount, std::size_t(0));
    GEMBA_COMPARE_REL(b.normalSeconds, 10.1, 1e-15);
    GEMBA_COMPARE_REL(b.standardSeconds, 11.615, 1e-15);
}

void TestStepSummary::cycleTotals()
{
    const auto obsList = sample();
    const auto r = study::summarizeSteps(steps({kA, kB}), obsList, aStudy());
    QVERIFY(r.hasValue());
    // Means 7.8 + 10.1 = 17.9; normal 8.1 + 10.1 = 18.2; standard 9.315 + 11.615 = 20.93.
    GEMBA_COMPARE_REL(r->cycle.meanSeconds, 17.9, 1e-15);
    GEMBA_COMPARE_REL(r->cycle.normalSeconds, 18.2, 1e-14);
    GEMBA_COMPARE_REL(r->cycle.standardSeconds, 20.93, 1e-14);
    // Cycles 101–104 have A and B; 105 has A only (its B time is excluded).
    QCOMPARE(r->cycle.completeCycles, std::size_t(4));
    QVERIFY(!r->cycle.studyComplete);   // A needs 16 more
}

void TestStepSummary::studyComplete()
{
    const auto obsList = sample();
    const auto r = study::summarizeSteps(steps({kB}), obsList, aStudy());
    QVERIFY(r.hasValue());
    QCOMPARE(r->steps.size(), std::size_t(1));
    QVERIFY(r->steps[0].consistent);
    QVERIFY(r->cycle.studyComplete);
    QCOMPARE(r->cycle.completeCycles, std::size_t(4));
    GEMBA_COMPARE_REL(r->cycle.standardSeconds, 11.615, 1e-15);
}

void TestStepSummary::ratingMethodNone()
{
    // A study timed without pace rating ignores ratings that came in anyway (an import).
    study::Study s = aStudy();
    s.ratingMethod = study::RatingMethod::None;
    const auto obsList = sample();
    const auto r = study::summarizeSteps(steps({kA, kB}), obsList, s);
    QVERIFY(r.hasValue());
    GEMBA_COMPARE_REL(r->steps[0].meanRatingPercent, 100.0, 0);
    QCOMPARE(r->steps[0].ratedCount, std::size_t(0));
    // 7.8 s normal, × 1.15 = 8.97 s standard.
    GEMBA_COMPARE_REL(r->steps[0].normalSeconds, 7.8, 1e-15);
    GEMBA_COMPARE_REL(r->steps[0].standardSeconds, 8.97, 1e-15);
}

void TestStepSummary::ratedPerObservation()
{
    // Each observation is rated on its own (BS 3138; Kanawaty, ILO "Introduction to Work Study"):
    // basic time = observed × rating / 100 per observation, then averaged. 12 s at 80 % and 8 s
    // at 120 % are both 9.6 s of basic time; mean time × mean rating would give 10 × 1.00 = 10 s.
    const std::vector<Observation> paced = {obs(3, 301, 12'000'000, 80), obs(3, 302, 8'000'000, 120)};
    const auto r = study::summarizeSteps(steps({3}), paced, aStudy());
    QVERIFY(r.hasValue());
    GEMBA_COMPARE_REL(r->steps[0].meanSeconds, 10.0, 1e-15);
    GEMBA_COMPARE_REL(r->steps[0].meanRatingPercent, 100.0, 1e-15);
    GEMBA_COMPARE_REL(r->steps[0].normalSeconds, 9.6, 1e-14);
    GEMBA_COMPARE_REL(r->steps[0].standardSeconds, 9.6 * 1.15, 1e-14);   // 11.04 s
    GEMBA_COMPARE_REL(r->cycle.normalSeconds, 9.6, 1e-14);
    GEMBA_COMPARE_REL(r->cycle.standardSeconds, 11.04, 1e-14);

    // Unrated counts at 100 %: (12 × 0.80 + 8 × 1.00) / 2 = 8.8 s (not 10 × 0.90 = 9 s).
    const std::vector<Observation> partly = {obs(3, 301, 12'000'000, 80), obs(3, 302, 8'000'000)};
    const auto p = study::summarizeSteps(steps({3}), partly, aStudy());
    QVERIFY(p.hasValue());
    GEMBA_COMPARE_REL(p->steps[0].normalSeconds, 8.8, 1e-14);
    QCOMPARE(p->steps[0].ratedCount, std::size_t(1));

    // Rating method none: every observation at 100 %, whatever it carries: normal = mean = 10 s.
    study::Study none = aStudy();
    none.ratingMethod = study::RatingMethod::None;
    const auto n = study::summarizeSteps(steps({3}), paced, none);
    QVERIFY(n.hasValue());
    GEMBA_COMPARE_REL(n->steps[0].normalSeconds, 10.0, 1e-15);

    // A rating that is not positive cannot level a time: that step's normal and standard time
    // are undefined (NaN), the summary itself does not fail.
    std::vector<Observation> bad = paced;
    bad[1].ratingPercent = 0;
    const auto b = study::summarizeSteps(steps({3}), bad, aStudy());
    QVERIFY(b.hasValue());
    GEMBA_COMPARE_REL(b->steps[0].meanSeconds, 10.0, 1e-15);
    QVERIFY(std::isnan(b->steps[0].normalSeconds) && std::isnan(b->steps[0].standardSeconds));
}

void TestStepSummary::workingTimeAllowance()
{
    study::Study s = aStudy();
    s.allowanceBasis = study::AllowanceBasis::WorkingTime;
    const auto obsList = sample();
    const auto r = study::summarizeSteps(steps({kA, kB}), obsList, s);
    QVERIFY(r.hasValue());
    // 15 % of the working day: 8.1 / 0.85 = 9.52941176470588235; 10.1 / 0.85 = 11.8823529411764706.
    GEMBA_COMPARE_REL(r->steps[0].standardSeconds, 9.5294117647058824, 1e-14);
    GEMBA_COMPARE_REL(r->steps[1].standardSeconds, 11.882352941176471, 1e-15);
    GEMBA_COMPARE_REL(r->cycle.standardSeconds, 9.5294117647058824 + 11.882352941176471, 1e-14);
}

void TestStepSummary::otherAccuracy()
{
    // ±10 %: classic 4, t 7 for A (tst_samplesize): 7 needed, 2 more.
    const auto obsList = sample();
    const auto r = study::summarizeSteps(steps({kA}), obsList, aStudy(), 0.95, 0.10);
    QVERIFY(r.hasValue());
    QCOMPARE(r->steps[0].neededClassic.value_or(0), std::size_t(4));
    QCOMPARE(r->steps[0].neededT.value_or(0), std::size_t(7));
    QCOMPARE(r->steps[0].stillNeeded, std::size_t(2));
    QVERIFY(!r->steps[0].consistent);
}

void TestStepSummary::smallN()
{
    // C timed once (4.5 s, rated 80), D never.
    const std::vector<Observation> obsList = {obs(3, 201, 4'500'000, 80)};
    const auto r = study::summarizeSteps(steps({3, 4}), obsList, aStudy());
    QVERIFY(r.hasValue());
    const study::StepSummary& c = r->steps[0];
    QCOMPARE(c.n, std::size_t(1));
    GEMBA_COMPARE_REL(c.meanSeconds, 4.5, 0);
    GEMBA_COMPARE_REL(c.minSeconds, 4.5, 0);
    GEMBA_COMPARE_REL(c.maxSeconds, 4.5, 0);
    QVERIFY(std::isnan(c.sdSeconds));
    QVERIFY(std::isnan(c.cv));
    QVERIFY(!c.neededClassic && !c.neededT && !c.needed);
    QCOMPARE(c.stillNeeded, std::size_t(1));
    QVERIFY(!c.consistent);
    // 4.5 × 0.80 = 3.6 s normal; × 1.15 = 4.14 s standard.
    GEMBA_COMPARE_REL(c.normalSeconds, 3.6, 1e-15);
    GEMBA_COMPARE_REL(c.standardSeconds, 4.14, 1e-15);

    const study::StepSummary& d = r->steps[1];
    QCOMPARE(d.n, std::size_t(0));
    QVERIFY(std::isnan(d.meanSeconds) && std::isnan(d.sdSeconds) && std::isnan(d.cv));
    QVERIFY(std::isnan(d.minSeconds) && std::isnan(d.maxSeconds));
    QVERIFY(std::isnan(d.normalSeconds) && std::isnan(d.standardSeconds));
    QVERIFY(!d.needed);
    QCOMPARE(d.stillNeeded, std::size_t(2));
    QVERIFY(!d.consistent);
    // No cycle total until every step has been timed once.
    QVERIFY(std::isnan(r->cycle.meanSeconds));
    QVERIFY(std::isnan(r->cycle.normalSeconds));
    QVERIFY(std::isnan(r->cycle.standardSeconds));
    QCOMPARE(r->cycle.completeCycles, std::size_t(0));
    QVERIFY(!r->cycle.studyComplete);
}

void TestStepSummary::zeroTimes()
{
    // Two laps at the same instant: a mean of 0 has no relative accuracy, so no count.
    const std::vector<Observation> obsList = {obs(3, 201, 0), obs(3, 202, 0)};
    const auto r = study::summarizeSteps(steps({3}), obsList, aStudy());
    QVERIFY(r.hasValue());
    const study::StepSummary& z = r->steps[0];
    QCOMPARE(z.n, std::size_t(2));
    GEMBA_COMPARE_REL(z.meanSeconds, 0.0, 0);
    GEMBA_COMPARE_REL(z.sdSeconds, 0.0, 0);
    QVERIFY(std::isnan(z.cv));
    QVERIFY(!z.needed);
    QCOMPARE(z.stillNeeded, std::size_t(0));
    QVERIFY(!z.consistent);
    GEMBA_COMPARE_REL(z.standardSeconds, 0.0, 0);
    QVERIFY(!r->cycle.studyComplete);
}

void TestStepSummary::observationsOutsideCycles()
{
    // Times not in a stored cycle (cycleId 0) count for the step but make no complete cycle.
    const std::vector<Observation> obsList = {obs(3, 0, 1'000'000), obs(3, 0, 1'000'000)};
    const auto r = study::summarizeSteps(steps({3}), obsList, aStudy());
    QVERIFY(r.hasValue());
    QCOMPARE(r->steps[0].n, std::size_t(2));
    QCOMPARE(r->cycle.completeCycles, std::size_t(0));
}

void TestStepSummary::noSteps()
{
    const auto obsList = sample();
    const auto r = study::summarizeSteps({}, obsList, aStudy());
    QVERIFY(r.hasValue());
    QVERIFY(r->steps.empty());
    QVERIFY(!r->cycle.studyComplete);   // nothing timed is not a finished study
    QCOMPARE(r->cycle.completeCycles, std::size_t(0));
}

void TestStepSummary::errors()
{
    const auto obsList = sample();
    const auto st = steps({kA, kB});
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QCOMPARE(study::summarizeSteps(st, obsList, aStudy(), 1.0).error().code, ErrorCode::OutOfRange);
    QCOMPARE(study::summarizeSteps(st, obsList, aStudy(), 0.0).error().code, ErrorCode::OutOfRange);
    QCOMPARE(study::summarizeSteps(st, obsList, aStudy(), 0.95, 0).error().code, ErrorCode::OutOfRange);
    QCOMPARE(study::summarizeSteps(st, obsList, aStudy(), 0.95, 1.5).error().code, ErrorCode::OutOfRange);
    QCOMPARE(study::summarizeSteps(st, obsList, aStudy(), nan).error().code, ErrorCode::NotFinite);
    QCOMPARE(study::summarizeSteps(st, obsList, aStudy(), 0.95, nan).error().code, ErrorCode::NotFinite);
    study::Study s = aStudy();
    s.allowancePercent = -1;
    QCOMPARE(study::summarizeSteps(st, obsList, s).error().code, ErrorCode::OutOfRange);
    s.allowancePercent = 100;
    s.allowanceBasis = study::AllowanceBasis::WorkingTime;   // the whole day would be allowance
    QCOMPARE(study::summarizeSteps(st, obsList, s).error().code, ErrorCode::OutOfRange);
    s.allowancePercent = nan;
    QCOMPARE(study::summarizeSteps(st, obsList, s).error().code, ErrorCode::NotFinite);
}

QTEST_GUILESS_MAIN(TestStepSummary)
#include "tst_stepsummary.moc"
