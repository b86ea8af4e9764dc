// Tests of study/standardtime: observed → normal → standard time in both allowance conventions,
// and every error.
#include "study/standardtime.h"

#include "referencedata.h"

#include <QtTest>

#include <limits>

using namespace gemba;
using study::AllowanceBasis;

class TestStandardTime : public QObject {
    Q_OBJECT

private slots:
    void normalTime();
    void standardTime_data();
    void standardTime();
    void fromNormal();
    void errors_data();
    void errors();
};

void TestStandardTime::normalTime()
{
    // 30 s observed at 110 %: 30 × 110/100 = 33 s. At 85 %: 30 × 0.85 = 25.5 s. At 100 % unchanged.
    GEMBA_COMPARE_REL(*study::normalTime(30, 110), 33.0, 1e-15);
    GEMBA_COMPARE_REL(*study::normalTime(30, 85), 25.5, 1e-15);
    GEMBA_COMPARE_REL(*study::normalTime(30, 100), 30.0, 0);
    GEMBA_COMPARE_REL(*study::normalTime(0, 100), 0.0, 0);
}

void TestStandardTime::standardTime_data()
{
    QTest::addColumn<double>("observed");
    QTest::addColumn<double>("rating");
    QTest::addColumn<double>("allowance");
    QTest::addColumn<AllowanceBasis>("basis");
    QTest::addColumn<double>("normal");
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("standard");

    // 30 s at 110 % = 33 s normal; 15 % of normal time: 33 × 1.15 = 37.95 s.
    QTest::newRow("15 % of normal") << 30.0 << 110.0 << 15.0 << AllowanceBasis::NormalTime << 33.0 << 1.15 << 37.95;
    // Same, 15 % of working time: 33 / 0.85 = 38.823529411764706 s (factor 1/0.85 = 1.176470588…).
    QTest::newRow("15 % of work") << 30.0 << 110.0 << 15.0 << AllowanceBasis::WorkingTime << 33.0
                                  << 1.1764705882352941 << 38.823529411764706;
    // Observed 4.0 min = 240 s at 85 %: normal 204 s; 13 % of the working day:
    // 204 / 0.87 = 234.48275862068966 s (3.908 min, the classic operations-management example).
    QTest::newRow("13 % of work") << 240.0 << 85.0 << 13.0 << AllowanceBasis::WorkingTime << 204.0
                                  << 1.1494252873563218 << 234.48275862068966;
    // 13 % of normal time instead: 204 × 1.13 = 230.52 s.
    QTest::newRow("13 % of normal") << 240.0 << 85.0 << 13.0 << AllowanceBasis::NormalTime << 204.0 << 1.13
                                    << 230.52;
    // No allowance: standard = normal in both conventions.
    QTest::newRow("0 % normal") << 12.5 << 120.0 << 0.0 << AllowanceBasis::NormalTime << 15.0 << 1.0 << 15.0;
    QTest::newRow("0 % work") << 12.5 << 120.0 << 0.0 << AllowanceBasis::WorkingTime << 15.0 << 1.0 << 15.0;
    // Allowances above 100 % of normal time are unusual but defined: 10 × 2.5 = 25 s.
    QTest::newRow("150 % of normal") << 10.0 << 100.0 << 150.0 << AllowanceBasis::NormalTime << 10.0 << 2.5 << 25.0;
    // 50 % of working time doubles the normal time: 10 / 0.5 = 20 s.
    QTest::newRow("50 % of work") << 10.0 << 100.0 << 50.0 << AllowanceBasis::WorkingTime << 10.0 << 2.0 << 20.0;
}

void TestStandardTime::standardTime()
{
    QFETCH(double, observed);
    QFETCH(double, rating);
    QFETCH(double, allowance);
    QFETCH(AllowanceBasis, basis);
    QFETCH(double, normal);
    QFETCH(double, factor);
    QFETCH(double, standard);

    const auto st = study::standardTime(observed, rating, allowance, basis);
    QVERIFY2(st.hasValue(), st.hasValue() ? "" : st.error().message.c_str());
    GEMBA_COMPARE_REL(st->normalSeconds, normal, 1e-15);
    GEMBA_COMPARE_REL(st->allowanceFactor, factor, 1e-15);
    GEMBA_COMPARE_REL(st->standardSeconds, standard, 1e-15);
    GEMBA_COMPARE_REL(st->observedSeconds, observed, 0);
    GEMBA_COMPARE_REL(st->ratingPercent, rating, 0);
    GEMBA_COMPARE_REL(st->allowancePercent, allowance, 0);
    QCOMPARE(st->basis, basis);
}

