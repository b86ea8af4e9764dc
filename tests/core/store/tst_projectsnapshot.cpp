// Tests of deleting and restoring studies, processes and observations (undo of deletions):
// every row comes back with its id and every field; moving observations between steps.
#include "store/project.h"

#include "storetestsupport.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace gemba;
using namespace gemba::store;
using namespace gemba::study;

namespace {

// A process with two steps, two studies (two cycles of both steps each, every field set),
// an analysis of the process and of the first study, and a charter naming the process.
struct Sample {
    Process process;
    std::vector<Step> steps;
    std::vector<Study> studies;
};

Sample addSample(Project& p)
{
    Sample s;
    s.process = {0, "Kitting", "cell 3"};
    if (!p.addProcess(s.process))
        qFatal("addProcess");
    for (int i = 0; i < 2; ++i) {
        Step st;
        st.processId = s.process.id;
        st.position = i;
        st.name = "step " + std::to_string(i);
        st.description = "d" + std::to_string(i);
        st.type = i ? StepType::Walk : StepType::Machine;
        st.valueClass = i ? ValueClass::Waste : ValueClass::ValueAdding;
        st.wasteKind = i ? WasteKind::Motion : WasteKind::None;
        // File format 4: a machine-controlled step, and an occasional one inside it with its own
        // allowances.
        st.kind = i ? ElementKind::Occasional : ElementKind::MachineControlled;
        if (i) {
            st.every = 20;
            st.everyBasis = FrequencyBasis::Units;
            st.insideStepId = s.steps[0].id;
            st.allowances = Allowances{1, 2, 3.5, 4};
        }
        if (!p.addStep(st))
            qFatal("addStep");
        s.steps.push_back(st);
    }
    std::int64_t t = 1'000'000;
    for (int k = 0; k < 2; ++k) {
        Study st;
        st.processId = s.process.id;
        st.date = "2026-12-0" + std::to_string(k + 1);
        st.observer = "obs";
        st.location = "loc";
        st.shift = "late";
        st.notes = "n";
        st.ratingMethod = RatingMethod::None;
        st.allowanceBasis = AllowanceBasis::WorkingTime;
        st.allowancePercent = 11.5;
        st.startedWallUs = 1'700'000'000'000'000 + k;
        st.endedWallUs = 1'700'000'100'000'000 + k;
        st.allowances = Allowances{5, 4, 2, 4.5};
        st.typeAllowances = {{StepType::Walk, Allowances{1, 1.5, 0, 2}}, {StepType::Machine, Allowances{0, 0, 0, 3}}};
        st.selectedTime = SelectedTimeRule::Median;
        st.unitsPerCycle = 2.5;
        st.operatorName = "operator " + std::to_string(k);
        st.conditions = "hot, noisy";
        if (!p.addStudy(st))
            qFatal("addStudy");
        s.studies.push_back(st);
        for (int c = 1; c <= 2; ++c) {
            Cycle cycle{0, st.id, c};
            if (!p.addCycle(cycle))
                qFatal("addCycle");
            for (const Step& step : s.steps) {
                Observation o;
                o.studyId = st.id;
                o.cycleId = cycle.id;
                o.stepId = step.id;
                o.startUs = t;
                o.durationUs = 13'785'146 + c;
                o.endUs = t + o.durationUs + 7;
                o.wallStartUs = 1'700'000'000'000'000 + t;
                o.ratingPercent = c == 1 ? std::optional<double>(105.5) : std::nullopt;
                o.foreignElement = c == 2;
                o.abnormal = true;
                o.excluded = c == 1;
                o.excludedReason = c == 1 ? "dropped part" : "";
                o.spansSuspend = c == 2;
                o.note = "note " + std::to_string(t);
                o.pausedUs = 7;
                t = o.endUs;
                if (!p.addObservation(o))
                    qFatal("addObservation");
            }
        }
    }
    const std::string sql = "INSERT INTO analyses (id, kind, process_id, study_id, title, json, updated_wall_us) VALUES"
                            " (41, 'takt', " + std::to_string(s.process.id) + ", NULL, 't', '{\"a\":1}', 5),"
                            " (42, 'chart', " + std::to_string(s.process.id) + ", " + std::to_string(s.studies[0].id) +
                            ", 'c', '{}', 6);"
                            "INSERT INTO charters (id, process_id, title) VALUES (7, " + std::to_string(s.process.id) +
                            ", 'charter');";
    if (sqlite3_exec(p.handle(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        qFatal("analyses");
    return s;
}

// A text dump of every row the process owns, to compare before deletion and after restore.
QStringList dump(Project& p, Id processId)
{
    QStringList out;
    const std::string pid = std::to_string(processId);
    const std::string sql =
        "SELECT 'p', * FROM processes WHERE id = " + pid + ";"
        "SELECT 's', * FROM steps WHERE process_id = " + pid + " ORDER BY id;"
        "SELECT 't', * FROM studies WHERE process_id = " + pid + " ORDER BY id;"
        "SELECT 'y', * FROM study_type_allowances WHERE study_id IN (SELECT id FROM studies WHERE process_id = " + pid +
        ") ORDER BY study_id, step_type;"
        "SELECT 'c', * FROM cycles WHERE study_id IN (SELECT id FROM studies WHERE process_id = " + pid + ") ORDER BY id;"
        "SELECT 'o', * FROM observations WHERE study_id IN (SELECT id FROM studies WHERE process_id = " + pid +
        ") ORDER BY id;"
        "SELECT 'a', * FROM analyses ORDER BY id;"
        "SELECT 'h', * FROM charters ORDER BY id;";
    sqlite3_exec(
        p.handle(), sql.c_str(),
        [](void* list, int n, char** values, char**) {
            QStringList row;
            for (int i = 0; i < n; ++i)
                row << (values[i] ? QString::fromUtf8(values[i]) : QStringLiteral("NULL"));
            static_cast<QStringList*>(list)->append(row.join(QLatin1Char('|')));
            return 0;
        },
        &out, nullptr);
    return out;
}

std::int64_t count(Project& p, const char* sql)
{
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(p.handle(), sql, -1, &s, nullptr);
    sqlite3_step(s);
    const std::int64_t n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

} // namespace

class TestProjectSnapshot : public QObject {
    Q_OBJECT
private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void processRoundTrip()
    {
        GEMBA_TRY(p, Project::open(file("a.gemba")));
        const Sample s = addSample(**p);
        const QStringList before = dump(**p, s.process.id);
        QCOMPARE(before.size(), 1 + 2 + 2 + 4 + 4 + 8 + 2 + 1);
        GEMBA_TRY(snap, (*p)->processSnapshot(s.process.id));
        QCOMPARE(snap->studies.size(), std::size_t(2));
        QCOMPARE(snap->analyses.size(), std::size_t(1));   // the study's own is in its snapshot
        QCOMPARE(snap->charterIds, std::vector<Id>{7});
        GEMBA_TRY(removed, (*p)->removeProcess(s.process.id));
        QCOMPARE(count(**p, "SELECT count(*) FROM observations"), 0);
        QCOMPARE(count(**p, "SELECT count(*) FROM analyses"), 0);
        QCOMPARE(count(**p, "SELECT count(*) FROM charters WHERE process_id IS NULL"), 1);
        GEMBA_TRY(restored, (*p)->restore(*snap));
        QCOMPARE(*restored, s.process.id);
        QCOMPARE(dump(**p, s.process.id), before);
        GEMBA_TRY(steps, (*p)->steps(s.process.id));
        QCOMPARE((*steps)[1].insideStepId, s.steps[0].id);
        QVERIFY((*steps)[1].allowances == std::optional<Allowances>(Allowances{1, 2, 3.5, 4}));
        GEMBA_TRY(studies, (*p)->studies(s.process.id));
        QCOMPARE(studies->size(), std::size_t(2));
        QCOMPARE((*studies)[1].typeAllowances.size(), std::size_t(2));
        QCOMPARE((*studies)[1].typeAllowances.at(StepType::Walk).basicFatigue, 1.5);
        QCOMPARE((*studies)[1].operatorName, std::string("operator 1"));
    }

    void studyRoundTrip()
    {
        GEMBA_TRY(p, Project::open(file("b.gemba")));
        const Sample s = addSample(**p);
        const QStringList before = dump(**p, s.process.id);
        GEMBA_TRY(snap, (*p)->studySnapshot(s.studies[0].id));
        QCOMPARE(snap->observations.size(), std::size_t(4));
        QCOMPARE(snap->cycles.size(), std::size_t(2));
        QCOMPARE(snap->analyses.size(), std::size_t(1));
        GEMBA_TRY(removed, (*p)->removeStudy(s.studies[0].id));
        QCOMPARE(count(**p, "SELECT count(*) FROM observations"), 4);
        QCOMPARE(count(**p, "SELECT count(*) FROM cycles"), 2);
        QVERIFY(!(*p)->removeStudy(s.studies[0].id));   // gone: an error, not a silent no-op
        GEMBA_TRY(restored, (*p)->restore(*snap));
        QCOMPARE(*restored, s.studies[0].id);
        QCOMPARE(dump(**p, s.process.id), before);
    }

    void observationsRoundTripAndMove()
    {
        GEMBA_TRY(p, Project::open(file("c.gemba")));
        const Sample s = addSample(**p);
        const QStringList before = dump(**p, s.process.id);
        GEMBA_TRY(ofStep, (*p)->observationIdsOfStep(s.steps[1].id));
        QCOMPARE(ofStep->size(), std::size_t(4));
        GEMBA_TRY(rows, (*p)->observationsOf({(*ofStep)[0], (*ofStep)[2]}));
        QCOMPARE((*rows)[1].id, (*ofStep)[2]);
        GEMBA_TRY(removed, (*p)->removeObservations({(*ofStep)[0], (*ofStep)[2]}));
        QCOMPARE(count(**p, "SELECT count(*) FROM observations"), 6);
        // All or none: one unknown id leaves the rest in place.
        QVERIFY(!(*p)->removeObservations({(*ofStep)[1], 999999}));
        QCOMPARE(count(**p, "SELECT count(*) FROM observations"), 6);
        GEMBA_TRY(restored, (*p)->restoreObservations(*rows));
        QCOMPARE(dump(**p, s.process.id), before);

        GEMBA_TRY(moved, (*p)->moveObservations(*ofStep, s.steps[0].id));
        GEMBA_TRY(left, (*p)->observationIdsOfStep(s.steps[1].id));
        QVERIFY(left->empty());
        GEMBA_TRY(gone, (*p)->removeStep(s.steps[1].id));   // unused now
        // A step of another process is refused.
        Process other{0, "Other", ""};
        QVERIFY((*p)->addProcess(other));
        Step foreign;
        foreign.processId = other.id;
        foreign.name = "x";
        QVERIFY((*p)->addStep(foreign));
        QVERIFY(!(*p)->moveObservations(*ofStep, foreign.id));
        GEMBA_TRY(still, (*p)->observationIdsOfStep(s.steps[0].id));
        QCOMPARE(still->size(), std::size_t(8));
    }

    void processKeepsItsIdWhenAddedAgain()
    {
        GEMBA_TRY(p, Project::open(file("d.gemba")));
        Process a{0, "A", ""};
        QVERIFY((*p)->addProcess(a));
        const Id id = a.id;
        QVERIFY((*p)->removeProcess(id));
        Process again{id, "A", ""};
        GEMBA_TRY(back, (*p)->addProcess(again));
        QCOMPARE(*back, id);
        // SQLite gives the largest id out again after a delete: then the id is refused.
        QVERIFY((*p)->removeProcess(id));
        Process b{0, "B", ""};
        QVERIFY((*p)->addProcess(b));
        QCOMPARE(b.id, id);
        Process third{id, "A", ""};
        QVERIFY(!(*p)->addProcess(third));
        QVERIFY(!(*p)->findStudy(12345));
    }

    // Deleted, then new data takes the freed ids: the snapshot comes back under new ids, whole,
    // and the new data is untouched.
    void restoreWhenIdsWereReused()
    {
        GEMBA_TRY(p, Project::open(file("e.gemba")));
        const Sample s = addSample(**p);
        GEMBA_TRY(snap, (*p)->studySnapshot(s.studies[1].id));
        QVERIFY((*p)->removeStudy(s.studies[1].id));
        Study fresh;
        fresh.processId = s.process.id;
        fresh.observer = "new";
        QVERIFY((*p)->addStudy(fresh));
        QCOMPARE(fresh.id, s.studies[1].id);   // reused
        GEMBA_TRY(back, (*p)->restore(*snap));
        QVERIFY(*back != fresh.id);
        GEMBA_TRY(restored, (*p)->studySnapshot(*back));
        QCOMPARE(restored->observations.size(), std::size_t(4));
        QCOMPARE(restored->cycles.size(), std::size_t(2));
        QCOMPARE(restored->study.observer, std::string("obs"));
        QCOMPARE(restored->observations[3].note, snap->observations[3].note);
        QCOMPARE(restored->observations[3].cycleId, restored->cycles[1].id);
        QCOMPARE(restored->observations[3].pausedUs, std::int64_t(7));
        QVERIFY(restored->study.typeAllowances == snap->study.typeAllowances);   // under the new id
        QCOMPARE(count(**p, "SELECT count(*) FROM study_type_allowances"), 4);
        GEMBA_TRY(untouched, (*p)->studySnapshot(fresh.id));
        QCOMPARE(untouched->study.observer, std::string("new"));
        QVERIFY(untouched->observations.empty());

        // A whole process likewise: its steps, studies and observations follow the new ids.
        GEMBA_TRY(psnap, (*p)->processSnapshot(s.process.id));
        QVERIFY((*p)->removeProcess(s.process.id));
        Process other{0, "Other", ""};
        QVERIFY((*p)->addProcess(other));
        QCOMPARE(other.id, s.process.id);
        GEMBA_TRY(pid, (*p)->restore(*psnap));
        QVERIFY(*pid != other.id);
        GEMBA_TRY(steps, (*p)->steps(*pid));
        QCOMPARE(steps->size(), std::size_t(2));
        QCOMPARE((*steps)[1].name, std::string("step 1"));
        // Internal work follows its machine step to the new id.
        QCOMPARE((*steps)[1].insideStepId, (*steps)[0].id);
        GEMBA_TRY(studies, (*p)->studies(*pid));
        QCOMPARE(studies->size(), std::size_t(3));
        GEMBA_TRY(obs, (*p)->observations(studies->front().id));
        QCOMPARE(obs->size(), std::size_t(4));
        QCOMPARE((*obs)[1].stepId, (*steps)[1].id);
        QCOMPARE(count(**p, "SELECT count(*) FROM charters WHERE process_id IS NOT NULL"), 1);

        // Observations come back with their ids, or new ones when those are taken.
        GEMBA_TRY(rows, (*p)->observationsOf({(*obs)[3].id}));
        QVERIFY((*p)->removeObservations({(*obs)[3].id}));
        GEMBA_TRY(same, (*p)->restoreObservations(*rows));
        QCOMPARE(*same, std::vector<Id>{(*obs)[3].id});
        GEMBA_TRY(copy, (*p)->restoreObservations(*rows));
        QVERIFY((*copy)[0] != (*obs)[3].id);
        GEMBA_TRY(copied, (*p)->observation((*copy)[0]));
        QCOMPARE(copied->note, (*rows)[0].note);
        QCOMPARE(copied->durationUs, (*rows)[0].durationUs);
    }

    // File format 4: removing a machine-controlled step makes the steps inside it external
    // (ON DELETE SET NULL); undo (the step back with its id, then restoreStepsInside) puts
    // them back inside it.
    void removingAStepMakesItsInternalWorkExternal()
    {
        GEMBA_TRY(p, Project::open(file("f.gemba")));
        Project& project = **p;
        Process proc{0, "Press", ""};
        QVERIFY(project.addProcess(proc));
        Step machine;
        machine.processId = proc.id;
        machine.name = "press cycle";
        machine.type = StepType::Machine;
        machine.kind = ElementKind::MachineControlled;
        QVERIFY(project.addStep(machine));
        std::vector<Step> internal(2);
        for (std::size_t i = 0; i < internal.size(); ++i) {
            internal[i].processId = proc.id;
            internal[i].name = "deburr " + std::to_string(i);
            internal[i].insideStepId = machine.id;
            internal[i].position = -1;   // at the end
            QVERIFY(project.addStep(internal[i]));
        }
        Step external;
        external.processId = proc.id;
        external.name = "load";
        external.position = -1;
        QVERIFY(project.addStep(external));
        GEMBA_TRY(inside, project.stepsInside(machine.id));
        QCOMPARE(*inside, (std::vector<Id>{internal[0].id, internal[1].id}));

        QVERIFY(project.removeStep(machine.id));
        GEMBA_TRY(after, project.steps(proc.id));
        QCOMPARE(after->size(), std::size_t(3));
        for (const Step& st : *after)
            QCOMPARE(st.insideStepId, Id(0));

        Step back = machine;
        QVERIFY(project.addStep(back));
        QCOMPARE(back.id, machine.id);
        QVERIFY(project.restoreStepsInside(machine.id, *inside));
        GEMBA_TRY(restored, project.steps(proc.id));
        QCOMPARE((*restored)[0].id, machine.id);
        QCOMPARE((*restored)[1].insideStepId, machine.id);
        QCOMPARE((*restored)[2].insideStepId, machine.id);
        QCOMPARE((*restored)[3].insideStepId, Id(0));
        QCOMPARE(test::rawText(project.handle(), "PRAGMA foreign_key_check"), std::string());
    }

    // A step runs inside a step of its own process only, never itself; N of "every N" > 0.
    void refusesBadInternalWorkAndFrequency()
    {
        GEMBA_TRY(p, Project::open(file("g.gemba")));
        Project& project = **p;
        Process a{0, "A", ""}, b{0, "B", ""};
        QVERIFY(project.addProcess(a));
        QVERIFY(project.addProcess(b));
        Step inA;
        inA.processId = a.id;
        inA.name = "machine A";
        QVERIFY(project.addStep(inA));
        Step inB;
        inB.processId = b.id;
        inB.name = "manual B";
        inB.insideStepId = inA.id;
        auto refused = project.addStep(inB);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        inB.insideStepId = 0;
        QVERIFY(project.addStep(inB));
        inB.insideStepId = inA.id;
        QVERIFY(!project.updateStep(inB));
        inB.insideStepId = inB.id;
        QVERIFY(!project.updateStep(inB));
        inB.insideStepId = 0;
        inB.kind = ElementKind::Occasional;
        inB.every = 0;
        QVERIFY(!project.updateStep(inB));
        inB.every = 50;
        QVERIFY(project.updateStep(inB));
        GEMBA_TRY(stored, project.steps(b.id));
        QCOMPARE(stored->front().every, 50.0);
        QVERIFY(stored->front().kind == ElementKind::Occasional);
    }

private:
    std::string file(const char* name) const { return (m_dir->path() + "/" + name).toStdString(); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestProjectSnapshot)
#include "tst_projectsnapshot.moc"
