// Tests of lean/linebalance: hand-worked lines, both efficiency definitions, the bottleneck,
// stations over takt, ⌈⌉ that ignores floating-point noise, and every error.
#include "lean/linebalance.h"

#include "referencedata.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace gemba;

class TestLineBalance : public QObject {
    Q_OBJECT

private slots:
    void underloadedLine();
    void atTakt();
    void overTaktButEfficient();
    void ties();
    void stationAtTaktIsNotOver();
    void ceilIgnoresRoundingNoise_data();
    void ceilIgnoresRoundingNoise();
    void minimumOperatorsOfDecimalTimes();
    void minimumOperatorsErrors();
    void errors();
};

void TestLineBalance::underloadedLine()
{
    // Stations 40, 52, 48, 35 s against takt 60 s:
    //   Σt = 175 s, minimum operators ⌈175/60⌉ = ⌈2.917⌉ = 3
    //   efficiency = 175 / (4 × 60) = 0.729166…, balance delay = 0.270833…, idle 240 − 175 = 65 s
    //   bottleneck station 2 (index 1), 52 s; vs bottleneck = 175 / (4 × 52) = 0.841346153846…
    const std::vector<double> t = {40, 52, 48, 35};
    const auto b = lean::lineBalance(t, 60);
    QVERIFY2(b.hasValue(), b.hasValue() ? "" : b.error().message.c_str());
    QCOMPARE(b->stations, std::size_t(4));
    GEMBA_COMPARE_REL(b->totalWorkSeconds, 175.0, 0);
    QCOMPARE(b->minimumOperators, std::size_t(3));
    GEMBA_COMPARE_REL(b->efficiency, 0.72916666666666667, 1e-15);
    GEMBA_COMPARE_REL(b->balanceDelay, 0.27083333333333333, 1e-15);
    GEMBA_COMPARE_REL(b->idleSeconds, 65.0, 0);
    QCOMPARE(b->bottleneck, std::size_t(1));
    GEMBA_COMPARE_REL(b->bottleneckSeconds, 52.0, 0);
    GEMBA_COMPARE_REL(b->efficiencyVsBottleneck, 0.84134615384615385, 1e-15);
    GEMBA_COMPARE_REL(b->balanceDelayVsBottleneck, 0.15865384615384615, 1e-14);
    QVERIFY(b->overTakt.empty());
    QVERIFY(b->meetsTakt());
}

void TestLineBalance::atTakt()
{
    // Stations 50, 45, 60, 55 s, takt 60 s: Σt = 210, ⌈210/60⌉ = ⌈3.5⌉ = 4;
    // efficiency 210 / 240 = 0.875; the bottleneck (60 s) is at takt, so both definitions agree.
    const std::vector<double> t = {50, 45, 60, 55};
    const auto b = lean::lineBalance(t, 60);
    QVERIFY(b.hasValue());
    QCOMPARE(b->minimumOperators, std::size_t(4));
    GEMBA_COMPARE_REL(b->efficiency, 0.875, 1e-15);
    GEMBA_COMPARE_REL(b->balanceDelay, 0.125, 1e-15);
    GEMBA_COMPARE_REL(b->efficiencyVsBottleneck, 0.875, 1e-15);
    QCOMPARE(b->bottleneck, std::size_t(2));
    QVERIFY(b->meetsTakt());
}

