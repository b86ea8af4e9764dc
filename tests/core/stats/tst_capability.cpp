// Tests of stats/capability: qcc 3.0's processCapability() results, the within-sigma
// estimators against qcc's charts, and hand-checked edge cases.
#include "io/csvreader.h"
#include "stats/capability.h"
#include "stats/constants.h"

#include "referencedata.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

using namespace gemba;
using gemba::test::loadReferenceJson;
using gemba::test::referencePath;
using gemba::test::toDoubles;

namespace {

// qcc's 3-decimal d2 table (shared/reference/qcc_internal_d2_d3_tables.csv).
constexpr double kQccD2Of2 = 1.128;
constexpr double kQccD2Of5 = 2.326;

struct Pistonrings {
    std::vector<double> values;                  // samples 1-25 (trial = TRUE), file order
    std::vector<std::vector<double>> subgroups;  // 25 subgroups of 5, in order of appearance
};

// Samples 1-25 of pistonrings.csv: the rows with trial = TRUE, grouped by `sample`.
Pistonrings loadPistonrings()
{
    const auto path = referencePath("pistonrings.csv").toStdString();
    auto data = io::readCsv(path, {{"sample", io::ColumnKind::Text},
                                   {"value", io::ColumnKind::Number},
                                   {"trial", io::ColumnKind::Text}});
    if (!data)
        qFatal("cannot read %s: %s", path.c_str(), data.error().message.c_str());
    Pistonrings p;
    std::map<std::string, std::size_t> index;
    for (std::size_t r = 0; r < data->rows; ++r) {
        if (data->columns[2].texts[r] != "TRUE")
            continue;
        const double v = data->columns[1].numbers[r];
        p.values.push_back(v);
        const auto [it, added] = index.emplace(data->columns[0].texts[r], p.subgroups.size());
        if (added)
            p.subgroups.emplace_back();
        p.subgroups[it->second].push_back(v);
    }
    return p;
}

std::optional<double> optionalNumber(const QJsonValue& v)
{
    return v.isNull() || v.isUndefined() ? std::nullopt : std::optional<double>(v.toDouble());
}

// The spec limits of one reference file. The target is the one the R call names; otherwise, with
// both limits, the midpoint of the limits, passed explicitly: qcc defaults to it, while
// processCapability() follows Minitab and computes no Cpm/Ppm without a given target.
stats::SpecLimits specOf(const QJsonObject& ref)
{
    stats::SpecLimits spec;
    spec.lsl = optionalNumber(ref.value("LSL"));
    spec.usl = optionalNumber(ref.value("USL"));
    const QString call = ref.value("generator").toObject().value("call").toString();
    if (call.contains("target"))
        spec.target = ref.value("target").toDouble();
    else if (spec.lsl && spec.usl)
        spec.target = (*spec.lsl + *spec.usl) / 2;
    return spec;
}

const std::optional<stats::IndexEstimate>& indexOf(const stats::Capability& c, const QString& name)
{
    static const std::map<QString, std::optional<stats::IndexEstimate> stats::Capability::*> members = {
        {"Cp", &stats::Capability::cp},    {"Cp_l", &stats::Capability::cpl}, {"Cp_u", &stats::Capability::cpu},
        {"Cp_k", &stats::Capability::cpk}, {"Cpm", &stats::Capability::cpm},  {"Pp", &stats::Capability::pp},
        {"Pp_l", &stats::Capability::ppl}, {"Pp_u", &stats::Capability::ppu}, {"Pp_k", &stats::Capability::ppk},
        {"Ppm", &stats::Capability::ppm},
    };
    return c.*members.at(name);
}

const char* const kIndexNames[] = {"Cp", "Cp_l", "Cp_u", "Cp_k", "Cpm", "Pp", "Pp_l", "Pp_u", "Pp_k", "Ppm"};

double g_maxWithinError = 0;    // largest relative error of a within-based number, estimated σ
double g_maxOverallError = 0;   // largest relative error of an overall-based number
double g_maxWithinQccSigma = 0; // largest relative error of a within-based number, qcc's σ fed in

double relErr(double a, double e) { return e == 0 ? std::fabs(a) : std::fabs(a - e) / std::fabs(e); }

// Tolerance for comparing an index with qcc. Our x̄ is the correctly rounded mean of the 125
// doubles, 74.001176 (checked with Python's fractions.Fraction on the exact doubles); qcc's
// center, the mean of the 25 subgroup means, is 74.00117599999999: one ulp (1.4e-14) lower.
// The indices built on x̄ - LSL or USL - x̄ amplify that: Cpl for LSL 73.99 has
// x̄ - LSL = 0.011176, so one ulp of 74 is 1.27e-12 of it. The tolerance is therefore 1e-12
// plus twice the first-order effect of the center difference `dMean` on the index (twice,
// because the Bissell interval ends move up to ~1.2 times as much as the index, relatively):
//   Cpl, Ppl: dMean/|x̄-LSL|;  Cpu, Ppu: dMean/|USL-x̄|;  Cpk, Ppk: the nearer limit's term;
//   Cpm, Ppm: |∂ln Cpm/∂x̄|·dMean = dMean·|x̄-T|/(σ² + (x̄-T)²) ≤ dMean/(2σ);  Cp, Pp: 0.
double qccTolerance(const QString& name, const stats::Capability& c, double dMean)
{
    const QString family = name.mid(2);   // "", "_l", "_u", "_k" or "m"
    const double sigma = name.startsWith('P') ? c.sigmaOverall : c.sigmaWithin;
    double term = 0;
    const double toLsl = c.lsl ? std::fabs(c.mean - *c.lsl) : std::numeric_limits<double>::infinity();
    const double toUsl = c.usl ? std::fabs(*c.usl - c.mean) : std::numeric_limits<double>::infinity();
    if (family == "_l")
        term = dMean / toLsl;
    else if (family == "_u")
        term = dMean / toUsl;
    else if (family == "_k")
        term = dMean / std::min(toLsl, toUsl);
    else if (family == "m" && c.target) {
        const double d = c.mean - *c.target;
        term = dMean * std::fabs(d) / (sigma * sigma + d * d);
    }
    return 1e-12 + 2 * term;
}

} // namespace

