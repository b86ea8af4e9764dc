// Tests of the data service (the summary computed on a worker thread: latest request wins,
// results cached by study and revision) and of the observations page's summary after an edit:
// core's figures, delivered as dataChanged, never a reset.
#include "data/dataservice.h"
#include "models/observationsmodel.h"
#include "models/summarymodel.h"
#include "observationspage.h"
#include "projectdocument.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

using namespace gemba;
using namespace gemba::ui;

namespace {

bool close(double a, double b, double rel = 1e-12)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return std::fabs(a - b) <= rel * std::max({1.0, std::fabs(a), std::fabs(b)});
}

// Three steps and a study of 40 cycles, times varying per step, some rated, one excluded.
std::unique_ptr<ProjectDocument> makeDocument(const QString& path)
{
    auto doc = test::makeDocument(path, "Test process", {"Pick", "Place", "Fasten"});
    study::Study s;
    s.date = "2026-11-23";
    s.ratingMethod = study::RatingMethod::PaceRating;
    s.allowancePercent = 12;
    test::addTimedStudy(*doc, s, 40, [](study::Observation& o, int c, std::size_t i) {
        o.durationUs = static_cast<std::int64_t>(1'000'000 * (i + 1)) + (c * 7919 % 311) * 1000;
        if (c % 3 == 0)
            o.ratingPercent = 90 + 5 * static_cast<double>(i);
        o.excluded = c == 7 && i == 1;
    });
    return doc;
}

// The summary core computes from the store, as the reference for what the window shows.
study::StudySummary coreSummary(ProjectDocument& doc)
{
    auto all = doc.project().observations(doc.currentStudyId());
    auto s = study::summarizeSteps(doc.steps(), *all, *doc.currentStudy());
    if (!all || !s)
        qFatal("no reference summary");
    return *s;
}

} // namespace

class TestDataService : public QObject {
    Q_OBJECT

private slots:
    void summaryAfterAnEditIsCoresAndUpdatesInPlace();
    void cachedByStudyAndRevision();
    void latestRequestWins();
    void anyJobRunsOnTheWorkerAndIsCachedByKey();
    void latestWinsPerChannelOnly();
    void aSupersededReadIsInterrupted();
    void aRequesterGoneIsNotAnswered();
    void aChangeToOneStudyLeavesAnotherAlone();
};

