// Tests of lean/oee: a textbook example, the performance warning, zero output, every error.
#include "lean/oee.h"

#include "referencedata.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace gemba;

class TestOee : public QObject {
    Q_OBJECT

private slots:
    void textbook();
    void perfectPeriod();
    void performanceAboveOne();
    void exactlyIdealIsNotFlagged();
    void noOutput();
    void noRunTime();
    void errors_data();
    void errors();
};

void TestOee::textbook()
{
    // The widely used worked example (Vorne, oee.com "Calculate OEE"; Nakajima's definitions):
    // 8 h shift − 2 × 15 min breaks − 30 min meal = 420 min planned = 25 200 s; downtime 47 min =
    // 2 820 s; ideal rate 60/min → ideal cycle 1 s; 19 271 made, 423 rejected → 18 848 good.
    //   run          = 25 200 − 2 820 = 22 380 s
    //   availability = 22 380 / 25 200 = 373/420        = 0.888095238095238…
    //   performance  = 1 × 19 271 / 22 380               = 0.861081322609472…
    //   quality      = 18 848 / 19 271                   = 0.978049919568263…
    //   OEE          = 1 × 18 848 / 25 200               = 0.747936507936507…
    lean::OeeInputs in;
    in.plannedSeconds = 25200;
    in.downtimeSeconds = 2820;
    in.idealCycleSeconds = 1;
    in.totalCount = 19271;
    in.goodCount = 18848;
    const auto r = lean::oee(in);
    QVERIFY2(r.hasValue(), r.hasValue() ? "" : r.error().message.c_str());
    GEMBA_COMPARE_REL(r->runSeconds, 22380.0, 1e-15);
    GEMBA_COMPARE_REL(r->availability, 0.888095238095238095, 1e-14);
    GEMBA_COMPARE_REL(r->performance, 0.861081322609472744, 1e-14);
    GEMBA_COMPARE_REL(r->quality, 0.978049919568263193, 1e-14);
    GEMBA_COMPARE_REL(r->oee, 0.747936507936507937, 1e-14);
    // The product of the factors is the same number.
    GEMBA_COMPARE_REL(r->availability * r->performance * r->quality, r->oee, 1e-14);
    QVERIFY(r->warnings.empty());
}

void TestOee::perfectPeriod()
{
    // No downtime, running at the ideal rate, no rejects: 3 600 s, 2 s cycle, 1 800 units.
    // availability 1, performance 2 × 1 800 / 3 600 = 1, quality 1, OEE 1.
    const auto r = lean::oee({3600, 0, 2, 1800, 1800});
    QVERIFY(r.hasValue());
    GEMBA_COMPARE_REL(r->availability, 1.0, 0);
    GEMBA_COMPARE_REL(r->performance, 1.0, 1e-15);
    GEMBA_COMPARE_REL(r->quality, 1.0, 0);
    GEMBA_COMPARE_REL(r->oee, 1.0, 1e-15);
    QVERIFY(r->warnings.empty());
}

void TestOee::performanceAboveOne()
{
    // 1 h planned, no downtime, ideal cycle 2 s, 2 000 made: performance 2 × 2 000 / 3 600 =
    // 1.111…, which the machine cannot do: returned as is, with a warning about the cycle time.
    // OEE = 2 × 1 900 / 3 600 = 1.0555…
    const auto r = lean::oee({3600, 0, 2, 2000, 1900});
    QVERIFY(r.hasValue());
    GEMBA_COMPARE_REL(r->performance, 1.1111111111111111, 1e-15);
    GEMBA_COMPARE_REL(r->quality, 0.95, 1e-15);
    GEMBA_COMPARE_REL(r->oee, 1.0555555555555556, 1e-15);
    QCOMPARE(r->warnings.size(), std::size_t(1));
    QVERIFY2(QString::fromStdString(r->warnings[0]).contains("ideal cycle time"), r->warnings[0].c_str());
    QVERIFY2(QString::fromStdString(r->warnings[0]).contains("111.1 %"), r->warnings[0].c_str());
}

void TestOee::exactlyIdealIsNotFlagged()
{
    // 0.1 s × 3 units over 0.3 s of run: 0.1 × 3 = 0.30000000000000004 in doubles, so the raw
    // quotient is 1.0000000000000002; that is rounding, not an implausible performance.
    const auto r = lean::oee({0.3, 0, 0.1, 3, 3});
    QVERIFY(r.hasValue());
    GEMBA_COMPARE_REL(r->performance, 1.0, 1e-15);
    QVERIFY(r->warnings.empty());
}