class TestCapability : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void qccReference_data();
    void qccReference();
    void qccWithEstimatedSigma_data();
    void qccWithEstimatedSigma();
    void cleanupTestCase();

    void rbarMatchesQcc();
    void sbarMatchesQcc();
    void pooledMatchesQccRmsdf();
    void rbarUnequalSizes();
    void movingRangeMatchesQcc();
    void estimatorErrors();
    void methodNames();

    void handTwoSided();
    void handOneSided();
    void handOtherConfidenceAndTarget();
    void cpmOnlyWithAGivenTarget();
    void edgeCases();

private:
    Pistonrings m_data;
};

void TestCapability::initTestCase()
{
    m_data = loadPistonrings();
    QCOMPARE(m_data.values.size(), std::size_t(125));
    QCOMPARE(m_data.subgroups.size(), std::size_t(25));
}

void TestCapability::qccReference_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("73.95/74.05") << "pistonrings.capability.json";
    QTest::newRow("target 74.02") << "pistonrings.capability.target74.02.json";
    QTest::newRow("73.99/74.01") << "pistonrings.capability.spec73.99_74.01.json";
    QTest::newRow("73.99/74.1") << "pistonrings.capability.spec73.99_74.1.json";
    QTest::newRow("USL only") << "pistonrings.capability.usl_only.json";
}

// qcc's own σ within (std_dev_within) fed in: every formula must reproduce qcc to 1e-12.
void TestCapability::qccReference()
{
    QFETCH(QString, file);
    const auto ref = loadReferenceJson(file);
    const double sigmaWithin = ref.value("std_dev_within").toDouble();
    const auto c = stats::processCapability(m_data.values, sigmaWithin, "rbar", specOf(ref), 0.95);
    QVERIFY2(c.hasValue(), c ? "" : c.error().message.c_str());

    QCOMPARE(c->n, static_cast<std::size_t>(ref.value("n_observations").toInt()));
    QCOMPARE(c->sigmaMethod, std::string("rbar"));
    const double center = ref.value("center").toDouble();
    QVERIFY(std::fabs(c->mean - center) <= std::nextafter(74.0, 75.0) - 74.0);   // at most one ulp
    const double dMean = std::fabs(c->mean - center);
    GEMBA_COMPARE_REL(c->sigmaOverall, ref.value("std_dev_overall").toDouble(), 1e-13);
    QVERIFY(c->target.has_value());
    GEMBA_COMPARE_REL(*c->target, ref.value("target").toDouble(), 1e-15);

    const auto indices = ref.value("indices").toObject();
    for (const char* name : kIndexNames) {
        const auto expected = indices.value(name).toObject();
        const auto& actual = indexOf(*c, name);
        if (expected.value("value").isNull()) {
            QVERIFY2(!actual.has_value(), name);
            continue;
        }
        QVERIFY2(actual.has_value(), name);
        // Both σ are qcc's to the last bits here, so within- and overall-based numbers alike
        // are held to 1e-12 plus the effect of qcc's one-ulp different center (qccTolerance).
        const bool overall = name[0] == 'P';
        const double tol = qccTolerance(name, *c, dMean);
        for (const char* part : {"value", "lower", "upper"}) {
            const double e = expected.value(part).toDouble();
            const double a = part[0] == 'v' ? actual->value : part[0] == 'l' ? actual->lower : actual->upper;
            if (!gemba::test::closeRelative(a, e, tol))
                QFAIL(qPrintable(QString("%1.%2: ").arg(name, part) +
                                 gemba::test::describeMismatch(a, e, tol, "index")));
            double& maxError = overall ? g_maxOverallError : g_maxWithinQccSigma;
            maxError = std::max(maxError, relErr(a, e));
        }
    }

    // Percentages: qcc reports an expected percentage below 0.01 % as 0; observed ones exactly.
    // An expected tail P = Φ(z) moves with the center by (φ(z)/P)·dMean/σ relative (the same
    // one-ulp center difference as in qccTolerance; 2.4e-12 for LSL 73.99), so that term is
    // added, twice, to 1e-12.
    auto tailTolerance = [&](double limit) {
        const double z = std::fabs(limit - c->mean) / c->sigmaWithin;
        const double density = std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi);
        const double tail = 0.5 * std::erfc(z / std::sqrt(2.0));
        return 1e-12 + 2 * density / tail * dMean / c->sigmaWithin;
    };
    auto checkPercent = [](const std::optional<double>& ppm, const QJsonValue& percent, bool expected, double tol) {
        if (percent.isNull())
            return !ppm.has_value();
        if (!ppm)
            return false;
        const double pct = *ppm / 1e4;
        if (expected && percent.toDouble() == 0)
            return pct < 0.01;
        if (!gemba::test::closeRelative(pct, percent.toDouble(), tol)) {
            qWarning("%s", gemba::test::describeMismatch(pct, percent.toDouble(), tol, "percent").constData());
            return false;
        }
        return true;
    };
    QVERIFY(checkPercent(c->ppmWithin.belowLsl, ref.value("expected_percent_below_LSL"), true,
                         c->lsl ? tailTolerance(*c->lsl) : 0));
    QVERIFY(checkPercent(c->ppmWithin.aboveUsl, ref.value("expected_percent_above_USL"), true,
                         c->usl ? tailTolerance(*c->usl) : 0));
    QVERIFY(checkPercent(c->ppmObserved.belowLsl, ref.value("observed_percent_below_LSL"), false, 1e-15));
    QVERIFY(checkPercent(c->ppmObserved.aboveUsl, ref.value("observed_percent_above_USL"), false, 1e-15));
    GEMBA_COMPARE_REL(c->ppmWithin.total,
                      c->ppmWithin.belowLsl.value_or(0) + c->ppmWithin.aboveUsl.value_or(0), 1e-15);

    // Z.bench = Φ⁻¹(1 - P) (qcc has no Z.bench): checked by the inverse relation 1 - Φ(Z) = P,
    // with Φ from std::erfc rather than Boost.
    const double pWithin = c->ppmWithin.total / 1e6;
    if (pWithin > 0)
        GEMBA_COMPARE_REL(0.5 * std::erfc(c->zBenchWithin / std::sqrt(2.0)), pWithin, 1e-12);
    const double pOverall = c->ppmOverall.total / 1e6;
    if (pOverall > 0)
        GEMBA_COMPARE_REL(0.5 * std::erfc(c->zBenchOverall / std::sqrt(2.0)), pOverall, 1e-12);
}

