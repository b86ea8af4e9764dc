// Stages and locked limits, computed by hand: each stage's limits are those of the stage alone,
// nothing (moving range, run) crosses a stage boundary, and locked limits judge new points.
#include "analysis/stagedchart.h"
#include "referencedata.h"

#include <QtTest>

#include <cmath>

using namespace gemba;
using namespace gemba::analysis;
using namespace gemba::stats;

#define GEMBA_TRY(var, expr)                                                                            \
    auto var = (expr);                                                                                  \
    QVERIFY2(var.hasValue(), var.hasValue() ? "" : var.error().message.c_str())

namespace {

constexpr double kD2_2 = 1.1283791670955123, kD3_2 = 0.8525024664274122;   // control_chart_constants.csv

bool flagged(const ControlChart& c, std::size_t point, int test) { return c.tests[point] & (1u << (test - 1)); }

ChartSeries individuals(std::vector<double> values, std::vector<int> stage = {})
{
    ChartSeries s;
    s.values = std::move(values);
    for (std::size_t i = 0; i < s.values.size(); ++i)
        s.pointKeys.push_back(static_cast<std::int64_t>(100 + i));   // as observation ids would be
    s.stage = std::move(stage);
    s.stageNames = {"before", "after", "later"};
    return s;
}

// Stage 0: 10 12 11 13 12; stage 1: 20 21 19 22.
ChartSeries twoStages() { return individuals({10, 12, 11, 13, 12, 20, 21, 19, 22}, {0, 0, 0, 0, 0, 1, 1, 1, 1}); }

} // namespace

class TestStagedChart : public QObject {
    Q_OBJECT

private slots:
    void twoStageImrLimitsAreEachStageAlone()
    {
        const ChartSeries series = twoStages();
        GEMBA_TRY(a, stagedChart(ChartType::IMR, series, {}, ChartOptions{}));
        const ControlChart& i = a->charts[0];
        const ControlChart& mr = a->charts[1];
        QCOMPARE(a->pointCount, std::size_t(9));
        QCOMPARE(i.values.size(), std::size_t(9));
        QCOMPARE(i.ucl.values.size(), std::size_t(9));   // one value per point
        // Stage "before": mean 58/5 = 11.6; MR 2 1 2 1, MR̄ = 1.5, σ̂ = 1.5/d2(2) = 1.3293404;
        // limits 11.6 ± 3.9880212 = 15.5880212, 7.6119788; MR UCL = D4·1.5 = 4.8997979.
        // Stage "after": mean 82/4 = 20.5; MR 1 2 3, MR̄ = 2, σ̂ = 2/d2(2) = 1.7724539;
        // limits 20.5 ± 5.3173616 = 25.8173616, 15.1826384; MR UCL = D4·2 = 6.5330638.
        for (std::size_t p = 0; p < 5; ++p) {
            GEMBA_COMPARE_REL(i.centerLine.at(p), 11.6, 1e-14);
            GEMBA_COMPARE_REL(i.ucl.at(p), 15.5880212, 1e-8);
            GEMBA_COMPARE_REL(i.lcl.at(p), 7.6119788, 1e-8);
            GEMBA_COMPARE_REL(i.sd.at(p), 1.5 / kD2_2, 1e-14);
        }
        for (std::size_t p = 5; p < 9; ++p) {
            GEMBA_COMPARE_REL(i.centerLine.at(p), 20.5, 1e-14);
            GEMBA_COMPARE_REL(i.ucl.at(p), 25.8173616, 1e-8);
            GEMBA_COMPARE_REL(i.lcl.at(p), 15.1826384, 1e-8);
        }
        QVERIFY(std::isnan(i.center));   // the stages' centers differ
        QVERIFY(std::isnan(i.sigma));

        // Each stage's lines equal an I-MR computed on that stage alone.
        GEMBA_TRY(before, individualsCharts({10, 12, 11, 13, 12}, {}, ChartOptions{}));
        GEMBA_TRY(after, individualsCharts({20, 21, 19, 22}, {}, ChartOptions{}));
        for (std::size_t p = 0; p < 9; ++p) {
            const ControlChart& alone = p < 5 ? before->charts[0] : after->charts[0];
            const std::size_t q = p < 5 ? p : p - 5;
            QCOMPARE(i.centerLine.at(p), alone.centerLine.at(q));
            QCOMPARE(i.ucl.at(p), alone.ucl.at(q));
            QCOMPARE(i.lcl.at(p), alone.lcl.at(q));
            QCOMPARE(i.tests[p], alone.tests[q]);
        }

        // No moving range across the boundary: |20 - 12| = 8 would be far above the first
        // stage's MR UCL; instead the value at point 5 is NaN, drawn with stage 2's lines.
        QCOMPARE(mr.values.size(), std::size_t(8));
        QCOMPARE(mr.firstObservation, std::size_t(1));
        const std::vector<double> ranges{2, 1, 2, 1, NAN, 1, 2, 3};
        for (std::size_t j = 0; j < 8; ++j) {
            if (j == 4)
                QVERIFY(std::isnan(mr.values[j]));
            else
                QCOMPARE(mr.values[j], ranges[j]);
        }
        QCOMPARE(mr.tests[4], std::uint16_t(0));
        GEMBA_COMPARE_REL(mr.centerLine.at(3), 1.5, 1e-14);
        GEMBA_COMPARE_REL(mr.ucl.at(3), 1.5 * (1 + 3 * kD3_2 / kD2_2), 1e-14);
        GEMBA_COMPARE_REL(mr.ucl.at(3), 4.8997979, 1e-7);
        GEMBA_COMPARE_REL(mr.centerLine.at(4), 2.0, 1e-14);
        GEMBA_COMPARE_REL(mr.ucl.at(7), 6.5330638, 1e-7);

        // On one chart without stages the shift is a signal: mean 140/9 = 15.5556, MR̄ = 20/8
        // = 2.5 (the jump of 8 counts), σ̂ = 2.2155673, 2σ̂ zone up to 19.9867; 20 and 21 are
        // two of three beyond it (test 5 at point 6). With stages no point fails a test.
        ChartSeries one = series;
        one.stage.clear();
        GEMBA_TRY(whole, stagedChart(ChartType::IMR, one, {}, ChartOptions{}));
        QVERIFY(flagged(whole->charts[0], 6, 5));
        for (std::size_t p = 0; p < 9; ++p)
            QCOMPARE(i.tests[p], std::uint16_t(0));
    }

