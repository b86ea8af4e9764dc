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
// Exact constants from ../shared/reference/control_chart_constants.csv.
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
