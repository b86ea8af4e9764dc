// Tests of store/migrations: numbered steps, one transaction per step, from every past version,
// a failing step leaves the file at its old version and unchanged, newer files are refused.
#include "store/database.h"
#include "store/migrations.h"
#include "store/project.h"
#include "study/stepsummary.h"

#include "storetestsupport.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;
using namespace gemba::store;
using gemba::test::fileHash;

class TestMigrations : public QObject {
    Q_OBJECT

private slots:
    void init();
    void stepsAreNumbered();
    void observationIndexListMatchesSchema();
    void createsVersion1FromBlank();
    void version2KeepsEachStudysElementList();
    void version3AddsDataSetsAndKeepsAnalyses();
    void version4AddsWorkStudyFieldsAndKeepsFigures();
    void upgradesFromEveryPastVersion_data();
    void upgradesFromEveryPastVersion();
    void failingStepLeavesOldVersion();
    void failingLaterStepKeepsEarlierOnes();
    void refusesNewerAndBadSteps();
    void projectOpenRefusesWhatAStepLeftNewer();

private:
    std::string file(const char* name) const { return (m_dir->path() + "/" + name).toStdString(); }
    static Expected<Database> connect(const std::string& path)
    {
        auto db = Database::open(path, Database::Access::ReadWriteCreate);
        if (db) {
            if (auto ok = db->configure(); !ok)
                return ok.error();
            if (auto ok = db->useWriteAheadLog(); !ok)
                return ok.error();
        }
        return db;
    }
    static int version(Database& db) { return static_cast<int>(*db.queryInt("PRAGMA user_version")); }
    static bool hasTable(Database& db, const std::string& name)
    {
        auto s = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?");
        s->bind(1, name);
        return *s->step() && s->int64(0) == 1;
    }

    // A hypothetical next version: a new table and a new column with a default for old rows.
    static constexpr int kNext = kSchemaVersion + 1;
    static std::vector<Migration> withNextVersion()
    {
        std::vector<Migration> steps = migrations();
        steps.push_back({kNext, "add takt targets", [](Database& db) -> Expected<bool> {
                             if (auto ok = db.exec("CREATE TABLE takt_targets (id INTEGER PRIMARY KEY, "
                                                   "process_id INTEGER REFERENCES processes(id), seconds REAL)");
                                 !ok)
                                 return ok;
                             return db.exec("ALTER TABLE steps ADD COLUMN lead_time_us INTEGER NOT NULL DEFAULT 0");
                         }});
        return steps;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestMigrations::init() { m_dir = std::make_unique<QTemporaryDir>(); }

void TestMigrations::stepsAreNumbered()
{
    const auto& steps = migrations();
    QCOMPARE(static_cast<int>(steps.size()), kSchemaVersion);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        QCOMPARE(steps[i].version, static_cast<int>(i) + 1);
        QVERIFY(steps[i].apply);
        QVERIFY(!steps[i].description.empty());
    }
    QVERIFY(test::contains(schemaVersion1(), "CREATE TABLE observations"));
}

void TestMigrations::observationIndexListMatchesSchema()
{
    // The bulk import drops and rebuilds exactly these; they must be what the latest step made.
    GEMBA_TRY(db, connect(file("idx.gemba")));
    QVERIFY(migrate(*db).hasValue());
    auto s = db->prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'observations' "
                         "AND sql IS NOT NULL ORDER BY rowid");
    std::vector<std::string> inFile;
    while (*s->step())
        inFile.push_back(s->text(0));
    QCOMPARE(inFile, observationIndexes());
    QVERIFY(dropObservationIndexes(*db).hasValue());
    QCOMPARE(*db->queryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'observations' "
                           "AND sql IS NOT NULL"),
             std::int64_t(0));
    QVERIFY(createObservationIndexes(*db).hasValue());
    QCOMPARE(*db->queryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'observations' "
                           "AND sql IS NOT NULL"),
             static_cast<std::int64_t>(observationIndexes().size()));
}

