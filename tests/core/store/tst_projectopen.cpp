// Tests of Project::open's safety rules (project.h): a schema changed outside the program is
// refused, another program's file with a hot journal is left exactly as found, a file the user
// may not write opens read-only without leaving -wal/-shm files, a damaged file gets one plain
// message, and a second connection does not take a live -wal for the trace of a crash.
#include "store/database.h"
#include "store/migrations.h"
#include "store/project.h"
#include "store/transaction.h"

#include "storetestsupport.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace gemba;
using namespace gemba::store;
using namespace gemba::study;
using gemba::test::contains;
using gemba::test::exists;
using gemba::test::fileHash;

class TestProjectOpen : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void refusesTriggers_data();
    void refusesTriggers();
    void refusesOtherSchemaChanges_data();
    void refusesOtherSchemaChanges();
    void acceptsWhatTheProgramItselfDoes();
    void schemaFollowsTheMigrations();

    void foreignHotJournalLeftAsFound_data();
    void foreignHotJournalLeftAsFound();
    void ownHotJournalIsRolledBack();

    void unwritableFileOpensReadOnly();
    void unwritableFolderOpensReadOnly();
    void readOnlyModeLeavesNoSideFiles();

    void damagedFileOneMessage_data();
    void damagedFileOneMessage();

    void liveWalIsNotACrash();

private:
    std::string file(const char* name) const { return (m_dir->path() + "/" + name).toStdString(); }
    // A project with one process, one step, a study, one cycle and `laps` observations.
    std::string makeProject(const char* name, int laps = 3);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestProjectOpen::init() { m_dir = std::make_unique<QTemporaryDir>(); }

void TestProjectOpen::cleanup()
{
    // Give every file and folder its write bits back, so QTemporaryDir can remove them.
    ::chmod(m_dir->path().toLocal8Bit().constData(), 0700);
    for (const QString& name : QDir(m_dir->path()).entryList(QDir::Files))
        ::chmod((m_dir->path() + "/" + name).toLocal8Bit().constData(), 0600);
    m_dir.reset();
}

static Observation lap(const Study& study, const Cycle& cycle, const Step& step, std::int64_t startUs,
                       std::int64_t durationUs)
{
    Observation o;
    o.studyId = study.id;
    o.cycleId = cycle.id;
    o.stepId = step.id;
    o.startUs = startUs;
    o.durationUs = durationUs;
    o.endUs = startUs + durationUs;
    o.wallStartUs = 1'763'900'000'000'000 + startUs;
    return o;
}

std::string TestProjectOpen::makeProject(const char* name, int laps)
{
    const std::string path = file(name);
    auto p = Project::open(path);
    if (!p)
        qFatal("open: %s", p.error().message.c_str());
    Project& project = **p;
    Process proc{0, "Assembly", ""};
    Step step;
    Study study;
    if (!project.addProcess(proc))
        qFatal("addProcess");
    step.processId = proc.id;
    step.name = "Fit cover";
    study.processId = proc.id;
    if (!project.addStep(step) || !project.addStudy(study))
        qFatal("addStep/addStudy");
    Cycle cycle{0, study.id, 1};
    if (!project.addCycle(cycle))
        qFatal("addCycle");
    for (int i = 0; i < laps; ++i) {
        Observation o = lap(study, cycle, step, 1000 * i, 500 + i);
        if (!project.addObservation(o))
            qFatal("addObservation");
    }
    return path;
}

// --- a schema changed outside the program ------------------------------------------------

void TestProjectOpen::refusesTriggers_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("name");
    // Each would act on the user's own later edits: a lap acknowledged as 598 µs stored as
    // 5,980; five laps acknowledged, one left; rows the user never made.
    QTest::newRow("changes") << "CREATE TRIGGER scale AFTER INSERT ON observations BEGIN "
                                "UPDATE observations SET duration_us = duration_us * 10 WHERE id = new.id; END"
                             << "scale";
    QTest::newRow("deletes") << "CREATE TRIGGER eat AFTER INSERT ON observations BEGIN "
                                "DELETE FROM observations WHERE id < new.id; END"
                             << "eat";
    QTest::newRow("inserts") << "CREATE TRIGGER ghost AFTER INSERT ON processes BEGIN "
                                "INSERT INTO processes (name) VALUES ('ghost'); END"
                             << "ghost";
    QTest::newRow("before update") << "CREATE TRIGGER keep BEFORE UPDATE ON steps BEGIN "
                                      "SELECT RAISE(IGNORE); END"
                                   << "keep";
}