void TestCapability::qccWithEstimatedSigma_data() { qccReference_data(); }

// σ within estimated by our R̄ method with exact d2(5) = 2.3259289472810396 instead of qcc's
// 2.326: σ is larger than qcc's by 2.326/2.3259289 - 1 = 3.06e-5 relative, every within-based
// index smaller by the same factor (up to about twice that in the Cpm interval, whose degrees
// of freedom also depend on σ). 1e-4 is just above that; the overall-based numbers do not
// involve σ within and stay at 1e-12 (plus the center term of qccTolerance).
void TestCapability::qccWithEstimatedSigma()
{
    QFETCH(QString, file);
    const auto ref = loadReferenceJson(file);
    const auto sigma = stats::estimateWithinSigma(m_data.subgroups, stats::SigmaMethod::RBar);
    QVERIFY(sigma.hasValue());
    const auto c = stats::processCapability(m_data.values, *sigma, "rbar", specOf(ref));
    QVERIFY(c.hasValue());
    GEMBA_COMPARE_REL(c->sigmaWithin, ref.value("std_dev_within").toDouble(), 1e-4);
    const auto indices = ref.value("indices").toObject();
    for (const char* name : kIndexNames) {
        const auto expected = indices.value(name).toObject();
        const auto& actual = indexOf(*c, name);
        QCOMPARE(actual.has_value(), !expected.value("value").isNull());
        if (!actual)
            continue;
        const bool overall = name[0] == 'P';
        const double tol =
            overall ? qccTolerance(name, *c, std::fabs(c->mean - ref.value("center").toDouble())) : 1e-4;
        GEMBA_COMPARE_REL(actual->value, expected.value("value").toDouble(), tol);
        GEMBA_COMPARE_REL(actual->lower, expected.value("lower").toDouble(), tol);
        GEMBA_COMPARE_REL(actual->upper, expected.value("upper").toDouble(), tol);
        if (!overall) {
            for (double r : {relErr(actual->value, expected.value("value").toDouble()),
                             relErr(actual->lower, expected.value("lower").toDouble()),
                             relErr(actual->upper, expected.value("upper").toDouble())})
                g_maxWithinError = std::max(g_maxWithinError, r);
        }
    }
}

void TestCapability::cleanupTestCase()
{
    qInfo("max relative error vs qcc: within-based with qcc's sigma %.3g, with our R-bar/exact d2 %.3g, "
          "overall-based %.3g",
          g_maxWithinQccSigma, g_maxWithinError, g_maxOverallError);
}

// R̄ method (qcc UWAVE-R) on samples 1-25. With equal sizes σ = R̄/d2(5); qcc divides by its
// table value 2.326, so rescaling ours by d2(5)/2.326 must give qcc's sigma to rounding.
void TestCapability::rbarMatchesQcc()
{
    const auto chart = loadReferenceJson("pistonrings.xbar_R.json");
    const auto sigma = stats::estimateWithinSigma(m_data.subgroups, stats::SigmaMethod::RBar);
    QVERIFY(sigma.hasValue());
    GEMBA_COMPARE_REL(*sigma * stats::d2(5) / kQccD2Of5, chart.value("std_dev").toDouble(), 1e-13);
    GEMBA_COMPARE_REL(*sigma, chart.value("std_dev").toDouble(), 1e-4);   // 3.06e-5 apart, see above
}