void TestMigrations::createsVersion1FromBlank()
{
    const std::string path = file("v0.gemba");
    GEMBA_TRY(db, connect(path));
    QCOMPARE(version(*db), 0);
    GEMBA_TRY(reached, migrate(*db));
    QCOMPARE(*reached, kSchemaVersion);
    QCOMPARE(version(*db), kSchemaVersion);
    QCOMPARE(*db->queryInt("PRAGMA application_id"), std::int64_t(kApplicationId));
    for (const char* t : {"meta", "processes", "steps", "studies", "cycles", "observations", "analyses", "charters",
                          "study_steps", "datasets", "dataset_columns"})
        QVERIFY2(hasTable(*db, t), t);
    // Running again is a no-op.
    GEMBA_TRY(again, migrate(*db));
    QCOMPARE(*again, kSchemaVersion);
}

void TestMigrations::version2KeepsEachStudysElementList()
{
    // A version 1 file: a process of three steps (stored out of id order), two studies, and
    // observations of which one step and one foreign element span suspend.
    const std::string path = file("v1.gemba");
    {
        GEMBA_TRY(db, connect(path));
        const std::vector<Migration> v1(migrations().begin(), migrations().begin() + 1);
        QCOMPARE(*migrate(*db, v1), 1);
        QVERIFY(db->exec("INSERT INTO processes (id, name) VALUES (1, 'Assembly'), (2, 'Other');"
                         "INSERT INTO steps (id, process_id, position, name) VALUES (10, 1, 2, 'Check'),"
                         "  (11, 1, 0, 'Pick'), (12, 1, 1, 'Fit'), (20, 2, 0, 'Elsewhere');"
                         "INSERT INTO studies (id, process_id) VALUES (5, 1), (6, 1);"
                         "INSERT INTO cycles (id, study_id, number) VALUES (1, 5, 1);"
                         "INSERT INTO observations (id, study_id, cycle_id, step_id, start_us, end_us, wall_start_us,"
                         "  duration_us, foreign_element, excluded, excluded_reason, spans_suspend) VALUES"
                         "  (1, 5, 1, 11, 0, 1, 0, 1, 0, 0, '', 0),"
                         "  (2, 5, 1, 12, 1, 9, 1, 8, 0, 0, '', 1),"
                         "  (3, 5, 1, 12, 2, 5, 2, 3, 1, 0, '', 1),"
                         "  (4, 5, 1, 10, 9, 10, 9, 1, 0, 1, 'dropped part', 1)")
                    .hasValue());
    }
    GEMBA_TRY(p, Project::open(path));   // upgrades
    Project& project = **p;
    QCOMPARE(test::rawInt(project.handle(), "PRAGMA user_version"), std::int64_t(kSchemaVersion));
    // Each study keeps the process's steps of the upgrade, in position order.
    for (const Id study : {Id(5), Id(6)}) {
        GEMBA_TRY(steps, project.studySteps(study));
        QCOMPARE(steps->size(), std::size_t(3));
        QCOMPARE((*steps)[0].id, Id(11));
        QCOMPARE((*steps)[1].id, Id(12));
        QCOMPARE((*steps)[2].id, Id(10));
        QCOMPARE((*steps)[2].name, std::string("Check"));
    }
    // The step that slept is excluded as the stopwatch now records it; the foreign element and an
    // exclusion the analyst made keep what they had.
    GEMBA_TRY(slept, project.observation(2));
    QVERIFY(slept->excluded);
    QCOMPARE(slept->excludedReason, std::string("the computer slept during this step"));
    GEMBA_TRY(foreign, project.observation(3));
    QVERIFY(!foreign->excluded);
    GEMBA_TRY(analyst, project.observation(4));
    QCOMPARE(analyst->excludedReason, std::string("dropped part"));
    GEMBA_TRY(plain, project.observation(1));
    QVERIFY(!plain->excluded);
    QCOMPARE(test::rawText(project.handle(), "PRAGMA foreign_key_check"), std::string());
    QCOMPARE(test::rawText(project.handle(), "PRAGMA integrity_check"), std::string("ok"));
}

