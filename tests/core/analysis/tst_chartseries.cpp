// From a study's observations to chart series: a step's individuals (excluded flagged, foreign
// elements left out), cycle totals (complete cycles only), subgroups by cycle range, study, day
// and shift, several studies as stages; and an X̄-R chart by cycle ranges, computed by hand.
#include "analysis/chartseries.h"
#include "analysis/chartsource.h"
#include "analysis/stagedchart.h"
#include "store/project.h"
#include "referencedata.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstdlib>
#include <map>
#include <numbers>
#include <ctime>

using namespace gemba;
using namespace gemba::analysis;
using namespace gemba::study;

#define GEMBA_TRY(var, expr)                                                                            \
    auto var = (expr);                                                                                  \
    QVERIFY2(var.hasValue(), var.hasValue() ? "" : var.error().message.c_str())

namespace {

constexpr double kD2_2 = 1.1283791670955123, kD3_2 = 0.8525024664274122;   // control_chart_constants.csv

struct Extra {
    bool excluded = false;
    bool foreign = false;
    std::int64_t wallUs = 0;   // 0: the study's start plus the monotonic time elapsed
};

// Builds processes, studies, cycles and observations through store::Project's API. Each
// observation starts where the previous one of its study ended (continuous timing).
class Builder {
public:
    explicit Builder(store::Project& p) : m_p(p) {}

    Id process(int stepCount, std::vector<Id>& steps)
    {
        Process proc;
        proc.name = "Assembly";
        if (!m_p.addProcess(proc))
            qFatal("addProcess");
        for (int i = 0; i < stepCount; ++i) {
            Step s;
            s.processId = proc.id;
            s.position = i;
            s.name = "step " + std::to_string(i + 1);
            if (!m_p.addStep(s))
                qFatal("addStep");
            steps.push_back(s.id);
        }
        return proc.id;
    }
    Id study(Id processId, const std::string& date, const std::string& observer = "")
    {
        Study s;
        s.processId = processId;
        s.date = date;
        s.observer = observer;
        s.startedWallUs = 1'793'743'200'000'000;   // 2026-11-03 22:00 UTC
        if (!m_p.addStudy(s))
            qFatal("addStudy");
        m_clock[s.id] = 1'000'000'000;
        return s.id;
    }
    Id cycle(Id studyId, int number)
    {
        Cycle c{0, studyId, number};
        if (!m_p.addCycle(c))
            qFatal("addCycle");
        return c.id;
    }
    Id observe(Id studyId, Id cycleId, Id stepId, double seconds, Extra extra = {})
    {
        Observation o;
        o.studyId = studyId;
        o.cycleId = cycleId;
        o.stepId = stepId;
        std::int64_t& t = m_clock[studyId];
        o.startUs = t;
        o.durationUs = std::llround(seconds * 1e6);
        o.endUs = t + o.durationUs;
        o.wallStartUs = extra.wallUs != 0 ? extra.wallUs : 1'793'743'200'000'000 + t;
        o.excluded = extra.excluded;
        o.foreignElement = extra.foreign;
        t = o.endUs;
        if (!m_p.addObservation(o))
            qFatal("addObservation");
        return o.id;
    }

private:
    store::Project& m_p;
    std::map<Id, std::int64_t> m_clock;
};

} // namespace

class TestChartSeries : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Central European time without the tz database: UTC+1, UTC+2 in summer.
        qputenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3");
        tzset();
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto p = store::Project::open((m_dir->path() + "/t.gemba").toStdString());
        QVERIFY(p.hasValue());
        m_project = std::move(p).value();
    }
    void cleanup() { m_project.reset(); }

    void stepIndividualsFlagExcludedAndLeaveOutForeign();
    void cycleTotalsOfCompleteCyclesOnly();
    void severalStudiesAreStages();
    void cycleRangeSubgroups();
    void xbarRByCycleRanges();
    void subgroupsByLocalDayAndShift();
    void subgroupPerStudyIsOneStage();
    void refusesStudiesOfTwoProcesses();
    void savedExclusionsAndPhaseSplits();
    void savedChartOfADataSet();
    void dataSetXbarRBySubgroupColumnByHand();
    void savedChartOfAStudy();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::Project> m_project;
};