// S̄ method (qcc UWAVE-SD, exact c4 in both): mean of Sᵢ/c4(5).
void TestCapability::sbarMatchesQcc()
{
    const auto chart = loadReferenceJson("pistonrings.xbar_S.json");
    QCOMPARE(chart.value("std_dev_method").toString(), QString("UWAVE-SD"));
    const auto sigma = stats::estimateWithinSigma(m_data.subgroups, stats::SigmaMethod::SBar);
    QVERIFY(sigma.hasValue());
    GEMBA_COMPARE_REL(*sigma, chart.value("std_dev").toDouble(), 1e-13);

    const auto unequal = loadReferenceJson("pistonrings_unequal.xbar_S.json");
    std::vector<std::vector<double>> groups;
    for (const auto& g : unequal.value("input").toObject().value("phase1_data").toArray())
        groups.push_back(toDoubles(g.toArray()));
    const auto s2 = stats::estimateWithinSigma(groups, stats::SigmaMethod::SBar);
    QVERIFY(s2.hasValue());
    GEMBA_COMPARE_REL(*s2, unequal.value("std_dev").toDouble(), 1e-13);
}

// Pooled SD / c4(Σ(nᵢ-1)+1) = qcc RMSDF, on the unequal subgroups (sizes 3 to 5).
void TestCapability::pooledMatchesQccRmsdf()
{
    const auto chart = loadReferenceJson("pistonrings_unequal.xbar.RMSDF.json");
    std::vector<std::vector<double>> groups;
    for (const auto& g : chart.value("input").toObject().value("phase1_data").toArray())
        groups.push_back(toDoubles(g.toArray()));
    QCOMPARE(groups.size(), std::size_t(25));
    const auto sigma = stats::estimateWithinSigma(groups, stats::SigmaMethod::PooledSd);
    QVERIFY(sigma.hasValue());
    GEMBA_COMPARE_REL(*sigma, chart.value("std_dev").toDouble(), 1e-13);

    // A subgroup of one adds no degrees of freedom and nothing to the sum of squares.
    groups.push_back({74.5});
    const auto same = stats::estimateWithinSigma(groups, stats::SigmaMethod::PooledSd);
    QVERIFY(same.hasValue());
    GEMBA_COMPARE_REL(*same, *sigma, 1e-15);
}

// R̄ method with unequal sizes: mean of Rᵢ/d2(nᵢ). qcc's table d2(3) = 1.693 is 2.5e-4 above
// the exact 1.6925688 and d2(4) = 2.059 is 1.2e-4 above 2.0587507, so the two differ by less
// than 2.5e-4; 3e-4 is just above that.
void TestCapability::rbarUnequalSizes()
{
    const auto chart = loadReferenceJson("pistonrings_unequal.xbar_R.json");
    std::vector<std::vector<double>> groups;
    for (const auto& g : chart.value("input").toObject().value("phase1_data").toArray())
        groups.push_back(toDoubles(g.toArray()));
    const auto sigma = stats::estimateWithinSigma(groups, stats::SigmaMethod::RBar);
    QVERIFY(sigma.hasValue());
    GEMBA_COMPARE_REL(*sigma, chart.value("std_dev").toDouble(), 3e-4);
}

// Average moving range / d2(2) (qcc "MR" on the viscosity trial batches): qcc divides by 1.128,
// so ours rescaled by d2(2)/1.128 must match to rounding.
void TestCapability::movingRangeMatchesQcc()
{
    const auto chart = loadReferenceJson("viscosity.xbar_one.json");
    const auto values = toDoubles(chart.value("input").toObject().value("phase1_data").toArray());
    QCOMPARE(values.size(), std::size_t(20));
    std::vector<std::vector<double>> singles;
    for (double v : values)
        singles.push_back({v});
    const auto sigma = stats::estimateWithinSigma(singles, stats::SigmaMethod::AverageMovingRange);
    QVERIFY(sigma.hasValue());
    GEMBA_COMPARE_REL(*sigma * stats::d2(2) / kQccD2Of2, chart.value("std_dev").toDouble(), 1e-13);
}