void TestMigrations::version3AddsDataSetsAndKeepsAnalyses()
{
    // A version 2 file with an analysis of a study: after the upgrade it has the data set
    // tables, the analysis is kept (no data set), and data sets can be imported and charted.
    const std::string path = file("v2.gemba");
    {
        GEMBA_TRY(db, connect(path));
        const std::vector<Migration> v2(migrations().begin(), migrations().begin() + 2);
        QCOMPARE(*migrate(*db, v2), 2);
        QVERIFY(!hasTable(*db, "datasets"));
        QVERIFY(db->exec("INSERT INTO processes (id, name) VALUES (1, 'Assembly');"
                         "INSERT INTO studies (id, process_id) VALUES (5, 1);"
                         "INSERT INTO analyses (id, kind, process_id, study_id, title, json) VALUES"
                         "  (8, 'takt', 1, 5, 'Takt', '{\"seconds\": 42}')")
                    .hasValue());
    }
    GEMBA_TRY(p, Project::open(path));   // upgrades
    Project& project = **p;
    QCOMPARE(test::rawInt(project.handle(), "PRAGMA user_version"), std::int64_t(kSchemaVersion));
    QCOMPARE(test::rawText(project.handle(), "SELECT json FROM analyses WHERE id = 8"), std::string("{\"seconds\": 42}"));
    QCOMPARE(test::rawInt(project.handle(), "SELECT count(*) FROM analyses WHERE dataset_id IS NULL"), std::int64_t(1));
    QVERIFY(hasTable(project.database(), "datasets"));
    QVERIFY(hasTable(project.database(), "dataset_columns"));
    // The analysis still goes with its study and comes back with it.
    GEMBA_TRY(snap, project.studySnapshot(5));
    QCOMPARE(snap->analyses.size(), std::size_t(1));
    QVERIFY(!snap->analyses.front().dataSetId);
    QVERIFY(project.removeStudy(5).hasValue());
    QVERIFY(project.restore(*snap).hasValue());
    QCOMPARE(test::rawText(project.handle(), "SELECT title FROM analyses WHERE id = 8"), std::string("Takt"));

    const std::string csv = file("m.csv");
    {
        QFile f(QString::fromStdString(csv));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x\n1.5\n");
    }
    GEMBA_TRY(id, project.importDataSet(csv, "m"));
    QCOMPARE(project.dataSetColumn(*id, "x")->numbers, std::vector<double>{1.5});
    QCOMPARE(test::rawText(project.handle(), "PRAGMA foreign_key_check"), std::string());
    QCOMPARE(test::rawText(project.handle(), "PRAGMA integrity_check"), std::string("ok"));
    p->reset();
    // The upgraded file is exactly file format 3 (checkSchema on the next open).
    GEMBA_TRY(again, Project::open(path));
    QCOMPARE((*again)->dataSets()->size(), std::size_t(1));
}

