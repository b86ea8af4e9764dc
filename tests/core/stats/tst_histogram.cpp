// Tests of stats/histogram: Minitab's bar-count rule, granular and nice bins, the cut-point
// convention and the fitted normal curve, each checked by hand (arithmetic in the comments).
#include "stats/histogram.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

using namespace gemba;

namespace {

bool near(double a, double b, double rel = 1e-12)
{
    return std::abs(a - b) <= rel * std::max({1.0, std::abs(a), std::abs(b)});
}

std::vector<std::size_t> counts(std::initializer_list<std::size_t> c) { return c; }

} // namespace

class TestHistogram : public QObject {
    Q_OBJECT
private slots:
    void barTarget_data();
    void barTarget();
    void granularIntegers();
    void niceWidthHalf();
    void cutPointWithFuzz();
    void allEqual();
    void errors();
    void densityCurve();
};

void TestHistogram::barTarget_data()
{
    QTest::addColumn<qulonglong>("n");
    QTest::addColumn<qulonglong>("target");
    // round(cbrt(16n) + 0.5):
    QTest::newRow("1") << 1ull << 3ull;              // cbrt(16) = 2.520 → 3.020 → 3
    QTest::newRow("9") << 9ull << 6ull;              // cbrt(144) = 5.241 → 5.741 → 6
    QTest::newRow("20") << 20ull << 7ull;            // cbrt(320) = 6.840 → 7.340 → 7
    QTest::newRow("100") << 100ull << 12ull;         // cbrt(1600) = 11.696 → 12.196 → 12
    QTest::newRow("1000") << 1000ull << 26ull;       // cbrt(16000) = 25.198 → 25.698 → 26
    QTest::newRow("1e6") << 1000000ull << 252ull;    // cbrt(1.6e7) = 251.984 → 252.484 → 252
}

void TestHistogram::barTarget()
{
    QFETCH(qulonglong, n);
    QFETCH(qulonglong, target);
    QCOMPARE(stats::minitabBarTarget(n), target);
}

// Whole numbers 1..5: every value is a multiple of 10^0 (not of 10), 1 + round(4/1) = 5 ≤ 10
// bars, so one bar per unit with midpoints 1..5 (the granular rule), although the target for
// n = 9 is 6. Mean 27/9 = 3; Σ(x−3)² = 4+1+1+0+0+0+1+1+4 = 12, s = √(12/8) = 1.2247448714.
void TestHistogram::granularIntegers()
{
    const std::vector<double> v = {1, 2, 2, 3, 3, 3, 4, 4, 5};
    const auto h = stats::histogram(v);
    QVERIFY(h);
    QVERIFY(h->granular);
    QCOMPARE(h->binWidth, 1.0);
    QCOMPARE(h->edges, (std::vector<double>{0.5, 1.5, 2.5, 3.5, 4.5, 5.5}));
    QCOMPARE(h->midpoints, (std::vector<double>{1, 2, 3, 4, 5}));
    QCOMPARE(h->counts, counts({1, 2, 3, 2, 1}));
    QVERIFY(near(h->mean, 3));
    QVERIFY(near(h->sd, std::sqrt(1.5)));
    // Curve from one width below the first edge (0.5 − 1 = −0.5) to one above the last
    // (5.5 + 1 = 6.5), 201 points; its middle point is at x = 3 with height
    // n·w·φ(0)/s = 9/(1.2247449·2.5066283) = 2.9316150714.
    const auto& c = h->normalCurve;
    QCOMPARE(c.x.size(), std::size_t{201});
    QVERIFY(near(c.x.front(), -0.5));
    QVERIFY(near(c.x.back(), 6.5));
    QVERIFY(near(c.x[100], 3, 1e-12));
    QVERIFY(near(c.y[100], 2.9316150714175198, 1e-12));
}