void TestProjectOpen::refusesTriggers()
{
    QFETCH(QString, sql);
    QFETCH(QString, name);
    const std::string path = makeProject("trigger.gemba");
    // trusted_schema=OFF as well: it limits the functions a schema may call, not triggers.
    QVERIFY(test::rawExec(path, "PRAGMA trusted_schema = OFF; " + sql.toStdString()));
    QVERIFY(!exists(path + "-wal"));
    const QByteArray before = fileHash(path);
    for (OpenMode mode : {OpenMode::ReadWrite, OpenMode::ReadOnly}) {
        auto p = Project::open(path, mode);
        QVERIFY2(!p.hasValue(), "a project with a foreign trigger was opened");
        QCOMPARE(p.error().code, ErrorCode::ParseError);
        const std::string& m = p.error().message;
        QVERIFY2(contains(m, "'" + path + "'") && contains(m, "trigger '" + name.toStdString() + "'") &&
                     contains(m, "changed outside Gemba Workbench") && contains(m, "It has not been changed."),
                 m.c_str());
        QCOMPARE(fileHash(path), before);
        QVERIFY(!exists(path + "-wal") && !exists(path + "-shm"));
    }
}

void TestProjectOpen::refusesOtherSchemaChanges_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("expected");
    QTest::newRow("view") << "CREATE VIEW fast AS SELECT * FROM observations" << "view 'fast'";
    QTest::newRow("table") << "CREATE TABLE extra (x)" << "table 'extra'";
    QTest::newRow("index") << "CREATE INDEX observations_step ON observations (step_id)"
                           << "index 'observations_step'";
    QTest::newRow("column") << "ALTER TABLE observations ADD COLUMN secret TEXT" << "table 'observations'";
    // Same name, another definition: a default that rewrites what the program does not set.
    QTest::newRow("redefined") << "DROP TABLE charters; CREATE TABLE charters (id INTEGER PRIMARY KEY, process_id, "
                                  "title TEXT NOT NULL DEFAULT 'pwned', json, updated_wall_us)"
                               << "table 'charters'";
    QTest::newRow("partial index") << "DROP INDEX observations_cycle; CREATE INDEX observations_cycle ON "
                                      "observations (cycle_id) WHERE excluded = 0"
                                   << "index 'observations_cycle'";
    QTest::newRow("missing index") << "DROP INDEX studies_process" << "index 'studies_process'";
}

void TestProjectOpen::refusesOtherSchemaChanges()
{
    QFETCH(QString, sql);
    QFETCH(QString, expected);
    const std::string path = makeProject("schema.gemba");
    QVERIFY(test::rawExec(path, sql.toStdString()));
    const QByteArray before = fileHash(path);
    auto p = Project::open(path);
    QVERIFY2(!p.hasValue(), "a project with a changed schema was opened");
    QCOMPARE(p.error().code, ErrorCode::ParseError);
    QVERIFY2(contains(p.error().message, expected.toStdString()) &&
                 contains(p.error().message, "changed outside Gemba Workbench"),
             p.error().message.c_str());
    QCOMPARE(fileHash(path), before);
}

void TestProjectOpen::acceptsWhatTheProgramItselfDoes()
{
    // A bulk import drops and recreates the observation indexes (new rootpages, new order in
    // sqlite_schema); PRAGMA optimize and ANALYZE add sqlite_stat1. None of it is a change.
    const std::string path = makeProject("own.gemba", 50);
    {
        GEMBA_TRY(p, Project::open(path));
        Database& db = (*p)->database();
        GEMBA_TRY(tx, Transaction::begin(db));
        QVERIFY(dropObservationIndexes(db).hasValue());
        QVERIFY(createObservationIndexes(db).hasValue());
        QVERIFY(tx->commit().hasValue());
        QVERIFY(db.exec("ANALYZE").hasValue());
    }
    {
        GEMBA_TRY(p, Project::open(path));
        QCOMPARE(test::rawInt((*p)->handle(), "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'"),
                 std::int64_t(1));
        QCOMPARE(*(*p)->observationCount(), std::int64_t(50));
    }
    GEMBA_TRY(ro, Project::open(path, OpenMode::ReadOnly));
    QCOMPARE(*(*ro)->observationCount(), std::int64_t(50));
}