void TestChartSeries::stepIndividualsFlagExcludedAndLeaveOutForeign()
{
    Builder b(*m_project);
    std::vector<Id> steps;
    const Id proc = b.process(2, steps);
    const Id s = b.study(proc, "2026-11-03");
    std::vector<Id> ids;
    // Cycle 1: A 10 s, B 5 s. Cycle 2: A 12.5 s (excluded), B 6 s. Cycle 3: a 4 s foreign
    // element interrupting A, A 11 s, B 4.5 s.
    const Id c1 = b.cycle(s, 1);
    ids.push_back(b.observe(s, c1, steps[0], 10.0));
    b.observe(s, c1, steps[1], 5.0);
    const Id c2 = b.cycle(s, 2);
    ids.push_back(b.observe(s, c2, steps[0], 12.5, {.excluded = true}));
    b.observe(s, c2, steps[1], 6.0);
    const Id c3 = b.cycle(s, 3);
    b.observe(s, c3, steps[0], 4.0, {.foreign = true});
    ids.push_back(b.observe(s, c3, steps[0], 11.0));
    b.observe(s, c3, steps[1], 4.5);
    const Id c4 = b.cycle(s, 4);
    ids.push_back(b.observe(s, c4, steps[0], 12.0));

    GEMBA_TRY(r, stepSeries(*m_project, {s}, steps[0]));
    const ChartSeries& series = r->series;
    QCOMPARE(series.values, (std::vector<double>{10.0, 12.5, 11.0, 12.0}));   // the foreign 4 s is no point
    QCOMPARE(series.pointKeys, (std::vector<std::int64_t>{ids[0], ids[1], ids[2], ids[3]}));
    QCOMPARE(series.pointLabels, (std::vector<std::string>{"cycle 1", "cycle 2", "cycle 3", "cycle 4"}));
    QCOMPARE(r->flags.excluded, (std::vector<std::uint8_t>{0, 1, 0, 0}));
    QVERIFY(r->flags.phase.empty());
    QVERIFY(series.stage.empty());
    QVERIFY(series.offsets.empty());
    QCOMPARE(series.unit, std::string("s"));

    // The excluded point is plotted but out of the estimates: center (10 + 11 + 12)/3 = 11;
    // the only moving range between two counted values is |12 - 11| = 1, so σ̂ = 1/d2(2).
    GEMBA_TRY(a, stagedChart(stats::ChartType::IMR, series, r->flags, stats::ChartOptions{}));
    QCOMPARE(a->charts[0].values.size(), std::size_t(4));
    GEMBA_COMPARE_REL(a->charts[0].center, 11.0, 1e-15);
    GEMBA_COMPARE_REL(a->charts[0].sigma, 1 / kD2_2, 1e-14);
}

void TestChartSeries::cycleTotalsOfCompleteCyclesOnly()
{
    Builder b(*m_project);
    std::vector<Id> steps;
    const Id proc = b.process(2, steps);
    const Id s = b.study(proc, "2026-11-03");
    std::vector<Id> cycles;
    for (int c = 1; c <= 4; ++c)
        cycles.push_back(b.cycle(s, c));
    b.cycle(s, 5);   // created, nothing recorded in it yet: not a cycle to show or count
    b.observe(s, cycles[0], steps[0], 10.0);
    b.observe(s, cycles[0], steps[1], 5.0);
    b.observe(s, cycles[1], steps[0], 12.5, {.excluded = true});
    b.observe(s, cycles[1], steps[1], 6.0);
    b.observe(s, cycles[2], steps[0], 4.0, {.foreign = true});
    b.observe(s, cycles[2], steps[0], 11.0);
    b.observe(s, cycles[2], steps[1], 4.5);
    b.observe(s, cycles[3], steps[0], 9.0);   // step 2 skipped (or the study ended): incomplete

    GEMBA_TRY(r, cycleTotalSeries(*m_project, {s}));
    // 10 + 5 = 15; 12.5 + 6 = 18.5 (holds an excluded time: flagged); 11 + 4.5 = 15.5 (the
    // foreign 4 s is not part of the cycle's work); cycle 4 (9 s of one step) left out.
    QCOMPARE(r->series.values, (std::vector<double>{15.0, 18.5, 15.5}));
    QCOMPARE(r->series.pointKeys, (std::vector<std::int64_t>{cycles[0], cycles[1], cycles[2]}));
    QCOMPARE(r->series.pointLabels, (std::vector<std::string>{"cycle 1", "cycle 2", "cycle 3"}));
    QCOMPARE(r->flags.excluded, (std::vector<std::uint8_t>{0, 1, 0}));
    QCOMPARE(r->series.omittedPoints, std::size_t(1));
}

