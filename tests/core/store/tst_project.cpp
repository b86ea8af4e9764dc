// Tests of store/project: schema and connection settings, round trip of every field, step
// order, refusal of foreign / newer / corrupt files, hostile text, durability under kill -9.
#include "store/database.h"
#include "store/migrations.h"
#include "store/project.h"
#include "study/clock.h"
#include "study/stepsummary.h"
#include "study/stopwatchsession.h"

#include "storetestsupport.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <csignal>
#include <random>
#include <set>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace gemba;
using namespace gemba::store;
using namespace gemba::study;
using gemba::test::fileHash;

class TestProject : public QObject {
    Q_OBJECT

private slots:
    void init();

    void createsSchemaAndSettings();
    void roundTripsEveryField();
    void updatesAndRemoves();
    void stepOrder();
    void removeStepRefusedWhileObserved();
    void removeProcessCascades();
    void removeStudyCascades();
    void hostileTextRoundTrips();
    void pagesAndCounts();
    void undoLapIsOneTransaction();
    void studyKeepsItsElementList();

    void refusesForeignFiles();
    void refusesNewerFiles();
    void refusesNewerFileAfterUncleanExit();
    void blankAndMissingFiles();
    void readOnlyModeWritesNothing();
    void uncleanExitButSoundOpensNormally();
    void corruptAfterUncleanExitOpensReadOnly();
    void killedWriterLosesNoAcknowledgedLap();

private:
    std::string file(const char* name) const { return (m_dir->path() + "/" + name).toStdString(); }