void TestProjectOpen::schemaFollowsTheMigrations()
{
    // The expected schema is what the file's own user_version of steps builds, so a further
    // step needs no change to the check: a file at this build's version must not have the next
    // step's table, a file at the next version must.
    const int current = static_cast<int>(migrations().size());
    const int next = current + 1;
    std::vector<Migration> steps = migrations();
    steps.push_back({next, "tags", [](Database& db) {
                         return db.exec("CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
                                        "ALTER TABLE steps ADD COLUMN colour TEXT NOT NULL DEFAULT ''");
                     }});
    const std::vector<Migration>& thisBuild = migrations();
    const std::string path = file("next.gemba");
    {
        GEMBA_TRY(db, Database::open(path, Database::Access::ReadWriteCreate));
        QCOMPARE(*migrate(*db, thisBuild), current);
        QVERIFY(checkSchema(*db, steps).hasValue());
        QVERIFY(db->exec("CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)").hasValue());
        auto early = checkSchema(*db, steps);
        QVERIFY(!early.hasValue());
        QVERIFY2(contains(early.error().message, "table 'tags'"), early.error().message.c_str());
        QVERIFY(db->exec("DROP TABLE tags").hasValue());
        QCOMPARE(*migrate(*db, steps), next);
        auto ok = checkSchema(*db, steps);
        QVERIFY2(ok.hasValue(), ok.hasValue() ? "" : ok.error().message.c_str());
        // The next step's UNIQUE made an sqlite_autoindex (its sql is NULL): expected, not foreign.
        QCOMPARE(*db->queryInt("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'sqlite_autoindex_tags%'"),
                 std::int64_t(1));
        auto v1 = checkSchema(*db, thisBuild);   // a build that does not know the next step
        QVERIFY(!v1.hasValue());
        QCOMPARE(v1.error().code, ErrorCode::OutOfRange);
        QVERIFY(db->exec("CREATE TRIGGER t AFTER DELETE ON tags BEGIN DELETE FROM steps; END").hasValue());
        auto hostile = checkSchema(*db, steps);
        QVERIFY(!hostile.hasValue());
        QVERIFY2(contains(hostile.error().message, "trigger 't'"), hostile.error().message.c_str());
    }
}

// --- another program's file with a hot journal -------------------------------------------

