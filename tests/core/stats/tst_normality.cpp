// Tests of stats/normality: the Anderson-Darling statistic and its p-value, checked by hand.
#include "stats/normality.h"

#include "referencedata.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace gemba;

// Every expected value was computed in this sandbox (scipy/numpy are not installed) with
// python3 + mpmath 1.3 at 40 significant digits, independently of Boost, by the textbook
// formulas: x̄, s (n-1), zᵢ = (x₍ᵢ₎-x̄)/s,
//   A² = -n - (1/n) Σ(2i-1)[ln Φ(z₍ᵢ₎) + ln(1-Φ(z₍ₙ₊₁₋ᵢ₎))],  A*² = A²(1 + 0.75/n + 2.25/n²),
// and the p-value from D'Agostino & Stephens (1986) Table 4.9 on A*². The first set was also
// recomputed with only python's math module (Φ(z) = erfc(-z/√2)/2):
// A² = 0.17067076484995702, A*² = 0.18731116442282783, agreeing to 2e-15.
//
// Worked detail for {1, 2, 4} (n = 3, branch 0.34 ≤ A*² < 0.6):
//   x̄ = 7/3, s² = ((4/3)² + (1/3)² + (5/3)²)/2 = 7/3, s = 1.5275252316519466689
//   z = -0.87287156, -0.21821789, 1.09108945
//   Φ(z) = 0.19137, 0.41363, 0.86238;  A² = 0.22964543670862175952
//   A*² = A²·(1 + 0.25 + 0.25) = 1.5·A² = 0.34446815506293263928
//   p = exp(0.9177 - 4.279·A*² - 1.38·A*⁴) = 0.48673877159512919842
class TestNormality : public QObject {
    Q_OBJECT

private slots:
    void handChecked_data();
    void handChecked();
    void extremeValuesStayFinite();
    void errors();
};

void TestNormality::handChecked_data()
{
    QTest::addColumn<std::vector<double>>("values");
    QTest::addColumn<double>("a2");
    QTest::addColumn<double>("a2Adjusted");
    QTest::addColumn<double>("pValue");

    // A*² < 0.2: p = 1 - exp(-13.436 + 101.14 A*² - 223.73 A*⁴)
    QTest::newRow("below 0.2") << std::vector<double>{2.1, 3.4, 1.9, 5.6, 4.2, 3.3, 2.8, 4.9, 3.9, 2.5}
                               << 0.170670764849959191038907952830962225336
                               << 0.1873111644228302121652014782319810423063
                               << 0.9037707152019129579843339016654902125193;
    // 0.2 ≤ A*² < 0.34: p = 1 - exp(-8.318 + 42.796 A*² - 59.938 A*⁴)
    QTest::newRow("0.2 to 0.34 (a)") << std::vector<double>{1, 2, 3, 4, 5, 6, 7, 9, 11, 14}
                                     << 0.21058188480239450604 << 0.23111361857062797038
                                     << 0.80382736638995718654;
    QTest::newRow("0.2 to 0.34 (b)") << std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 12, 14}
                                     << 0.28306734686726518044 << 0.31066641318682353553
                                     << 0.55405228007910169382;
    // 0.34 ≤ A*² < 0.6: p = exp(0.9177 - 4.279 A*² - 1.38 A*⁴)
    QTest::newRow("0.34 to 0.6") << std::vector<double>{1, 2, 4} << 0.22964543670862175952
                                 << 0.34446815506293263928 << 0.48673877159512919842;
    // A*² ≥ 0.6: p = exp(1.2937 - 5.709 A*² + 0.0186 A*⁴)
    QTest::newRow("0.6 and above (a)") << std::vector<double>{1, 2, 3, 5, 8, 13, 21, 34, 55, 89}
                                       << 0.8814465460692355379 << 0.96738758431098600285
                                       << 0.014821015809686666547;
    QTest::newRow("0.6 and above (b)") << std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9, 30}
                                       << 1.3267630673737663286 << 1.4561224664427085456
                                       << 0.00093042813469029965093;
}

void TestNormality::handChecked()
{
    QFETCH(std::vector<double>, values);
    QFETCH(double, a2);
    QFETCH(double, a2Adjusted);
    QFETCH(double, pValue);

    const auto r = stats::andersonDarling(values);
    QVERIFY2(r.hasValue(), r ? "" : r.error().message.c_str());
    // A² is a sum of n logs of well-conditioned terms; 1e-12 leaves room for erfc's last bits.
    GEMBA_COMPARE_REL(r->a2, a2, 1e-12);
    GEMBA_COMPARE_REL(r->a2Adjusted, a2Adjusted, 1e-12);
    GEMBA_COMPARE_REL(r->pValue, pValue, 1e-12);

    // The statistic does not depend on the order, location or scale of the data.
    std::vector<double> shifted(values.rbegin(), values.rend());
    for (double& v : shifted)
        v = 1000 + 3 * v;
    const auto s = stats::andersonDarling(shifted);
    QVERIFY(s.hasValue());
    GEMBA_COMPARE_REL(s->a2, a2, 1e-11);
}

void TestNormality::extremeValuesStayFinite()
{
    // 1999 values of ±1e-9 and one 1.0: the outlier's z is 44.698998870220751 (close to the
    // bound (n-1)/√n), beyond where erfc underflows (z ≈ 38), so its log tail comes from the
    // asymptotic series. mpmath (50 digits, from the exact doubles, upper tail as Φ(-z)):
    // A² = 772.30484762965361081, A*² = 772.5948963689915226. A*² is past the turning point
    // 5.709/(2·0.0186) = 153.46774193548387 of the last p-value quadratic, so p is held at
    // exp(1.2937 - 5.709·153.4677… + 0.0186·153.4677…²) = 2.0364300798538216856e-190.
    std::vector<double> values(2000, 0.0);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = (i % 2 == 0 ? 1e-9 : -1e-9);
    values.back() = 1.0;
    const auto r = stats::andersonDarling(values);
    QVERIFY(r.hasValue());
    GEMBA_COMPARE_REL(r->a2, 772.30484762965361081, 1e-12);
    GEMBA_COMPARE_REL(r->a2Adjusted, 772.5948963689915226, 1e-12);
    GEMBA_COMPARE_REL(r->pValue, 2.0364300798538216856e-190, 1e-12);
}

void TestNormality::errors()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    auto code = [](const Expected<stats::AndersonDarling>& r) { return r ? ErrorCode(-1) : r.error().code; };
    QCOMPARE(code(stats::andersonDarling({})), ErrorCode::EmptyData);
    const std::vector<double> two = {1, 2};
    QCOMPARE(code(stats::andersonDarling(two)), ErrorCode::TooFewValues);
    const std::vector<double> withNan = {1, nan, 2, 3};
    QCOMPARE(code(stats::andersonDarling(withNan)), ErrorCode::NotFinite);
    const std::vector<double> withInf = {1, 2, std::numeric_limits<double>::infinity()};
    QCOMPARE(code(stats::andersonDarling(withInf)), ErrorCode::NotFinite);
    const std::vector<double> same(6, 3.0);
    QCOMPARE(code(stats::andersonDarling(same)), ErrorCode::ZeroSigma);
}

QTEST_GUILESS_MAIN(TestNormality)
#include "tst_normality.moc"