void TestDataService::summaryAfterAnEditIsCoresAndUpdatesInPlace()
{
    QTemporaryDir dir;
    auto doc = makeDocument(dir.filePath("edit.gemba"));
    ObservationsPage page(doc.get());
    SummaryModel* summary = page.summaryModel();
    QAbstractItemModelTester tester(summary, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy ready(&page, &ObservationsPage::summaryReady);
    QVERIFY(ready.wait(10000));
    QCOMPARE(summary->rowCount(), 3);
    QCOMPARE(summary->data(summary->index(1, SummaryModel::N)).toULongLong(), 39ULL);   // one excluded

    QSignalSpy resets(summary, &QAbstractItemModel::modelReset);
    QSignalSpy changed(summary, &QAbstractItemModel::dataChanged);
    ObservationsModel* model = page.observationsModel();
    const QModelIndex cell = model->index(4, ObservationsModel::Seconds);   // cycle 2, Place
    QVERIFY(model->setData(cell, 9.875));
    QVERIFY(ready.wait(10000));
    QCOMPARE(resets.count(), 0);
    QVERIFY(changed.count() >= 1);
    const QModelIndex top = changed.last().at(0).toModelIndex();
    const QModelIndex bottom = changed.last().at(1).toModelIndex();
    QCOMPARE(top.row(), 0);
    QCOMPARE(bottom.row(), 2);
    QCOMPARE(bottom.column(), SummaryModel::ColumnCount - 1);

    // Exactly what core computes from the store after the edit.
    const study::StudySummary expected = coreSummary(*doc);
    const study::StudySummary& shown = summary->summary();
    QCOMPARE(shown.steps.size(), expected.steps.size());
    QVERIFY(close(expected.steps[1].maxSeconds, 9.875));   // the edit is in it
    for (std::size_t i = 0; i < expected.steps.size(); ++i) {
        const auto& a = shown.steps[i];
        const auto& b = expected.steps[i];
        QCOMPARE(a.stepId, b.stepId);
        QCOMPARE(a.n, b.n);
        QVERIFY2(close(a.meanSeconds, b.meanSeconds), qPrintable(QString::number(a.meanSeconds, 'g', 17)));
        QVERIFY(close(a.sdSeconds, b.sdSeconds));
        QVERIFY(close(a.cv, b.cv));
        QVERIFY(close(a.minSeconds, b.minSeconds));
        QVERIFY(close(a.maxSeconds, b.maxSeconds));
        QVERIFY(close(a.meanRatingPercent, b.meanRatingPercent));
        QVERIFY(close(a.normalSeconds, b.normalSeconds));
        QVERIFY(close(a.standardSeconds, b.standardSeconds));
        QVERIFY(a.needed == b.needed);
        QCOMPARE(a.stillNeeded, b.stillNeeded);
        QCOMPARE(a.excludedCount, b.excludedCount);
    }
    QVERIFY(close(shown.cycle.standardSeconds, expected.cycle.standardSeconds));
    QCOMPARE(shown.cycle.completeCycles, expected.cycle.completeCycles);
    // And what the user reads in the table.
    QCOMPARE(summary->data(summary->index(1, SummaryModel::Max)).toString(), QLocale().toString(9.875, 'f', 2));

    // Undo goes the same way.
    doc->undoStack()->undo();
    QVERIFY(ready.wait(10000));
    QCOMPARE(resets.count(), 0);
    QVERIFY(close(summary->summary().steps[1].maxSeconds, coreSummary(*doc).steps[1].maxSeconds));
    QVERIFY(summary->summary().steps[1].maxSeconds < 9.875);
}

void TestDataService::cachedByStudyAndRevision()
{
    QTemporaryDir dir;
    auto doc = makeDocument(dir.filePath("cache.gemba"));
    DataService* data = doc->dataService();
    QSignalSpy ready(data, &DataService::summaryReady);
    const quint64 revision = doc->revision();
    data->requestSummary(*doc->currentStudy(), doc->steps(), revision);
    data->requestSummary(*doc->currentStudy(), doc->steps(), revision);   // the same state, still on its way
    QVERIFY(ready.wait(10000));
    QTest::qWait(100);
    QCOMPARE(ready.count(), 1);
    QCOMPARE(data->computedCount(), 1);
    QVERIFY(data->cachedSummary(doc->currentStudyId(), revision));
    QVERIFY(!data->cachedSummary(doc->currentStudyId(), revision + 1));

    // The same state again: answered at once, inside the call, with nothing computed.
    data->requestSummary(*doc->currentStudy(), doc->steps(), revision);
    QCOMPARE(ready.count(), 2);
    QCOMPARE(data->computedCount(), 1);
    const auto answer = ready.last().at(0).value<StudySummaryResult>();
    QCOMPARE(answer.revision, revision);
    QCOMPARE(answer.summary.steps.size(), std::size_t(3));

    // An edit makes a new revision, which is computed afresh.
    auto all = doc->project().observations(doc->currentStudyId());
    study::Observation o = all->front();
    o.durationUs += 250'000;
    QVERIFY(doc->updateObservation(o));
    QVERIFY(doc->revision() > revision);
    data->requestSummary(*doc->currentStudy(), doc->steps(), doc->revision());
    QVERIFY(ready.wait(10000));
    QCOMPARE(data->computedCount(), 2);
    QVERIFY(close(ready.last().at(0).value<StudySummaryResult>().summary.steps[0].meanSeconds,
                  coreSummary(*doc).steps[0].meanSeconds));
}

void TestDataService::latestRequestWins()
{
    QTemporaryDir dir;
    auto doc = makeDocument(dir.filePath("latest.gemba"));
    DataService* data = doc->dataService();
    QSignalSpy ready(data, &DataService::summaryReady);
    // Five edits in a row, a request after each: only the last one is answered.
    auto all = doc->project().observations(doc->currentStudyId());
    study::Observation o = all->front();
    for (int i = 0; i < 5; ++i) {
        o.durationUs = 1'500'000 + 100'000 * i;
        QVERIFY(doc->updateObservation(o));
        data->requestSummary(*doc->currentStudy(), doc->steps(), doc->revision());
    }
    QVERIFY(ready.wait(10000));
    QTest::qWait(200);   // nothing else is on its way
    QCOMPARE(ready.count(), 1);
    const auto answer = ready.last().at(0).value<StudySummaryResult>();
    QCOMPARE(answer.revision, doc->revision());
    QVERIFY(close(answer.summary.steps[0].meanSeconds, coreSummary(*doc).steps[0].meanSeconds));
    QVERIFY(data->computedCount() <= 5);
}

namespace {
// Waits (on the worker) until `gate` opens; a test's way to keep a job running.
void waitFor(const std::atomic<bool>& gate)
{
    while (!gate.load())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}
} // namespace

void TestDataService::anyJobRunsOnTheWorkerAndIsCachedByKey()
{
    QTemporaryDir dir;
    auto doc = makeDocument(dir.filePath("generic.gemba"));
    DataService* data = doc->dataService();
    QObject requester;
    const DataKey key{QStringLiteral("count"), doc->currentStudyId(), 7, QStringLiteral("step=all")};
    std::atomic<bool> onWorker = false;
    QList<qint64> answers;
    auto count = [&](const DataJob& job) -> qint64 {
        onWorker = QThread::currentThread() != qApp->thread();
        auto rows = job.reader()->observationsWithoutTexts(key.studyId);
        return rows ? static_cast<qint64>(rows->size()) : -1;
    };
    auto done = [&](const qint64& n) { answers << n; };
    const int before = data->computedCount();
    data->submit<qint64>(&requester, QStringLiteral("n"), key, count, done);
    QTRY_COMPARE(answers.size(), 1);
    QCOMPARE(answers.front(), qint64(120));   // 40 cycles of 3 steps, read on the worker's connection
    QVERIFY(onWorker.load());
    QCOMPARE(data->computedCount(), before + 1);
    QVERIFY(data->cached<qint64>(key));
    QCOMPARE(*data->cached<qint64>(key), qint64(120));

    // The same key again: answered inside the call, nothing run.
    data->submit<qint64>(&requester, QStringLiteral("n"), key, count, done);
    QCOMPARE(answers.size(), 2);
    QCOMPARE(data->computedCount(), before + 1);
    // Another revision or other parameters are other results.
    QVERIFY(!data->cached<qint64>(DataKey{key.kind, key.studyId, key.revision + 1, key.parameters}));
    QVERIFY(!data->cached<qint64>(DataKey{key.kind, key.studyId, key.revision, QStringLiteral("step=1")}));

    // A result the job says not to keep is answered but not cached.
    const DataKey failing{QStringLiteral("count"), doc->currentStudyId(), 8, {}};
    data->submit<qint64>(&requester, QStringLiteral("n"), failing, [](const DataJob&) { return qint64(-1); }, done,
                         [](const qint64& n) { return n >= 0; });
    QTRY_COMPARE(answers.size(), 3);
    QCOMPARE(answers.last(), qint64(-1));
    QVERIFY(!data->cached<qint64>(failing));
}

void TestDataService::latestWinsPerChannelOnly()
{
    QTemporaryDir dir;
    auto doc = makeDocument(dir.filePath("channels.gemba"));
    DataService* data = doc->dataService();
    QObject requester;
    std::atomic<bool> gate = false, started = false, sawCancel = false;
    QStringList answers;
    data->submit<QString>(
        &requester, QStringLiteral("a"), DataKey{QStringLiteral("t"), 1, 1, QStringLiteral("a1")},
        [&](const DataJob& job) {
            started = true;
            waitFor(gate);
            sawCancel = job.cancelled();
            return QStringLiteral("a1");
        },
        [&](const QString& r) { answers << r; });
    QTRY_VERIFY(started.load());
    // Behind it in the queue: a2 supersedes a1 (same channel); b (another channel) does not.
    auto answer = [&](const QString& r) { answers << r; };
    data->submit<QString>(&requester, QStringLiteral("a"), DataKey{QStringLiteral("t"), 1, 1, QStringLiteral("a2")},
                          [](const DataJob&) { return QStringLiteral("a2"); }, answer);
    data->submit<QString>(&requester, QStringLiteral("b"), DataKey{QStringLiteral("t"), 1, 1, QStringLiteral("b")},
                          [](const DataJob&) { return QStringLiteral("b"); }, answer);
    gate = true;
    QTRY_COMPARE(answers.size(), 2);
    QTest::qWait(100);   // nothing else is on its way
    QCOMPARE(answers.size(), 2);
    QVERIFY(answers.contains(QStringLiteral("a2")));
    QVERIFY(answers.contains(QStringLiteral("b")));
    QVERIFY(sawCancel.load());   // a1 knew it was superseded
    QVERIFY(!data->cached<QString>(DataKey{QStringLiteral("t"), 1, 1, QStringLiteral("a1")}));   // dropped unkept
}

void TestDataService::aSupersededReadIsInterrupted()
{
    QTemporaryDir dir;
    auto doc = makeDocument(dir.filePath("interrupt.gemba"));
    DataService* data = doc->dataService();
    QObject requester;
    std::atomic<bool> started = false, finished = false;
    std::atomic<int> rc = SQLITE_OK;
    std::atomic<qint64> ms = 0;
    // A read that would take minutes: a billion rows of a recursive CTE.
    data->submit<int>(
        &requester, QStringLiteral("x"), DataKey{QStringLiteral("slow"), 1, 1, {}},
        [&](const DataJob& job) {
            started = true;
            QElapsedTimer t;
            t.start();
            rc = sqlite3_exec(job.reader()->handle(),
                              "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) "
                              "SELECT count(*) FROM c",
                              nullptr, nullptr, nullptr);
            ms = t.elapsed();
            finished = true;
            return 0;
        },
        [](const int&) { QFAIL("a superseded job was answered"); });
    QTRY_VERIFY(started.load());
    QTest::qWait(50);
    int answered = 0;
    data->submit<int>(&requester, QStringLiteral("x"), DataKey{QStringLiteral("slow"), 1, 2, {}},
                      [](const DataJob&) { return 2; }, [&](const int& v) { answered = v; });
    QTRY_VERIFY_WITH_TIMEOUT(finished.load(), 5000);
    QCOMPARE(rc.load(), SQLITE_INTERRUPT);
    QVERIFY2(ms.load() < 5000, qPrintable(QString::number(ms.load())));
    QTRY_COMPARE(answered, 2);   // and the connection reads on for the next job
}

void TestDataService::aRequesterGoneIsNotAnswered()
{
    QTemporaryDir dir;
    auto doc = makeDocument(dir.filePath("gone.gemba"));
    DataService* data = doc->dataService();
    auto requester = std::make_unique<QObject>();
    std::atomic<bool> gate = false, started = false, ran = false;
    int answers = 0;
    data->submit<int>(
        requester.get(), QStringLiteral("c"), DataKey{QStringLiteral("gone"), 1, 1, {}},
        [&](const DataJob&) {
            started = true;
            waitFor(gate);
            ran = true;
            return 1;
        },
        [&](const int&) { ++answers; });
    QTRY_VERIFY(started.load());
    requester.reset();
    gate = true;
    QTRY_VERIFY(ran.load());
    QTest::qWait(100);
    QCOMPARE(answers, 0);
}

void TestDataService::aChangeToOneStudyLeavesAnotherAlone()
{
    QTemporaryDir dir;
    auto doc = makeDocument(dir.filePath("two.gemba"));
    const study::Id a = doc->currentStudyId();
    study::Study second;
    second.date = "2026-11-24";
    const study::Id b = test::addTimedStudy(*doc, second, 5, [](study::Observation& o, int, std::size_t i) {
        o.durationUs = 2'000'000 + static_cast<std::int64_t>(i) * 1000;
    });
    QCOMPARE(doc->currentStudyId(), b);
    // A page on study B, its summary shown.
    ObservationsPage page(doc.get());
    QSignalSpy ready(&page, &ObservationsPage::summaryReady);
    QVERIFY(ready.wait(10000));
    const int computed = doc->dataService()->computedCount();
    const quint64 revisionA = doc->studyRevision(a);
    const quint64 revisionB = doc->studyRevision(b);

    // An edit of study A names study A and the observation, and moves A's revision only.
    QSignalSpy changed(doc.get(), &ProjectDocument::observationChanged);
    auto all = doc->project().observations(a);
    study::Observation o = all->front();
    o.durationUs += 125'000;
    QVERIFY(doc->updateObservation(o));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.front().at(0).value<study::Id>(), a);
    QCOMPARE(changed.front().at(1).value<study::Id>(), o.id);
    QVERIFY(doc->studyRevision(a) > revisionA);
    QCOMPARE(doc->studyRevision(b), revisionB);
    // B's page neither recomputes nor announces anything.
    QTest::qWait(200);
    QCOMPARE(ready.count(), 1);
    QCOMPARE(doc->dataService()->computedCount(), computed);

    // An edit of B does move B, and B's page shows it.
    auto mine = doc->project().observations(b);
    study::Observation p = mine->front();
    p.durationUs = 9'000'000;
    const quint64 revisionA2 = doc->studyRevision(a);
    QVERIFY(doc->updateObservation(p));
    QVERIFY(doc->studyRevision(b) > revisionB);
    QCOMPARE(doc->studyRevision(a), revisionA2);
    QVERIFY(ready.wait(10000));
    QVERIFY(close(page.summaryModel()->summary().steps[0].maxSeconds, 9.0));

    // A step renamed moves every study of its process (the summaries show step names).
    study::Step step = doc->steps().front();
    step.name = "Pick up";
    QVERIFY(doc->updateStep(step));
    QVERIFY(doc->studyRevision(a) > revisionA2);
}

QTEST_MAIN(TestDataService)
#include "tst_dataservice.moc"