// A child process writes a big transaction with a tiny cache, so pages spill into the file
// before COMMIT, and dies: the file is left with a hot rollback journal. `setup` runs first,
// committed; `pending` is the transaction that never commits.
static bool crashMidTransaction(const std::string& path, const std::string& setup, const std::string& pending)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        sqlite3* db = nullptr;
        if (sqlite3_open(path.c_str(), &db) != SQLITE_OK)
            ::_exit(2);
        if (sqlite3_exec(db, setup.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
            ::_exit(3);
        if (sqlite3_exec(db, ("PRAGMA cache_size = 2; BEGIN; " + pending).c_str(), nullptr, nullptr, nullptr) !=
            SQLITE_OK)
            ::_exit(4);
        ::_exit(0);   // no COMMIT, no close
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void TestProjectOpen::foreignHotJournalLeftAsFound_data()
{
    QTest::addColumn<QString>("pragma");
    QTest::newRow("no application id") << "";
    QTest::newRow("application id 42") << "PRAGMA application_id = 42;";
}

void TestProjectOpen::foreignHotJournalLeftAsFound()
{
    QFETCH(QString, pragma);
    const std::string path = file("other.db");
    const std::string setup = pragma.toStdString() +
                              "CREATE TABLE t (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                              "WHERE i < 2000) INSERT INTO t SELECT randomblob(400) FROM n;";
    QVERIFY(crashMidTransaction(path, setup, "DELETE FROM t WHERE rowid > 100; INSERT INTO t VALUES "
                                             "(randomblob(200000)); PRAGMA application_id = 0;"));
    QVERIFY(exists(path + "-journal"));
    QVERIFY(QFileInfo(QString::fromStdString(path + "-journal")).size() > 0);
    const QByteArray db = fileHash(path);
    const QByteArray journal = fileHash(path + "-journal");
    for (OpenMode mode : {OpenMode::ReadWrite, OpenMode::ReadOnly}) {
        auto p = Project::open(path, mode);
        QVERIFY(!p.hasValue());
        QCOMPARE(p.error().code, ErrorCode::ParseError);
        QVERIFY2(contains(p.error().message, "not a Gemba Workbench project") &&
                     contains(p.error().message, "It has not been changed."),
                 p.error().message.c_str());
        QCOMPARE(fileHash(path), db);
        QCOMPARE(fileHash(path + "-journal"), journal);
        QVERIFY(!exists(path + "-wal") && !exists(path + "-shm"));
    }
}

void TestProjectOpen::ownHotJournalIsRolledBack()
{
    // Our own file in rollback-journal mode (as on a file system without shared memory), left
    // mid-transaction: it is ours, so it is recovered, to what was committed.
    const std::string path = makeProject("own-journal.gemba", 40);
    QVERIFY(test::rawExec(path, "PRAGMA journal_mode = DELETE"));
    QVERIFY(crashMidTransaction(path, "", "DELETE FROM observations; INSERT INTO meta VALUES ('x', "
                                          "hex(randomblob(300000)));"));
    QVERIFY(exists(path + "-journal"));
    GEMBA_TRY(p, Project::open(path));
    QVERIFY((*p)->warning().empty());
    QCOMPARE(*(*p)->observationCount(), std::int64_t(40));
    QCOMPARE(test::rawText((*p)->handle(), "PRAGMA integrity_check"), std::string("ok"));
}

// --- files the user may not write ----------------------------------------------------------

void TestProjectOpen::unwritableFileOpensReadOnly()
{
    const std::string path = makeProject("locked.gemba", 6);
    QVERIFY(::chmod(path.c_str(), 0444) == 0);
    const QByteArray before = fileHash(path);
    for (OpenMode mode : {OpenMode::ReadWrite, OpenMode::ReadOnly}) {
        {
            // The mode bits are honoured even by root, who could write the file anyway: the
            // user marked it read-only.
            GEMBA_TRY(p, Project::open(path, mode));
            Project& project = **p;
            QVERIFY(project.readOnly());
            QVERIFY2(contains(project.warning(), "'" + path + "' is read-only: "), project.warning().c_str());
            QCOMPARE(*project.observationCount(), std::int64_t(6));
            Process proc{0, "x", ""};
            QVERIFY(!project.addProcess(proc).hasValue());
            QVERIFY(!exists(path + "-wal") && !exists(path + "-shm"));
            // A second connection (the summary thread) reads it too.
            GEMBA_TRY(second, Project::open(path, OpenMode::ReadOnly));
            QCOMPARE(*(*second)->observationCount(), std::int64_t(6));
        }
        QCOMPARE(fileHash(path), before);
        QVERIFY(!exists(path + "-wal") && !exists(path + "-shm"));
    }
}

void TestProjectOpen::unwritableFolderOpensReadOnly()
{
    // A folder the user may not write (as on read-only media): SQLite could not create the
    // -wal and -shm files there.
    const std::string path = makeProject("folder.gemba", 6);
    QVERIFY(::chmod(m_dir->path().toLocal8Bit().constData(), 0555) == 0);
    if (::geteuid() == 0 || ::access(m_dir->path().toLocal8Bit().constData(), W_OK) == 0)
        QSKIP("running as root: root may write into a folder whatever its mode bits, so access(W_OK) says "
              "writable and there is no way to make an unwritable folder here");
    GEMBA_TRY(p, Project::open(path));
    QVERIFY((*p)->readOnly());
    QVERIFY2(contains((*p)->warning(), "'" + path + "' is read-only: "), (*p)->warning().c_str());
    QCOMPARE(*(*p)->observationCount(), std::int64_t(6));
}

void TestProjectOpen::readOnlyModeLeavesNoSideFiles()
{
    const std::string path = makeProject("ro.gemba", 6);
    const QByteArray before = fileHash(path);
    {
        GEMBA_TRY(p, Project::open(path, OpenMode::ReadOnly));
        QVERIFY((*p)->readOnly());
        QVERIFY((*p)->warning().empty());   // asked for, nothing to warn about
        QCOMPARE(*(*p)->observationCount(), std::int64_t(6));
    }
    QCOMPARE(fileHash(path), before);
    QVERIFY(!exists(path + "-wal") && !exists(path + "-shm"));
}

// --- damaged files -----------------------------------------------------------------------

void TestProjectOpen::damagedFileOneMessage_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("truncated to 3 pages") << "truncate3";
    QTest::newRow("truncated by a page") << "truncate-1";
    QTest::newRow("garbage over the schema pages") << "garbage";
}