void TestLineBalance::overTaktButEfficient()
{
    // Stations 55, 65, 50, 70 s, takt 60 s: Σt = 240 = 4 × 60, so ⌈240/60⌉ = 4 and the
    // takt-based efficiency is 240/240 = 1 with no balance delay — yet stations 2 and 4 (65 and
    // 70 s) are over takt and the line cannot meet demand. Against the bottleneck (70 s):
    // 240 / (4 × 70) = 0.857142857…, delay 0.142857…; idle 0 s.
    const std::vector<double> t = {55, 65, 50, 70};
    const auto b = lean::lineBalance(t, 60);
    QVERIFY(b.hasValue());
    QCOMPARE(b->minimumOperators, std::size_t(4));
    GEMBA_COMPARE_REL(b->efficiency, 1.0, 1e-15);
    QVERIFY(std::fabs(b->balanceDelay) < 1e-15);
    GEMBA_COMPARE_REL(b->efficiencyVsBottleneck, 0.85714285714285714, 1e-15);
    GEMBA_COMPARE_REL(b->balanceDelayVsBottleneck, 0.14285714285714286, 1e-14);
    QCOMPARE(b->bottleneck, std::size_t(3));
    GEMBA_COMPARE_REL(b->bottleneckSeconds, 70.0, 0);
    QCOMPARE(b->overTakt, (std::vector<std::size_t>{1, 3}));
    QVERIFY(!b->meetsTakt());

    // Overloaded: 70, 80 s against 60 s: Σt = 150 > 2 × 60, efficiency 150/120 = 1.25, idle −30 s.
    const std::vector<double> over = {70, 80};
    const auto o = lean::lineBalance(over, 60);
    QVERIFY(o.hasValue());
    GEMBA_COMPARE_REL(o->efficiency, 1.25, 1e-15);
    GEMBA_COMPARE_REL(o->idleSeconds, -30.0, 0);
    QCOMPARE(o->minimumOperators, std::size_t(3));   // ⌈150/60⌉ = ⌈2.5⌉
    QCOMPARE(o->overTakt, (std::vector<std::size_t>{0, 1}));
}

void TestLineBalance::ties()
{
    // 30, 45, 45 s: two stations share the largest time; the first of them is the bottleneck.
    // A station with no work (0 s) is allowed.
    const std::vector<double> t = {30, 45, 45, 0};
    const auto b = lean::lineBalance(t, 50);
    QVERIFY(b.hasValue());
    QCOMPARE(b->bottleneck, std::size_t(1));
    // Σt = 120, ⌈120/50⌉ = 3; efficiency 120 / (4 × 50) = 0.6; vs bottleneck 120 / (4 × 45) = 0.666…
    QCOMPARE(b->minimumOperators, std::size_t(3));
    GEMBA_COMPARE_REL(b->efficiency, 0.6, 1e-15);
    GEMBA_COMPARE_REL(b->efficiencyVsBottleneck, 0.66666666666666667, 1e-15);
}

void TestLineBalance::stationAtTaktIsNotOver()
{
    // A station whose elements add up to takt: 0.1 + 0.2 s = 0.30000000000000004 in doubles
    // against a takt of 0.3 s. It is at takt, not over it, and needs 1 operator, not 2.
    const std::vector<double> t = {0.1 + 0.2};
    const auto b = lean::lineBalance(t, 0.3);
    QVERIFY(b.hasValue());
    QVERIFY(b->overTakt.empty());
    QCOMPARE(b->minimumOperators, std::size_t(1));
}

void TestLineBalance::ceilIgnoresRoundingNoise_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("ceiling");

    // (0.1 + 0.2) / 0.1 = 3.0000000000000004 in doubles; exactly 3 in decimals.
    QTest::newRow("3 + 1 ulp") << (0.1 + 0.2) / 0.1 << 3.0;
    QTest::newRow("3 - 1 ulp") << std::nextafter(3.0, 0.0) << 3.0;
    QTest::newRow("whole") << 3.0 << 3.0;
    QTest::newRow("zero") << 0.0 << 0.0;
    // Real excesses, however small in time terms, still round up.
    QTest::newRow("3.01") << 3.01 << 4.0;
    QTest::newRow("3 + 1e-6") << 3.000001 << 4.0;
    QTest::newRow("2.5") << 2.5 << 3.0;
    // Relative, not absolute: a tiny positive amount of work still needs one operator.
    QTest::newRow("1e-12") << 1e-12 << 1.0;
    QTest::newRow("1000 + 1 ulp") << std::nextafter(1000.0, 2000.0) << 1000.0;
}

void TestLineBalance::ceilIgnoresRoundingNoise()
{
    QFETCH(double, x);
    QFETCH(double, ceiling);
    GEMBA_COMPARE_REL(lean::ceilTolerant(x), ceiling, 0);
}

