// Control-chart constants against the reference table (base R numerical integration),
// published tables, closed forms and the c4 asymptotic expansion.
#include "stats/constants.h"

#include "referencedata.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QStringList>
#include <QTest>

#include <climits>
#include <cmath>
#include <numbers>
#include <utility>

using gemba::ErrorCode;
using gemba::stats::ChartConstants;
using gemba::stats::chartConstants;
namespace stats = gemba::stats;

namespace {

// Columns of control_chart_constants.csv and published_comparison.csv, by their header names.
constexpr std::pair<const char*, double ChartConstants::*> kColumns[] = {
    {"d2", &ChartConstants::d2}, {"d3", &ChartConstants::d3}, {"c4", &ChartConstants::c4},
    {"A2", &ChartConstants::A2}, {"A3", &ChartConstants::A3}, {"E2", &ChartConstants::E2},
    {"B3", &ChartConstants::B3}, {"B4", &ChartConstants::B4}, {"B5", &ChartConstants::B5},
    {"B6", &ChartConstants::B6}, {"D1", &ChartConstants::D1}, {"D2", &ChartConstants::D2},
    {"D3", &ChartConstants::D3}, {"D4", &ChartConstants::D4},
};

double ChartConstants::* columnMember(const QString& name)
{
    for (const auto& [columnName, member] : kColumns)
        if (name == QLatin1String(columnName))
            return member;
    return nullptr;
}

// A small CSV reader: the reference files have no quoting, so splitting on ',' is exact.
QList<QStringList> readCsv(const QString& name)
{
    QFile file(gemba::test::referencePath(name));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        qFatal("cannot open reference file %s", qPrintable(file.fileName()));
    QList<QStringList> rows;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.isEmpty())
            rows.append(line.split(QLatin1Char(',')));
    }
    return rows;
}

double relativeError(double actual, double expected) { return std::fabs(actual - expected) / std::fabs(expected); }

} // namespace

class TestConstants : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void matchesReferenceTable_data();
    void matchesReferenceTable();
    void factorsOutsideTheReferenceFollowTheirFormulas_data();
    void factorsOutsideTheReferenceFollowTheirFormulas();
    void agreesWithPublishedTables_data();
    void agreesWithPublishedTables();
    void closedForms();
    void beyondTheReferenceTable_data();
    void beyondTheReferenceTable();
    void wholeTableIsConsistent();
    void subgroupSizeOutOfRangeIsAnError_data();
    void subgroupSizeOutOfRangeIsAnError();
    void c4RejectsTooSmallSamples_data();
    void c4RejectsTooSmallSamples();
    void c4ForLargeSamples_data();
    void c4ForLargeSamples();
    void c4IncreasesTowardsOne();
    void cleanupTestCase();

private:
    double m_maxRelErrorD2 = 0;
    double m_maxRelErrorD3 = 0;
};

void TestConstants::initTestCase()
{
    // The first call builds the whole 2..100 table; time it, since chart code relies on it
    // being cheap enough to happen lazily on first use.
    QElapsedTimer timer;
    timer.start();
    const auto first = chartConstants(2);
    const qint64 ns = timer.nsecsElapsed();
    QVERIFY(first.hasValue());
    qInfo("control-chart constant table (n = 2..100) built in %.1f ms", double(ns) / 1e6);
}

void TestConstants::matchesReferenceTable_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<QString>("column");
    QTest::addColumn<double>("expected");

    const auto rows = readCsv(QStringLiteral("control_chart_constants.csv"));
    QVERIFY(rows.size() > 1);
    const QStringList& header = rows.front();
    QCOMPARE(header.front(), QStringLiteral("n"));
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QStringList& row = rows[r];
        QCOMPARE(row.size(), header.size());
        const int n = row.front().toInt();
        for (qsizetype c = 1; c < header.size(); ++c) {
            QVERIFY2(columnMember(header[c]), qPrintable(QStringLiteral("unknown column ") + header[c]));
            bool ok = false;
            const double expected = row[c].toDouble(&ok);
            QVERIFY(ok);
            QTest::addRow("n=%d %s", n, qPrintable(header[c])) << n << header[c] << expected;
        }
    }
}

void TestConstants::matchesReferenceTable()
{
    QFETCH(int, n);
    QFETCH(QString, column);
    QFETCH(double, expected);

    const auto constants = chartConstants(n);
    QVERIFY(constants.hasValue());
    QCOMPARE(constants->n, n);
    const double actual = (*constants).*columnMember(column);
    if (expected == 0) {
        // B3 and D3 are clipped at 0 for small n: there is no scale for a relative comparison.
        QVERIFY2(std::fabs(actual) <= 1e-15, qPrintable(QStringLiteral("got %1").arg(actual, 0, 'g', 17)));
        return;
    }
    if (column == QLatin1String("d2"))
        m_maxRelErrorD2 = std::max(m_maxRelErrorD2, relativeError(actual, expected));
    if (column == QLatin1String("d3"))
        m_maxRelErrorD3 = std::max(m_maxRelErrorD3, relativeError(actual, expected));
    GEMBA_COMPARE_REL(actual, expected, 1e-9);
}

