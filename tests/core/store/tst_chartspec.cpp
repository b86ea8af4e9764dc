// Tests of saved control charts: the JSON text of every field and its errors, and the charts
// in a project (add, update, remove, list), going and coming back with their study, process.
#include "store/chartspec.h"
#include "store/project.h"

#include "storetestsupport.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;
using namespace gemba::store;
using namespace gemba::study;

namespace {

// Every field set to something other than its default.
ChartSpec fullSpec()
{
    ChartSpec spec;
    spec.id = 17;
    spec.processId = 3;
    spec.title = "Fit – after kaizen \"B\"";
    spec.source.kind = ChartSourceKind::StepDurations;
    spec.source.studyIds = {5, 9};
    spec.source.stepId = 12;
    spec.source.dataSetId = 4;
    spec.source.valueColumn = "width";
    spec.source.sizeColumn = "n";
    spec.source.subgroupBy = SubgroupBy::Shift;
    spec.source.subgroupSize = 5;
    spec.source.subgroupColumn = "lot";
    spec.source.shiftStartMinutes = {360, 840, 1320};
    spec.type = stats::ChartType::XbarS;
    spec.rules = "1,2:8,7";
    spec.sigmaMethod = "pooled";
    spec.nsigmas = 2.5;
    spec.exclusions = {101, 7, 9'007'199'254'740'993};   // past 2^53: kept as an integer
    spec.stageStarts = {140};
    spec.lockedLimits = LockedLimits{13.785146000000001, 0.1 + 0.2, 25, 139};
    spec.specLimits = {10.0, std::nullopt, 12.5};
    spec.notes = {{101, "dropped part", "tray moved", 1'700'000'000'123'456}, {140, "", "retrained", -1}};
    return spec;
}

struct Sample {
    Id process = 0;
    Id step = 0;
    std::vector<Id> studies;
};

Sample addSample(Project& p)
{
    Sample s;
    Process process{0, "Kitting", ""};
    if (!p.addProcess(process))
        qFatal("addProcess");
    s.process = process.id;
    Step step;
    step.processId = process.id;
    step.name = "Fit";
    if (!p.addStep(step))
        qFatal("addStep");
    s.step = step.id;
    for (int k = 0; k < 2; ++k) {
        Study st;
        st.processId = process.id;
        if (!p.addStudy(st))
            qFatal("addStudy");
        s.studies.push_back(st.id);
        Cycle cycle{0, st.id, 1};
        if (!p.addCycle(cycle))
            qFatal("addCycle");
        Observation o;
        o.studyId = st.id;
        o.cycleId = cycle.id;
        o.stepId = step.id;
        o.startUs = 1000 * (k + 1);
        o.endUs = o.startUs + 500;
        o.durationUs = 500;
        if (!p.addObservation(o))
            qFatal("addObservation");
    }
    return s;
}

ChartSpec studyChart(const Sample& s, std::vector<Id> studies, const std::string& title)
{
    ChartSpec spec;
    spec.title = title;
    spec.source.kind = ChartSourceKind::StepDurations;
    spec.source.studyIds = std::move(studies);
    spec.source.stepId = s.step;
    spec.exclusions = {1};
    spec.notes = {{1, "jam", "cleared", 5}};
    return spec;
}

} // namespace

class TestChartSpec : public QObject {
    Q_OBJECT

private slots:
    void init();
    void jsonRoundTripOfEveryField();
    void jsonDefaultsRoundTrip();
    void jsonHasAVersion();
    void badJsonIsAClearError_data();
    void badJsonIsAClearError();
    void addUpdateRemove();
    void addKeepsAGivenId();
    void refusesWhatItCannotBelongTo();
    void studyDeletionUndoneBringsItsChartsBack();
    void chartOfSeveralStudiesOutlivesOneOfThem();
    void processDeletionUndoneBringsItsChartsBack();

private:
    std::unique_ptr<Project> open()
    {
        auto p = Project::open((m_dir->path() + "/p.gemba").toStdString());
        if (!p)
            qFatal("%s", p.error().message.c_str());
        return std::move(p).value();
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestChartSpec::init() { m_dir = std::make_unique<QTemporaryDir>(); }

void TestChartSpec::jsonRoundTripOfEveryField()
{
    const ChartSpec spec = fullSpec();
    const std::string text = toJson(spec);
    GEMBA_TRY(back, chartSpecFromJson(text));
    QCOMPARE(back->id, spec.id);
    QCOMPARE(back->processId, spec.processId);
    QCOMPARE(back->title, spec.title);
    QVERIFY(back->source == spec.source);
    QCOMPARE(back->type, spec.type);
    QCOMPARE(back->rules, spec.rules);
    QCOMPARE(back->sigmaMethod, spec.sigmaMethod);
    QCOMPARE(back->nsigmas, spec.nsigmas);
    QVERIFY(back->exclusions == spec.exclusions);
    QVERIFY(back->stageStarts == spec.stageStarts);
    QVERIFY(back->lockedLimits == spec.lockedLimits);
    QCOMPARE(back->lockedLimits->sigma, 0.1 + 0.2);   // every bit
    QVERIFY(back->specLimits == spec.specLimits);
    QVERIFY(back->notes == spec.notes);
    QVERIFY(*back == spec);
    QCOMPARE(toJson(*back), text);   // stable text
    // Each source kind and subgrouping has its own name.
    for (auto kind : {ChartSourceKind::StepDurations, ChartSourceKind::CycleTotal, ChartSourceKind::DataSetColumn})
        QVERIFY(chartSourceKindFromString(toString(kind)) == std::optional(kind));
    for (auto by : {SubgroupBy::None, SubgroupBy::CycleRange, SubgroupBy::Study, SubgroupBy::Day, SubgroupBy::Shift,
                    SubgroupBy::Column})
        QVERIFY(subgroupByFromString(toString(by)) == std::optional(by));
}

void TestChartSpec::jsonDefaultsRoundTrip()
{
    const ChartSpec spec;
    GEMBA_TRY(back, chartSpecFromJson(toJson(spec)));
    QVERIFY(*back == spec);
    QVERIFY(!back->processId && !back->lockedLimits && !back->specLimits.lsl);
}

void TestChartSpec::jsonHasAVersion()
{
    const std::string text = toJson(fullSpec());
    QVERIFY2(test::contains(text, "\"version\":1"), text.c_str());
    QVERIFY(test::contains(text, "\"type\":\"xbar-s\""));
    QVERIFY(test::contains(text, "\"subgroupBy\":\"shift\""));
}

void TestChartSpec::badJsonIsAClearError_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");
    const std::string good = toJson(fullSpec());
    auto with = [&](const std::string& from, const std::string& to) {
        std::string t = good;
        const auto at = t.find(from);
        if (at == std::string::npos)
            qFatal("%s not in %s", from.c_str(), t.c_str());
        return QString::fromStdString(t.replace(at, from.size(), to));
    };
    QTest::newRow("not json") << "{\"version\": 1," << "chart spec: not JSON (";
    QTest::newRow("not an object") << "[1, 2]" << "chart spec: not a JSON object";
    QTest::newRow("no version") << with(",\"version\":1", "") << "chart spec: 'version' is missing";
    QTest::newRow("newer") << with("\"version\":1", "\"version\":2")
                           << "chart spec: version 2 is newer than this program reads (1)";
    QTest::newRow("type") << with("\"xbar-s\"", "\"pie\"")
                          << "chart spec: 'type' 'pie' is not a chart type (imr, xbar-r, xbar-s, p, np, c, u)";
    QTest::newRow("rules") << with("\"1,2:8,7\"", "\"1,9\"") << "chart spec: 'rules' '1,9': ";
    QTest::newRow("sigma") << with("\"pooled\"", "\"guess\"") << "chart spec: 'sigmaMethod' 'guess' is not a sigma method";
    QTest::newRow("nsigmas") << with("\"nsigmas\":2.5", "\"nsigmas\":-1") << "chart spec: 'nsigmas' must be positive";
    QTest::newRow("source kind") << with("\"step-durations\"", "\"oee\"")
                                 << "chart spec: 'source.kind' 'oee' is not a source";
    QTest::newRow("study id") << with("[5,9]", "[5,\"nine\"]") << "chart spec: 'source.studyIds[1]' must be a whole number";
    QTest::newRow("shift") << with("[360,840,1320]", "[360,1440]")
                           << "chart spec: 'source.shiftStartMinutes[1]' must be between 0 and 1439";
    QTest::newRow("exclusion") << with("\"exclusions\":[7,", "\"exclusions\":[7.5,")
                               << "chart spec: 'exclusions[0]' must be a whole number";
    QTest::newRow("locked") << with("\"pointCount\":25", "\"pointCount\":\"25\"")
                            << "chart spec: 'lockedLimits.pointCount' must be a whole number";
    QTest::newRow("last phase I point") << with("\"lastPhaseOnePoint\":139", "\"lastPhaseOnePoint\":true")
                                        << "chart spec: 'lockedLimits.lastPhaseOnePoint' must be a whole number";
    QTest::newRow("note") << with("{\"actionTaken\":\"tray moved\",", "{\"actionTaken\":3,")
                          << "chart spec: 'notes[0].actionTaken' must be text";
    QTest::newRow("note key") << with("\"pointKey\":101,", "") << "chart spec: 'notes[0].pointKey' is missing";
}

void TestChartSpec::badJsonIsAClearError()
{
    QFETCH(QString, json);
    QFETCH(QString, message);
    auto r = chartSpecFromJson(json.toStdString());
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::ParseError);
    QVERIFY2(r.error().message.starts_with(message.toStdString()), r.error().message.c_str());
}

void TestChartSpec::addUpdateRemove()
{
    auto p = open();
    const Sample s = addSample(*p);
    ChartSpec spec = studyChart(s, {s.studies[0]}, "Fit, study 1");
    GEMBA_TRY(id, p->addChart(spec));
    spec.id = *id;
    spec.processId = s.process;   // filled in from the study
    GEMBA_TRY(read, p->chart(*id));
    QVERIFY(*read == spec);
    QCOMPARE(test::rawText(p->handle(), "SELECT kind FROM analyses"), std::string("control-chart"));
    QCOMPARE(test::rawInt(p->handle(), "SELECT study_id FROM analyses"), s.studies[0]);

    spec.title = "renamed";
    spec.lockedLimits = LockedLimits{0.5, 0.01, 2, std::nullopt};
    spec.notes.push_back({2, "new cause", "new action", 6});
    QVERIFY(p->updateChart(spec).hasValue());
    GEMBA_TRY(updated, p->chart(*id));
    QVERIFY(*updated == spec);

    ChartSpec other = studyChart(s, {s.studies[0], s.studies[1]}, "both");
    GEMBA_TRY(otherId, p->addChart(other));
    GEMBA_TRY(ofProcess, p->charts(s.process));
    QCOMPARE(ofProcess->size(), std::size_t(2));
    QCOMPARE(ofProcess->at(0).id, *id);
    QCOMPARE(ofProcess->at(1).id, *otherId);
    GEMBA_TRY(all, p->charts());
    QCOMPARE(all->size(), std::size_t(2));
    GEMBA_TRY(none, p->charts(s.process + 1));
    QVERIFY(none->empty());

    QVERIFY(p->removeChart(*id).hasValue());
    QCOMPARE(p->chart(*id).error().message, "no chart with id " + std::to_string(*id));
    QCOMPARE(p->removeChart(*id).error().code, ErrorCode::InvalidArgument);
    spec.id = 999;
    QCOMPARE(p->updateChart(spec).error().message, std::string("no chart with id 999"));
    // Other kinds of analyses are not charts.
    QVERIFY(test::rawExec((m_dir->path() + "/p.gemba").toStdString(),
                          "INSERT INTO analyses (id, kind, process_id) VALUES (500, 'takt', 1)"));
    QCOMPARE(p->chart(500).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(p->removeChart(500).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(p->charts()->size(), std::size_t(1));
}

void TestChartSpec::addKeepsAGivenId()
{
    // Redo of a creation, undo of a removal: the chart comes back under its id.
    auto p = open();
    const Sample s = addSample(*p);
    ChartSpec spec = studyChart(s, {s.studies[1]}, "kept");
    GEMBA_TRY(id, p->addChart(spec));
    GEMBA_TRY(saved, p->chart(*id));
    QVERIFY(p->removeChart(*id).hasValue());
    GEMBA_TRY(again, p->addChart(*saved));
    QCOMPARE(*again, *id);
    QVERIFY(*p->chart(*id) == *saved);
    QVERIFY(!p->addChart(*saved));   // the id is taken now
}

void TestChartSpec::refusesWhatItCannotBelongTo()
{
    auto p = open();
    const Sample s = addSample(*p);
    ChartSpec spec = studyChart(s, {}, "none");
    QCOMPARE(p->addChart(spec).error().message, std::string("a chart of a study needs at least one study"));
    spec.source.studyIds = {12345};
    QCOMPARE(p->addChart(spec).error().message, std::string("no study with id 12345"));
    Process other{0, "Other", ""};
    QVERIFY(p->addProcess(other).hasValue());
    Study st;
    st.processId = other.id;
    QVERIFY(p->addStudy(st).hasValue());
    spec.source.studyIds = {s.studies[0], st.id};
    QCOMPARE(p->addChart(spec).error().message, std::string("the studies of one chart must be of one process"));
    spec.source.kind = ChartSourceKind::DataSetColumn;
    spec.source.dataSetId = 77;
    QCOMPARE(p->addChart(spec).error().message, std::string("no data set with id 77"));
    QCOMPARE(test::rawInt(p->handle(), "SELECT count(*) FROM analyses"), std::int64_t(0));
}

void TestChartSpec::studyDeletionUndoneBringsItsChartsBack()
{
    auto p = open();
    const Sample s = addSample(*p);
    GEMBA_TRY(id, p->addChart(studyChart(s, {s.studies[0]}, "first")));
    GEMBA_TRY(before, p->chart(*id));
    GEMBA_TRY(snap, p->studySnapshot(s.studies[0]));
    QCOMPARE(snap->analyses.size(), std::size_t(1));
    QVERIFY(p->removeStudy(s.studies[0]).hasValue());
    QCOMPARE(p->chart(*id).error().code, ErrorCode::InvalidArgument);
    GEMBA_TRY(restored, p->restore(*snap));
    QCOMPARE(*restored, s.studies[0]);
    GEMBA_TRY(after, p->chart(*id));
    QVERIFY(*after == *before);
}

void TestChartSpec::chartOfSeveralStudiesOutlivesOneOfThem()
{
    auto p = open();
    const Sample s = addSample(*p);
    GEMBA_TRY(id, p->addChart(studyChart(s, s.studies, "baseline and after")));
    QCOMPARE(test::rawInt(p->handle(), "SELECT study_id IS NULL FROM analyses"), std::int64_t(1));
    GEMBA_TRY(before, p->chart(*id));
    GEMBA_TRY(snap, p->studySnapshot(s.studies[1]));
    QVERIFY(p->removeStudy(s.studies[1]).hasValue());
    GEMBA_TRY(kept, p->chart(*id));
    QVERIFY(*kept == *before);   // it still names both; the study comes back with undo
    QVERIFY(p->restore(*snap).hasValue());
    QVERIFY(*p->chart(*id) == *before);
}

void TestChartSpec::processDeletionUndoneBringsItsChartsBack()
{
    auto p = open();
    const Sample s = addSample(*p);
    GEMBA_TRY(one, p->addChart(studyChart(s, {s.studies[0]}, "one")));
    GEMBA_TRY(both, p->addChart(studyChart(s, s.studies, "both")));
    GEMBA_TRY(before, p->charts(s.process));
    GEMBA_TRY(snap, p->processSnapshot(s.process));
    QVERIFY(p->removeProcess(s.process).hasValue());
    QVERIFY(p->charts()->empty());
    QVERIFY(p->restore(*snap).hasValue());
    GEMBA_TRY(after, p->charts(s.process));
    QVERIFY(*after == *before);
    QCOMPARE(after->size(), std::size_t(2));
    QCOMPARE(after->at(0).id, *one);
    QCOMPARE(after->at(1).id, *both);
}

QTEST_GUILESS_MAIN(TestChartSpec)
#include "tst_chartspec.moc"