void TestCapability::estimatorErrors()
{
    using M = stats::SigmaMethod;
    auto code = [](const Expected<double>& r) { return r ? ErrorCode(-1) : r.error().code; };
    const std::vector<std::vector<double>> none;
    QCOMPARE(code(stats::estimateWithinSigma(none, M::PooledSd)), ErrorCode::EmptyData);
    const std::vector<std::vector<double>> withSingle = {{1, 2, 3}, {4}};
    QCOMPARE(code(stats::estimateWithinSigma(withSingle, M::RBar)), ErrorCode::TooFewValues);
    QCOMPARE(code(stats::estimateWithinSigma(withSingle, M::SBar)), ErrorCode::TooFewValues);
    const std::vector<std::vector<double>> singles = {{1}, {2}, {4}};
    QCOMPARE(code(stats::estimateWithinSigma(singles, M::PooledSd)), ErrorCode::TooFewValues);
    const std::vector<std::vector<double>> one = {{1}};
    QCOMPARE(code(stats::estimateWithinSigma(one, M::AverageMovingRange)), ErrorCode::TooFewValues);
    const std::vector<std::vector<double>> withNan = {{1, std::numeric_limits<double>::quiet_NaN()}};
    QCOMPARE(code(stats::estimateWithinSigma(withNan, M::PooledSd)), ErrorCode::NotFinite);
    const std::vector<std::vector<double>> tooBig = {std::vector<double>(101, 1.0)};
    QCOMPARE(code(stats::estimateWithinSigma(tooBig, M::RBar)), ErrorCode::OutOfRange);

    // Hand-checked: moving ranges of {1, 2, 4} are 1 and 2, MR̄ = 1.5, σ = 1.5/d2(2).
    GEMBA_COMPARE_REL(*stats::estimateWithinSigma(singles, M::AverageMovingRange), 1.5 / stats::d2(2), 1e-15);
    // {1, 2, 3} and {5, 5}: pooled ss = 2 + 0 over df = 2 + 1 = 3, σ = √(2/3)/c4(4);
    // R̄/d2: (2/d2(3) + 0/d2(2))/2; S̄/c4: (1/c4(3) + 0)/2.
    const std::vector<std::vector<double>> two = {{1, 2, 3}, {5, 5}};
    GEMBA_COMPARE_REL(*stats::estimateWithinSigma(two, M::PooledSd), std::sqrt(2.0 / 3.0) / *stats::c4(4), 1e-15);
    GEMBA_COMPARE_REL(*stats::estimateWithinSigma(two, M::RBar), (2 / stats::d2(3)) / 2, 1e-15);
    GEMBA_COMPARE_REL(*stats::estimateWithinSigma(two, M::SBar), (1 / *stats::c4(3)) / 2, 1e-15);
    // No variation within subgroups: σ = 0 is an error (no capability can be computed).
    const std::vector<std::vector<double>> flat = {{1, 1}, {2, 2}};
    QCOMPARE(code(stats::estimateWithinSigma(flat, M::PooledSd)), ErrorCode::ZeroSigma);
    // Pooled SD takes a subgroup of one (no degrees of freedom from it), as Minitab:
    // {1, 2, 3} and {4}: ss = 2 over df = 2, σ = √(2/2)/c4(3).
    GEMBA_COMPARE_REL(*stats::estimateWithinSigma(withSingle, M::PooledSd), 1.0 / *stats::c4(3), 1e-15);
}

void TestCapability::methodNames()
{
    using M = stats::SigmaMethod;
    for (M m : {M::PooledSd, M::RBar, M::SBar, M::MvlueR, M::MvlueS, M::AverageMovingRange, M::MedianMovingRange,
                M::SampleSd})
        QCOMPARE(stats::parseSigmaMethod(stats::sigmaMethodName(m)), std::optional<M>(m));
    QCOMPARE(stats::sigmaMethodName(M::PooledSd), std::string_view("pooled"));
    QCOMPARE(stats::sigmaMethodName(M::AverageMovingRange), std::string_view("mr"));
    QVERIFY(!stats::parseSigmaMethod("mvlue").has_value());
    QVERIFY(!stats::parseSigmaMethod("known").has_value());
}