void TestConstants::factorsOutsideTheReferenceFollowTheirFormulas_data()
{
    // B5, B6, D1 and D2 are not in the reference table; build them from its d2, d3 and c4 with the
    // definitions of Montgomery Appendix VI / ASTM E2587.
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("B5");
    QTest::addColumn<double>("B6");
    QTest::addColumn<double>("D1");
    QTest::addColumn<double>("D2");

    const auto rows = readCsv(QStringLiteral("control_chart_constants.csv"));
    const QStringList& header = rows.front();
    const qsizetype iD2 = header.indexOf(QStringLiteral("d2"));
    const qsizetype iD3 = header.indexOf(QStringLiteral("d3"));
    const qsizetype iC4 = header.indexOf(QStringLiteral("c4"));
    QVERIFY(iD2 > 0 && iD3 > 0 && iC4 > 0);
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const int n = rows[r].front().toInt();
        const double d2 = rows[r][iD2].toDouble(), d3 = rows[r][iD3].toDouble(), c4 = rows[r][iC4].toDouble();
        const double sdOfS = std::sqrt(1 - c4 * c4);
        QTest::addRow("n=%d", n) << n << std::max(0.0, c4 - 3 * sdOfS) << c4 + 3 * sdOfS
                                 << std::max(0.0, d2 - 3 * d3) << d2 + 3 * d3;
    }
}

void TestConstants::factorsOutsideTheReferenceFollowTheirFormulas()
{
    QFETCH(int, n);
    QFETCH(double, B5);
    QFETCH(double, B6);
    QFETCH(double, D1);
    QFETCH(double, D2);

    const auto c = chartConstants(n);
    QVERIFY(c.hasValue());
    const std::pair<double, double> checks[] = {{c->B5, B5}, {c->B6, B6}, {c->D1, D1}, {c->D2, D2}};
    for (const auto& [actual, expected] : checks) {
        if (expected == 0)
            QVERIFY2(std::fabs(actual) <= 1e-15, qPrintable(QString::number(actual, 'g', 17)));
        else
            GEMBA_COMPARE_REL(actual, expected, 1e-9);
    }
}

void TestConstants::agreesWithPublishedTables_data()
{
    // Every published value in control_chart_constants_published_comparison.csv: textbook tables
    // (3-4 decimals), AIAG E2, Duncan's n = 25 row and MathWorks' 10-digit d2/d3 (statccconst.m).
    // A value that rounds correctly must agree to half a unit of its last decimal. The README lists
    // the printed values that do not (errors of the printed tables up to 0.0014, and MathWorks' d3
    // for n = 24, one unit off in its 10th digit); those are held to that documented size.
    QTest::addColumn<int>("n");
    QTest::addColumn<QString>("constant");
    QTest::addColumn<double>("published");
    QTest::addColumn<double>("tolerance");

    const auto rows = readCsv(QStringLiteral("control_chart_constants_published_comparison.csv"));
    const QStringList& header = rows.front();
    const qsizetype iSource = header.indexOf(QStringLiteral("source"));
    const qsizetype iN = header.indexOf(QStringLiteral("n"));
    const qsizetype iConstant = header.indexOf(QStringLiteral("constant"));
    const qsizetype iPublished = header.indexOf(QStringLiteral("published"));
    const qsizetype iAgrees = header.indexOf(QStringLiteral("agrees_at_published_precision"));
    QVERIFY(iSource >= 0 && iN >= 0 && iConstant >= 0 && iPublished >= 0 && iAgrees >= 0);
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QStringList& row = rows[r];
        const QString text = row[iPublished];
        const qsizetype dot = text.indexOf(QLatin1Char('.'));
        const int decimals = dot < 0 ? 0 : int(text.size() - dot - 1);
        const double unit = std::pow(10.0, -decimals);
        double tolerance = decimals == 0 ? 5e-4 : 0.5 * unit + 1e-12;   // a printed "0" means 0.000
        if (row[iAgrees] != QLatin1String("TRUE"))
            tolerance = decimals >= 9 ? unit : 1.5e-3;
        QTest::addRow("%s n=%s %s", qPrintable(row[iSource]), qPrintable(row[iN]), qPrintable(row[iConstant]))
            << row[iN].toInt() << row[iConstant] << text.toDouble() << tolerance;
    }
}

