// Hand-checked cases for the special-cause tests: every convention in specialcausetests.h.
// All series use center 0 and σ 1 (so a value is its own z-score) and limits ±3 unless noted.
#include "stats/specialcausetests.h"

#include <QtTest>

#include <vector>

using namespace gemba::stats;

namespace {

std::vector<int> flaggedBy(const std::vector<double>& v, int test, int k = 0,
                           std::vector<double> center = {0.0}, std::vector<double> sd = {1.0},
                           std::vector<double> lcl = {-3.0}, std::vector<double> ucl = {3.0})
{
    RuleSet rules = RuleSet::none();
    rules.enabled[static_cast<std::size_t>(test - 1)] = true;
    if (k)
        rules.k[static_cast<std::size_t>(test - 1)] = k;
    const auto bits = runSpecialCauseTests({v, center, sd, lcl, ucl}, rules);
    std::vector<int> out;
    for (std::size_t i = 0; i < bits.size(); ++i)
        if (bits[i] & (1u << (test - 1)))
            out.push_back(static_cast<int>(i) + 1);   // 1-based, as users count points
    return out;
}

using Points = std::vector<int>;

} // namespace

class TestSpecialCauseTests : public QObject {
    Q_OBJECT
private slots:
    void test1BeyondLimitsIsStrict()
    {
        // 3.0 sits exactly on the UCL: not beyond. 3.0001 and -3.5 are beyond.
        QCOMPARE(flaggedBy({0, 3.0, 3.0001, -3.0, -3.5}, 1), (Points{3, 5}));
    }
    void test2NineOnOneSide()
    {
        // Points 1-10 above the center: the 9th and 10th are flagged (K-th point and later).
        std::vector<double> v(10, 0.5);
        QCOMPARE(flaggedBy(v, 2), (Points{9, 10}));
        // A point exactly on the center line (point 5) breaks the run: 4 + 5 points, no flag.
        v = {1, 1, 1, 1, 0, 1, 1, 1, 1, 1};
        QCOMPARE(flaggedBy(v, 2), Points{});
        // Below the center with K = 3: points 3 and 4; the side change at 5 restarts the count.
        QCOMPARE(flaggedBy({-1, -1, -1, -1, 1, 1}, 2, 3), (Points{3, 4}));
    }
    void test3SixRising()
    {
        // 1,2,3,4,5,6 rises five times: the 6th point completes 6 in a row; 7 continues it.
        QCOMPARE(flaggedBy({1, 2, 3, 4, 5, 6, 7, 1}, 3), (Points{6, 7}));
        // A tie (3, 3) breaks the trend: 1,2,3 then 3,4,5,6,7 is only 5 rising points.
        QCOMPARE(flaggedBy({1, 2, 3, 3, 4, 5, 6, 7}, 3), Points{});
        // Falling: 6 points from 2.5 down to 0 in steps of 0.5.
        QCOMPARE(flaggedBy({2.5, 2, 1.5, 1, 0.5, 0}, 3), (Points{6}));
    }
    void test4FourteenAlternating()
    {
        // 14 points alternating up/down: flagged at the 14th and 15th.
        std::vector<double> v;
        for (int i = 0; i < 15; ++i)
            v.push_back(i % 2 ? 1.0 : -1.0);
        QCOMPARE(flaggedBy(v, 4), (Points{14, 15}));
        // A repeated value breaks the alternation.
        v[7] = v[6];
        QCOMPARE(flaggedBy(v, 4), Points{});
    }
    void test5TwoOfThreeBeyond2Sigma()
    {
        // Points 2 and 3 beyond +2σ: point 3 is the last of a 2-of-3 window and is beyond.
        QCOMPARE(flaggedBy({0, 2.5, 2.1, 0, 0}, 5), (Points{3}));
        // 2.5, 0, 2.1: window (1..3) has two beyond and the last is beyond: flag 3.
        QCOMPARE(flaggedBy({2.5, 0, 2.1}, 5), (Points{3}));
        // 2.5, 2.1, 0: the only full window (K+1 = 3 points) ends at a point that is not
        // beyond, so nothing is flagged.
        QCOMPARE(flaggedBy({2.5, 2.1, 0}, 5), Points{});
        // Opposite sides do not combine; exactly 2σ is not beyond.
        QCOMPARE(flaggedBy({2.5, -2.5, 2.0, 2.5}, 5), Points{});
    }
    void test6FourOfFiveBeyond1Sigma()
    {
        // 1.5 x4 with a 0 inside: window 1..5 = {1.5,1.5,0,1.5,1.5}: four beyond, last beyond.
        QCOMPARE(flaggedBy({1.5, 1.5, 0, 1.5, 1.5, 0}, 6), (Points{5}));
        // Below the center.
        QCOMPARE(flaggedBy({-1.5, -1.5, -1.5, -1.5, -1.5}, 6), (Points{5}));
    }
    void test7FifteenWithin1Sigma()
    {
        // 16 points within ±1σ (1.0 exactly counts as within): flagged at 15 and 16.
        std::vector<double> v(16, 0.5);
        v[3] = 1.0;
        v[4] = -1.0;
        QCOMPARE(flaggedBy(v, 7), (Points{15, 16}));
        v[10] = 1.01;
        QCOMPARE(flaggedBy(v, 7), Points{});
    }
    void test8EightBeyond1SigmaBothSides()
    {
        // Eight points beyond 1σ alternating sides: the window 1..8 qualifies.
        QCOMPARE(flaggedBy({1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 1.5, -1.5}, 8), (Points{8}));
        // Eight beyond 1σ but all on one side is not test 8 (that is a run, tests 2 and 6).
        QCOMPARE(flaggedBy(std::vector<double>(8, 1.5), 8), Points{});
        // Nine points: windows 1..8 and 2..9 both have both sides -> 8 and 9.
        QCOMPARE(flaggedBy({1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, -1.5, 1.5}, 8), (Points{8, 9}));
        // The lone low point leaves windows ending at 9 and later once it drops out: with
        // points 1..7 high, 8 low, 9..16 high, the window 9..16 is one-sided.
        std::vector<double> v(16, 1.5);
        v[7] = -1.5;
        QCOMPARE(flaggedBy(v, 8), (Points{8, 9, 10, 11, 12, 13, 14, 15}));
    }
    void zonesUsePerPointSigma()
    {
        // Two points with σ 1 and 2: value 2.5 is beyond 2σ for the first, not the second.
        // Minitab's per-point z-scores: window {0, 2.5(σ=1), 2.5(σ=2)}: only one beyond -> none;
        // with the last point at 4.5 (z = 2.25) the window has two beyond -> flag 3.
        const std::vector<double> center{0}, lcl{-100}, ucl{100};
        QCOMPARE(flaggedBy({0, 2.5, 2.5}, 5, 0, center, {1, 1, 2}, lcl, ucl), Points{});
        QCOMPARE(flaggedBy({0, 2.5, 4.5}, 5, 0, center, {1, 1, 2}, lcl, ucl), (Points{3}));
    }
    void zonesIgnoreLimitWidth()
    {
        // With 2σ limits (±2), a point at 2.5 fails test 1; tests 5 still use 2σ zones.
        QCOMPARE(flaggedBy({2.5}, 1, 0, {0}, {1}, {-2}, {2}), (Points{1}));
        QCOMPARE(flaggedBy({0, 2.1, 2.1}, 5, 0, {0}, {1}, {-2}, {2}), (Points{3}));
    }
    void nanBreaksRuns()
    {
        std::vector<double> v(10, 0.5);
        v[4] = std::numeric_limits<double>::quiet_NaN();
        // Runs are points 1-4 and 6-10 (the NaN at point 5 is on neither side).
        QCOMPARE(flaggedBy(v, 2, 5), (Points{10}));
        QCOMPARE(flaggedBy(v, 2, 4), (Points{4, 9, 10}));
    }
    void ruleSets()
    {
        const RuleSet we = RuleSet::westernElectric();
        QVERIFY(we.isEnabled(1) && we.isEnabled(2) && we.isEnabled(5) && we.isEnabled(6));
        QVERIFY(!we.isEnabled(3) && !we.isEnabled(4) && !we.isEnabled(7) && !we.isEnabled(8));
        QCOMPARE(we.kOf(2), 8);
        const RuleSet ne = RuleSet::nelson();
        for (int t = 1; t <= 8; ++t)
            QVERIFY(ne.isEnabled(t));
        QCOMPARE(ne.kOf(2), 9);
        QCOMPARE(ne.kOf(3), 6);
        QCOMPARE(ne.kOf(4), 14);
        QCOMPARE(ne.kOf(7), 15);
        QCOMPARE(ne.kOf(8), 8);

        auto custom = RuleSet::parse("1,2:7,5");
        QVERIFY(custom.hasValue());
        QCOMPARE(custom->name, std::string("custom"));
        QVERIFY(custom->isEnabled(1) && custom->isEnabled(2) && custom->isEnabled(5));
        QVERIFY(!custom->isEnabled(6));
        QCOMPARE(custom->kOf(2), 7);
        QCOMPARE(custom->kOf(5), 2);

        for (const char* bad : {"", "0", "9", "1,1", "2:1", "2:x", "abc", "1,,2", "5:11", "1:3"}) {
            auto r = RuleSet::parse(bad);
            QVERIFY2(!r.hasValue(), bad);
            QVERIFY(!r.error().message.empty());
        }
    }
    void upToKeepsTheFirstTestsAndTheirK()
    {
        auto custom = RuleSet::parse("1,2:7,4,5,8:6");
        QVERIFY(custom.hasValue());
        QCOMPARE(custom->enabledTests(), (std::vector<int>{1, 2, 4, 5, 8}));
        const RuleSet four = custom->upTo(kLastTestForSkewedCharts);
        QCOMPARE(four.enabledTests(), (std::vector<int>{1, 2, 4}));
        QCOMPARE(four.kOf(2), 7);
        QCOMPARE(four.name, std::string("custom"));
        QCOMPARE(custom->upTo(kLastTestForMovingRangeByDefault).enabledTests(), (std::vector<int>{1}));
        QVERIFY(RuleSet::parse("2,3")->upTo(1).enabledTests().empty());
        QCOMPARE(RuleSet::nelson().upTo(8).enabledTests().size(), std::size_t(8));
    }
};

QTEST_GUILESS_MAIN(TestSpecialCauseTests)
#include "tst_specialcausetests.moc"