void TestChartSeries::severalStudiesAreStages()
{
    Builder b(*m_project);
    std::vector<Id> steps;
    const Id proc = b.process(1, steps);
    const Id base = b.study(proc, "2026-11-03", "A. Observer");
    const Id later = b.study(proc, "2026-12-01", "B. Observer");
    for (int c = 1; c <= 3; ++c)
        b.observe(base, b.cycle(base, c), steps[0], 10.0 + c);
    for (int c = 1; c <= 2; ++c)
        b.observe(later, b.cycle(later, c), steps[0], 8.0 + c);

    // Given later first: the stages follow the order given, not the ids.
    GEMBA_TRY(r, stepSeries(*m_project, {later, base}, steps[0]));
    QCOMPARE(r->series.values, (std::vector<double>{9, 10, 11, 12, 13}));
    QCOMPARE(r->series.stage, (std::vector<int>{0, 0, 1, 1, 1}));
    QCOMPARE(r->series.stageNames,
             (std::vector<std::string>{"2026-12-01 B. Observer", "2026-11-03 A. Observer"}));
    GEMBA_TRY(totals, cycleTotalSeries(*m_project, {base, later}));
    QCOMPARE(totals->series.values, (std::vector<double>{11, 12, 13, 9, 10}));
    QCOMPARE(totals->series.stage, (std::vector<int>{0, 0, 0, 1, 1}));
}

void TestChartSeries::cycleRangeSubgroups()
{
    Builder b(*m_project);
    std::vector<Id> steps;
    const Id proc = b.process(2, steps);
    const Id s = b.study(proc, "2026-11-03");
    // Step 1 over cycles 1-7: 10 12 | 11 14(excluded) 13 | ... in ranges of 3 cycles.
    const double times[] = {10, 12, 11, 14, 13, 12, 9};
    std::vector<Id> ids;
    for (int c = 1; c <= 7; ++c) {
        const Id cycle = b.cycle(s, c);
        ids.push_back(b.observe(s, cycle, steps[0], times[c - 1], {.excluded = c == 4}));
        b.observe(s, cycle, steps[1], 1.0);
    }
    Subgrouping g;
    g.kind = Subgrouping::Kind::CycleRange;
    g.cyclesPerSubgroup = 3;
    GEMBA_TRY(r, subgroupSeries(*m_project, {s}, steps[0], g));
    // Cycles 1-3: 10 12 11; cycles 4-6: 13 12 (14 excluded is a missing value); cycle 7: one
    // value, no subgroup.
    QCOMPARE(r->series.values, (std::vector<double>{10, 12, 11, 13, 12}));
    QCOMPARE(r->series.offsets, (std::vector<std::size_t>{0, 3, 5}));
    QCOMPARE(r->series.pointLabels, (std::vector<std::string>{"cycles 1\u20133", "cycles 4\u20136"}));
    QCOMPARE(r->series.pointKeys, (std::vector<std::int64_t>{ids[0], ids[4]}));   // first value that counts
    QCOMPARE(r->series.omittedPoints, std::size_t(1));
    QCOMPARE(r->flags.excluded, (std::vector<std::uint8_t>{0, 0}));

    g.cyclesPerSubgroup = 0;
    QCOMPARE(subgroupSeries(*m_project, {s}, steps[0], g).error().code, ErrorCode::OutOfRange);
}