void TestConstants::agreesWithPublishedTables()
{
    QFETCH(int, n);
    QFETCH(QString, constant);
    QFETCH(double, published);
    QFETCH(double, tolerance);

    const auto c = chartConstants(n);
    QVERIFY(c.hasValue());
    const auto member = columnMember(constant);
    QVERIFY2(member, qPrintable(QStringLiteral("unknown constant ") + constant));
    const double actual = (*c).*member;
    QVERIFY2(std::fabs(actual - published) <= tolerance,
             qPrintable(QStringLiteral("computed %1, published %2, tolerance %3")
                            .arg(actual, 0, 'g', 17)
                            .arg(published, 0, 'g', 17)
                            .arg(tolerance)));
}

void TestConstants::closedForms()
{
    using std::numbers::pi;
    const double rootPi = std::sqrt(pi);

    // n = 2: X1 - X2 ~ N(0, 2), so W = |X1 - X2| has E W = 2/√π and E W² = 2 (Tippett 1925).
    GEMBA_COMPARE_REL(stats::d2(2), 2 / rootPi, 1e-14);
    GEMBA_COMPARE_REL(stats::d3(2), std::sqrt(2 - 4 / pi), 1e-14);
    // n = 3: E W = 3/√π and E W² = 2 + 3√3/π, both reducing to bivariate normal orthant
    // probabilities. Hand check: d3 = sqrt(2 + 1.6539867 - 2.8647890) = 0.8883680, the printed 0.888.
    // (These and the n = 4, 5 forms below were also checked against 30-digit mpmath quadrature.)
    GEMBA_COMPARE_REL(stats::d2(3), 3 / rootPi, 1e-14);
    GEMBA_COMPARE_REL(stats::d3(3), std::sqrt(2 + 3 * std::sqrt(3.0) / pi - 9 / pi), 1e-14);
    // n = 4, 5: twice the classical closed forms of the expected maximum,
    // E X(4) = 6 atan(√2)/π^(3/2) and E X(5) = 5/(4√π) (1 + 6 asin(1/3)/π).
    // Hand check: 12 · 0.9553166 / 5.5683280 = 2.0587507 and 1.4104740 · 1.6490407 = 2.3259289,
    // the printed 2.059 and 2.326.
    GEMBA_COMPARE_REL(stats::d2(4), 12 * std::atan(std::sqrt(2.0)) / (pi * rootPi), 1e-14);
    GEMBA_COMPARE_REL(stats::d2(5), 5 / (2 * rootPi) * (1 + 6 * std::asin(1.0 / 3) / pi), 1e-14);

    // c4(2) = √2 Γ(1)/Γ(1/2) = √(2/π); c4(3) = Γ(3/2)/Γ(1) = √π/2.
    const auto c4two = stats::c4(2), c4three = stats::c4(3);
    QVERIFY(c4two.hasValue() && c4three.hasValue());
    GEMBA_COMPARE_REL(*c4two, std::sqrt(2 / pi), 1e-15);
    GEMBA_COMPARE_REL(*c4three, rootPi / 2, 1e-15);
}

void TestConstants::beyondTheReferenceTable_data()
{
    // The reference files stop at n = 25 (the published comparison too: MathWorks' 10-digit table
    // covers 2..25), so these come from an independent evaluation: the formulation of
    // shared/reference/generate_constants.R (range CDF P(W <= w) = n ∫ φ(x)[Φ(x+w) - Φ(x)]^(n-1) dx,
    // E W² = ∫ 2w P(W > w) dw, d3 = sqrt(E W² - d2²)) in 80-bit long double with composite
    // 30-point Gauss-Legendre panels of width 0.25. That program reproduces the closed forms for
    // n = 2, 3 to 1e-17.
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("d2");
    QTest::addColumn<double>("d3");
    QTest::newRow("n=50") << 50 << 4.4981472587797006282 << 0.65214258842995853377;
    QTest::newRow("n=100") << 100 << 5.0151872728833687461 << 0.6051791094878537367;
}

void TestConstants::beyondTheReferenceTable()
{
    QFETCH(int, n);
    QFETCH(double, d2);
    QFETCH(double, d3);
    GEMBA_COMPARE_REL(stats::d2(n), d2, 1e-12);
    GEMBA_COMPARE_REL(stats::d3(n), d3, 1e-12);
}