void TestStandardTime::fromNormal()
{
    // 33 s normal: 33 × 1.15 = 37.95 s; 33 / 0.85 = 38.823529411764706 s.
    GEMBA_COMPARE_REL(*study::standardFromNormal(33, 15, AllowanceBasis::NormalTime), 37.95, 1e-15);
    GEMBA_COMPARE_REL(*study::standardFromNormal(33, 15, AllowanceBasis::WorkingTime), 38.823529411764706, 1e-15);
    // 15 % of working time equals 15/85 = 17.647 % of normal time.
    GEMBA_COMPARE_REL(*study::standardFromNormal(33, 100.0 * 15 / 85, AllowanceBasis::NormalTime),
                      38.823529411764706, 1e-14);
    QCOMPARE(study::standardFromNormal(-1, 15, AllowanceBasis::NormalTime).error().code, ErrorCode::OutOfRange);
    QCOMPARE(study::standardFromNormal(33, 100, AllowanceBasis::WorkingTime).error().code, ErrorCode::OutOfRange);
}

void TestStandardTime::errors_data()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::addColumn<double>("observed");
    QTest::addColumn<double>("rating");
    QTest::addColumn<double>("allowance");
    QTest::addColumn<AllowanceBasis>("basis");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("says");

    QTest::newRow("negative observed") << -30.0 << 100.0 << 15.0 << AllowanceBasis::NormalTime
                                       << ErrorCode::OutOfRange << "observed";
    QTest::newRow("rating 0") << 30.0 << 0.0 << 15.0 << AllowanceBasis::NormalTime << ErrorCode::OutOfRange
                              << "rating";
    QTest::newRow("negative rating") << 30.0 << -110.0 << 15.0 << AllowanceBasis::NormalTime
                                     << ErrorCode::OutOfRange << "rating";
    QTest::newRow("negative allowance") << 30.0 << 100.0 << -1.0 << AllowanceBasis::NormalTime
                                        << ErrorCode::OutOfRange << "allowance";
    QTest::newRow("negative allowance, work") << 30.0 << 100.0 << -1.0 << AllowanceBasis::WorkingTime
                                              << ErrorCode::OutOfRange << "allowance";
    // 100 % of working time as allowance: normal / (1 − 1) = normal / 0.
    QTest::newRow("100 % of work") << 30.0 << 100.0 << 100.0 << AllowanceBasis::WorkingTime
                                   << ErrorCode::OutOfRange << "100 %";
    QTest::newRow("120 % of work") << 30.0 << 100.0 << 120.0 << AllowanceBasis::WorkingTime
                                   << ErrorCode::OutOfRange << "100 %";
    QTest::newRow("NaN observed") << nan << 100.0 << 15.0 << AllowanceBasis::NormalTime << ErrorCode::NotFinite
                                  << "finite";
    QTest::newRow("NaN rating") << 30.0 << nan << 15.0 << AllowanceBasis::NormalTime << ErrorCode::NotFinite
                                << "finite";
    QTest::newRow("NaN allowance") << 30.0 << 100.0 << nan << AllowanceBasis::WorkingTime << ErrorCode::NotFinite
                                   << "finite";
    QTest::newRow("infinite observed") << inf << 100.0 << 15.0 << AllowanceBasis::NormalTime
                                       << ErrorCode::NotFinite << "finite";
}

void TestStandardTime::errors()
{
    QFETCH(double, observed);
    QFETCH(double, rating);
    QFETCH(double, allowance);
    QFETCH(AllowanceBasis, basis);
    QFETCH(ErrorCode, code);
    QFETCH(QString, says);

    const auto st = study::standardTime(observed, rating, allowance, basis);
    QVERIFY(!st.hasValue());
    QCOMPARE(st.error().code, code);
    QVERIFY2(QString::fromStdString(st.error().message).contains(says), st.error().message.c_str());
}

QTEST_GUILESS_MAIN(TestStandardTime)
#include "tst_standardtime.moc"