// 20 values in hundredths from 10.12 to 13.97: resolution 0.01 gives 1 + 385 bars, too many
// for the granular rule. Target round(cbrt(320) + 0.5) = 7. Widths from the top: 1 gives
// midpoints floor(10.12 + .5) = 10 … floor(13.97 + .5) = 14, 5 bars < 7; the next nice width
// 0.5 gives 20 … floor(27.94 + .5) = 28, 9 bars ≥ 7. So 9 bars of 0.5 from 9.75 to 14.25.
// 10.25 sits on the cut point 10.25 and counts in the upper bar [10.25, 10.75).
void TestHistogram::niceWidthHalf()
{
    const std::vector<double> v = {10.12, 10.25, 10.49, 10.76, 11.03, 11.18, 11.24, 11.51, 11.62, 11.74,
                                   11.88, 12.01, 12.26, 12.33, 12.58, 12.77, 12.99, 13.24, 13.51, 13.97};
    const auto h = stats::histogram(v);
    QVERIFY(h);
    QVERIFY(!h->granular);
    QCOMPARE(h->binWidth, 0.5);
    QCOMPARE(h->edges.size(), std::size_t{10});
    QVERIFY(near(h->edges.front(), 9.75));
    QVERIFY(near(h->edges.back(), 14.25));
    QVERIFY(near(h->midpoints[4], 12.0));
    // [9.75,10.25) 10.12 | [10.25,10.75) 10.25 10.49 | [10.75,11.25) 10.76 11.03 11.18 11.24 |
    // [11.25,11.75) 11.51 11.62 11.74 | [11.75,12.25) 11.88 12.01 | [12.25,12.75) 12.26 12.33 12.58 |
    // [12.75,13.25) 12.77 12.99 13.24 | [13.25,13.75) 13.51 | [13.75,14.25) 13.97
    QCOMPARE(h->counts, counts({1, 2, 4, 3, 2, 3, 3, 1, 1}));
}

// 0.35/0.1 is 3.4999999999999996 in doubles: without the fuzz 0.35 would fall below its cut
// point, into a bar [0.25, 0.35) of its own. Target for n = 7: round(cbrt(112) + 0.5) = 5.
// Width 0.25 gives midpoints 1..4 (4 bars), 0.2 gives 2..5 (4 bars), 0.1 gives 4..10 (7 bars).
void TestHistogram::cutPointWithFuzz()
{
    const std::vector<double> v = {0.35, 0.41, 0.47, 0.52, 0.68, 0.9, 1.04};
    const auto h = stats::histogram(v);
    QVERIFY(h);
    QCOMPARE(h->binWidth, 0.1);
    QVERIFY(near(h->edges.front(), 0.35));
    QVERIFY(near(h->edges.back(), 1.05));
    // [0.35,0.45) 0.35 0.41 | [0.45,0.55) 0.47 0.52 | [0.55,0.65) | [0.65,0.75) 0.68 |
    // [0.75,0.85) | [0.85,0.95) 0.9 | [0.95,1.05) 1.04
    QCOMPARE(h->counts, counts({2, 2, 0, 1, 0, 1, 1}));
}

void TestHistogram::allEqual()
{
    const std::vector<double> v = {12.3, 12.3, 12.3};
    const auto h = stats::histogram(v);
    QVERIFY(h);
    QCOMPARE(h->counts, counts({3}));
    QVERIFY(near(h->edges[0], 11.8));
    QVERIFY(near(h->edges[1], 12.8));
    QVERIFY(h->normalCurve.x.empty());   // σ = 0: no curve

    const std::vector<double> one = {4.0};
    const auto h1 = stats::histogram(one);
    QVERIFY(h1);
    QCOMPARE(h1->counts, counts({1}));
}

void TestHistogram::errors()
{
    QCOMPARE(stats::histogram(std::vector<double>{}).error().code, ErrorCode::EmptyData);
    const std::vector<double> bad = {1, std::numeric_limits<double>::quiet_NaN()};
    const auto r = stats::histogram(bad);
    QCOMPARE(r.error().code, ErrorCode::NotFinite);
    QCOMPARE(r.error().item.value_or(99), std::size_t{1});
    QCOMPARE(stats::histogram(std::vector<double>{1, 2}, 1).error().code, ErrorCode::InvalidArgument);
}

// N(10, 2) scaled by 50: at x = 10 the height is 50/(2√(2π)) = 9.9735570100; at x = 12 (1σ)
// it is that times e^(−1/2) = 6.0492681129.
void TestHistogram::densityCurve()
{
    const auto c = stats::normalDensityCurve(10, 2, 50, 8, 12, 3);
    QCOMPARE(c.x, (std::vector<double>{8, 10, 12}));
    QVERIFY(near(c.y[1], 50 / (2 * std::sqrt(2 * std::numbers::pi))));
    QVERIFY(near(c.y[1], 9.973557010035818, 1e-12));
    QVERIFY(near(c.y[2], 9.973557010035818 * std::exp(-0.5), 1e-12));
    QVERIFY(near(c.y[0], c.y[2]));
    QVERIFY(stats::normalDensityCurve(10, 0, 50, 8, 12, 3).x.empty());
}

QTEST_GUILESS_MAIN(TestHistogram)
#include "tst_histogram.moc"
