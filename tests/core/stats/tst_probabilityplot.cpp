// Tests of stats/probabilityplot: Benard's median ranks, the fitted line from x̄ and s, the
// percentile band x̂_p ± z·s·√(1/n + z_p²/2n), and the thinning of long plots. Hand-checked.
#include "stats/probabilityplot.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace gemba;

namespace {

bool near(double a, double b, double rel = 1e-12)
{
    return std::abs(a - b) <= rel * std::max({1.0, std::abs(a), std::abs(b)});
}

} // namespace

class TestProbabilityPlot : public QObject {
    Q_OBJECT
private slots:
    void benard();
    void handChecked();
    void errors();
    void thinning();
};

// (i − 0.3)/(n + 0.4): n = 8 gives 0.7/8.4 = 0.083333… for i = 1 and 7.7/8.4 = 0.916666… for i = 8.
void TestProbabilityPlot::benard()
{
    QVERIFY(near(stats::benardMedianRank(1, 8), 0.7 / 8.4));
    QVERIFY(near(stats::benardMedianRank(8, 8), 7.7 / 8.4));
    QVERIFY(near(stats::benardMedianRank(1, 1), 0.5));   // 0.7/1.4
}

// {2, 4, 4, 4, 5, 5, 7, 9} (given unsorted): x̄ = 40/8 = 5, Σ(x−5)² = 9+1+1+1+0+0+4+16 = 32,
// s = √(32/7) = 2.1380899353. z_1 = Φ⁻¹(0.0833333) = −1.3829941271, z_8 = +1.3829941271.
// The band runs from Φ⁻¹(0.01) = −2.3263478740 (below z_1) to +2.3263478740; with 3 points:
//   z = 0:       fitted 5, half = 1.9599640·2.1380899·√(1/8) = 1.4815935091 → [3.5184064909, 6.4815935091]
//   z = −2.3263: fitted 5 − 2.3263479·2.1380899 = 0.0260590245,
//                half = 1.9599640·2.1380899·√(1/8 + 5.4118945/16) = 2.8521915003
//                → [−2.8261324758, 2.8782505248]
void TestProbabilityPlot::handChecked()
{
    const std::vector<double> v = {5, 9, 2, 4, 7, 4, 5, 4};
    const auto p = stats::normalProbabilityPlot(v, 0.95, 3);
    QVERIFY(p);
    QCOMPARE(p->n, std::size_t{8});
    QCOMPARE(p->values, (std::vector<double>{2, 4, 4, 4, 5, 5, 7, 9}));
    QVERIFY(near(p->mean, 5));
    QVERIFY(near(p->sd, 2.138089935299395));
    QVERIFY(near(p->probability[0], 0.7 / 8.4));
    QVERIFY(near(p->score[0], -1.3829941271006387, 1e-10));
    QVERIFY(near(p->score[7], 1.3829941271006387, 1e-10));

    const auto& b = p->band;
    QCOMPARE(b.z.size(), std::size_t{3});
    QVERIFY(near(b.z[0], -2.3263478740408408, 1e-10));
    QVERIFY(near(b.probability[0], 0.01, 1e-10));
    QVERIFY(near(b.z[1], 0, 1e-12));
    QVERIFY(near(b.fitted[1], 5));
    QVERIFY(near(b.lower[1], 3.518406490932507, 1e-10));
    QVERIFY(near(b.upper[1], 6.481593509067493, 1e-10));
    QVERIFY(near(b.fitted[0], 0.026059024508133355, 1e-9));
    QVERIFY(near(b.lower[0], -2.8261324757861, 1e-10));
    QVERIFY(near(b.upper[0], 2.878250524802367, 1e-10));
    QVERIFY(near(b.upper[2], 12.826132475786101, 1e-10));

    // A wider confidence widens the band: 99 % uses z = 2.5758293035 instead of 1.9599640.
    const auto p99 = stats::normalProbabilityPlot(v, 0.99, 3);
    QVERIFY(p99);
    QVERIFY(near(p99->band.upper[1] - 5, 1.4815935091 * 2.5758293035489 / 1.959963984540054, 1e-9));
}

void TestProbabilityPlot::errors()
{
    QCOMPARE(stats::normalProbabilityPlot(std::vector<double>{}).error().code, ErrorCode::EmptyData);
    QCOMPARE(stats::normalProbabilityPlot(std::vector<double>{1}).error().code, ErrorCode::TooFewValues);
    QCOMPARE(stats::normalProbabilityPlot(std::vector<double>{3, 3, 3}).error().code, ErrorCode::ZeroSigma);
    QCOMPARE(stats::normalProbabilityPlot(std::vector<double>{1, 2}, 1.0).error().code, ErrorCode::OutOfRange);
}

// 10,000 points on a straight line through a 10×10 grid: the kept points are the first, the
// last and one per change of cell, so at most 2·10 + 1; a plot of 5 points is kept whole.
void TestProbabilityPlot::thinning()
{
    std::vector<double> x(10000), y(10000);
    for (std::size_t i = 0; i < x.size(); ++i) {
        x[i] = static_cast<double>(i);
        y[i] = 2.0 * static_cast<double>(i);
    }
    const auto kept = stats::visiblePoints(x, y, 10);
    QCOMPARE(kept.front(), std::size_t{0});
    QCOMPARE(kept.back(), std::size_t{9999});
    QVERIFY(kept.size() <= 21);
    QVERIFY(kept.size() >= 10);
    QCOMPARE(kept[1], std::size_t{1000});   // the first point of cell 1: 1000/9999·10 ≥ 1
    QCOMPARE(stats::visiblePoints(std::span(x).first(5), std::span(y).first(5), 10).size(), std::size_t{5});
}

QTEST_GUILESS_MAIN(TestProbabilityPlot)
#include "tst_probabilityplot.moc"