void TestChartSeries::xbarRByCycleRanges()
{
    Builder b(*m_project);
    std::vector<Id> steps;
    const Id proc = b.process(1, steps);
    const Id s = b.study(proc, "2026-11-03");
    const double times[] = {10, 12, 11, 14, 12, 11};
    for (int c = 1; c <= 6; ++c)
        b.observe(s, b.cycle(s, c), steps[0], times[c - 1]);
    Subgrouping g;
    g.cyclesPerSubgroup = 2;
    GEMBA_TRY(r, subgroupSeries(*m_project, {s}, steps[0], g));
    QCOMPARE(r->series.pointLabels,
             (std::vector<std::string>{"cycles 1\u20132", "cycles 3\u20134", "cycles 5\u20136"}));
    GEMBA_TRY(a, stagedChart(stats::ChartType::XbarR, r->series, r->flags, stats::ChartOptions{}));
    // Subgroups (10, 12), (11, 14), (12, 11): X̄ = 11, 12.5, 11.5; R = 2, 3, 1, R̄ = 2.
    // Grand mean 70/6 = 11.6667; σ̂ = R̄/d2(2) = 2/1.1283791671 = 1.7724539 (= √π).
    // X̄ limits 70/6 ± 3σ̂/√2 = 11.6667 ± 3.7599424: 15.4266091, 7.9067243.
    // R: center d2σ̂ = 2; UCL (d2 + 3d3)σ̂ = D4·R̄ = 2·(1 + 3·0.8525024664/1.1283791671) = 2·3.2665319 = 6.5330638.
    const auto& xbar = a->charts[0];
    const auto& range = a->charts[1];
    const double sigma = 2 / kD2_2;
    QCOMPARE(xbar.values.size(), std::size_t(3));
    GEMBA_COMPARE_REL(xbar.values[1], 12.5, 1e-15);
    GEMBA_COMPARE_REL(xbar.center, 70.0 / 6, 1e-14);
    GEMBA_COMPARE_REL(xbar.sigma, std::sqrt(std::numbers::pi), 1e-12);
    GEMBA_COMPARE_REL(xbar.ucl.at(0), 70.0 / 6 + 3 * sigma / std::sqrt(2.0), 1e-14);
    GEMBA_COMPARE_REL(xbar.ucl.at(0), 15.4266091, 1e-8);
    GEMBA_COMPARE_REL(xbar.lcl.at(2), 7.9067243, 1e-7);
    QCOMPARE(range.values, (std::vector<double>{2, 3, 1}));
    GEMBA_COMPARE_REL(range.centerLine.at(0), 2.0, 1e-14);
    GEMBA_COMPARE_REL(range.ucl.at(0), 2 * (1 + 3 * kD3_2 / kD2_2), 1e-14);
    GEMBA_COMPARE_REL(range.ucl.at(0), 6.5330638, 1e-7);
}

