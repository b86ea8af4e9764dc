// Tests of Project::openSibling (a second connection beside an open project, for a worker
// thread) and Project::observationsWithoutTexts (what a summary over a whole study reads).
#include "store/database.h"
#include "store/project.h"
#include "store/transaction.h"

#include "storetestsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;
using namespace gemba::store;
using namespace gemba::study;

class TestProjectSibling : public QObject {
    Q_OBJECT

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void siblingReadsWhatTheProjectCommitted();
    void siblingDoesNotJudgeTheLiveFileAgain();
    void siblingOfAReadOnlyProject();
    void observationsWithoutTextsMatchObservations();

private:
    std::string file(const char* name) const { return (m_dir->path() + "/" + name).toStdString(); }
    // A process with two steps, a study and `count` observations (one transaction), the odd ones
    // with a note, a rating and an exclusion reason.
    static Study addStudy(Project& p, int count);

    std::unique_ptr<QTemporaryDir> m_dir;
};

Study TestProjectSibling::addStudy(Project& p, int count)
{
    Process process{0, "Assembly", ""};
    if (!p.addProcess(process))
        qFatal("addProcess");
    std::vector<Step> steps(2);
    for (int i = 0; i < 2; ++i) {
        steps[i].processId = process.id;
        steps[i].position = i;
        steps[i].name = "step " + std::to_string(i + 1);
        if (!p.addStep(steps[i]))
            qFatal("addStep");
    }
    Study study;
    study.processId = process.id;
    study.date = "2026-11-23";
    if (!p.addStudy(study))
        qFatal("addStudy");
    auto tx = Transaction::begin(p.database());
    if (!tx)
        qFatal("begin");
    Cycle cycle{0, study.id, 1};
    std::int64_t t = 1'000'000;
    for (int i = 0; i < count; ++i) {
        if (i % 2 == 0) {
            cycle = Cycle{0, study.id, i / 2 + 1};
            if (!p.addCycle(cycle))
                qFatal("addCycle");
        }
        Observation o;
        o.studyId = study.id;
        o.cycleId = cycle.id;
        o.stepId = steps[static_cast<std::size_t>(i % 2)].id;
        o.startUs = t;
        o.durationUs = 2'000'000 + (i * 7919 % 1000) * 1000;
        o.endUs = t + o.durationUs;
        o.wallStartUs = 1'763'900'000'000'000 + t;
        if (i % 2 == 1) {
            o.ratingPercent = 95;
            o.note = "note " + std::to_string(i);
            o.excluded = i % 6 == 1;
            o.excludedReason = o.excluded ? "dropped part" : "";
            o.abnormal = i % 10 == 3;
        }
        t = o.endUs;
        if (!p.addObservation(o))
            qFatal("addObservation");
    }
    if (!tx->commit())
        qFatal("commit");
    return study;
}

void TestProjectSibling::siblingReadsWhatTheProjectCommitted()
{
    const std::string path = file("live.gemba");
    GEMBA_TRY(p, Project::open(path));
    Project& project = **p;
    const Study study = addStudy(project, 10);
    QVERIFY(test::exists(path + "-wal"));   // the open project's own, live WAL

    GEMBA_TRY(s, Project::openSibling(project, OpenMode::ReadOnly));
    Project& sibling = **s;
    QCOMPARE(sibling.path(), path);
    QVERIFY(sibling.readOnly());
    QVERIFY(sibling.warning().empty());
    QCOMPARE(*sibling.observationCount(study.id), std::int64_t(10));

    // A commit on the project's connection is seen by the sibling's next read.
    auto all = project.observations(study.id);
    QVERIFY(all.hasValue());
    Observation edited = all->front();
    edited.durationUs = 7'654'321;
    QVERIFY(project.updateObservation(edited).hasValue());
    GEMBA_TRY(seen, sibling.observation(edited.id));
    QCOMPARE(seen->durationUs, std::int64_t(7'654'321));

    // It cannot write.
    Process other{0, "Other", ""};
    QVERIFY(!sibling.addProcess(other).hasValue());

    // A writing sibling (an import on a worker thread) writes into the same file.
    GEMBA_TRY(w, Project::openSibling(project, OpenMode::ReadWrite));
    QVERIFY(!(*w)->readOnly());
    QVERIFY((*w)->addProcess(other).hasValue());
    GEMBA_TRY(processes, project.processes());
    QCOMPARE(processes->size(), std::size_t(2));
}