void TestMigrations::version4AddsWorkStudyFieldsAndKeepsFigures()
{
    // A version 3 file: study 5 with a 15 % PF&D allowance, two steps (one of type machine),
    // two cycles; a pause inside one element, a foreign element inside another, a duration
    // edited longer than its interval, and a foreign element of another study (6) that falls
    // in study 5's time but is none of its business.
    const std::string path = file("v3.gemba");
    {
        GEMBA_TRY(db, connect(path));
        const std::vector<Migration> v3(migrations().begin(), migrations().begin() + 3);
        QCOMPARE(*migrate(*db, v3), 3);
        QVERIFY(!hasTable(*db, "study_type_allowances"));
        QVERIFY(db->exec("INSERT INTO processes (id, name) VALUES (1, 'Assembly');"
                         "INSERT INTO steps (id, process_id, position, name, type) VALUES (11, 1, 0, 'Pick', 'manual'),"
                         "  (12, 1, 1, 'Press', 'machine');"
                         "INSERT INTO studies (id, process_id, allowance_basis, allowance_percent) VALUES"
                         "  (5, 1, 'normal', 15), (6, 1, 'normal', 15);"
                         "INSERT INTO study_steps (study_id, position, step_id) VALUES (5, 0, 11), (5, 1, 12),"
                         "  (6, 0, 11), (6, 1, 12);"
                         "INSERT INTO cycles (id, study_id, number) VALUES (1, 5, 1), (2, 5, 2), (3, 6, 1);"
                         "INSERT INTO observations (id, study_id, cycle_id, step_id, start_us, end_us, wall_start_us,"
                         "  duration_us, foreign_element) VALUES"
                         // 10 s interval = 6 s own + 3 s foreign element (row 2) + 1 s paused
                         "  (1, 5, 1, 11, 0, 10000000, 0, 6000000, 0),"
                         "  (2, 5, 1, 11, 2000000, 5000000, 0, 3000000, 1),"
                         // 4 s interval, 4 s own: no pause
                         "  (3, 5, 1, 12, 10000000, 14000000, 0, 4000000, 0),"
                         // edited to 6.5 s in a 6 s interval: no pause, not a negative one
                         "  (4, 5, 2, 11, 14000000, 20000000, 0, 6500000, 0),"
                         // 4.5 s interval, 4 s own: 0.5 s paused; study 6's foreign element does not count
                         "  (5, 5, 2, 12, 20000000, 24500000, 0, 4000000, 0),"
                         "  (6, 6, 3, 11, 20500000, 22000000, 0, 1500000, 1)")
                    .hasValue());
    }
    GEMBA_TRY(p, Project::open(path));   // upgrades
    Project& project = **p;
    QCOMPARE(test::rawInt(project.handle(), "PRAGMA user_version"), std::int64_t(4));
    QVERIFY(hasTable(project.database(), "study_type_allowances"));

    // paused_us derived as the part of the interval neither the element nor a foreign element of
    // its study took.
    GEMBA_TRY(obs, project.observations(5));
    QCOMPARE(obs->size(), std::size_t(5));
    const std::int64_t paused[] = {1'000'000, 0, 0, 0, 500'000};
    for (std::size_t i = 0; i < obs->size(); ++i)
        QVERIFY2((*obs)[i].pausedUs == paused[i], std::to_string((*obs)[i].id).c_str());
    QCOMPARE(project.observation(6)->pausedUs, std::int64_t(0));
    QCOMPARE((*obs)[0].durationUs, std::int64_t(6'000'000));   // durations untouched

    // Defaults: cyclic, every 1 cycle, external, no step override; no categories (0), mean,
    // one unit per cycle; the old PF&D figure kept as allowancePercent.
    GEMBA_TRY(steps, project.studySteps(5));
    QCOMPARE(steps->size(), std::size_t(2));
    for (const study::Step& st : *steps) {
        QVERIFY(st.kind == study::ElementKind::Cyclic);
        QCOMPARE(st.every, 1.0);
        QVERIFY(st.everyBasis == study::FrequencyBasis::Cycles);
        QCOMPARE(st.insideStepId, Id(0));
        QVERIFY(!st.allowances);
    }
    GEMBA_TRY(st, project.findStudy(5));
    QCOMPARE(st->allowancePercent, 15.0);
    QVERIFY(st->allowances == study::Allowances{});
    QVERIFY(st->typeAllowances.empty());
    QVERIFY(st->selectedTime == study::SelectedTimeRule::Mean);
    QCOMPARE(st->unitsPerCycle, 1.0);
    QVERIFY(st->operatorName.empty());
    QVERIFY(st->conditions.empty());

    // The figures are those of format 3: 15 % on every element, the mean of the counted times.
    // Pick: (6 + 6.5) / 2 = 6.25 s basic, × 1.15 = 7.1875 s standard; Press: 4 s, 4.6 s; cycle
    // 10.25 s basic, 11.7875 s standard.
    for (const study::Step& step : *steps)
        QCOMPARE(study::allowancePercentFor(step, *st), 15.0);
    GEMBA_TRY(summary, study::summarizeSteps(*steps, *obs, *st));
    QVERIFY(qAbs(summary->steps[0].normalSeconds - 6.25) < 1e-12);
    QVERIFY(qAbs(summary->steps[0].standardSeconds - 7.1875) < 1e-12);
    QVERIFY(qAbs(summary->steps[1].standardSeconds - 4.6) < 1e-12);
    QVERIFY(qAbs(summary->cycle.normalSeconds - 10.25) < 1e-12);
    QVERIFY(qAbs(summary->cycle.standardSeconds - 11.7875) < 1e-12);

    QCOMPARE(test::rawText(project.handle(), "PRAGMA foreign_key_check"), std::string());
    QCOMPARE(test::rawText(project.handle(), "PRAGMA integrity_check"), std::string("ok"));
    p->reset();
    // The upgraded file is exactly file format 4 (checkSchema on the next open).
    GEMBA_TRY(again, Project::open(path));
    QCOMPARE((*again)->observation(1)->pausedUs, std::int64_t(1'000'000));
}

void TestMigrations::upgradesFromEveryPastVersion_data()
{
    QTest::addColumn<int>("from");
    for (int v = 0; v <= kSchemaVersion; ++v)
        QTest::addRow("from v%d", v) << v;
}

void TestMigrations::upgradesFromEveryPastVersion()
{
    // Every version this build can meet, brought up to the hypothetical next one with its data kept.
    QFETCH(int, from);
    const std::string path = file("old.gemba");
    const auto steps = withNextVersion();
    {
        GEMBA_TRY(db, connect(path));
        const std::vector<Migration> upTo(steps.begin(), steps.begin() + from);
        GEMBA_TRY(reached, migrate(*db, upTo));
        QCOMPARE(*reached, from);
        if (from >= 1)
            QVERIFY(db->exec("INSERT INTO processes (name) VALUES ('kept'); "
                             "INSERT INTO steps (process_id, position, name) VALUES (1, 0, 'kept step')")
                        .hasValue());
    }
    GEMBA_TRY(db, connect(path));
    QCOMPARE(version(*db), from);
    GEMBA_TRY(reached, migrate(*db, steps));
    QCOMPARE(*reached, kNext);
    QCOMPARE(version(*db), kNext);
    QVERIFY(hasTable(*db, "takt_targets"));
    QCOMPARE(*db->queryInt("SELECT count(*) FROM pragma_table_info('steps') WHERE name = 'lead_time_us'"),
             std::int64_t(1));
    if (from >= 1)
        QCOMPARE(*db->queryText("SELECT name FROM steps"), std::string("kept step"));
    QCOMPARE(*db->queryText("PRAGMA integrity_check"), std::string("ok"));
}

void TestMigrations::failingStepLeavesOldVersion()
{
    // A step to the next version that does half its work and then fails: the file stays at the
    // current version, without the half, and byte for byte as it was.
    const std::string path = file("fail.gemba");
    {
        GEMBA_TRY(db, connect(path));
        QVERIFY(migrate(*db).hasValue());
        QVERIFY(db->exec("INSERT INTO processes (name) VALUES ('before')").hasValue());
    }
    QVERIFY(!test::exists(path + "-wal"));
    const QByteArray before = fileHash(path);

    std::vector<Migration> steps = migrations();
    steps.push_back({kNext, "half a change", [](Database& db) -> Expected<bool> {
                         if (auto ok = db.exec("CREATE TABLE half (x); INSERT INTO half VALUES (1); "
                                               "UPDATE processes SET name = 'changed'");
                             !ok)
                             return ok;
                         return db.exec("INSERT INTO no_such_table VALUES (1)");   // fails
                     }});
    {
        GEMBA_TRY(db, connect(path));
        auto r = migrate(*db, steps);
        QVERIFY(!r.hasValue());
        QVERIFY2(test::contains(r.error().message,
                                "file format " + std::to_string(kNext) + " (half a change) failed") &&
                     test::contains(r.error().message, "stays at file format " + std::to_string(kSchemaVersion)) &&
                     test::contains(r.error().message, "no_such_table"),
                 r.error().message.c_str());
        QCOMPARE(version(*db), kSchemaVersion);
        QVERIFY(!hasTable(*db, "half"));
        QCOMPARE(*db->queryText("SELECT name FROM processes"), std::string("before"));
        QVERIFY(!db->inTransaction());
    }
    QCOMPARE(fileHash(path), before);

    // The project still opens normally afterwards.
    GEMBA_TRY(p, Project::open(path));
    QCOMPARE((*p)->processes()->front().name, std::string("before"));
}

void TestMigrations::failingLaterStepKeepsEarlierOnes()
{
    // From v0 with this build's steps and the next (good), then one more that fails: all but the
    // last stay applied.
    const std::string path = file("partial.gemba");
    auto steps = withNextVersion();
    steps.push_back({kNext + 1, "breaks", [](Database& db) -> Expected<bool> {
                         if (auto ok = db.exec("CREATE TABLE v3 (x)"); !ok)
                             return ok;
                         return makeError(ErrorCode::InvalidArgument, "refused by the step");
                     }});
    GEMBA_TRY(db, connect(path));
    auto r = migrate(*db, steps);
    QVERIFY(!r.hasValue());
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(version(*db), kNext);
    QVERIFY(hasTable(*db, "takt_targets"));
    QVERIFY(!hasTable(*db, "v3"));
}

void TestMigrations::refusesNewerAndBadSteps()
{
    const std::string path = file("newer.gemba");
    {
        GEMBA_TRY(db, connect(path));
        QVERIFY(migrate(*db, withNextVersion()).hasValue());
    }
    const QByteArray before = fileHash(path);
    {
        GEMBA_TRY(db, connect(path));
        auto r = migrate(*db);   // this build does not know the next version
        QVERIFY(!r.hasValue());
        QCOMPARE(r.error().code, ErrorCode::OutOfRange);
        QVERIFY(test::contains(r.error().message, "file format " + std::to_string(kNext)));
        QCOMPARE(version(*db), kNext);
    }
    QCOMPARE(fileHash(path), before);

    GEMBA_TRY(db, connect(file("bad.gemba")));
    std::vector<Migration> gap = migrations();
    gap.push_back({kNext + 1, "skips one", [](Database&) -> Expected<bool> { return true; }});
    QCOMPARE(migrate(*db, gap).error().code, ErrorCode::InvalidArgument);
    std::vector<Migration> empty = migrations();
    empty.push_back({kNext, "no function", {}});
    QCOMPARE(migrate(*db, empty).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(version(*db), 0);   // nothing ran
}

void TestMigrations::projectOpenRefusesWhatAStepLeftNewer()
{
    // A file migrated by a newer build (here: our fake next version) is refused by this build's open.
    const std::string path = file("next.gemba");
    {
        GEMBA_TRY(db, connect(path));
        QVERIFY(migrate(*db, withNextVersion()).hasValue());
    }
    const QByteArray before = fileHash(path);
    auto p = Project::open(path);
    QCOMPARE(p.error().code, ErrorCode::OutOfRange);
    QCOMPARE(fileHash(path), before);
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
