// Hand-checked control charts: every chart type, phase I/II, exclusions, known values, unequal
// subgroups (Minitab's stair-step R and S lines) and the errors for bad input.
#include "stats/chartinput.h"
#include "stats/constants.h"
#include "stats/controlchart.h"
#include "referencedata.h"

#include <QtTest>

#include <cmath>

using namespace gemba;
using namespace gemba::stats;

namespace {
// Exact constants from tests/data/reference/control_chart_constants.csv.
constexpr double kD2_2 = 1.1283791670955123, kD3_2 = 0.8525024664274122;
constexpr double kD2_3 = 1.6925687506432687, kD3_3 = 0.8883680040451973;
constexpr double kD2_4 = 2.0587507460079277, kD3_4 = 0.8798082028249776;
constexpr double kC4_2 = 0.7978845608028654, kC4_3 = 0.886226925452758, kC4_4 = 0.9213177319235613;

ChartOptions nelson()
{
    ChartOptions o;
    o.rules = RuleSet::nelson();
    return o;
}

bool flagged(const ControlChart& c, std::size_t point, int test) { return c.tests[point] & (1u << (test - 1)); }
} // namespace

class TestControlChart : public QObject {
    Q_OBJECT
private slots:
    void individualsAverageMovingRange()
    {
        // x = 1 3 2 5 4: mean 3; moving ranges 2 1 3 1, MR̄ = 1.75, σ = 1.75/d2(2).
        auto a = individualsCharts({1, 3, 2, 5, 4}, {}, nelson());
        QVERIFY(a.hasValue());
        QCOMPARE(a->charts.size(), std::size_t(2));
        const auto& i = a->charts[0];
        const auto& mr = a->charts[1];
        const double sigma = 1.75 / kD2_2;   // 1.5508916...
        GEMBA_COMPARE_REL(i.center, 3.0, 1e-15);
        GEMBA_COMPARE_REL(i.sigma, sigma, 1e-14);
        GEMBA_COMPARE_REL(i.ucl.at(0), 3 + 3 * sigma, 1e-14);
        GEMBA_COMPARE_REL(i.lcl.at(0), 3 - 3 * sigma, 1e-14);
        QCOMPARE(mr.size(), std::size_t(4));
        QCOMPARE(mr.firstObservation, std::size_t(1));
        QCOMPARE(mr.values, (std::vector<double>{2, 1, 3, 1}));
        // MR chart: center d2(2)σ = MR̄ = 1.75; UCL = D4·MR̄ = 1.75·(1 + 3·d3/d2); LCL 0.
        GEMBA_COMPARE_REL(mr.centerLine.at(0), 1.75, 1e-15);
        GEMBA_COMPARE_REL(mr.ucl.at(0), 1.75 * (1 + 3 * kD3_2 / kD2_2), 1e-14);
        QCOMPARE(mr.lcl.at(0), 0.0);
        QCOMPARE(i.sigmaMethod, SigmaMethod::AverageMovingRange);
    }
    void individualsMedianMovingRangeAndSd()
    {
        // Moving ranges 2 1 3 1 sorted 1 1 2 3: median 1.5; σ = 1.5/(√2·Φ⁻¹(0.75)), where
        // √2·Φ⁻¹(0.75) = 0.9538725524089398 (Python: sqrt(2) * NormalDist().inv_cdf(0.75)).
        ChartOptions o;
        o.sigmaMethod = SigmaMethod::MedianMovingRange;
        auto a = individualsCharts({1, 3, 2, 5, 4}, {}, o);
        QVERIFY(a.hasValue());
        GEMBA_COMPARE_REL(a->charts[0].sigma, 1.5 / 0.9538725524089398, 1e-14);
        // sd: S of 1..5 shuffled = √2.5 = 1.5811388; σ = S/c4(5), c4(5) = 0.9399856029866253.
        o.sigmaMethod = SigmaMethod::SampleSd;
        a = individualsCharts({1, 3, 2, 5, 4}, {}, o);
        QVERIFY(a.hasValue());
        GEMBA_COMPARE_REL(a->charts[0].sigma, std::sqrt(2.5) / 0.9399856029866253, 1e-13);
    }
    void individualsPhaseTwoAndExclusion()
    {
        // Phase I = 1 3 2 5 4 (center 3, σ = 1.75/d2(2) = 1.5509, UCL 7.6527); phase II point 10
        // is beyond the UCL, and its moving range |10-4| = 6 beyond the MR UCL 5.7164.
        PointFlags f;
        f.phase = {1, 1, 1, 1, 1, 2};
        auto a = individualsCharts({1, 3, 2, 5, 4, 10}, f, nelson());
        QVERIFY(a.hasValue());
        GEMBA_COMPARE_REL(a->charts[0].center, 3.0, 1e-15);
        GEMBA_COMPARE_REL(a->charts[0].sigma, 1.75 / kD2_2, 1e-14);
        QVERIFY(flagged(a->charts[0], 5, 1));
        QVERIFY(flagged(a->charts[1], 4, 1));
        QCOMPARE(a->phaseOf(5), 2);

        // Excluding point 4 (value 5): center (1+3+2+4)/4 = 2.5; only the moving ranges with
        // both ends used count: |3-1| = 2 and |2-3| = 1, MR̄ = 1.5. Point 4 is still plotted.
        PointFlags e;
        e.excluded = {0, 0, 0, 1, 0};
        a = individualsCharts({1, 3, 2, 5, 4}, e, nelson());
        QVERIFY(a.hasValue());
        GEMBA_COMPARE_REL(a->charts[0].center, 2.5, 1e-15);
        GEMBA_COMPARE_REL(a->charts[0].sigma, 1.5 / kD2_2, 1e-14);
        QCOMPARE(a->charts[0].size(), std::size_t(5));
    }
    void knownValuesAndWidth()
    {
        // Known μ = 10, σ = 1, 2σ limits: 8 and 12; points 1, 2, 3 are all below the LCL.
        ChartOptions o;
        o.knownCenter = 10;
        o.knownSigma = 1;
        o.nsigmas = 2;
        auto a = individualsCharts({1, 2, 3}, {}, o);
        QVERIFY(a.hasValue());
        QCOMPARE(a->charts[0].lcl.at(0), 8.0);
        QCOMPARE(a->charts[0].ucl.at(0), 12.0);
        QCOMPARE(a->charts[0].sigmaMethod, SigmaMethod::Known);
        for (std::size_t p = 0; p < 3; ++p)
            QVERIFY(flagged(a->charts[0], p, 1));
    }
    void xbarRUnequalSubgroups()
    {
        // Subgroups {1,2,3} (n 3, R 2), {2,4} (n 2, R 2), {1,5,3,3} (n 4, R 4).
        // σ (rbar) = (2/d2(3) + 2/d2(2) + 4/d2(4)) / 3; center = 24/9 (all nine values).
        const std::vector<double> v{1, 2, 3, 2, 4, 1, 5, 3, 3};
        auto a = subgroupCharts(ChartType::XbarR, v, {0, 3, 5, 9}, {}, nelson());
        QVERIFY(a.hasValue());
        const double sigma = (2 / kD2_3 + 2 / kD2_2 + 4 / kD2_4) / 3;
        const auto& x = a->charts[0];
        const auto& r = a->charts[1];
        GEMBA_COMPARE_REL(x.sigma, sigma, 1e-14);
        GEMBA_COMPARE_REL(x.center, 24.0 / 9, 1e-15);
        QCOMPARE(x.values, (std::vector<double>{2, 3, 3}));
        // X̄ limits step with n: center ± 3σ/√nᵢ.
        GEMBA_COMPARE_REL(x.ucl.at(1), 24.0 / 9 + 3 * sigma / std::sqrt(2.0), 1e-14);
        GEMBA_COMPARE_REL(x.lcl.at(2), 24.0 / 9 - 3 * sigma / 2, 1e-14);
        QVERIFY(x.limitsVary());
        // R (Minitab): center d2(nᵢ)σ, UCL (d2 + 3d3)σ, LCL max(0, (d2 - 3d3)σ) (0 for n ≤ 6).
        QCOMPARE(r.values, (std::vector<double>{2, 2, 4}));
        GEMBA_COMPARE_REL(r.centerLine.at(0), kD2_3 * sigma, 1e-14);
        GEMBA_COMPARE_REL(r.centerLine.at(1), kD2_2 * sigma, 1e-14);
        GEMBA_COMPARE_REL(r.centerLine.at(2), kD2_4 * sigma, 1e-14);
        GEMBA_COMPARE_REL(r.ucl.at(0), (kD2_3 + 3 * kD3_3) * sigma, 1e-14);
        GEMBA_COMPARE_REL(r.ucl.at(2), (kD2_4 + 3 * kD3_4) * sigma, 1e-14);
        QCOMPARE(r.lcl.at(0), 0.0);
        QVERIFY(std::isnan(r.center));   // the center line varies
    }
    void xbarSUnequalSubgroups()
    {
        // Same subgroups; S = 1, √2, √(8/3) (values 1,5,3,3: mean 3, Σd² = 8, /3).
        // σ (sbar) = (1/c4(3) + √2/c4(2) + √(8/3)/c4(4)) / 3.
        const std::vector<double> v{1, 2, 3, 2, 4, 1, 5, 3, 3};
        auto a = subgroupCharts(ChartType::XbarS, v, {0, 3, 5, 9}, {}, nelson());
        QVERIFY(a.hasValue());
        const double s3 = std::sqrt(8.0 / 3);
        const double sigma = (1 / kC4_3 + std::sqrt(2.0) / kC4_2 + s3 / kC4_4) / 3;
        const auto& s = a->charts[1];
        GEMBA_COMPARE_REL(s.sigma, sigma, 1e-14);
        GEMBA_COMPARE_REL(s.values[2], s3, 1e-15);
        // S (Minitab): center c4(nᵢ)σ, limits σ(c4 ± 3√(1-c4²)), LCL at least 0.
        GEMBA_COMPARE_REL(s.centerLine.at(1), kC4_2 * sigma, 1e-14);
        GEMBA_COMPARE_REL(s.ucl.at(2), sigma * (kC4_4 + 3 * std::sqrt(1 - kC4_4 * kC4_4)), 1e-14);
        QCOMPARE(s.lcl.at(0), 0.0);

        // Pooled: √((2·1 + 1·2 + 3·8/3)/(2+1+3)) / c4(7) = √(12/6)/c4(7); c4(7) = 0.9593687886998827.
        ChartOptions o;
        o.sigmaMethod = SigmaMethod::PooledSd;
        a = subgroupCharts(ChartType::XbarS, v, {0, 3, 5, 9}, {}, o);
        QVERIFY(a.hasValue());
        GEMBA_COMPARE_REL(a->charts[0].sigma, std::sqrt(2.0) / 0.9593687886998827, 1e-13);
    }
    void pChart()
    {
        // D = 2 3 1 of n = 50 100 50: p̄ = 6/200 = 0.03.
        // n = 50: σp = √(0.03·0.97/50) = 0.024124676; UCL = 0.03 + 3σp = 0.10237403; LCL = 0.
        const std::vector<double> d{2, 3, 1}, n{50, 100, 50};
        auto a = attributeChart(ChartType::P, d, n, {}, nelson());
        QVERIFY(a.hasValue());
        const auto& p = a->charts[0];
        GEMBA_COMPARE_REL(p.center, 0.03, 1e-15);
        QCOMPARE(p.values, (std::vector<double>{0.04, 0.03, 0.02}));
        GEMBA_COMPARE_REL(p.ucl.at(0), 0.03 + 3 * std::sqrt(0.03 * 0.97 / 50), 1e-14);
        GEMBA_COMPARE_REL(p.ucl.at(1), 0.03 + 3 * std::sqrt(0.03 * 0.97 / 100), 1e-14);
        QCOMPARE(p.lcl.at(0), 0.0);
        GEMBA_COMPARE_REL(p.sigma, std::sqrt(0.03 * 0.97), 1e-15);

        // np with the same data: center nᵢp̄ = 1.5, 3, 1.5; UCL = 1.5 + 3√(50·0.03·0.97).
        a = attributeChart(ChartType::NP, d, n, {}, nelson());
        QVERIFY(a.hasValue());
        GEMBA_COMPARE_REL(a->charts[0].centerLine.at(1), 3.0, 1e-15);
        GEMBA_COMPARE_REL(a->charts[0].ucl.at(0), 1.5 + 3 * std::sqrt(50 * 0.03 * 0.97), 1e-14);
        QVERIFY(std::isnan(a->charts[0].center));

        // p limits are clipped to [0, 1]: p̄ = 0.9 with n = 10 gives 0.9 + 3·0.0949 > 1.
        auto high = attributeChart(ChartType::P, std::vector<double>{9, 9}, std::vector<double>{10, 10}, {}, {});
        QVERIFY(high.hasValue());
        QCOMPARE(high->charts[0].ucl.at(0), 1.0);
    }
    void cAndUCharts()
    {
        // c: counts 4 6 5 → c̄ = 5; limits 5 ± 3√5 = 11.708, LCL max(0, -1.708) = 0.
        auto c = attributeChart(ChartType::C, std::vector<double>{4, 6, 5}, {}, {}, {});
        QVERIFY(c.hasValue());
        GEMBA_COMPARE_REL(c->charts[0].ucl.at(0), 5 + 3 * std::sqrt(5.0), 1e-15);
        QCOMPARE(c->charts[0].lcl.at(0), 0.0);
        // u: defects 4 6 over 2 and 4 units: ū = 10/6; u₁ = 2, limits ū ± 3√(ū/2).
        auto u = attributeChart(ChartType::U, std::vector<double>{4, 6}, std::vector<double>{2, 4}, {}, {});
        QVERIFY(u.hasValue());
        const double ubar = 10.0 / 6;
        GEMBA_COMPARE_REL(u->charts[0].center, ubar, 1e-15);
        GEMBA_COMPARE_REL(u->charts[0].ucl.at(0), ubar + 3 * std::sqrt(ubar / 2), 1e-14);
        QCOMPARE(u->charts[0].lcl.at(0), 0.0);   // ū - 3√(ū/2) = 1.667 - 2.739 < 0
        QCOMPARE(u->charts[0].values, (std::vector<double>{2, 1.5}));
    }
    void errorsAreValues()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QCOMPARE(individualsCharts({}, {}, {}).error().code, ErrorCode::EmptyData);
        QCOMPARE(individualsCharts({5}, {}, {}).error().code, ErrorCode::TooFewValues);
        QCOMPARE(individualsCharts({2, 2, 2}, {}, {}).error().code, ErrorCode::ZeroSigma);
        QCOMPARE(individualsCharts({1, nan, 2}, {}, {}).error().code, ErrorCode::NotFinite);
        PointFlags allPhase2;
        allPhase2.phase = {2, 2, 2};
        QCOMPARE(individualsCharts({1, 2, 3}, allPhase2, {}).error().code, ErrorCode::TooFewValues);
        ChartOptions badSd;
        badSd.knownSigma = -1;
        QCOMPARE(individualsCharts({1, 2, 3}, {}, badSd).error().code, ErrorCode::OutOfRange);
        ChartOptions wrongMethod;
        wrongMethod.sigmaMethod = SigmaMethod::RBar;
        QCOMPARE(individualsCharts({1, 2, 3}, {}, wrongMethod).error().code, ErrorCode::InvalidArgument);

