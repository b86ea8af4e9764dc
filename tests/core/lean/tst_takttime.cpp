// Tests of lean/takttime: the DOMAIN.md example, several shifts, fractional demand, every error.
#include "lean/takttime.h"

#include "referencedata.h"

#include <QtTest>

#include <limits>

using namespace gemba;

class TestTaktTime : public QObject {
    Q_OBJECT

private slots:
    void example_data();
    void example();
    void availableOverload();
    void errors_data();
    void errors();
};

void TestTaktTime::example_data()
{
    QTest::addColumn<double>("shift");
    QTest::addColumn<double>("breaks");
    QTest::addColumn<int>("shifts");
    QTest::addColumn<double>("demand");
    QTest::addColumn<double>("available");
    QTest::addColumn<double>("takt");

    // DOMAIN.md: 8 h − 30 min = 28 800 − 1 800 = 27 000 s; 27 000 / 450 = 60 s.
    QTest::newRow("domain example") << 28800.0 << 1800.0 << 1 << 450.0 << 27000.0 << 60.0;
    // Two shifts, breaks per shift: (28 800 − 1 800) × 2 = 54 000 s; 54 000 / 900 = 60 s.
    QTest::newRow("two shifts") << 28800.0 << 1800.0 << 2 << 900.0 << 54000.0 << 60.0;
    // No breaks: 28 800 / 480 = 60 s.
    QTest::newRow("no breaks") << 28800.0 << 0.0 << 1 << 480.0 << 28800.0 << 60.0;
    // Average demand 437.5/day: 27 000 / 437.5 = 61.714285714285714… s.
    QTest::newRow("fractional demand") << 28800.0 << 1800.0 << 1 << 437.5 << 27000.0 << 61.714285714285714;
    // 3 shifts of 7.5 h with 45 min breaks: (27 000 − 2 700) × 3 = 72 900 s; / 1 215 = 60 s.
    QTest::newRow("three shifts") << 27000.0 << 2700.0 << 3 << 1215.0 << 72900.0 << 60.0;
    // Takt below a second: 27 000 s / 100 000 units = 0.27 s.
    QTest::newRow("fast line") << 28800.0 << 1800.0 << 1 << 100000.0 << 27000.0 << 0.27;
}

void TestTaktTime::example()
{
    QFETCH(double, shift);
    QFETCH(double, breaks);
    QFETCH(int, shifts);
    QFETCH(double, demand);
    QFETCH(double, available);
    QFETCH(double, takt);

    const auto t = lean::taktTime(shift, breaks, shifts, demand);
    QVERIFY2(t.hasValue(), t.hasValue() ? "" : t.error().message.c_str());
    GEMBA_COMPARE_REL(t->availableSeconds, available, 1e-15);
    GEMBA_COMPARE_REL(t->taktSeconds, takt, 1e-15);
    QCOMPARE(t->shifts, shifts);
    GEMBA_COMPARE_REL(t->shiftSeconds, shift, 0);
    GEMBA_COMPARE_REL(t->breakSeconds, breaks, 0);
    GEMBA_COMPARE_REL(t->demand, demand, 0);
}

void TestTaktTime::availableOverload()
{
    // 27 000 s / 450 = 60 s.
    const auto t = lean::taktTime(27000.0, 450.0);
    QVERIFY(t.hasValue());
    GEMBA_COMPARE_REL(*t, 60.0, 1e-15);

    const auto zero = lean::taktTime(0.0, 450.0);
    QVERIFY(!zero.hasValue());
    QCOMPARE(zero.error().code, ErrorCode::OutOfRange);
    const auto noDemand = lean::taktTime(27000.0, 0.0);
    QVERIFY(!noDemand.hasValue());
    QCOMPARE(noDemand.error().code, ErrorCode::OutOfRange);
    const auto nan = lean::taktTime(std::numeric_limits<double>::quiet_NaN(), 450.0);
    QVERIFY(!nan.hasValue());
    QCOMPARE(nan.error().code, ErrorCode::NotFinite);
}

void TestTaktTime::errors_data()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::addColumn<double>("shift");
    QTest::addColumn<double>("breaks");
    QTest::addColumn<int>("shifts");
    QTest::addColumn<double>("demand");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("says");   // a word the message must contain

    // 8 h − 8 h = 0 s available: breaks ≥ shift.
    QTest::newRow("breaks = shift") << 28800.0 << 28800.0 << 1 << 450.0 << ErrorCode::OutOfRange << "breaks";
    // 8 h − 9 h < 0.
    QTest::newRow("breaks > shift") << 28800.0 << 32400.0 << 1 << 450.0 << ErrorCode::OutOfRange << "breaks";
    // A zero-length shift with no breaks still leaves no time.
    QTest::newRow("zero shift") << 0.0 << 0.0 << 1 << 450.0 << ErrorCode::OutOfRange << "breaks";
    QTest::newRow("demand 0") << 28800.0 << 1800.0 << 1 << 0.0 << ErrorCode::OutOfRange << "demand";
    QTest::newRow("negative demand") << 28800.0 << 1800.0 << 1 << -450.0 << ErrorCode::OutOfRange << "demand";
    QTest::newRow("0 shifts") << 28800.0 << 1800.0 << 0 << 450.0 << ErrorCode::OutOfRange << "shifts";
    QTest::newRow("negative shifts") << 28800.0 << 1800.0 << -1 << 450.0 << ErrorCode::OutOfRange << "shifts";
    QTest::newRow("negative shift") << -28800.0 << 0.0 << 1 << 450.0 << ErrorCode::OutOfRange << "shift";
    QTest::newRow("negative breaks") << 28800.0 << -1800.0 << 1 << 450.0 << ErrorCode::OutOfRange << "breaks";
    QTest::newRow("NaN shift") << nan << 1800.0 << 1 << 450.0 << ErrorCode::NotFinite << "finite";
    QTest::newRow("NaN breaks") << 28800.0 << nan << 1 << 450.0 << ErrorCode::NotFinite << "finite";
    QTest::newRow("NaN demand") << 28800.0 << 1800.0 << 1 << nan << ErrorCode::NotFinite << "finite";
    QTest::newRow("infinite shift") << inf << 1800.0 << 1 << 450.0 << ErrorCode::NotFinite << "finite";
}

void TestTaktTime::errors()
{
    QFETCH(double, shift);
    QFETCH(double, breaks);
    QFETCH(int, shifts);
    QFETCH(double, demand);
    QFETCH(ErrorCode, code);
    QFETCH(QString, says);

    const auto t = lean::taktTime(shift, breaks, shifts, demand);
    QVERIFY(!t.hasValue());
    QCOMPARE(t.error().code, code);
    QVERIFY2(QString::fromStdString(t.error().message).contains(says), t.error().message.c_str());
}

QTEST_GUILESS_MAIN(TestTaktTime)
#include "tst_takttime.moc"