void TestChartSeries::subgroupsByLocalDayAndShift()
{
    Builder b(*m_project);
    std::vector<Id> steps;
    const Id proc = b.process(1, steps);
    const Id s = b.study(proc, "2026-11-03");
    // Wall-clock starts (UTC) and their local time in CET (UTC+1 in November):
    constexpr std::int64_t h = 3'600'000'000, m = 60'000'000;
    constexpr std::int64_t nov3 = 1'793'664'000'000'000;   // 2026-11-03 00:00 UTC
    struct At {
        std::int64_t utc;
        double seconds;
    } at[] = {
        {nov3 + 22 * h, 10},            // 23:00 local, Nov 3
        {nov3 + 22 * h + 30 * m, 12},   // 23:30 local, Nov 3
        {nov3 + 23 * h + 30 * m, 11},   // 00:30 local, Nov 4 (still Nov 3 in UTC)
        {nov3 + 28 * h + 30 * m, 13},   // 05:30 local, Nov 4
        {nov3 + 29 * h + 10 * m, 9},    // 06:10 local, Nov 4
        {nov3 + 36 * h, 14},            // 13:00 local, Nov 4
        {nov3 + 45 * h + 10 * m, 15},   // 22:10 local, Nov 4
    };
    for (int i = 0; i < 7; ++i)
        b.observe(s, b.cycle(s, i + 1), steps[0], at[i].seconds, {.wallUs = at[i].utc});

    Subgrouping day;
    day.kind = Subgrouping::Kind::Day;
    GEMBA_TRY(d, subgroupSeries(*m_project, {s}, steps[0], day));
    // By local date: Nov 3 {10, 12}; Nov 4 {11, 13, 9, 14, 15}. (By UTC date Nov 3 would hold 11 too.)
    QCOMPARE(d->series.pointLabels, (std::vector<std::string>{"2026-11-03", "2026-11-04"}));
    QCOMPARE(d->series.offsets, (std::vector<std::size_t>{0, 2, 7}));
    QCOMPARE(d->series.values, (std::vector<double>{10, 12, 11, 13, 9, 14, 15}));

    Subgrouping shift;
    shift.kind = Subgrouping::Kind::Shift;
    shift.shiftStartsMinutes = {22 * 60, 6 * 60, 14 * 60};   // any order; numbered by start time
    GEMBA_TRY(sh, subgroupSeries(*m_project, {s}, steps[0], shift));
    // The night shift of Nov 3 (22:00-06:00) holds 23:00, 23:30, 00:30 and 05:30; shift 1 of
    // Nov 4 holds 06:10 and 13:00; 22:10 on Nov 4 is alone in its shift: not a subgroup.
    QCOMPARE(sh->series.pointLabels, (std::vector<std::string>{"shift 3 2026-11-03", "shift 1 2026-11-04"}));
    QCOMPARE(sh->series.offsets, (std::vector<std::size_t>{0, 4, 6}));
    QCOMPARE(sh->series.values, (std::vector<double>{10, 12, 11, 13, 9, 14}));
    QCOMPARE(sh->series.omittedPoints, std::size_t(1));

    shift.shiftStartsMinutes = {6 * 60, 24 * 60};
    QCOMPARE(subgroupSeries(*m_project, {s}, steps[0], shift).error().code, ErrorCode::OutOfRange);
    shift.shiftStartsMinutes = {};
    QCOMPARE(subgroupSeries(*m_project, {s}, steps[0], shift).error().code, ErrorCode::InvalidArgument);
}

void TestChartSeries::subgroupPerStudyIsOneStage()
{
    Builder b(*m_project);
    std::vector<Id> steps;
    const Id proc = b.process(1, steps);
    const Id first = b.study(proc, "2026-11-03");
    const Id second = b.study(proc, "2026-11-10");
    for (int c = 1; c <= 3; ++c)
        b.observe(first, b.cycle(first, c), steps[0], 10.0 + c);
    for (int c = 1; c <= 2; ++c)
        b.observe(second, b.cycle(second, c), steps[0], 20.0 + c);
    Subgrouping g;
    g.kind = Subgrouping::Kind::Study;
    GEMBA_TRY(r, subgroupSeries(*m_project, {first, second}, steps[0], g));
    QCOMPARE(r->series.pointLabels, (std::vector<std::string>{"2026-11-03", "2026-11-10"}));
    QCOMPARE(r->series.offsets, (std::vector<std::size_t>{0, 3, 5}));
    QVERIFY(r->series.stage.empty());
}

void TestChartSeries::refusesStudiesOfTwoProcesses()
{
    Builder b(*m_project);
    std::vector<Id> stepsA, stepsB;
    const Id a = b.study(b.process(1, stepsA), "2026-11-03");
    const Id other = b.study(b.process(1, stepsB), "2026-11-03");
    auto r = stepSeries(*m_project, {a, other}, stepsA[0]);
    QVERIFY(!r.hasValue());
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(stepSeries(*m_project, {}, stepsA[0]).error().code, ErrorCode::InvalidArgument);
    QVERIFY(!stepSeries(*m_project, {a + other + 100}, stepsA[0]).hasValue());
}