// Values {7.5, 10, 11, 12, 9.5}, σ within given as 1.5, LSL 8, USL 13, target 10.5 (the midpoint).
//   x̄ = 50/5 = 10; Σ(x-x̄)² = 6.25 + 0 + 1 + 4 + 0.25 = 11.5, σo = √(11.5/4) = 1.6955824957813170
//   Cp = 5/(6·1.5) = 5/9;  Cpl = 2/4.5 = 4/9;  Cpu = 3/4.5 = 2/3;  Cpk = 4/9
//   Cpm = (5/9)/√(1 + (-0.5/1.5)²) = (5/9)/√(10/9) = 0.52704627669472988867
//   Cp interval: (5/9)·√(χ²(0.025, 4)/4) .. (5/9)·√(χ²(0.975, 4)/4), χ² = 0.48441855708792981…, 11.143286781877797…
//   Cpl: (4/9)(1 ∓ 1.6448536·√(1/(9·5·(4/9)²) + 1/8)); Cpk the same with 1.9599640
//   Cpm: df = 5(1 + 1/9)/(1 + 2/9) = 50/11
//   Expected within: Φ(-2/1.5)·10⁶ = 91211.219725867869834, (1 - Φ(3/1.5))·10⁶ = 22750.131948179207200
//   Observed: 7.5 < 8 → 1 of 5 = 200000 ppm below, 0 above.
//   Z.bench within = Φ⁻¹(1 - 0.11396135167404707703) = 1.205727174899230753
// All expected values: python3 + mpmath 1.3 at 50 digits (chi-square quantiles by bisection on
// the regularized incomplete gamma function, Φ⁻¹ from erfinv), independently of Boost.
void TestCapability::handTwoSided()
{
    const std::vector<double> v = {7.5, 10, 11, 12, 9.5};
    const auto c = stats::processCapability(v, 1.5, "given", {8.0, 13.0, 10.5});
    QVERIFY(c.hasValue());
    const double tol = 1e-12;
    GEMBA_COMPARE_REL(c->mean, 10.0, 1e-15);
    GEMBA_COMPARE_REL(c->sigmaOverall, 1.6955824957813170348, 1e-15);
    GEMBA_COMPARE_REL(*c->target, 10.5, 1e-15);
    GEMBA_COMPARE_REL(c->cp->value, 5.0 / 9.0, 1e-15);
    GEMBA_COMPARE_REL(c->cp->lower, 0.1933338436072308605, tol);
    GEMBA_COMPARE_REL(c->cp->upper, 0.9272656097081142665, tol);
    GEMBA_COMPARE_REL(c->cpl->value, 4.0 / 9.0, 1e-15);
    GEMBA_COMPARE_REL(c->cpl->lower, 0.088176666017574945868, tol);
    GEMBA_COMPARE_REL(c->cpl->upper, 0.80071222287131394302, tol);
    GEMBA_COMPARE_REL(c->cpu->value, 2.0 / 3.0, 1e-15);
    GEMBA_COMPARE_REL(c->cpu->lower, 0.20793890694337014516, tol);
    GEMBA_COMPARE_REL(c->cpu->upper, 1.1253944263899631882, tol);
    GEMBA_COMPARE_REL(c->cpk->value, 4.0 / 9.0, 1e-15);
    GEMBA_COMPARE_REL(c->cpk->lower, 0.019925202654572351412, tol);
    GEMBA_COMPARE_REL(c->cpk->upper, 0.86896368623431653748, tol);
    GEMBA_COMPARE_REL(c->cpm->value, 0.52704627669472988867, tol);
    GEMBA_COMPARE_REL(c->cpm->lower, 0.20162914412096567561, tol);
    GEMBA_COMPARE_REL(c->cpm->upper, 0.85902700049044185238, tol);
    GEMBA_COMPARE_REL(c->pp->value, 0.49147318718299044486, tol);
    GEMBA_COMPARE_REL(c->pp->lower, 0.17103312055437043194, tol);
    GEMBA_COMPARE_REL(c->pp->upper, 0.82030713222316644853, tol);
    GEMBA_COMPARE_REL(c->ppl->value, 0.39317854974639235589, tol);
    GEMBA_COMPARE_REL(c->ppu->value, 0.58976782461958853383, tol);
    GEMBA_COMPARE_REL(c->ppu->lower, 0.16815720810253263113, tol);
    GEMBA_COMPARE_REL(c->ppu->upper, 1.0113784411366444365, tol);
    // Ppk's Bissell interval crosses zero: w = 1.959964·√(1/(45·Ppk²) + 1/8) = 1.0160670 > 1,
    // so the lower end 0.3931785…·(1 - w) is negative.
    GEMBA_COMPARE_REL(c->ppk->lower, -0.0063171822628149500003, 1e-11);
    GEMBA_COMPARE_REL(c->ppk->upper, 0.79267428175559966178, tol);
    GEMBA_COMPARE_REL(c->ppm->value, 0.47140452079103168293, tol);
    GEMBA_COMPARE_REL(c->ppm->lower, 0.18264699873668066465, tol);
    GEMBA_COMPARE_REL(c->ppm->upper, 0.76576679295040217528, tol);

    GEMBA_COMPARE_REL(*c->ppmWithin.belowLsl, 91211.219725867869834, tol);
    GEMBA_COMPARE_REL(*c->ppmWithin.aboveUsl, 22750.1319481792072, tol);
    GEMBA_COMPARE_REL(c->ppmWithin.total, 113961.35167404707703, tol);
    GEMBA_COMPARE_REL(*c->ppmOverall.belowLsl, 119092.47499601121252, tol);
    GEMBA_COMPARE_REL(*c->ppmOverall.aboveUsl, 38421.622016828170036, tol);
    GEMBA_COMPARE_REL(c->ppmOverall.total, 157514.09701283938256, tol);
    QCOMPARE(*c->ppmObserved.belowLsl, 200000.0);
    QCOMPARE(*c->ppmObserved.aboveUsl, 0.0);
    QCOMPARE(c->ppmObserved.total, 200000.0);
    GEMBA_COMPARE_REL(c->zBenchWithin, 1.205727174899230753, tol);
    GEMBA_COMPARE_REL(c->zBenchOverall, 1.0047272684695601869, tol);
}