void TestOee::noOutput()
{
    // Ran 3 000 of 3 600 s and made nothing: availability 3 000 / 3 600 = 0.8333…, performance
    // 0, quality 0/0 undefined (NaN), OEE = ideal × good / planned = 0; a warning says why.
    const auto r = lean::oee({3600, 600, 2, 0, 0});
    QVERIFY(r.hasValue());
    GEMBA_COMPARE_REL(r->availability, 0.83333333333333333, 1e-15);
    GEMBA_COMPARE_REL(r->performance, 0.0, 0);
    QVERIFY(std::isnan(r->quality));
    GEMBA_COMPARE_REL(r->oee, 0.0, 0);
    QCOMPARE(r->warnings.size(), std::size_t(1));
}

void TestOee::noRunTime()
{
    // Down the whole period and nothing made: availability 0, performance and quality undefined
    // (0 units / 0 s), OEE 0.
    const auto r = lean::oee({3600, 3600, 2, 0, 0});
    QVERIFY(r.hasValue());
    GEMBA_COMPARE_REL(r->runSeconds, 0.0, 0);
    GEMBA_COMPARE_REL(r->availability, 0.0, 0);
    QVERIFY(std::isnan(r->performance));
    QVERIFY(std::isnan(r->quality));
    GEMBA_COMPARE_REL(r->oee, 0.0, 0);
    QCOMPARE(r->warnings.size(), std::size_t(1));
}

void TestOee::errors_data()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QTest::addColumn<double>("planned");
    QTest::addColumn<double>("downtime");
    QTest::addColumn<double>("ideal");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<qint64>("good");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("says");

    // 4 000 s of downtime in 3 600 s planned: run time would be −400 s.
    QTest::newRow("downtime > planned") << 3600.0 << 4000.0 << 2.0 << qint64(100) << qint64(90)
                                        << ErrorCode::OutOfRange << "downtime";
    // 110 good of 100 made.
    QTest::newRow("good > total") << 3600.0 << 0.0 << 2.0 << qint64(100) << qint64(110) << ErrorCode::OutOfRange
                                  << "good count";
    QTest::newRow("zero planned") << 0.0 << 0.0 << 2.0 << qint64(0) << qint64(0) << ErrorCode::OutOfRange
                                  << "planned";
    QTest::newRow("negative planned") << -3600.0 << 0.0 << 2.0 << qint64(0) << qint64(0) << ErrorCode::OutOfRange
                                      << "planned";
    QTest::newRow("negative downtime") << 3600.0 << -1.0 << 2.0 << qint64(10) << qint64(10)
                                       << ErrorCode::OutOfRange << "downtime";
    QTest::newRow("zero ideal cycle") << 3600.0 << 0.0 << 0.0 << qint64(10) << qint64(10) << ErrorCode::OutOfRange
                                      << "ideal cycle";
    QTest::newRow("negative ideal cycle") << 3600.0 << 0.0 << -2.0 << qint64(10) << qint64(10)
                                          << ErrorCode::OutOfRange << "ideal cycle";
    QTest::newRow("negative total") << 3600.0 << 0.0 << 2.0 << qint64(-10) << qint64(-20) << ErrorCode::OutOfRange
                                    << "total count";
    QTest::newRow("negative good") << 3600.0 << 0.0 << 2.0 << qint64(10) << qint64(-1) << ErrorCode::OutOfRange
                                   << "good count";
    // Down all 3 600 s, yet 10 units counted.
    QTest::newRow("units without run time") << 3600.0 << 3600.0 << 2.0 << qint64(10) << qint64(10)
                                            << ErrorCode::OutOfRange << "downtime";
    QTest::newRow("NaN planned") << nan << 0.0 << 2.0 << qint64(10) << qint64(10) << ErrorCode::NotFinite
                                 << "finite";
    QTest::newRow("NaN downtime") << 3600.0 << nan << 2.0 << qint64(10) << qint64(10) << ErrorCode::NotFinite
                                  << "finite";
    QTest::newRow("NaN ideal cycle") << 3600.0 << 0.0 << nan << qint64(10) << qint64(10) << ErrorCode::NotFinite
                                     << "finite";
}

void TestOee::errors()
{
    QFETCH(double, planned);
    QFETCH(double, downtime);
    QFETCH(double, ideal);
    QFETCH(qint64, total);
    QFETCH(qint64, good);
    QFETCH(ErrorCode, code);
    QFETCH(QString, says);

    const auto r = lean::oee({planned, downtime, ideal, total, good});
    QVERIFY(!r.hasValue());
    QCOMPARE(r.error().code, code);
    QVERIFY2(QString::fromStdString(r.error().message).contains(says), r.error().message.c_str());
}

QTEST_GUILESS_MAIN(TestOee)
#include "tst_oee.moc"