        // A subgroup of one; a subgroup with no spread at all gives σ = 0.
        QCOMPARE(subgroupCharts(ChartType::XbarR, {1, 2, 3}, {0, 2, 3}, {}, {}).error().code,
                 ErrorCode::TooFewValues);
        QCOMPARE(subgroupCharts(ChartType::XbarR, {1, 1, 3, 3}, {0, 2, 4}, {}, {}).error().code,
                 ErrorCode::ZeroSigma);
        // Range charts need n ≤ 100.
        std::vector<double> big(101);
        for (std::size_t i = 0; i < big.size(); ++i)
            big[i] = static_cast<double>(i % 7);
        QCOMPARE(subgroupCharts(ChartType::XbarR, big, {0, 101}, {}, {}).error().code, ErrorCode::OutOfRange);
        QVERIFY(subgroupCharts(ChartType::XbarS, big, {0, 101}, {}, {}).hasValue());

        const std::vector<double> n{10, 10};
        QCOMPARE(attributeChart(ChartType::P, std::vector<double>{-1, 2}, n, {}, {}).error().code, ErrorCode::OutOfRange);
        QCOMPARE(attributeChart(ChartType::P, std::vector<double>{11, 2}, n, {}, {}).error().code, ErrorCode::OutOfRange);
        QCOMPARE(attributeChart(ChartType::NP, std::vector<double>{1.5, 2}, n, {}, {}).error().code, ErrorCode::OutOfRange);
        QCOMPARE(attributeChart(ChartType::P, std::vector<double>{0, 0}, n, {}, {}).error().code, ErrorCode::ZeroSigma);
        QCOMPARE(attributeChart(ChartType::U, std::vector<double>{1, 2}, std::vector<double>{0, 1}, {}, {}).error().code,
                 ErrorCode::OutOfRange);
        QCOMPARE(attributeChart(ChartType::C, std::vector<double>{1, 2}, std::vector<double>{1, 2}, {}, {}).error().code,
                 ErrorCode::InvalidArgument);
        ChartOptions attrSigma;
        attrSigma.knownSigma = 1;
        QCOMPARE(attributeChart(ChartType::C, std::vector<double>{1, 2}, {}, {}, attrSigma).error().code,
                 ErrorCode::InvalidArgument);
    }
    void testsThatRunOnEachChart()
    {
        // Known μ = 0, σ = 1; the values climb by 0.1, so every moving range is 0.1: below the
        // MR center d2(2) = 1.128 and below its 1σ zone (1.128 - d3(2) = 0.276). Nelson's test 2
        // (9 in a row on one side) and test 6 (4 of 5 beyond 1σ) would flag MR points.
        std::vector<double> x(12);
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = 0.1 * static_cast<double>(i);
        ChartOptions o = nelson();
        o.knownCenter = 0;
        o.knownSigma = 1;
        const std::vector<int> all{1, 2, 3, 4, 5, 6, 7, 8}, first4{1, 2, 3, 4}, first{1};
        auto a = individualsCharts(x, {}, o);
        QVERIFY(a.hasValue());
        QCOMPARE(a->charts[0].rules.enabledTests(), all);
        QCOMPARE(a->charts[1].rules.enabledTests(), first);   // MR: test 1 only by default
        QCOMPARE(a->rules.enabledTests(), all);                  // the set as chosen
        for (std::size_t p = 0; p < a->charts[1].size(); ++p)
            QCOMPARE(a->charts[1].tests[p], std::uint16_t(0));

        // More MR tests on request, still capped to 1-4: test 2 flags the 9th moving range
        // (index 8) and later ones; test 6 never runs.
        o.movingRangeRules = RuleSet::nelson();
        a = individualsCharts(x, {}, o);
        QVERIFY(a.hasValue());
        const auto& mr = a->charts[1];
        QCOMPARE(mr.rules.enabledTests(), first4);
        QCOMPARE(mr.size(), std::size_t(11));
        for (std::size_t p = 0; p < mr.size(); ++p)
            QCOMPARE(mr.tests[p], std::uint16_t(p >= 8 ? 1u << 1 : 0u));

        // No tests chosen: none on the MR chart either.
        o.rules = RuleSet::none();
        o.movingRangeRules.reset();
        a = individualsCharts(x, {}, o);
        QVERIFY(a.hasValue());
        QVERIFY(a->charts[1].rules.enabledTests().empty());

        // R and S charts: ten subgroups {v, v + 0.1} with known σ = 1. Every range is 0.1 and
        // every S is 0.0707, below their 1σ zones (R: 1.128 - 0.853; S: c4(2) - √(1-c4²) =
        // 0.798 - 0.603 = 0.195): test 6 would flag from the 5th point, test 2 flags from the 9th.
        std::vector<double> v;
        std::vector<std::size_t> offsets{0};
        for (int g = 0; g < 10; ++g) {
            v.push_back(0.01 * g);
            v.push_back(0.01 * g + 0.1);
            offsets.push_back(v.size());
        }
        ChartOptions so = nelson();
        so.knownCenter = 0;
        so.knownSigma = 1;
        for (ChartType type : {ChartType::XbarR, ChartType::XbarS}) {
            auto s = subgroupCharts(type, v, offsets, {}, so);
            QVERIFY(s.hasValue());
            QCOMPARE(s->charts[0].rules.enabledTests(), all);
            const auto& spread = s->charts[1];
            QCOMPARE(spread.rules.enabledTests(), first4);
            for (std::size_t p = 0; p < spread.size(); ++p)
                QCOMPARE(spread.tests[p], std::uint16_t(p >= 8 ? 1u << 1 : 0u));
        }

        // c chart, known c = 4 (σ 2, UCL 10): 9 and 9 are 2 of 3 beyond 2σ, which test 5 would
        // flag; attribute charts run tests 1-4 only.
        ChartOptions co = nelson();
        co.knownCenter = 4;
        auto c = attributeChart(ChartType::C, std::vector<double>{9, 9, 4, 4, 4}, {}, {}, co);
        QVERIFY(c.hasValue());
        QCOMPARE(c->charts[0].rules.enabledTests(), first4);
        for (std::size_t p = 0; p < 5; ++p)
            QCOMPARE(c->charts[0].tests[p], std::uint16_t(0));
        const std::vector<double> counts{1, 2, 3}, sizes{10, 10, 10};
        for (ChartType type : {ChartType::P, ChartType::NP, ChartType::U}) {
            auto r = attributeChart(type, counts, sizes, {}, nelson());
            QVERIFY(r.hasValue());
            QCOMPARE(r->charts[0].rules.enabledTests(), first4);
        }

        // The default set (Western Electric: 1, 2, 5, 6) on a skewed chart keeps 1 and 2.
        auto we = subgroupCharts(ChartType::XbarR, v, offsets, {}, {});
        QVERIFY(we.hasValue());
        QCOMPARE(we->charts[0].rules.enabledTests(), (std::vector<int>{1, 2, 5, 6}));
        QCOMPARE(we->charts[1].rules.enabledTests(), (std::vector<int>{1, 2}));
        QCOMPARE(we->charts[1].rules.kOf(2), 8);
    }
    void phaseTwoAgainstKnownValues()
    {
        // Every point phase II: with the center and σ known nothing needs estimating.
        // μ = 10, σ = 2: limits 4 and 16; 17 is beyond the UCL.
        PointFlags f;
        f.phase = {2, 2, 2};
        ChartOptions o;
        o.knownCenter = 10;
        o.knownSigma = 2;
        auto a = individualsCharts({9, 11, 17}, f, o);
        QVERIFY2(a.hasValue(), a.hasValue() ? "" : a.error().message.c_str());
        QCOMPARE(a->charts[0].ucl.at(0), 16.0);
        QCOMPARE(a->charts[0].lcl.at(0), 4.0);
        QVERIFY(flagged(a->charts[0], 2, 1));
        GEMBA_COMPARE_REL(a->charts[1].center, 2 * kD2_2, 1e-15);
        QCOMPARE(a->phaseOf(0), 2);
        // With only the center known, σ still needs phase I values.
        o.knownSigma.reset();
        a = individualsCharts({9, 11, 17}, f, o);
        QVERIFY(!a.hasValue());
        QCOMPARE(a.error().code, ErrorCode::TooFewValues);
        QVERIFY2(a.error().message.find("no phase I") != std::string::npos, a.error().message.c_str());

        // X̄-R, subgroups {9, 11} and {10, 16}: X̄ limits 10 ± 3·2/√2.
        PointFlags g;
        g.phase = {2, 2};
        o.knownSigma = 2;
        auto s = subgroupCharts(ChartType::XbarR, {9, 11, 10, 16}, {0, 2, 4}, g, o);
        QVERIFY2(s.hasValue(), s.hasValue() ? "" : s.error().message.c_str());
        GEMBA_COMPARE_REL(s->charts[0].ucl.at(0), 10 + 3 * 2 / std::sqrt(2.0), 1e-15);
        QCOMPARE(s->charts[0].values, (std::vector<double>{10, 13}));

        // p chart, known p = 0.2, n = 10: UCL 0.2 + 3√(0.016).
        ChartOptions po;
        po.knownCenter = 0.2;
        auto p = attributeChart(ChartType::P, std::vector<double>{1, 3}, std::vector<double>{10, 10}, g, po);
        QVERIFY2(p.hasValue(), p.hasValue() ? "" : p.error().message.c_str());
        GEMBA_COMPARE_REL(p->charts[0].ucl.at(0), 0.2 + 3 * std::sqrt(0.016), 1e-15);
        QCOMPARE(p->charts[0].values, (std::vector<double>{0.1, 0.3}));
    }
    void everyPointExcluded()
    {
        // No phases given: the message speaks of exclusion, not of phase I.
        PointFlags e;
        e.excluded = {1, 1, 1};
        auto a = individualsCharts({1, 2, 3}, e, {});
        QVERIFY(!a.hasValue());
        QCOMPARE(a.error().code, ErrorCode::TooFewValues);
        QVERIFY2(a.error().message.find("every point is excluded") != std::string::npos, a.error().message.c_str());
        QVERIFY(a.error().message.find("phase") == std::string::npos);
        PointFlags e2;
        e2.excluded = {1, 1};
        auto s = subgroupCharts(ChartType::XbarR, {1, 2, 3, 5}, {0, 2, 4}, e2, {});
        QVERIFY(!s.hasValue());
        QVERIFY2(s.error().message.find("every point is excluded") != std::string::npos, s.error().message.c_str());
        auto c = attributeChart(ChartType::C, std::vector<double>{1, 2}, {}, e2, {});
        QVERIFY(!c.hasValue());
        QVERIFY2(c.error().message.find("every point is excluded") != std::string::npos, c.error().message.c_str());
        // With phases, every phase I point excluded.
        PointFlags both;
        both.phase = {1, 1, 2};
        both.excluded = {1, 1, 0};
        a = individualsCharts({1, 2, 3}, both, {});
        QVERIFY(!a.hasValue());
        QVERIFY2(a.error().message.find("every phase I point is excluded") != std::string::npos,
                 a.error().message.c_str());
    }
    void valuesTooLargeToSum()
    {
        // Each value is finite but their sum is not: the same error as `describe` gives.
        const std::string tooLarge = "too large to be summed in double precision";
        auto a = individualsCharts({1e308, 1.5e308, 1.2e308}, {}, {});
        QVERIFY(!a.hasValue());
        QCOMPARE(a.error().code, ErrorCode::OutOfRange);
        QVERIFY2(a.error().message.find(tooLarge) != std::string::npos, a.error().message.c_str());
        // With sd the variance would overflow as well.
        ChartOptions sd;
        sd.sigmaMethod = SigmaMethod::SampleSd;
        a = individualsCharts({1e308, 1.5e308, 1.2e308}, {}, sd);
        QVERIFY(!a.hasValue());
        QVERIFY2(a.error().message.find(tooLarge) != std::string::npos, a.error().message.c_str());
        // The mean is fine but a moving range |1e308 - (-1e308)| overflows.
        a = individualsCharts({1e308, -1e308, 1e308, -1e308}, {}, {});
        QVERIFY(!a.hasValue());
        QCOMPARE(a.error().code, ErrorCode::OutOfRange);
        // Known values whose limits overflow: 1.7e308 + 3·1e307.
        ChartOptions known;
        known.knownCenter = 1.7e308;
        known.knownSigma = 1e307;
        a = individualsCharts({1, 2, 3}, {}, known);
        QVERIFY(!a.hasValue());
        QCOMPARE(a.error().code, ErrorCode::OutOfRange);

        auto s = subgroupCharts(ChartType::XbarR, {1e308, 1.5e308, 1.2e308, 1.1e308}, {0, 2, 4}, {}, {});
        QVERIFY(!s.hasValue());
        QCOMPARE(s.error().code, ErrorCode::OutOfRange);
        QVERIFY2(s.error().message.find(tooLarge) != std::string::npos, s.error().message.c_str());
        QCOMPARE(s.error().item, std::optional<std::size_t>(0));
        // Subgroup sums fine (1.2e308 each), the grand sum is not. (Unequal values that large
        // would overflow the squared deviations of a subgroup's SD first.)
        s = subgroupCharts(ChartType::XbarS, {6e307, 6e307, 6e307, 6e307}, {0, 2, 4}, {}, {});
        QVERIFY(!s.hasValue());
        QVERIFY(!s.error().item);
        QVERIFY2(s.error().message.find(tooLarge) != std::string::npos, s.error().message.c_str());

        auto c = attributeChart(ChartType::C, std::vector<double>{1e308, 1.5e308}, {}, {}, {});
        QVERIFY(!c.hasValue());
        QCOMPARE(c.error().code, ErrorCode::OutOfRange);
        QVERIFY2(c.error().message.find(tooLarge) != std::string::npos, c.error().message.c_str());
    }
    void subgroupErrorNamesItsOwnNumberAfterExclusion()
    {
        // Sizes 3, 3, 101, 3 on an X̄-S chart with σ from ranges (d2 stops at n = 100):
        // subgroup 3 is at fault whichever other subgroup is excluded.
        std::vector<double> v;
        std::vector<std::size_t> offsets{0};
        for (std::size_t n : {3u, 3u, 101u, 3u}) {
            for (std::size_t i = 0; i < n; ++i)
                v.push_back(static_cast<double>(i % 7));
            offsets.push_back(v.size());
        }
        ChartOptions o;
        o.sigmaMethod = SigmaMethod::RBar;
        for (std::size_t excluded : {0u, 1u}) {
            PointFlags f;
            f.excluded = {0, 0, 0, 0};
            f.excluded[excluded] = 1;
            auto a = subgroupCharts(ChartType::XbarS, v, offsets, f, o);
            QVERIFY(!a.hasValue());
            QVERIFY2(a.error().message.rfind("subgroup 3 has 101 values", 0) == 0, a.error().message.c_str());
            QCOMPARE(a.error().item, std::optional<std::size_t>(2));
        }
        // Phase II subgroups before it shift the numbering the same way.
        PointFlags ph;
        ph.phase = {2, 1, 1, 1};
        auto b = subgroupCharts(ChartType::XbarS, v, offsets, ph, o);
        QVERIFY(!b.hasValue());
        QVERIFY2(b.error().message.rfind("subgroup 3 has 101 values", 0) == 0, b.error().message.c_str());

        // Through analyzeChart the subgroup is named by its label.
        ChartColumns cols;
        const char* names[] = {"a", "b", "c", "d"};
        for (std::size_t g = 0; g < 4; ++g)
            for (std::size_t r = offsets[g]; r < offsets[g + 1]; ++r) {
                cols.values.push_back(v[r]);
                cols.labels.emplace_back(names[g]);
            }
        cols.excludedPoints = {0};
        auto p = analyzeChart(ChartType::XbarS, cols, o);
        QVERIFY(!p.hasValue());
        QVERIFY2(p.error().message.rfind("subgroup 'c' has 101 values", 0) == 0, p.error().message.c_str());
    }
    void analyzeGroupsRowsByLabel()
    {
        // Rows labelled a b a b c c: subgroups a = {1,3}, b = {2,4}, c = {5,7} in first-seen order.
        ChartColumns cols;
        cols.values = {1, 2, 3, 4, 5, 7};
        cols.labels = {"a", "b", "a", "b", "c", "c"};
        cols.trial = {1, 1, 1, 1, 0, 0};
        auto p = analyzeChart(ChartType::XbarR, cols, {});
        QVERIFY(p.hasValue());
        QCOMPARE(p->pointLabels, (std::vector<std::string>{"a", "b", "c"}));
        QCOMPARE(p->analysis.charts[0].values, (std::vector<double>{2, 3, 6}));
        QCOMPARE(p->analysis.phaseOf(2), 2);
        // σ from phase I only: R = 2, 2 → σ = 2/d2(2); center = mean(1,2,3,4) = 2.5.
        GEMBA_COMPARE_REL(p->analysis.charts[0].sigma, 2 / kD2_2, 1e-14);
        GEMBA_COMPARE_REL(p->analysis.charts[0].center, 2.5, 1e-15);

        cols.trial = {1, 1, 0, 1, 0, 0};   // subgroup a mixes phases
        auto bad = analyzeChart(ChartType::XbarR, cols, {});
        QVERIFY(!bad.hasValue());
        QVERIFY(bad.error().message.find("'a'") != std::string::npos);

        ChartColumns single;
        single.values = {1, 2, 3};
        single.labels = {"x", "x", "y"};
        auto one = analyzeChart(ChartType::XbarR, single, {});
        QVERIFY(!one.hasValue());
        QVERIFY2(one.error().message.find("subgroup 'y' has only one value") != std::string::npos,
                 one.error().message.c_str());

        ChartColumns excl;
        excl.values = {1, 2, 3};
        excl.excludedPoints = {3};
        QCOMPARE(analyzeChart(ChartType::IMR, excl, {}).error().code, ErrorCode::OutOfRange);
    }
};

QTEST_GUILESS_MAIN(TestControlChart)
#include "tst_controlchart.moc"