void TestLineBalance::minimumOperatorsOfDecimalTimes()
{
    // Stations 0.05, 0.19, 0.27, 0.31 min against takt 0.41 min: Σt = 0.82 = 2 × 0.41 exactly
    // in decimals, but 0.8200000000000001 / 0.41 = 2.0000000000000004 in doubles, and a plain
    // ceil would ask for 3 operators. Efficiency 0.82 / (4 × 0.41) = 0.5.
    const std::vector<double> t = {0.05, 0.19, 0.27, 0.31};
    QVERIFY(std::ceil((0.05 + 0.19 + 0.27 + 0.31) / 0.41) == 3.0);   // the trap this guards against
    const auto b = lean::lineBalance(t, 0.41);
    QVERIFY(b.hasValue());
    QCOMPARE(b->minimumOperators, std::size_t(2));
    GEMBA_COMPARE_REL(b->efficiency, 0.5, 1e-15);

    // The same from the total: (0.1 + 0.2) s / 0.1 s → 3 operators; 180 / 60 → 3; 180.5 / 60 → 4.
    const auto a = lean::minimumOperators(0.1 + 0.2, 0.1);
    QVERIFY(a.hasValue());
    QCOMPARE(*a, std::size_t(3));
    QCOMPARE(*lean::minimumOperators(180, 60), std::size_t(3));
    QCOMPARE(*lean::minimumOperators(180.5, 60), std::size_t(4));
    QCOMPARE(*lean::minimumOperators(0, 60), std::size_t(0));
}

void TestLineBalance::minimumOperatorsErrors()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QCOMPARE(lean::minimumOperators(-1, 60).error().code, ErrorCode::OutOfRange);
    QCOMPARE(lean::minimumOperators(100, 0).error().code, ErrorCode::OutOfRange);
    QCOMPARE(lean::minimumOperators(100, -60).error().code, ErrorCode::OutOfRange);
    QCOMPARE(lean::minimumOperators(nan, 60).error().code, ErrorCode::NotFinite);
    QCOMPARE(lean::minimumOperators(100, nan).error().code, ErrorCode::NotFinite);
}

void TestLineBalance::errors()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<double> ok = {40, 50};

    const auto none = lean::lineBalance(std::vector<double>{}, 60);
    QVERIFY(!none.hasValue());
    QCOMPARE(none.error().code, ErrorCode::EmptyData);

    const auto zeroTakt = lean::lineBalance(ok, 0);
    QVERIFY(!zeroTakt.hasValue());
    QCOMPARE(zeroTakt.error().code, ErrorCode::OutOfRange);
    QVERIFY(QString::fromStdString(zeroTakt.error().message).contains("takt"));

    const auto negativeTakt = lean::lineBalance(ok, -60);
    QVERIFY(!negativeTakt.hasValue());
    QCOMPARE(negativeTakt.error().code, ErrorCode::OutOfRange);

    const auto nanTakt = lean::lineBalance(ok, nan);
    QVERIFY(!nanTakt.hasValue());
    QCOMPARE(nanTakt.error().code, ErrorCode::NotFinite);

    const auto infTakt = lean::lineBalance(ok, inf);
    QVERIFY(!infTakt.hasValue());
    QCOMPARE(infTakt.error().code, ErrorCode::NotFinite);

    const auto nanStation = lean::lineBalance(std::vector<double>{40, nan}, 60);
    QVERIFY(!nanStation.hasValue());
    QCOMPARE(nanStation.error().code, ErrorCode::NotFinite);
    QVERIFY(QString::fromStdString(nanStation.error().message).contains("station 2"));

    const auto negativeStation = lean::lineBalance(std::vector<double>{40, -5}, 60);
    QVERIFY(!negativeStation.hasValue());
    QCOMPARE(negativeStation.error().code, ErrorCode::OutOfRange);
    QVERIFY(QString::fromStdString(negativeStation.error().message).contains("station 2"));

    const auto noWork = lean::lineBalance(std::vector<double>{0, 0}, 60);
    QVERIFY(!noWork.hasValue());
    QCOMPARE(noWork.error().code, ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestLineBalance)
#include "tst_linebalance.moc"