// The same values with one limit. LSL 8 only: Cpl = 4/9 and Cpk = Cpl (its interval with the
// two-sided z = 1.959964, so Cpk's interval is wider than Cpl's); Cp, Cpu, Cpm and the P
// counterparts are not defined; expected below = 91211.22 ppm as above, Z.bench = 2/1.5 = 4/3
// exactly (one tail: Φ⁻¹(1 - Φ(-z)) = z). USL 13 only with target 12: Cpu = Cpk = 2/3,
// Cpm not defined (it needs Cp, as in qcc), Z.bench = 3/1.5 = 2.
void TestCapability::handOneSided()
{
    const std::vector<double> v = {7.5, 10, 11, 12, 9.5};
    const auto low = stats::processCapability(v, 1.5, "given", {8.0, std::nullopt, std::nullopt});
    QVERIFY(low.hasValue());
    QVERIFY(!low->cp && !low->cpu && !low->cpm && !low->pp && !low->ppu && !low->ppm);
    QVERIFY(!low->target.has_value());
    GEMBA_COMPARE_REL(low->cpk->value, 4.0 / 9.0, 1e-15);
    GEMBA_COMPARE_REL(low->cpk->lower, 0.019925202654572351412, 1e-12);
    GEMBA_COMPARE_REL(low->cpl->lower, 0.088176666017574945868, 1e-12);
    GEMBA_COMPARE_REL(low->ppk->value, 0.39317854974639235589, 1e-12);
    GEMBA_COMPARE_REL(*low->ppmWithin.belowLsl, 91211.219725867869834, 1e-12);
    QVERIFY(!low->ppmWithin.aboveUsl.has_value());
    QVERIFY(!low->ppmObserved.aboveUsl.has_value());
    GEMBA_COMPARE_REL(low->ppmWithin.total, 91211.219725867869834, 1e-12);
    GEMBA_COMPARE_REL(low->zBenchWithin, 4.0 / 3.0, 1e-14);
    GEMBA_COMPARE_REL(low->zBenchOverall, 1.1795356492391770677, 1e-13);
    QCOMPARE(low->ppmObserved.total, 200000.0);

    const auto high = stats::processCapability(v, 1.5, "given", {std::nullopt, 13.0, 12.0});
    QVERIFY(high.hasValue());
    QVERIFY(!high->cp && !high->cpl && !high->cpm && !high->pp && !high->ppl && !high->ppm);
    GEMBA_COMPARE_REL(high->cpk->value, 2.0 / 3.0, 1e-15);
    GEMBA_COMPARE_REL(high->cpk->lower, 0.12005882689629526207, 1e-12);
    GEMBA_COMPARE_REL(high->cpk->upper, 1.2132745064370380713, 1e-12);
    GEMBA_COMPARE_REL(high->ppk->lower, 0.08738778889283700724, 1e-12);
    GEMBA_COMPARE_REL(high->zBenchWithin, 2.0, 1e-14);
    GEMBA_COMPARE_REL(high->zBenchOverall, 1.7693034738587656015, 1e-13);
    QCOMPARE(high->ppmObserved.total, 0.0);
}

// 90 % intervals and an explicit target 11 (mpmath as above):
//   Cpm = (5/9)/√(1 + (−1/1.5)²) = (5/9)/√(13/9) = 0.46225016352102426835, df = 5(13/9)/(17/9) = 65/17
//   Cpl/Cpu use z = Φ⁻¹(0.90) = 1.2815516, Cpk z = Φ⁻¹(0.95) = 1.6448536 (so Cpk's 90 % interval
//   equals Cpl's 95 % one: 0.088176666… .. 0.800712222…).
void TestCapability::handOtherConfidenceAndTarget()
{
    const std::vector<double> v = {7.5, 10, 11, 12, 9.5};
    const auto c = stats::processCapability(v, 1.5, "given", {8.0, 13.0, 11.0}, 0.90);
    QVERIFY(c.hasValue());
    QCOMPARE(c->confidenceLevel, 0.90);
    const double tol = 1e-12;
    GEMBA_COMPARE_REL(c->cp->lower, 0.2341788617816498871, tol);
    GEMBA_COMPARE_REL(c->cp->upper, 0.85561548476890238165, tol);
    GEMBA_COMPARE_REL(c->cpl->lower, 0.16686623218597364283, tol);
    GEMBA_COMPARE_REL(c->cpu->upper, 1.0240743222777771618, tol);
    GEMBA_COMPARE_REL(c->cpk->lower, 0.088176666017574945868, tol);
    GEMBA_COMPARE_REL(c->cpk->upper, 0.80071222287131394302, tol);
    GEMBA_COMPARE_REL(c->cpm->value, 0.46225016352102426835, tol);
    GEMBA_COMPARE_REL(c->cpm->lower, 0.18928445295816101092, tol);
    GEMBA_COMPARE_REL(c->cpm->upper, 0.71703909619420469609, tol);
    GEMBA_COMPARE_REL(c->ppm->value, 0.42333375666730166773, tol);
    GEMBA_COMPARE_REL(c->ppm->lower, 0.17772217334024721658, tol);
    GEMBA_COMPARE_REL(c->ppm->upper, 0.65264368617579451858, tol);
    GEMBA_COMPARE_REL(c->ppk->lower, 0.057911162727960481073, tol);
}

// Minitab computes Cpm only when a target is specified: the same data as handTwoSided without a
// target has no target, Cpm or Ppm (no midpoint 10.5 is made up), while every other index is
// unchanged. With target 10 (= x̄) Cpm = Cp = 5/9 and Ppm = Pp = 5/(6·1.6955824957813170);
// with target 12: Cpm = (5/9)/√(1 + (−2/1.5)²) = (5/9)/(5/3) = 1/3 exactly.
void TestCapability::cpmOnlyWithAGivenTarget()
{
    const std::vector<double> v = {7.5, 10, 11, 12, 9.5};
    const auto none = stats::processCapability(v, 1.5, "given", {8.0, 13.0, std::nullopt});
    QVERIFY(none.hasValue());
    QVERIFY(!none->target.has_value());
    QVERIFY(!none->cpm.has_value());
    QVERIFY(!none->ppm.has_value());
    GEMBA_COMPARE_REL(none->cp->value, 5.0 / 9.0, 1e-15);
    GEMBA_COMPARE_REL(none->cpk->value, 4.0 / 9.0, 1e-15);
    GEMBA_COMPARE_REL(none->pp->value, 0.49147318718299044486, 1e-12);

    const auto atMean = stats::processCapability(v, 1.5, "given", {8.0, 13.0, 10.0});
    QVERIFY(atMean.hasValue());
    QVERIFY(atMean->target.has_value());
    QCOMPARE(*atMean->target, 10.0);
    QVERIFY(atMean->cpm && atMean->ppm);
    GEMBA_COMPARE_REL(atMean->cpm->value, 5.0 / 9.0, 1e-15);
    GEMBA_COMPARE_REL(atMean->ppm->value, 5.0 / (6 * 1.6955824957813170348), 1e-14);

    const auto at12 = stats::processCapability(v, 1.5, "given", {8.0, 13.0, 12.0});
    QVERIFY(at12.hasValue() && at12->cpm);
    GEMBA_COMPARE_REL(at12->cpm->value, 1.0 / 3.0, 1e-14);
}