void TestProjectOpen::damagedFileOneMessage()
{
    QFETCH(QString, damage);
    const std::string path = makeProject("damaged.gemba", 2000);
    QVERIFY(!exists(path + "-wal"));
    {
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 pageSize = 4096;
        QVERIFY(f.size() > 20 * pageSize);
        if (damage == "truncate3") {
            QVERIFY(f.resize(3 * pageSize));
        } else if (damage == "truncate-1") {
            QVERIFY(f.resize(f.size() - pageSize));
        } else {
            // Pages 2 to 9 hold the roots of the tables and indexes.
            QByteArray junk(8 * pageSize, '\0');
            for (int i = 0; i < junk.size(); ++i)
                junk[i] = static_cast<char>((i * 7919 + 13) & 0xff);
            QVERIFY(f.seek(pageSize));
            QCOMPARE(f.write(junk), junk.size());
        }
    }
    const QByteArray before = fileHash(path);
    for (OpenMode mode : {OpenMode::ReadWrite, OpenMode::ReadOnly}) {
        auto p = Project::open(path, mode);
        QVERIFY2(!p.hasValue(), "a damaged file was opened");
        QCOMPARE(p.error().code, ErrorCode::IoError);
        const std::string& m = p.error().message;
        QVERIFY2(contains(m, "'" + path + "'") && contains(m, "the file is damaged: "), m.c_str());
        // One plain message: SQLite's own words at most once.
        const auto first = m.find("malformed");
        QVERIFY2(first == std::string::npos || m.find("malformed", first + 1) == std::string::npos, m.c_str());
        QVERIFY2(m.find("cannot") == std::string::npos && m.find("failed") == std::string::npos, m.c_str());
        QCOMPARE(fileHash(path), before);
    }
}

// --- a second connection -------------------------------------------------------------------

void TestProjectOpen::liveWalIsNotACrash()
{
    // While the window has the project open, its -wal exists; a second connection (the summary
    // thread, the timing worker, another instance) must not take it for the trace of a crash.
    // Made visible with a page that only quick_check reads: the root of the empty charters
    // table is overwritten, so quick_check complains, while the opens and reads below never
    // touch it. Taken for a crash, the second open would come back read-only with a warning.
    const std::string path = makeProject("live.gemba", 20);
    std::int64_t root = 0;
    {
        sqlite3* raw = nullptr;
        QCOMPARE(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
        root = test::rawInt(raw, "SELECT rootpage FROM sqlite_schema WHERE name = 'charters'");
        sqlite3_close(raw);
    }
    QVERIFY(root > 1);
    {
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek((root - 1) * 4096));
        QCOMPARE(f.write(QByteArray(4096, '\x5a')), qint64(4096));
    }
    GEMBA_TRY(first, Project::open(path));
    QVERIFY((*first)->warning().empty());
    Process proc{0, "Second", ""};
    QVERIFY((*first)->addProcess(proc).hasValue());
    QVERIFY(exists(path + "-wal"));   // live, not a crash
    for (OpenMode mode : {OpenMode::ReadWrite, OpenMode::ReadOnly}) {
        GEMBA_TRY(second, Project::open(path, mode));
        QVERIFY2((*second)->warning().empty(), (*second)->warning().c_str());
        QCOMPARE((*second)->readOnly(), mode == OpenMode::ReadOnly);
        QCOMPARE(*(*second)->observationCount(), std::int64_t(20));
    }

    // The same from another process (another instance of the program).
    const std::string other = makeProject("live2.gemba", 20);
    int toChild[2];
    int fromChild[2];
    QVERIFY(::pipe(toChild) == 0 && ::pipe(fromChild) == 0);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(toChild[1]);
        ::close(fromChild[0]);
        auto p = Project::open(other);
        Process x{0, "Child", ""};
        if (!p || !(*p)->addProcess(x))
            ::_exit(2);
        const char ready = 1;
        (void)!::write(fromChild[1], &ready, 1);
        char done = 0;
        (void)!::read(toChild[0], &done, 1);   // hold the file open until told
        ::_exit(0);
    }
    ::close(toChild[0]);
    ::close(fromChild[1]);
    char ready = 0;
    QCOMPARE(::read(fromChild[0], &ready, 1), ssize_t(1));
    QVERIFY(exists(other + "-wal"));
    {
        // Corrupt the charters root here too, now that the child has it open.
        sqlite3* raw = nullptr;
        QCOMPARE(sqlite3_open_v2(other.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        root = test::rawInt(raw, "SELECT rootpage FROM sqlite_schema WHERE name = 'charters'");
        sqlite3_close(raw);
        QFile f(QString::fromStdString(other));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek((root - 1) * 4096));
        QCOMPARE(f.write(QByteArray(4096, '\x5a')), qint64(4096));
    }
    {
        auto second = Project::open(other);
        const char done = 1;
        (void)!::write(toChild[1], &done, 1);
        ::close(toChild[1]);
        ::close(fromChild[0]);
        int status = 0;
        ::waitpid(pid, &status, 0);
        QVERIFY2(second.hasValue(), second.hasValue() ? "" : second.error().message.c_str());
        QVERIFY2((*second)->warning().empty(), (*second)->warning().c_str());
        QVERIFY(!(*second)->readOnly());
    }
}

QTEST_GUILESS_MAIN(TestProjectOpen)
#include "tst_projectopen.moc"