void TestConstants::wholeTableIsConsistent()
{
    for (int n = stats::kMinSubgroupSize; n <= stats::kMaxSubgroupSize; ++n) {
        const auto c = chartConstants(n);
        QVERIFY(c.hasValue());
        QCOMPARE(c->n, n);
        for (const auto& [name, member] : kColumns)
            QVERIFY2(std::isfinite((*c).*member), qPrintable(QStringLiteral("n=%1 %2").arg(n).arg(QLatin1String(name))));
        // The shorthands serve the same table.
        QCOMPARE(stats::d2(n), c->d2);
        QCOMPARE(stats::d3(n), c->d3);
        const auto c4 = stats::c4(n);
        QVERIFY(c4.hasValue());
        QCOMPARE(*c4, c->c4);
        // Shape of the curves: the mean range grows with n, its SD falls after n = 3, c4 rises to 1.
        if (n > stats::kMinSubgroupSize) {
            const auto previous = chartConstants(n - 1);
            QVERIFY(c->d2 > previous->d2);
            QVERIFY(c->c4 > previous->c4 && c->c4 < 1);
            if (n > 3)
                QVERIFY(c->d3 < previous->d3);
        }
        QVERIFY(c->D3 >= 0 && c->D3 < 1 && c->D4 > 1);
        QVERIFY(c->B3 >= 0 && c->B3 < 1 && c->B4 > 1);
    }
}

void TestConstants::subgroupSizeOutOfRangeIsAnError_data()
{
    QTest::addColumn<int>("n");
    QTest::newRow("n=1") << 1;
    QTest::newRow("n=0") << 0;
    QTest::newRow("n=-3") << -3;
    QTest::newRow("n=101") << 101;
    QTest::newRow("n=INT_MIN") << INT_MIN;
    QTest::newRow("n=INT_MAX") << INT_MAX;
}

void TestConstants::subgroupSizeOutOfRangeIsAnError()
{
    QFETCH(int, n);
    const auto c = chartConstants(n);
    QVERIFY(!c.hasValue());
    QCOMPARE(c.error().code, ErrorCode::OutOfRange);
    QCOMPARE(QString::fromStdString(c.error().message),
             QStringLiteral("subgroup size %1 is outside 2..100").arg(n));
}

void TestConstants::c4RejectsTooSmallSamples_data()
{
    QTest::addColumn<qlonglong>("n");
    QTest::newRow("n=1") << 1LL;
    QTest::newRow("n=0") << 0LL;
    QTest::newRow("n=-3") << -3LL;
    QTest::newRow("n=LLONG_MIN") << qlonglong(LLONG_MIN);
}

void TestConstants::c4RejectsTooSmallSamples()
{
    QFETCH(qlonglong, n);
    const auto c4 = stats::c4(n);
    QVERIFY(!c4.hasValue());
    QCOMPARE(c4.error().code, ErrorCode::OutOfRange);
    QVERIFY(!c4.error().message.empty());
}

void TestConstants::c4ForLargeSamples_data()
{
    QTest::addColumn<qlonglong>("n");
    for (const qlonglong n : {101LL, 1000LL, 12345LL, 1000000LL, 1000000000LL, 1000000000000LL})
        QTest::addRow("n=%lld", n) << n;
}

void TestConstants::c4ForLargeSamples()
{
    // Asymptotically c4 = 1 - 1/(4n) - 7/(32n²) - 19/(128n³) - ... (from the expansion of the gamma
    // ratio; e.g. n = 1000: 1 - 0.00025 - 0.000000219 = 0.99974978110, exact 0.999749781101513).
    // The first omitted term, 0.148/n³, bounds how closely the two-term expansion can agree;
    // beyond n ≈ 1e5 double rounding (a few 1e-16) is the limit instead.
    QFETCH(qlonglong, n);
    const auto c4 = stats::c4(n);
    QVERIFY(c4.hasValue());
    QVERIFY(std::isfinite(*c4));
    QVERIFY(*c4 < 1);
    const double x = double(n);
    const double expansion = 1 - 1 / (4 * x) - 7 / (32 * x * x);
    const double tolerance = 0.16 / (x * x * x) + 4e-16;
    QVERIFY2(std::fabs(*c4 - expansion) <= tolerance,
             qPrintable(QStringLiteral("c4 %1, expansion %2").arg(*c4, 0, 'g', 17).arg(expansion, 0, 'g', 17)));
}

void TestConstants::c4IncreasesTowardsOne()
{
    double previous = 0;
    for (const long long n : {2LL, 10LL, 100LL, 1000LL, 1000000LL, 1000000000LL, 1000000000000LL}) {
        const auto c4 = stats::c4(n);
        QVERIFY(c4.hasValue());
        QVERIFY2(*c4 > previous, qPrintable(QStringLiteral("n=%1").arg(n)));
        previous = *c4;
    }
    // Where 1 - c4 ≈ 1/(4n) is below half an ulp of 1, c4 rounds to exactly 1; it must not exceed it.
    const auto huge = stats::c4(LLONG_MAX);
    QVERIFY(huge.hasValue());
    QVERIFY(*huge <= 1 && *huge > 0.999999);
}

void TestConstants::cleanupTestCase()
{
    qInfo("max relative error vs control_chart_constants.csv: d2 %.3g, d3 %.3g", m_maxRelErrorD2,
          m_maxRelErrorD3);
}

QTEST_GUILESS_MAIN(TestConstants)
#include "tst_constants.moc"