void TestChartSeries::savedExclusionsAndPhaseSplits()
{
    Builder b(*m_project);
    std::vector<Id> steps;
    const Id proc = b.process(1, steps);
    const Id base = b.study(proc, "2026-11-03");
    const Id later = b.study(proc, "2026-12-01");
    std::vector<Id> ids;
    const double times[] = {10, 12, 11, 13, 20, 21, 19, 22};
    for (int c = 1; c <= 8; ++c)
        ids.push_back(b.observe(base, b.cycle(base, c), steps[0], times[c - 1], {.excluded = c == 1}));
    for (int c = 1; c <= 3; ++c)
        ids.push_back(b.observe(later, b.cycle(later, c), steps[0], 15.0 + c));

    GEMBA_TRY(r, stepSeries(*m_project, {base, later}, steps[0]));
    // The chart's own exclusions add to the study's (point 0); a deleted observation's key is ignored.
    excludeKeys(*r, {ids[3], 999'999});
    QCOMPARE(r->flags.excluded, (std::vector<std::uint8_t>{1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0}));
    // A split at cycle 5 of the first study; one on a study's first point changes nothing.
    splitStages(r->series, {ids[4], ids[8]});
    QCOMPARE(r->series.stage, (std::vector<int>{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2}));
    QCOMPARE(r->series.stageNames,
             (std::vector<std::string>{"2026-11-03", "2026-11-03, from cycle 5", "2026-12-01"}));

    // Each stage its own limits. Stage 1: 12 and 11 count, mean 11.5, MR̄ 1, σ̂ = 1/d2(2).
    // The split stage: 20 21 19 22, mean 20.5, MR 1 2 3, MR̄ 2, σ̂ = 2/d2(2).
    GEMBA_TRY(a, stagedChart(stats::ChartType::IMR, r->series, r->flags, stats::ChartOptions{}));
    GEMBA_COMPARE_REL(a->charts[0].centerLine.at(0), 11.5, 1e-14);
    GEMBA_COMPARE_REL(a->charts[0].sd.at(0), 1 / kD2_2, 1e-14);
    GEMBA_COMPARE_REL(a->charts[0].centerLine.at(4), 20.5, 1e-14);
    GEMBA_COMPARE_REL(a->charts[0].sd.at(7), 2 / kD2_2, 1e-14);

    // One study, split once: two stages where there was none.
    GEMBA_TRY(one, stepSeries(*m_project, {base}, steps[0]));
    splitStages(one->series, {ids[4]});
    QCOMPARE(one->series.stage, (std::vector<int>{0, 0, 0, 0, 1, 1, 1, 1}));
    GEMBA_TRY(none, stepSeries(*m_project, {base}, steps[0]));
    splitStages(none->series, {ids[0]});
    QVERIFY(none->series.stage.empty());
}

void TestChartSeries::savedChartOfADataSet()
{
    const QString csv = m_dir->path() + "/lots.csv";
    {
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("width,lot,defects,n\n10,A,2,50\n12,A,3,50\n,B,1,50\n11,B,4,50\n13,B,8,50\n12,C,10,50\n");
    }
    GEMBA_TRY(id, m_project->importDataSet(csv.toStdString(), "lots"));
    store::ChartSpec spec;
    spec.source.kind = store::ChartSourceKind::DataSetColumn;
    spec.source.dataSetId = *id;
    spec.source.valueColumn = "width";

    // Individuals: row 3's empty cell is a missing value; keys are 0-based row numbers.
    GEMBA_TRY(imr, seriesOf(*m_project, spec));
    QCOMPARE(imr->series.values, (std::vector<double>{10, 12, 11, 13, 12}));
    QCOMPARE(imr->series.pointKeys, (std::vector<std::int64_t>{0, 1, 3, 4, 5}));
    QCOMPARE(imr->series.pointLabels, (std::vector<std::string>{"row 1", "row 2", "row 4", "row 5", "row 6"}));
    QCOMPARE(imr->series.omittedPoints, std::size_t(1));

    // X̄-R by lot: A {10, 12}; B {11, 13} (its first row is missing); C has one value: left out.
    spec.type = stats::ChartType::XbarR;
    spec.source.subgroupBy = store::SubgroupBy::Column;
    spec.source.subgroupColumn = "lot";
    GEMBA_TRY(lots, seriesOf(*m_project, spec));
    QCOMPARE(lots->series.offsets, (std::vector<std::size_t>{0, 2, 4}));
    QCOMPARE(lots->series.values, (std::vector<double>{10, 12, 11, 13}));
    QCOMPARE(lots->series.pointLabels, (std::vector<std::string>{"A", "B"}));
    QCOMPARE(lots->series.pointKeys, (std::vector<std::int64_t>{0, 3}));
    spec.source.subgroupBy = store::SubgroupBy::CycleRange;   // consecutive rows
    spec.source.subgroupSize = 2;
    GEMBA_TRY(pairs, seriesOf(*m_project, spec));
    QCOMPARE(pairs->series.pointLabels, (std::vector<std::string>{"rows 1\u20132", "rows 5\u20136"}));

    // p chart of defects out of n, a saved exclusion and a phase split at row 5.
    spec.type = stats::ChartType::P;
    spec.source.subgroupBy = store::SubgroupBy::None;
    spec.source.valueColumn = "defects";
    spec.source.sizeColumn = "n";
    spec.exclusions = {5};
    spec.stageStarts = {4};
    GEMBA_TRY(p, seriesOf(*m_project, spec));
    QCOMPARE(p->series.values, (std::vector<double>{2, 3, 1, 4, 8, 10}));
    QCOMPARE(p->series.sizes, (std::vector<double>(6, 50)));
    QCOMPARE(p->flags.excluded, (std::vector<std::uint8_t>{0, 0, 0, 0, 0, 1}));
    QCOMPARE(p->series.stage, (std::vector<int>{0, 0, 0, 0, 1, 1}));
    QCOMPARE(p->series.stageNames, (std::vector<std::string>{"stage 1", "stage 2"}));
    // Stage 2's p̄ from row 5 alone (row 6 excluded): 8/50 = 0.16.
    GEMBA_TRY(options, optionsOf(spec));
    GEMBA_TRY(chart, stagedChart(spec.type, p->series, p->flags, *options));
    GEMBA_COMPARE_REL(chart->charts[0].centerLine.at(5), 0.16, 1e-14);
    GEMBA_COMPARE_REL(chart->charts[0].centerLine.at(0), 10.0 / 200, 1e-14);

    // A source that does not fit the chart type.
    spec.type = stats::ChartType::IMR;
    spec.source.subgroupBy = store::SubgroupBy::Column;
    QCOMPARE(seriesOf(*m_project, spec).error().code, ErrorCode::InvalidArgument);
}

// X̄-R of a data set's column with subgroups given by another column ("batch"), the batches'
// rows interleaved: the subgroups, center and limits worked by hand.
void TestChartSeries::dataSetXbarRBySubgroupColumnByHand()
{
    const QString csv = m_dir->path() + "/batches.csv";
    {
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("batch,width\nA,10\nB,11\nA,12\nB,13\nC,9\nA,14\nB,15\nC,12\nC,15\n");
    }
    GEMBA_TRY(id, m_project->importDataSet(csv.toStdString(), "batches"));
    store::ChartSpec spec;
    spec.source.kind = store::ChartSourceKind::DataSetColumn;
    spec.source.dataSetId = *id;
    spec.source.valueColumn = "width";
    spec.type = stats::ChartType::XbarR;
    spec.source.subgroupBy = store::SubgroupBy::Column;
    spec.source.subgroupColumn = "batch";
    GEMBA_TRY(data, seriesOf(*m_project, spec));
    // In order of first appearance: A rows 1, 3, 6; B rows 2, 4, 7; C rows 5, 8, 9.
    QCOMPARE(data->series.pointLabels, (std::vector<std::string>{"A", "B", "C"}));
    QCOMPARE(data->series.offsets, (std::vector<std::size_t>{0, 3, 6, 9}));
    QCOMPARE(data->series.values, (std::vector<double>{10, 12, 14, 11, 13, 15, 9, 12, 15}));
    QCOMPARE(data->series.pointKeys, (std::vector<std::int64_t>{0, 1, 4}));
    GEMBA_TRY(options, optionsOf(spec));
    GEMBA_TRY(chart, stagedChart(spec.type, data->series, data->flags, *options));
    // Means 12, 13, 12 and ranges 4, 4, 6: X̿ = 37/3, R̄ = 14/3. With n = 3, A2 = 3/(d2 √3) and
    // d2 = 1.692568750 (ASTM STP 15D): UCL = X̿ + A2 R̄ = 12.3333 + 1.0233 · 4.6667 = 17.1089;
    // R chart: D3 = 0, D4 = 1 + 3 d3/d2 = 2.5746 (d3 = 0.8883680, Harter 1960); UCL_R = 12.0148.
    const auto& xbar = chart->charts.at(0);
    const auto& r = chart->charts.at(1);
    QCOMPARE(xbar.values, (std::vector<double>{12, 13, 12}));
    QCOMPARE(r.values, (std::vector<double>{4, 4, 6}));
    const double xbarbar = 37.0 / 3, rbar = 14.0 / 3, d2 = 1.692568750, d3 = 0.8883680;
    const double a2 = 3 / (d2 * std::sqrt(3.0));
    GEMBA_COMPARE_REL(xbar.centerLine.at(0), xbarbar, 1e-14);
    GEMBA_COMPARE_REL(xbar.ucl.at(0), xbarbar + a2 * rbar, 1e-8);
    GEMBA_COMPARE_REL(xbar.lcl.at(0), xbarbar - a2 * rbar, 1e-8);
    GEMBA_COMPARE_REL(xbar.ucl.at(0), 17.1089, 1e-5);
    GEMBA_COMPARE_REL(r.centerLine.at(0), rbar, 1e-14);
    GEMBA_COMPARE_REL(r.ucl.at(0), rbar * (1 + 3 * d3 / d2), 1e-6);
    QCOMPARE(r.lcl.at(0), 0.0);
}

void TestChartSeries::savedChartOfAStudy()
{
    Builder b(*m_project);
    std::vector<Id> steps;
    const Id proc = b.process(1, steps);
    const Id s = b.study(proc, "2026-11-03");
    std::vector<Id> ids;
    for (int c = 1; c <= 4; ++c)
        ids.push_back(b.observe(s, b.cycle(s, c), steps[0], 10.0 + c));
    store::ChartSpec spec;
    spec.source.studyIds = {s};
    spec.source.stepId = steps[0];
    spec.exclusions = {ids[1]};
    spec.rules = "nelson";
    spec.sigmaMethod = "mr-median";
    spec.nsigmas = 2.5;
    GEMBA_TRY(r, seriesOf(*m_project, spec));
    QCOMPARE(r->series.values, (std::vector<double>{11, 12, 13, 14}));
    QCOMPARE(r->flags.excluded, (std::vector<std::uint8_t>{0, 1, 0, 0}));
    GEMBA_TRY(o, optionsOf(spec));
    QCOMPARE(o->rules.name, std::string("nelson"));
    QCOMPARE(*o->sigmaMethod, stats::SigmaMethod::MedianMovingRange);
    QCOMPARE(o->nsigmas, 2.5);
    spec.sigmaMethod = "guess";
    QCOMPARE(optionsOf(spec).error().code, ErrorCode::InvalidArgument);
    spec.type = stats::ChartType::P;
    QCOMPARE(seriesOf(*m_project, spec).error().code, ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestChartSeries)
#include "tst_chartseries.moc"