    // A process with three steps, a study, two cycles and six observations.
    struct Sample {
        Process process;
        std::vector<Step> steps;
        Study study;
        std::vector<Cycle> cycles;
        std::vector<Observation> observations;
    };
    static Sample addSample(Project& p);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestProject::init() { m_dir = std::make_unique<QTemporaryDir>(); }

TestProject::Sample TestProject::addSample(Project& p)
{
    Sample s;
    s.process.name = "Final assembly";
    s.process.description = "Line 2, station 4";
    if (!p.addProcess(s.process))
        qFatal("addProcess");
    const char* names[] = {"Pick housing", "Fit cover", "Walk to rack"};
    const StepType types[] = {StepType::Manual, StepType::Machine, StepType::Walk};
    const ValueClass classes[] = {ValueClass::ValueAdding, ValueClass::NecessaryNonValueAdding, ValueClass::Waste};
    for (int i = 0; i < 3; ++i) {
        Step st;
        st.processId = s.process.id;
        st.position = i;
        st.name = names[i];
        st.description = std::string("d") + std::to_string(i);
        st.type = types[i];
        st.valueClass = classes[i];
        st.wasteKind = i == 2 ? WasteKind::Transport : WasteKind::None;
        if (!p.addStep(st))
            qFatal("addStep");
        s.steps.push_back(st);
    }
    s.study.processId = s.process.id;
    s.study.date = "2026-11-23";
    s.study.observer = "A. Observer";
    s.study.location = "Plant 1";
    s.study.shift = "early";
    s.study.notes = "first study";
    s.study.ratingMethod = RatingMethod::PaceRating;
    s.study.allowanceBasis = AllowanceBasis::WorkingTime;
    s.study.allowancePercent = 12.5;
    s.study.startedWallUs = 1'763'900'000'123'456;
    if (!p.addStudy(s.study))
        qFatal("addStudy");
    std::int64_t t = 5'000'000'000;
    for (int c = 1; c <= 2; ++c) {
        Cycle cycle{0, s.study.id, c};
        if (!p.addCycle(cycle))
            qFatal("addCycle");
        s.cycles.push_back(cycle);
        for (const Step& st : s.steps) {
            Observation o;
            o.studyId = s.study.id;
            o.cycleId = cycle.id;
            o.stepId = st.id;
            o.startUs = t;
            o.durationUs = 1'234'567 + c * 1000 + st.position;
            o.endUs = t + o.durationUs;
            o.wallStartUs = s.study.startedWallUs + (t - 5'000'000'000);
            t = o.endUs;
            if (!p.addObservation(o))
                qFatal("addObservation");
            s.observations.push_back(o);
        }
    }
    return s;
}

static bool sameObservation(const Observation& a, const Observation& b)
{
    return a.id == b.id && a.studyId == b.studyId && a.cycleId == b.cycleId && a.stepId == b.stepId &&
           a.startUs == b.startUs && a.endUs == b.endUs && a.wallStartUs == b.wallStartUs &&
           a.durationUs == b.durationUs && a.ratingPercent == b.ratingPercent &&
           a.foreignElement == b.foreignElement && a.abnormal == b.abnormal && a.excluded == b.excluded &&
           a.excludedReason == b.excludedReason && a.spansSuspend == b.spansSuspend && a.note == b.note &&
           a.pausedUs == b.pausedUs;
}

static bool sameStep(const Step& a, const Step& b)
{
    return a.id == b.id && a.processId == b.processId && a.position == b.position && a.name == b.name &&
           a.description == b.description && a.type == b.type && a.valueClass == b.valueClass &&
           a.wasteKind == b.wasteKind && a.kind == b.kind && a.every == b.every && a.everyBasis == b.everyBasis &&
           a.insideStepId == b.insideStepId && a.allowances == b.allowances;
}

static bool sameStudy(const Study& a, const Study& b)
{
    return a.id == b.id && a.processId == b.processId && a.date == b.date && a.observer == b.observer &&
           a.location == b.location && a.shift == b.shift && a.notes == b.notes && a.ratingMethod == b.ratingMethod &&
           a.allowanceBasis == b.allowanceBasis && a.allowancePercent == b.allowancePercent &&
           a.startedWallUs == b.startedWallUs && a.endedWallUs == b.endedWallUs && a.allowances == b.allowances &&
           a.typeAllowances == b.typeAllowances && a.selectedTime == b.selectedTime &&
           a.unitsPerCycle == b.unitsPerCycle && a.operatorName == b.operatorName && a.conditions == b.conditions;
}

void TestProject::createsSchemaAndSettings()
{
    const std::string path = file("new.gemba");
    GEMBA_TRY(p, Project::open(path));
    Project& project = **p;
    QVERIFY(!project.readOnly());
    QVERIFY(project.warning().empty());
    QCOMPARE(project.path(), path);
    sqlite3* db = project.handle();
    QCOMPARE(test::rawInt(db, "PRAGMA application_id"), std::int64_t(kApplicationId));
    QCOMPARE(test::rawInt(db, "PRAGMA user_version"), std::int64_t(kSchemaVersion));
    QCOMPARE(test::rawText(db, "PRAGMA journal_mode"), std::string("wal"));
    QCOMPARE(test::rawInt(db, "PRAGMA synchronous"), std::int64_t(2));   // FULL
    QCOMPARE(test::rawInt(db, "PRAGMA foreign_keys"), std::int64_t(1));
    QCOMPARE(test::rawInt(db, "PRAGMA trusted_schema"), std::int64_t(0));
    QVERIFY(test::rawInt(db, "PRAGMA busy_timeout") >= 1000);
    int defensive = -1;
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
    QCOMPARE(defensive, 1);
    // Defensive mode: the schema cannot be made writable by a statement.
    QCOMPARE(sqlite3_exec(db, "PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql = '' WHERE 0", nullptr,
                          nullptr, nullptr) == SQLITE_OK,
             false);

    for (const char* table :
         {"meta", "processes", "steps", "studies", "cycles", "observations", "analyses", "charters"}) {
        const std::string sql = std::string("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '") +
                                table + "'";
        QVERIFY2(test::rawInt(db, sql.c_str()) == 1, table);
    }
    QCOMPARE(test::rawInt(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND "
                              "name = 'observations_study'"),
             std::int64_t(1));
    QVERIFY(test::contains(test::rawText(db, "SELECT value FROM meta WHERE key = 'created_by'"), "Gemba Workbench"));
    // Reading a study's observations in order uses the index, not a sort or a scan.
    const std::string plan = test::rawLastColumns(
        db, "EXPLAIN QUERY PLAN SELECT id FROM observations WHERE study_id = 1 ORDER BY start_us, id LIMIT 100");
    QVERIFY2(test::contains(plan, "observations_study"), plan.c_str());
    QCOMPARE(test::rawText(db, "PRAGMA foreign_key_check"), std::string());
    QCOMPARE(test::rawText(db, "PRAGMA integrity_check"), std::string("ok"));
}

void TestProject::roundTripsEveryField()
{
    const std::string path = file("round.gemba");
    Sample s;
    {
        GEMBA_TRY(p, Project::open(path));
        s = addSample(**p);
        // Every enum value and both kinds of optional.
        Step st;
        st.processId = s.process.id;
        st.position = 3;
        st.name = "Rework";
        st.type = StepType::Manual;
        st.valueClass = ValueClass::Waste;
        st.wasteKind = WasteKind::UnusedTalent;
        // File format 4: an occasional element every 12.5 units with its own allowances, inside
        // the machine step, which is machine-controlled; the walk occurs every 50 cycles.
        st.kind = ElementKind::Occasional;
        st.every = 12.5;
        st.everyBasis = FrequencyBasis::Units;
        st.insideStepId = s.steps[1].id;
        st.allowances = Allowances{1.5, 2, 0, 3.25};
        QVERIFY((*p)->addStep(st).hasValue());
        s.steps.push_back(st);
        s.steps[1].kind = ElementKind::MachineControlled;
        QVERIFY((*p)->updateStep(s.steps[1]).hasValue());
        s.steps[2].kind = ElementKind::Occasional;
        s.steps[2].every = 50;
        s.steps[2].allowances = Allowances{0, 0, 0, 0};   // an override of nothing, not "none"
        QVERIFY((*p)->updateStep(s.steps[2]).hasValue());
        s.study.allowances = Allowances{5, 4, 2, 4};
        s.study.typeAllowances = {{StepType::Manual, Allowances{6, 5, 1, 3}},
                                  {StepType::Walk, Allowances{5, 2, 0, 0.5}}};
        s.study.selectedTime = SelectedTimeRule::Median;
        s.study.unitsPerCycle = 4;
        s.study.operatorName = "B. Operator";
        s.study.conditions = "night shift, 31 °C";
        QVERIFY((*p)->updateStudy(s.study).hasValue());
        Study ended = s.study;
        ended.id = 0;
        ended.ratingMethod = RatingMethod::None;
        ended.allowanceBasis = AllowanceBasis::NormalTime;
        ended.endedWallUs = 1'763'999'999'000'001;
        QVERIFY((*p)->addStudy(ended).hasValue());
        QVERIFY(ended.id > s.study.id);
        Observation& o = s.observations[1];
        o.ratingPercent = 112.5;
        o.foreignElement = true;
        o.abnormal = true;
        o.excluded = true;
        o.excludedReason = "phone call";
        o.spansSuspend = true;
        o.note = "lid jammed";
        o.pausedUs = 4'250'000;
        QVERIFY((*p)->updateObservation(o).hasValue());
        Observation added = s.observations[0];
        added.id = 0;
        added.pausedUs = 1;
        QVERIFY((*p)->addObservation(added).hasValue());
        s.observations.insert(s.observations.begin() + 1, added);   // same start, a larger id
    }
    for (WasteKind w : {WasteKind::None, WasteKind::Overproduction, WasteKind::Waiting, WasteKind::Transport,
                        WasteKind::OverProcessing, WasteKind::Inventory, WasteKind::Motion, WasteKind::Defects,
                        WasteKind::UnusedTalent})
        QVERIFY(wasteKindFromString(toString(w)) == std::optional<WasteKind>(w));
    QVERIFY(stepTypeFromString("walk") == std::optional<StepType>(StepType::Walk));
    QVERIFY(valueClassFromString("necessary-non-value-adding") ==
            std::optional<ValueClass>(ValueClass::NecessaryNonValueAdding));
    QVERIFY(allowanceBasisFromString("work") == std::optional<AllowanceBasis>(AllowanceBasis::WorkingTime));
    QVERIFY(ratingMethodFromString("pace-rating") == std::optional<RatingMethod>(RatingMethod::PaceRating));
    QVERIFY(!stepTypeFromString("Manual"));
    for (ElementKind k : {ElementKind::Cyclic, ElementKind::Occasional, ElementKind::MachineControlled})
        QVERIFY(elementKindFromString(toString(k)) == std::optional<ElementKind>(k));
    QCOMPARE(toString(ElementKind::MachineControlled), std::string_view("machine"));
    QVERIFY(frequencyBasisFromString("units") == std::optional<FrequencyBasis>(FrequencyBasis::Units));
    QVERIFY(selectedTimeRuleFromString("median") == std::optional<SelectedTimeRule>(SelectedTimeRule::Median));

    QVERIFY(!test::exists(path + "-wal"));   // a clean close leaves no WAL behind
    GEMBA_TRY(p, Project::open(path, OpenMode::ReadOnly));
    Project& project = **p;
    QVERIFY(project.readOnly());
    GEMBA_TRY(processes, project.processes());
    QCOMPARE(processes->size(), std::size_t(1));
    QCOMPARE((*processes)[0].id, s.process.id);
    QCOMPARE((*processes)[0].name, s.process.name);
    QCOMPARE((*processes)[0].description, s.process.description);
    GEMBA_TRY(steps, project.steps(s.process.id));
    QCOMPARE(steps->size(), s.steps.size());
    for (std::size_t i = 0; i < s.steps.size(); ++i)
        QVERIFY2(sameStep((*steps)[i], s.steps[i]), s.steps[i].name.c_str());
    GEMBA_TRY(studies, project.studies(s.process.id));
    QCOMPARE(studies->size(), std::size_t(2));
    QVERIFY(sameStudy((*studies)[0], s.study));
    QCOMPARE((*studies)[1].endedWallUs, std::optional<std::int64_t>(1'763'999'999'000'001));
    // The second study was added with the categories (a copy of the first): addStudy writes them.
    QVERIFY((*studies)[1].typeAllowances == s.study.typeAllowances);
    QCOMPARE((*studies)[1].operatorName, std::string("B. Operator"));
    QVERIFY((*studies)[0].typeAllowances.at(StepType::Walk) == (Allowances{5, 2, 0, 0.5}));
    QVERIFY(!(*steps)[0].allowances);   // no override
    QVERIFY((*steps)[2].allowances == std::optional<Allowances>(Allowances{}));
    GEMBA_TRY(elements, project.studySteps(s.study.id));   // the study's list reads them too
    QVERIFY(sameStep((*elements)[1], s.steps[1]));
    GEMBA_TRY(lean, project.observationsWithoutTexts(s.study.id));
    QCOMPARE((*lean)[2].pausedUs, std::int64_t(4'250'000));
    QCOMPARE((*lean)[1].pausedUs, std::int64_t(1));
    GEMBA_TRY(one, project.observation(s.observations[1].id));
    QCOMPARE(one->pausedUs, std::int64_t(1));
    QVERIFY((*studies)[1].ratingMethod == RatingMethod::None);
    QVERIFY(!(*studies)[0].endedWallUs);
    GEMBA_TRY(cycles, project.cycles(s.study.id));
    QCOMPARE(cycles->size(), std::size_t(2));
    QCOMPARE((*cycles)[1].number, 2);
    QCOMPARE((*cycles)[1].id, s.cycles[1].id);
    GEMBA_TRY(obs, project.observations(s.study.id));
    QCOMPARE(obs->size(), s.observations.size());
    for (std::size_t i = 0; i < obs->size(); ++i)
        QVERIFY2(sameObservation((*obs)[i], s.observations[i]), std::to_string(i).c_str());
    QCOMPARE((*obs)[0].ratingPercent, std::optional<double>());
}

void TestProject::updatesAndRemoves()
{
    GEMBA_TRY(p, Project::open(file("upd.gemba")));
    Project& project = **p;
    Sample s = addSample(project);

    s.process.name = "Renamed";
    QVERIFY(project.updateProcess(s.process).hasValue());
    QCOMPARE((*project.processes())[0].name, std::string("Renamed"));

    Step st = s.steps[1];
    st.name = "Fit and check cover";
    st.type = StepType::Manual;
    st.valueClass = ValueClass::Waste;
    st.wasteKind = WasteKind::Defects;
    st.position = 0;   // ignored: positions change only through reorderSteps
    QVERIFY(project.updateStep(st).hasValue());
    st.position = 1;
    QVERIFY(sameStep((*project.steps(s.process.id))[1], st));

    s.study.observer = "B. Observer";
    s.study.endedWallUs = s.study.startedWallUs + 3'600'000'000;
    QVERIFY(project.updateStudy(s.study).hasValue());
    QVERIFY(sameStudy((*project.studies(s.process.id))[0], s.study));

    QVERIFY(project.removeObservation(s.observations.back().id).hasValue());
    QCOMPARE(*project.observationCount(s.study.id), std::int64_t(5));

    // Ids that do not exist are errors, not silent no-ops.
    Process ghost{999, "x", ""};
    QCOMPARE(project.updateProcess(ghost).error().code, ErrorCode::InvalidArgument);
    QVERIFY(test::contains(project.removeObservation(999).error().message, "no observation with id 999"));
    QVERIFY(!project.removeProcess(999).hasValue());
    Observation bad = s.observations[0];
    bad.id = 999;
    QVERIFY(!project.updateObservation(bad).hasValue());
    // Foreign keys are enforced: an observation of a study that does not exist is refused.
    Observation orphan = s.observations[0];
    orphan.id = 0;
    orphan.studyId = 12345;
    QCOMPARE(project.addObservation(orphan).error().code, ErrorCode::InvalidArgument);
    Step orphanStep;
    orphanStep.processId = 777;
    orphanStep.name = "x";
    QVERIFY(test::contains(project.addStep(orphanStep).error().message, "no process with id 777"));
}

void TestProject::stepOrder()
{
    GEMBA_TRY(p, Project::open(file("steps.gemba")));
    Project& project = **p;
    Process proc{0, "P", ""};
    QVERIFY(project.addProcess(proc).hasValue());
    auto names = [&] {
        std::string out;
        const auto steps = project.steps(proc.id);
        for (const Step& s : *steps)
            out += s.name + std::to_string(s.position) + " ";
        return out;
    };
    auto add = [&](const char* name, int position) {
        Step s;
        s.processId = proc.id;
        s.name = name;
        s.position = position;
        auto id = project.addStep(s);
        return id ? s : Step{};
    };
    const Step a = add("A", 0);
    const Step c = add("C", 99);   // past the end: appended
    QCOMPARE(c.position, 1);
    const Step b = add("B", 1);    // in the middle: C moves down
    const Step z = add("Z", -1);   // negative: appended
    const Step s0 = add("S", 0);   // at the top: all move down
    QCOMPARE(names(), std::string("S0 A1 B2 C3 Z4 "));

    QVERIFY(project.reorderSteps(proc.id, {z.id, c.id, b.id, a.id, s0.id}).hasValue());
    QCOMPARE(names(), std::string("Z0 C1 B2 A3 S4 "));

    // Not a permutation of the process's steps: refused, order unchanged.
    QCOMPARE(project.reorderSteps(proc.id, {z.id, c.id, b.id, a.id}).error().code, ErrorCode::InvalidArgument);
    QVERIFY(!project.reorderSteps(proc.id, {z.id, c.id, b.id, a.id, a.id}).hasValue());
    QVERIFY(!project.reorderSteps(proc.id, {z.id, c.id, b.id, a.id, 4242}).hasValue());
    QCOMPARE(names(), std::string("Z0 C1 B2 A3 S4 "));

    QVERIFY(project.removeStep(c.id).hasValue());   // the gap closes
    QCOMPARE(names(), std::string("Z0 B1 A2 S3 "));
    QVERIFY(project.removeStep(s0.id).hasValue());
    QVERIFY(project.removeStep(z.id).hasValue());
    QCOMPARE(names(), std::string("B0 A1 "));
    QVERIFY(!project.removeStep(z.id).hasValue());
}

void TestProject::removeStepRefusedWhileObserved()
{
    GEMBA_TRY(p, Project::open(file("rm.gemba")));
    Project& project = **p;
    Sample s = addSample(project);
    auto r = project.removeStep(s.steps[1].id);
    QVERIFY(!r.hasValue());
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(test::contains(r.error().message, "'Fit cover'") && test::contains(r.error().message, "2 observations"),
             r.error().message.c_str());
    QCOMPARE(project.steps(s.process.id)->size(), std::size_t(3));
    for (const Observation& o : s.observations)
        if (o.stepId == s.steps[1].id)
            QVERIFY(project.removeObservation(o.id).hasValue());
    QVERIFY(project.removeStep(s.steps[1].id).hasValue());
    QCOMPARE(project.steps(s.process.id)->size(), std::size_t(2));
    QCOMPARE((*project.steps(s.process.id))[1].position, 1);
}

void TestProject::removeProcessCascades()
{
    GEMBA_TRY(p, Project::open(file("cascade.gemba")));
    Project& project = **p;
    Sample s = addSample(project);
    Sample other = addSample(project);
    QVERIFY(project.removeProcess(s.process.id).hasValue());
    QCOMPARE(*project.observationCount(), std::int64_t(6));   // the other process's
    QCOMPARE(project.steps(s.process.id)->size(), std::size_t(0));
    QCOMPARE(project.studies(s.process.id)->size(), std::size_t(0));
    QCOMPARE(project.cycles(s.study.id)->size(), std::size_t(0));
    QCOMPARE(project.steps(other.process.id)->size(), std::size_t(3));
    QCOMPARE(test::rawText(project.handle(), "PRAGMA foreign_key_check"), std::string());
}

void TestProject::removeStudyCascades()
{
    // The timing view discards a study that recorded nothing; its cycles go with it, and the
    // process's other studies stay.
    GEMBA_TRY(p, Project::open(file("rmstudy.gemba")));
    Project& project = **p;
    Sample s = addSample(project);
    Study second = s.study;
    second.id = 0;
    QVERIFY(project.addStudy(second).hasValue());
    QCOMPARE(project.studies(s.process.id)->size(), std::size_t(2));
    QVERIFY(project.removeStudy(s.study.id).hasValue());
    QCOMPARE(project.studies(s.process.id)->size(), std::size_t(1));
    QCOMPARE(project.studies(s.process.id)->front().id, second.id);
    QCOMPARE(project.cycles(s.study.id)->size(), std::size_t(0));
    QCOMPARE(*project.observationCount(), std::int64_t(0));
    QCOMPARE(project.steps(s.process.id)->size(), std::size_t(3));
    const auto again = project.removeStudy(s.study.id);   // gone: an error, not a silent no-op
    QVERIFY(!again.hasValue());
    QCOMPARE(test::rawText(project.handle(), "PRAGMA foreign_key_check"), std::string());
}

void TestProject::hostileTextRoundTrips()
{
    const std::string path = file("hostile.gemba");
    const std::vector<std::string> texts = {
        "'); DROP TABLE observations; --",
        "Robert'); DROP TABLE processes;--",
        "\"quoted\" and 'single' and `back`",
        "emoji 👷‍♀️🏭⏱️ and ümlaut, 日本語",
        std::string(10 * 1024, 'x') + "end",
        std::string("nul\0inside", 10),
        "line\nbreak\r\nand\ttab",
        "%s %n %d ? ?1 :name @x $y",
        "",
    };
    std::vector<Id> ids;
    Id processId = 0;
    {
        GEMBA_TRY(p, Project::open(path));
        Sample s = addSample(**p);
        processId = s.process.id;
        for (const std::string& t : texts) {
            Observation o = s.observations[0];
            o.id = 0;
            o.note = t;
            o.excludedReason = t;
            QVERIFY((*p)->addObservation(o).hasValue());
            ids.push_back(o.id);
            Process proc{0, t, t};
            QVERIFY((*p)->addProcess(proc).hasValue());
            Step st;
            st.processId = proc.id;
            st.name = t;
            st.description = t;
            QVERIFY((*p)->addStep(st).hasValue());
        }
    }
    GEMBA_TRY(p, Project::open(path));
    Project& project = **p;
    GEMBA_TRY(obs, project.observations(1));
    std::size_t found = 0;
    for (const Observation& o : *obs) {
        const auto it = std::find(ids.begin(), ids.end(), o.id);
        if (it == ids.end())
            continue;
        const std::string& expected = texts[static_cast<std::size_t>(it - ids.begin())];
        QCOMPARE(o.note.size(), expected.size());
        QVERIFY(o.note == expected);
        QVERIFY(o.excludedReason == expected);
        ++found;
    }
    QCOMPARE(found, texts.size());
    GEMBA_TRY(processes, project.processes());
    QCOMPARE(processes->size(), texts.size() + 1);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        QVERIFY((*processes)[i + 1].name == texts[i]);
        QVERIFY((*processes)[i + 1].description == texts[i]);
        QVERIFY((*project.steps((*processes)[i + 1].id))[0].name == texts[i]);
    }
    QCOMPARE(project.steps(processId)->size(), std::size_t(3));
    QCOMPARE(test::rawText(project.handle(), "PRAGMA integrity_check"), std::string("ok"));
}

void TestProject::pagesAndCounts()
{
    GEMBA_TRY(p, Project::open(file("pages.gemba")));
    Project& project = **p;
    Sample s = addSample(project);
    Sample other = addSample(project);
    QCOMPARE(*project.observationCount(s.study.id), std::int64_t(6));
    QCOMPARE(*project.observationCount(), std::int64_t(12));
    QCOMPARE(*project.observationCount(4242), std::int64_t(0));
    GEMBA_TRY(page, project.observations(s.study.id, 2, 3));
    QCOMPARE(page->size(), std::size_t(3));
    QCOMPARE((*page)[0].id, s.observations[2].id);
    QCOMPARE((*page)[2].id, s.observations[4].id);
    QCOMPARE(project.observations(s.study.id, 5, 100)->size(), std::size_t(1));
    QCOMPARE(project.observations(s.study.id, 6, 100)->size(), std::size_t(0));
    QCOMPARE(project.observations(other.study.id, 0, 100)->front().id, other.observations[0].id);

    // Start order, not insertion order: an observation inserted later but starting first.
    Observation early = s.observations[0];
    early.id = 0;
    early.startUs = 1;
    early.endUs = 2;
    QVERIFY(project.addObservation(early).hasValue());
    QCOMPARE(project.observations(s.study.id, 0, 1)->front().id, early.id);
}

void TestProject::undoLapIsOneTransaction()
{
    const std::string path = file("undo.gemba");
    GEMBA_TRY(p, Project::open(path));
    Project& project = **p;
    Sample s = addSample(project);
    Study study = s.study;
    study.id = 0;
    QVERIFY(project.addStudy(study).hasValue());

    // Step 1 lapped, then two foreign elements inside step 2. Undoing the lap moves both foreign
    // elements to step 1 and removes step 1's observation: three writes for one key press.
    ManualClock clock;
    StopwatchSession session(study, s.steps, project);
    QVERIFY(session.lap(clock.now()).hasValue());
    clock.advanceSeconds(1);
    QVERIFY(session.lap(clock.now()).hasValue());
    for (int i = 0; i < 2; ++i) {
        clock.advanceSeconds(1);
        QVERIFY(session.toggleForeign(clock.now()).hasValue());
        clock.advanceSeconds(1);
        QVERIFY(session.toggleForeign(clock.now()).hasValue());
    }
    GEMBA_TRY(before, project.observations(study.id));
    QCOMPARE(before->size(), std::size_t(3));

    // The disk fills up after the first update and stays full: every later write fails, so a
    // rollback by further writes would fail too. Only a transaction leaves nothing changed.
    sqlite3* db = project.handle();
    QCOMPARE(sqlite3_exec(db,
                          "CREATE TEMP TABLE update_calls (n INTEGER); INSERT INTO update_calls VALUES (0);"
                          "CREATE TEMP TRIGGER count_updates AFTER UPDATE ON main.observations BEGIN "
                          "  UPDATE update_calls SET n = n + 1; END;"
                          "CREATE TEMP TRIGGER disk_full BEFORE UPDATE ON main.observations "
                          "  WHEN (SELECT n FROM update_calls) >= 1 BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
    QVERIFY(!session.undoLastLap());
    QCOMPARE(test::rawInt(db, "SELECT n FROM update_calls"), std::int64_t(0));
    GEMBA_TRY(after, project.observations(study.id));
    QCOMPARE(after->size(), before->size());
    for (std::size_t i = 0; i < after->size(); ++i)
        QVERIFY2(sameObservation((*after)[i], (*before)[i]), std::to_string(i).c_str());
    QCOMPARE(session.currentStepIndex(), std::size_t(1));

    // The disk has room again: the same undo goes through, all of it.
    QCOMPARE(sqlite3_exec(db, "DROP TRIGGER temp.disk_full", nullptr, nullptr, nullptr), SQLITE_OK);
    QVERIFY(session.undoLastLap().hasValue());
    GEMBA_TRY(undone, project.observations(study.id));
    QCOMPARE(undone->size(), std::size_t(2));
    for (const Observation& o : *undone) {
        QVERIFY(o.foreignElement);
        QCOMPARE(o.stepId, s.steps[0].id);
    }

    // Directly: a removal that fails (no such observation) takes the updates before it back.
    Observation moved = (*undone)[0];
    moved.stepId = s.steps[2].id;
    const std::vector<Observation> change{moved};
    const auto failed = project.undoLap(change, 999'999);
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::InvalidArgument);
    GEMBA_TRY(kept, project.observation(moved.id));
    QCOMPARE(kept->stepId, s.steps[0].id);
}

void TestProject::studyKeepsItsElementList()
{
    GEMBA_TRY(p, Project::open(file("elements.gemba")));
    Project& project = **p;
    const Sample s = addSample(project);   // 3 steps, 2 complete cycles
    const auto ids = [](const std::vector<Step>& steps) {
        std::vector<Id> v;
        for (const Step& st : steps)
            v.push_back(st.id);
        return v;
    };
    GEMBA_TRY(timed, project.studySteps(s.study.id));
    QCOMPARE(ids(*timed), ids(s.steps));
    QCOMPARE((*timed)[2].position, 2);

    // The process changes after the study: a step added in the middle, the order reversed.
    Step added;
    added.processId = s.process.id;
    added.position = 1;
    added.name = "Wipe bench";
    QVERIFY(project.addStep(added).hasValue());
    QVERIFY(project.reorderSteps(s.process.id, {s.steps[2].id, s.steps[1].id, added.id, s.steps[0].id}).hasValue());
    Step renamed = s.steps[0];
    renamed.name = "Pick housing (left hand)";
    QVERIFY(project.updateStep(renamed).hasValue());

    // The study still has its three steps in its order (a rename is the same element) ...
    GEMBA_TRY(kept, project.studySteps(s.study.id));
    QCOMPARE(ids(*kept), ids(s.steps));
    QCOMPARE((*kept)[0].name, renamed.name);
    QCOMPARE((*kept)[1].position, 1);
    // ... so its summary still has two complete cycles and a cycle time, where the process's
    // current steps would find none (no cycle has the new step).
    GEMBA_TRY(obs, project.observations(s.study.id));
    GEMBA_TRY(summary, summarizeSteps(*kept, *obs, s.study));
    QCOMPARE(summary->steps.size(), std::size_t(3));
    QCOMPARE(summary->cycle.completeCycles, std::size_t(2));
    QVERIFY(std::isfinite(summary->cycle.meanSeconds));
    GEMBA_TRY(process, project.steps(s.process.id));
    GEMBA_TRY(against, summarizeSteps(*process, *obs, s.study));
    QCOMPARE(against->cycle.completeCycles, std::size_t(0));

    // A new study is timed against the process as it is now.
    Study next = s.study;
    next.id = 0;
    QVERIFY(project.addStudy(next).hasValue());
    GEMBA_TRY(nextSteps, project.studySteps(next.id));
    QCOMPARE(ids(*nextSteps), ids(*process));

    // A step no observation refers to can still be removed; it leaves the new study's list (the
    // gap closes) and not the old one's, which never had it.
    QVERIFY(project.removeStep(added.id).hasValue());
    GEMBA_TRY(afterRemoval, project.studySteps(next.id));
    QCOMPARE(ids(*afterRemoval), (std::vector<Id>{s.steps[2].id, s.steps[1].id, s.steps[0].id}));
    QCOMPARE((*afterRemoval)[2].position, 2);
    GEMBA_TRY(old, project.studySteps(s.study.id));
    QCOMPARE(ids(*old), ids(s.steps));

    // The study and its list are written together: a study of a process that does not exist
    // leaves neither behind.
    Study orphan = s.study;
    orphan.id = 0;
    orphan.processId = 999;
    QVERIFY(!project.addStudy(orphan).hasValue());
    QCOMPARE(orphan.id, Id(0));
    QCOMPARE(test::rawInt(project.handle(), "SELECT count(*) FROM studies"), std::int64_t(2));
    QCOMPARE(test::rawInt(project.handle(), "SELECT count(*) FROM study_steps"), std::int64_t(6));
    QCOMPARE(test::rawText(project.handle(), "PRAGMA foreign_key_check"), std::string());
}

void TestProject::refusesForeignFiles()
{
    // A text file.
    const std::string text = file("notes.gemba");
    {
        QFile f(QString::fromStdString(text));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Dear diary, this is not a database.\n" + QByteArray(5000, 'z'));
    }
    // Another program's SQLite database, and one without any application id.
    const std::string other = file("other.db");
    QVERIFY(test::rawExec(other, "PRAGMA application_id = 42; CREATE TABLE t (x); INSERT INTO t VALUES (1);"));
    const std::string plain = file("plain.db");
    QVERIFY(test::rawExec(plain, "CREATE TABLE t (x)"));
    // A file shorter than an SQLite header.
    const std::string tiny = file("tiny.gemba");
    {
        QFile f(QString::fromStdString(tiny));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("SQLite");
    }

    for (const std::string& path : {text, other, plain, tiny}) {
        for (OpenMode mode : {OpenMode::ReadWrite, OpenMode::ReadOnly}) {
            const QByteArray before = fileHash(path);
            auto p = Project::open(path, mode);
            QVERIFY2(!p.hasValue(), path.c_str());
            QCOMPARE(p.error().code, ErrorCode::ParseError);
            const std::string& m = p.error().message;
            QVERIFY2(test::contains(m, "'" + path + "'") && test::contains(m, "not a Gemba Workbench project"),
                     m.c_str());
            QCOMPARE(fileHash(path), before);
            QVERIFY(!test::exists(path + "-wal") && !test::exists(path + "-journal"));
        }
    }
    QVERIFY(test::contains(Project::open(other).error().message, "application id 0x0000002A"));
    QVERIFY(test::contains(Project::open(text).error().message, "not an SQLite database"));
}

void TestProject::refusesNewerFiles()
{
    const std::string path = file("newer.gemba");
    {
        GEMBA_TRY(p, Project::open(path));
        addSample(**p);
    }
    QVERIFY(test::rawExec(path, "PRAGMA user_version = " + std::to_string(kSchemaVersion + 1)));
    QVERIFY(!test::exists(path + "-wal"));
    const QByteArray before = fileHash(path);
    for (OpenMode mode : {OpenMode::ReadWrite, OpenMode::ReadOnly}) {
        auto p = Project::open(path, mode);
        QVERIFY(!p.hasValue());
        QCOMPARE(p.error().code, ErrorCode::OutOfRange);
        QVERIFY2(test::contains(p.error().message, "'" + path + "'") && test::contains(p.error().message, "newer") &&
                     test::contains(p.error().message, "file format " + std::to_string(kSchemaVersion + 1)),
                 p.error().message.c_str());
        QCOMPARE(fileHash(path), before);
    }
}

void TestProject::refusesNewerFileAfterUncleanExit()
{
    // With a WAL present the header may be stale, so the refusal comes from a read-only
    // connection; the newer version number lives only in the WAL here.
    const std::string path = file("newerwal.gemba");
    {
        GEMBA_TRY(p, Project::open(path));
    }
    sqlite3* holder = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &holder), SQLITE_OK);
    QCOMPARE(sqlite3_exec(holder, "PRAGMA wal_autocheckpoint = 0; PRAGMA user_version = 7", nullptr, nullptr, nullptr),
             SQLITE_OK);
    QVERIFY(test::exists(path + "-wal"));
    const QByteArray before = fileHash(path);
    auto p = Project::open(path);
    QVERIFY(!p.hasValue());
    QCOMPARE(p.error().code, ErrorCode::OutOfRange);
    QVERIFY(test::contains(p.error().message, "file format 7"));
    QCOMPARE(fileHash(path), before);
    sqlite3_close(holder);
}

void TestProject::blankAndMissingFiles()
{
    const std::string missing = file("missing.gemba");
    auto ro = Project::open(missing, OpenMode::ReadOnly);
    QCOMPARE(ro.error().code, ErrorCode::IoError);
    QVERIFY(!test::exists(missing));
    QCOMPARE(Project::open(file("no/such/dir/x.gemba")).error().code, ErrorCode::IoError);

    // An empty file (as a save dialog may create) becomes a project.
    const std::string empty = file("empty.gemba");
    {
        QFile f(QString::fromStdString(empty));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    QCOMPARE(Project::open(empty, OpenMode::ReadOnly).error().code, ErrorCode::ParseError);
    GEMBA_TRY(p, Project::open(empty));
    QCOMPARE(test::rawInt((*p)->handle(), "PRAGMA application_id"), std::int64_t(kApplicationId));
}

void TestProject::readOnlyModeWritesNothing()
{
    const std::string path = file("ro.gemba");
    {
        GEMBA_TRY(p, Project::open(path));
        addSample(**p);
    }
    const QByteArray before = fileHash(path);
    {
        GEMBA_TRY(p, Project::open(path, OpenMode::ReadOnly));
        Project& project = **p;
        QVERIFY(project.readOnly());
        QVERIFY(project.warning().empty());
        QCOMPARE(*project.observationCount(), std::int64_t(6));
        Process proc{0, "x", ""};
        auto r = project.addProcess(proc);
        QVERIFY(!r.hasValue());
        QVERIFY(test::contains(r.error().message, "read-only"));
        QVERIFY(!project.removeProcess(1).hasValue());
        QCOMPARE(*project.observationCount(), std::int64_t(6));
    }
    QCOMPARE(fileHash(path), before);
    // A read-only open must not leave a WAL behind, or the next open would think it crashed.
    QVERIFY(!test::exists(path + "-wal"));
}

// Opens a project in a child process, adds observations, and leaves without closing anything,
// as a crash would. Returns the number of observations the child acknowledged.
static int crashAfterWriting(const std::string& path, int count, bool checkpoint)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return -1;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        auto p = Project::open(path);
        if (!p)
            ::_exit(2);
        Project& project = **p;
        Process proc{0, "Crash", ""};
        Step st;
        Study study;
        Cycle cycle;
        if (!project.addProcess(proc))
            ::_exit(3);
        st.processId = proc.id;
        st.name = "Only step";
        study.processId = proc.id;
        if (!project.addStep(st) || !project.addStudy(study))
            ::_exit(3);
        cycle.studyId = study.id;
        cycle.number = 1;
        if (!project.addCycle(cycle))
            ::_exit(3);
        for (int i = 0; i < count; ++i) {
            Observation o;
            o.studyId = study.id;
            o.cycleId = cycle.id;
            o.stepId = st.id;
            o.startUs = i * 1000;
            o.endUs = o.startUs + 1000;
            o.durationUs = 1000;
            o.note = std::string(200, static_cast<char>('a' + i % 26));   // fills pages quickly
            if (!project.addObservation(o))
                ::_exit(4);
        }
        if (checkpoint)   // everything into the main file, so corrupting it is not masked by the WAL
            sqlite3_exec(project.handle(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
        const char done = 1;
        (void)!::write(fds[1], &done, 1);
        ::_exit(0);   // no destructors: the connection is never closed
    }
    ::close(fds[1]);
    char done = 0;
    const bool ok = ::read(fds[0], &done, 1) == 1;
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return ok && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? count : -1;
}

void TestProject::uncleanExitButSoundOpensNormally()
{
    const std::string path = file("crashed.gemba");
    QCOMPARE(crashAfterWriting(path, 300, false), 300);
    QVERIFY(test::exists(path + "-wal"));   // what tells us the last session did not close
    GEMBA_TRY(p, Project::open(path));
    QVERIFY(!(*p)->readOnly());
    QVERIFY((*p)->warning().empty());
    QCOMPARE(*(*p)->observationCount(), std::int64_t(300));
    QCOMPARE(test::rawText((*p)->handle(), "PRAGMA integrity_check"), std::string("ok"));
}

void TestProject::corruptAfterUncleanExitOpensReadOnly()
{
    const std::string path = file("corrupt.gemba");
    QCOMPARE(crashAfterWriting(path, 2000, true), 2000);
    QVERIFY(test::exists(path + "-wal"));
    // Overwrite one page in the middle of the file with garbage.
    {
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 pageSize = 4096;
        const qint64 pages = f.size() / pageSize;
        QVERIFY(pages > 20);
        QVERIFY(f.seek((pages / 2) * pageSize));
        QByteArray junk(pageSize, '\0');
        for (int i = 0; i < junk.size(); ++i)
            junk[i] = static_cast<char>((i * 7919 + 13) & 0xff);
        QCOMPARE(f.write(junk), pageSize);
    }
    const QByteArray before = fileHash(path);
    {
        GEMBA_TRY(p, Project::open(path));
        Project& project = **p;
        QVERIFY(project.readOnly());
        QVERIFY2(test::contains(project.warning(), "'" + path + "'") &&
                     test::contains(project.warning(), "not closed cleanly") &&
                     test::contains(project.warning(), "read-only"),
                 project.warning().c_str());
        Process proc{0, "x", ""};
        QVERIFY(!project.addProcess(proc).hasValue());
        QVERIFY(project.processes().hasValue());   // what can still be read, can be read
    }
    QCOMPARE(fileHash(path), before);
    // And again: still read-only, still unchanged.
    {
        GEMBA_TRY(p, Project::open(path));
        QVERIFY((*p)->readOnly());
    }
    QCOMPARE(fileHash(path), before);
}

void TestProject::killedWriterLosesNoAcknowledgedLap()
{
    // A child adds observations as fast as it can and reports each id on a pipe only after
    // addObservation returned; we kill it (SIGKILL) at a random moment. Every id it reported
    // must be in the file, and the file must pass integrity_check.
    const std::string path = file("kill.gemba");
    std::mt19937 rng(20261123);
    std::uniform_int_distribution<int> delayUs(0, 60'000);
    std::int64_t acknowledgedTotal = 0;
    for (int round = 0; round < 12; ++round) {
        int fds[2];
        QVERIFY(::pipe(fds) == 0);
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::close(fds[0]);
            auto p = Project::open(path);
            if (!p)
                ::_exit(2);
            Project& project = **p;
            auto processes = project.processes();
            Process proc{0, "Kill", ""};
            Step st;
            Study study;
            Cycle cycle;
            if (!processes || processes->empty()) {
                if (!project.addProcess(proc))
                    ::_exit(3);
                st.processId = proc.id;
                st.name = "Step";
                if (!project.addStep(st))
                    ::_exit(3);
            } else {
                proc = processes->front();
                st = project.steps(proc.id)->front();
            }
            study.processId = proc.id;
            if (!project.addStudy(study))
                ::_exit(3);
            for (int c = 1;; ++c) {
                cycle = Cycle{0, study.id, c};
                if (!project.addCycle(cycle))
                    ::_exit(4);
                Observation o;
                o.studyId = study.id;
                o.cycleId = cycle.id;
                o.stepId = st.id;
                o.startUs = c;
                o.endUs = c + 1;
                o.durationUs = 1;
                if (!project.addObservation(o))
                    ::_exit(5);
                const std::int64_t id = o.id;
                if (::write(fds[1], &id, sizeof id) != sizeof id)
                    ::_exit(6);
            }
        }
        ::close(fds[1]);
        ::usleep(static_cast<useconds_t>(20'000 + delayUs(rng)));
        ::kill(pid, SIGKILL);
        std::set<std::int64_t> acknowledged;
        std::int64_t id = 0;
        while (::read(fds[0], &id, sizeof id) == sizeof id)
            acknowledged.insert(id);
        ::close(fds[0]);
        int status = 0;
        ::waitpid(pid, &status, 0);
        QVERIFY2(WIFSIGNALED(status), "the writer stopped before it was killed");
        acknowledgedTotal += static_cast<std::int64_t>(acknowledged.size());

        GEMBA_TRY(p, Project::open(path));
        QVERIFY((*p)->warning().empty());
        sqlite3* db = (*p)->handle();
        QCOMPARE(test::rawText(db, "PRAGMA integrity_check"), std::string("ok"));
        QCOMPARE(test::rawText(db, "PRAGMA foreign_key_check"), std::string());
        sqlite3_stmt* s = nullptr;
        QCOMPARE(sqlite3_prepare_v2(db, "SELECT count(*) FROM observations WHERE id = ?", -1, &s, nullptr), SQLITE_OK);
        for (std::int64_t ackId : acknowledged) {
            sqlite3_bind_int64(s, 1, ackId);
            QCOMPARE(sqlite3_step(s), SQLITE_ROW);
            const bool present = sqlite3_column_int64(s, 0) == 1;
            sqlite3_reset(s);
            if (!present) {
                sqlite3_finalize(s);
                QFAIL(qPrintable(QStringLiteral("acknowledged observation %1 lost in round %2").arg(ackId).arg(round)));
            }
        }
        sqlite3_finalize(s);
    }
    QVERIFY2(acknowledgedTotal > 12, "the writer never got going");
    qInfo("%lld acknowledged laps over 12 kills, none lost", static_cast<long long>(acknowledgedTotal));
}

QTEST_GUILESS_MAIN(TestProject)
#include "tst_project.moc"