void TestCapability::edgeCases()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> v = {7.5, 10, 11, 12, 9.5};
    auto code = [](const Expected<stats::Capability>& r) { return r ? ErrorCode(-1) : r.error().code; };
    const stats::SpecLimits spec{8.0, 13.0, std::nullopt};

    // σ = 0: all values equal (σo = 0), or no variation within subgroups (σw = 0): the indices
    // would be x/0, so both are ZeroSigma errors rather than infinite indices.
    const std::vector<double> same(4, 10.0);
    QCOMPARE(code(stats::processCapability(same, 1.0, "given", spec)), ErrorCode::ZeroSigma);
    QCOMPARE(code(stats::processCapability(v, 0.0, "given", spec)), ErrorCode::ZeroSigma);
    QCOMPARE(code(stats::processCapability(v, -1.0, "given", spec)), ErrorCode::InvalidArgument);
    QCOMPARE(code(stats::processCapability(v, nan, "given", spec)), ErrorCode::InvalidArgument);

    // n < 2: no overall SD (and no n-1 degrees of freedom for the intervals).
    const std::vector<double> one = {10.0};
    QCOMPARE(code(stats::processCapability(one, 1.0, "given", spec)), ErrorCode::TooFewValues);
    QCOMPARE(code(stats::processCapability({}, 1.0, "given", spec)), ErrorCode::EmptyData);

    // Limits: none, LSL > USL, LSL = USL, NaN.
    QCOMPARE(code(stats::processCapability(v, 1.5, "given", {})), ErrorCode::InvalidArgument);
    QCOMPARE(code(stats::processCapability(v, 1.5, "given", {13.0, 8.0, std::nullopt})), ErrorCode::InvalidArgument);
    QCOMPARE(code(stats::processCapability(v, 1.5, "given", {8.0, 8.0, std::nullopt})), ErrorCode::InvalidArgument);
    QCOMPARE(code(stats::processCapability(v, 1.5, "given", {nan, 13.0, std::nullopt})), ErrorCode::InvalidArgument);
    QCOMPARE(code(stats::processCapability(v, 1.5, "given", {8.0, 13.0, nan})), ErrorCode::InvalidArgument);

    // NaN among the values, bad confidence.
    const std::vector<double> withNan = {7.5, nan, 11};
    QCOMPARE(code(stats::processCapability(withNan, 1.5, "given", spec)), ErrorCode::NotFinite);
    QCOMPARE(code(stats::processCapability(v, 1.5, "given", spec, 1.0)), ErrorCode::OutOfRange);
    QCOMPARE(code(stats::processCapability(v, 1.5, "given", spec, 0.0)), ErrorCode::OutOfRange);

    // Mean exactly on the USL: Cpu = (10-10)/(3·1.5) = 0, its Bissell interval divides by
    // 9n·0² and is not defined (NaN); Cpk = min(Cpl, 0) = 0 likewise. Expected above USL is
    // exactly half the curve: 500000 ppm.
    const auto onLimit = stats::processCapability(v, 1.5, "given", {5.0, 10.0, std::nullopt});
    QVERIFY(onLimit.hasValue());
    QCOMPARE(onLimit->cpu->value, 0.0);
    QVERIFY(std::isnan(onLimit->cpu->lower) && std::isnan(onLimit->cpu->upper));
    QCOMPARE(onLimit->cpk->value, 0.0);
    GEMBA_COMPARE_REL(*onLimit->ppmWithin.aboveUsl, 500000.0, 1e-15);

    // Mean outside the limits: Cpu = (9-10)/4.5 = -2/9 < 0; the interval ends are ordered.
    const auto outside = stats::processCapability(v, 1.5, "given", {std::nullopt, 9.0, std::nullopt});
    QVERIFY(outside.hasValue());
    GEMBA_COMPARE_REL(outside->cpu->value, -2.0 / 9.0, 1e-15);
    QVERIFY(outside->cpu->lower < outside->cpu->value && outside->cpu->value < outside->cpu->upper);

    // Limits far away (Cpk = 100/4.5 ≈ 22, z = 66.7): the expected fraction underflows to 0,
    // Z.bench falls back to the nearest limit's z = (10 - (-90))/1.5 = 66.666…
    const auto far = stats::processCapability(v, 1.5, "given", {-90.0, 200.0, std::nullopt});
    QVERIFY(far.hasValue());
    QCOMPARE(far->ppmWithin.total, 0.0);
    GEMBA_COMPARE_REL(far->zBenchWithin, 100.0 / 1.5, 1e-15);
}

QTEST_GUILESS_MAIN(TestCapability)
#include "tst_capability.moc"