void TestProjectSibling::siblingDoesNotJudgeTheLiveFileAgain()
{
    // With the project open, its "-wal" is live. The sibling relies on the verdict the open
    // project already reached and runs no quick_check of its own. Shown here with a page spoiled
    // under the open project: openSibling() does not look. (Project::open, too, tells a live
    // -wal from a crash's by its lock: tst_projectopen::liveWalIsNotACrash.)
    const std::string path = file("spoiled.gemba");
    GEMBA_TRY(p, Project::open(path));
    Project& project = **p;
    addStudy(project, 2000);
    QVERIFY(test::rawExec(path, "PRAGMA wal_checkpoint(TRUNCATE)"));   // the rows into the main file
    QVERIFY(test::exists(path + "-wal"));
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
    GEMBA_TRY(s, Project::openSibling(project, OpenMode::ReadOnly));
    QVERIFY((*s)->readOnly());
    QVERIFY((*s)->warning().empty());
}

void TestProjectSibling::siblingOfAReadOnlyProject()
{
    const std::string path = file("ro.gemba");
    {
        GEMBA_TRY(p, Project::open(path));
        addStudy(**p, 4);
    }
    const QByteArray before = test::fileHash(path);
    {
        GEMBA_TRY(p, Project::open(path, OpenMode::ReadOnly));
        auto refused = Project::openSibling(**p, OpenMode::ReadWrite);
        QVERIFY(!refused.hasValue());
        QVERIFY(test::contains(refused.error().message, "read-only"));
        GEMBA_TRY(s, Project::openSibling(**p, OpenMode::ReadOnly));
        QVERIFY((*s)->readOnly());
        QCOMPARE(*(*s)->observationCount(), std::int64_t(4));
    }
    QCOMPARE(test::fileHash(path), before);
    QVERIFY(!test::exists(path + "-wal"));   // the last connection closed cleanly
}

void TestProjectSibling::observationsWithoutTextsMatchObservations()
{
    GEMBA_TRY(p, Project::open(file("texts.gemba")));
    const Study study = addStudy(**p, 25);
    GEMBA_TRY(full, (*p)->observations(study.id));
    GEMBA_TRY(lean, (*p)->observationsWithoutTexts(study.id));
    QCOMPARE(lean->size(), full->size());
    int withNote = 0;
    for (std::size_t i = 0; i < full->size(); ++i) {
        const Observation& a = (*full)[i];
        const Observation& b = (*lean)[i];
        QCOMPARE(b.id, a.id);   // the same start order
        QCOMPARE(b.studyId, a.studyId);
        QCOMPARE(b.cycleId, a.cycleId);
        QCOMPARE(b.stepId, a.stepId);
        QCOMPARE(b.startUs, a.startUs);
        QCOMPARE(b.endUs, a.endUs);
        QCOMPARE(b.wallStartUs, a.wallStartUs);
        QCOMPARE(b.durationUs, a.durationUs);
        QCOMPARE(b.ratingPercent, a.ratingPercent);
        QCOMPARE(b.foreignElement, a.foreignElement);
        QCOMPARE(b.abnormal, a.abnormal);
        QCOMPARE(b.excluded, a.excluded);
        QCOMPARE(b.spansSuspend, a.spansSuspend);
        QVERIFY(b.note.empty() && b.excludedReason.empty());
        withNote += a.note.empty() ? 0 : 1;
    }
    QCOMPARE(withNote, 12);
    QVERIFY(std::any_of(full->begin(), full->end(), [](const Observation& o) { return o.excluded; }));
}

QTEST_GUILESS_MAIN(TestProjectSibling)
#include "tst_projectsibling.moc"
