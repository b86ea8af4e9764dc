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

#include <cmath>

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

QTEST_MAIN(TestDataService)
#include "tst_dataservice.moc"