    void testsRestartAtEachStage()
    {
        // Test 2 alone with K = 5. Stage 1: 5 1 5 1 3.5 3.6 3.7, mean 22.8/7 = 3.2571: the last
        // three are above it. Stage 2: 13.5 13.6 10 14 10, mean 61.1/5 = 12.22: the first two
        // are above it. Five in a row above their own center lines, but across the boundary.
        const ChartSeries series =
            individuals({5, 1, 5, 1, 3.5, 3.6, 3.7, 13.5, 13.6, 10, 14, 10}, {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
        ChartOptions o;
        GEMBA_TRY(rules, RuleSet::parse("2:5"));
        o.rules = *rules;
        GEMBA_TRY(a, stagedChart(ChartType::IMR, series, {}, o));
        const ControlChart& i = a->charts[0];
        GEMBA_COMPARE_REL(i.centerLine.at(6), 22.8 / 7, 1e-14);
        GEMBA_COMPARE_REL(i.centerLine.at(7), 12.22, 1e-14);
        for (std::size_t p = 0; p < 12; ++p)
            QCOMPARE(i.tests[p], std::uint16_t(0));
        // The same lines tested as one run would flag point 8 (the 5th in a row above): what
        // restarting the tests at the boundary prevents.
        const TestInput joined{i.values, i.centerLine.values, i.sd.values, i.lcl.values, i.ucl.values};
        const auto across = runSpecialCauseTests(joined, o.rules);
        QVERIFY(across[8] & (1u << 1));
    }

    void attributeStages()
    {
        // p chart: stage 1 counts 2 3 1 4 of 50 each, p̄ = 10/200 = 0.05; stage 2 counts 8 10 9
        // of 50, p̄ = 27/150 = 0.18; UCL p̄ + 3√(p̄(1-p̄)/50): 0.05 + 3·0.0308221 = 0.1424662.
        ChartSeries s;
        s.values = {2, 3, 1, 4, 8, 10, 9};
        s.sizes = {50, 50, 50, 50, 50, 50, 50};
        s.stage = {0, 0, 0, 0, 1, 1, 1};
        GEMBA_TRY(a, stagedChart(ChartType::P, s, {}, ChartOptions{}));
        const ControlChart& p = a->charts[0];
        GEMBA_COMPARE_REL(p.centerLine.at(3), 0.05, 1e-14);
        GEMBA_COMPARE_REL(p.centerLine.at(4), 0.18, 1e-14);
        GEMBA_COMPARE_REL(p.ucl.at(0), 0.05 + 3 * std::sqrt(0.05 * 0.95 / 50), 1e-14);
        GEMBA_COMPARE_REL(p.ucl.at(0), 0.1424662, 1e-7);
        QCOMPARE(p.sizes, (std::vector<double>{50}));
    }

    void lockedChartJudgesNewPointsAgainstSavedLimits()
    {
        // Phase I: 10 12 11 13 12: center 11.6, σ̂ = 1.5/d2(2) = 1.3293404, UCL 15.5880212.
        ChartSeries series = individuals({10, 12, 11, 13, 12});
        GEMBA_TRY(phase1, stagedChart(ChartType::IMR, series, {}, ChartOptions{}));
        GEMBA_TRY(locked, lockLimits(*phase1, series));
        GEMBA_COMPARE_REL(locked->center, 11.6, 1e-14);
        GEMBA_COMPARE_REL(locked->sigma, 1.5 / kD2_2, 1e-14);
        QCOMPARE(locked->lastPhaseOneKey, std::int64_t(104));
        QCOMPARE(locked->pointsUsed, std::size_t(5));

        // New points 12 15.7 11: 15.7 is beyond the saved UCL 15.588.
        series.values.insert(series.values.end(), {12, 15.7, 11});
        series.pointKeys.insert(series.pointKeys.end(), {105, 106, 107});
        GEMBA_TRY(a, lockedChart(ChartType::IMR, series, {}, ChartOptions{}, *locked));
        const ControlChart& i = a->charts[0];
        QCOMPARE(a->flags.phase, (std::vector<std::uint8_t>{1, 1, 1, 1, 1, 2, 2, 2}));
        QCOMPARE(a->phaseOf(6), 2);
        GEMBA_COMPARE_REL(i.ucl.at(7), 15.5880212, 1e-8);
        GEMBA_COMPARE_REL(i.centerLine.at(7), 11.6, 1e-14);
        QVERIFY(flagged(i, 6, 1));
        QCOMPARE(i.sigmaMethod, SigmaMethod::Known);

        // Re-estimated from all eight: mean 96.7/8 = 12.0875; MR 2 1 2 1 0 3.7 4.7, MR̄ =
        // 14.4/7 = 2.0571429, σ̂ = 1.8230954; UCL 12.0875 + 5.4692862 = 17.5567862: within.
        GEMBA_TRY(again, stagedChart(ChartType::IMR, series, {}, ChartOptions{}));
        GEMBA_COMPARE_REL(again->charts[0].ucl.at(6), 17.5567862, 1e-8);
        QVERIFY(!flagged(again->charts[0], 6, 1));
    }

    void lockTheLastStageAndKeepEarlierStages()
    {
        // Two stages as above; the lock takes the last stage: center 20.5, σ̂ = 2/d2(2).
        ChartSeries series = twoStages();
        GEMBA_TRY(staged, stagedChart(ChartType::IMR, series, {}, ChartOptions{}));
        GEMBA_TRY(locked, lockLimits(*staged, series));
        GEMBA_COMPARE_REL(locked->center, 20.5, 1e-14);
        GEMBA_COMPARE_REL(locked->sigma, 2 / kD2_2, 1e-14);
        QCOMPARE(locked->lastPhaseOneKey, std::int64_t(108));
        QCOMPARE(locked->pointsUsed, std::size_t(4));

        // A later study (a third stage) judged against the locked limits: 21, then 27 beyond
        // the UCL 25.8173616. The first stage keeps its own limits.
        series.values.insert(series.values.end(), {21, 27});
        series.stage.insert(series.stage.end(), {2, 2});
        series.pointKeys.insert(series.pointKeys.end(), {109, 110});
        PointFlags flags;
        flags.excluded = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        GEMBA_TRY(a, lockedChart(ChartType::IMR, series, flags, ChartOptions{}, *locked));
        const ControlChart& i = a->charts[0];
        const ControlChart& mr = a->charts[1];
        QCOMPARE(a->flags.phase, (std::vector<std::uint8_t>{1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2}));
        GEMBA_COMPARE_REL(i.ucl.at(0), 15.5880212, 1e-8);
        GEMBA_COMPARE_REL(i.ucl.at(5), 25.8173616, 1e-8);
        GEMBA_COMPARE_REL(i.ucl.at(10), 25.8173616, 1e-8);
        QVERIFY(flagged(i, 10, 1));
        QVERIFY(!flagged(i, 9, 1));
        // No moving range between the first stage and the locked part; within the locked part
        // the later study continues the run: |21 - 22| = 1 at point 9.
        QVERIFY(std::isnan(mr.values[4]));
        QCOMPARE(mr.values[8], 1.0);
        QCOMPARE(mr.values[9], 6.0);
    }

    void lockAnNpChartKeepsPBar()
    {
        // np chart, counts 2 3 1 4 of 50: p̄ = 0.05, center n·p̄ = 2.5; the lock saves p̄, what
        // ChartOptions::knownCenter takes for np. A new sample with 10 defectives is beyond
        // 2.5 + 3√(50·0.05·0.95) = 7.1233105.
        ChartSeries s;
        s.values = {2, 3, 1, 4};
        s.sizes = {50, 50, 50, 50};
        s.pointKeys = {0, 1, 2, 3};   // a data set's row numbers
        GEMBA_TRY(a, stagedChart(ChartType::NP, s, {}, ChartOptions{}));
        GEMBA_TRY(locked, lockLimits(*a, s));
        GEMBA_COMPARE_REL(locked->center, 0.05, 1e-14);
        GEMBA_COMPARE_REL(locked->sigma, std::sqrt(0.05 * 0.95), 1e-14);
        s.values.push_back(10);
        s.sizes.push_back(50);
        s.pointKeys.push_back(4);
        GEMBA_TRY(judged, lockedChart(ChartType::NP, s, {}, ChartOptions{}, *locked));
        GEMBA_COMPARE_REL(judged->charts[0].ucl.at(4), 7.1233105, 1e-7);
        QVERIFY(flagged(judged->charts[0], 4, 1));
        QCOMPARE(judged->phaseOf(4), 2);
    }

    void errorsNameTheStage()
    {
        // A stage of one value has no moving range to estimate σ from.
        auto a = stagedChart(ChartType::IMR, individuals({10, 12, 11, 30}, {0, 0, 0, 1}), {}, ChartOptions{});
        QVERIFY(!a.hasValue());
        QVERIFY2(a.error().message.rfind("stage 'after': ", 0) == 0, a.error().message.c_str());
        auto b = stagedChart(ChartType::IMR, individuals({10, 12, 11}, {0, 0}), {}, ChartOptions{});
        QCOMPARE(b.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(stagedChart(ChartType::IMR, individuals({}), {}, ChartOptions{}).error().code, ErrorCode::EmptyData);
        // Locking needs phase I points, and the series the analysis was made from.
        PointFlags allPhase2;
        allPhase2.phase = {2, 2, 2};
        ChartOptions known;
        known.knownCenter = 2;
        known.knownSigma = 1;
        GEMBA_TRY(judged, individualsCharts({1, 2, 4}, allPhase2, known));
        QCOMPARE(lockLimits(*judged, individuals({1, 2, 4})).error().code, ErrorCode::InvalidArgument);
        GEMBA_TRY(estimated, individualsCharts({1, 2, 4}, {}, ChartOptions{}));
        QCOMPARE(lockLimits(*estimated, individuals({1, 2, 4, 5})).error().code, ErrorCode::InvalidArgument);
        // The locked point's observation deleted since: the lock names a point that is gone.
        GEMBA_TRY(locked, lockLimits(*estimated, individuals({1, 2, 4})));
        ChartSeries without = individuals({1, 2, 5});
        without.pointKeys = {100, 101, 103};
        QCOMPARE(locked->lastPhaseOneKey, std::int64_t(102));
        QCOMPARE(lockedChart(ChartType::IMR, without, {}, ChartOptions{}, *locked).error().code,
                 ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestStagedChart)
#include "tst_stagedchart.moc"
