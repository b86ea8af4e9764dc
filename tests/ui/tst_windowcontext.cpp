// The window context owns what a window shows: two contexts on one document show different
// studies, each model and page follows its own context, an edit of one study reaches the
// views of that study only, and undo brings what it touched into view where the context
// follows reveals (not where it is pinned).
#include "commands/removestudycommand.h"
#include "models/observationsmodel.h"
#include "models/summarymodel.h"
#include "observationspage.h"
#include "projectdocument.h"
#include "uitestsupport.h"
#include "windowcontext.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;
using namespace gemba::ui;

class TestWindowContext : public QObject {
    Q_OBJECT
private slots:
    void twoContextsShowTwoStudies()
    {
        QTemporaryDir dir;
        auto doc = test::makeDocument(dir.filePath("two.gemba"), "Assembly", {"Pick", "Place"});
        study::Study first;
        first.date = "2026-11-23";
        const study::Id a = test::addTimedStudy(*doc, first, 4, [](study::Observation& o, int, std::size_t) {
            o.durationUs = 1'000'000;
        });
        study::Study second;
        second.date = "2026-11-24";
        const study::Id b = test::addTimedStudy(*doc, second, 7, [](study::Observation& o, int, std::size_t) {
            o.durationUs = 2'000'000;
        });

        WindowContext left(doc.get());
        WindowContext right(doc.get());
        left.setFollowsReveals(true);   // like a window's; right stays put, like a pinned chart
        // A new context starts on the first process and its latest study.
        QCOMPARE(left.processId(), doc->processes().front().id);
        QCOMPARE(left.studyId(), b);
        QSignalSpy rightChanged(&right, &WindowContext::studyChanged);
        left.setStudy(a);
        QCOMPARE(left.studyId(), a);
        QCOMPARE(right.studyId(), b);          // the other window is where it was
        QCOMPARE(rightChanged.count(), 0);
        QCOMPARE(left.study()->date, std::string("2026-11-23"));
        QCOMPARE(right.study()->date, std::string("2026-11-24"));
        QCOMPARE(left.steps().size(), std::size_t(2));

        // Each page shows its context's study.
        ObservationsPage leftPage(left);
        ObservationsPage rightPage(right);
        QCOMPARE(leftPage.observationsModel()->totalCount(), qint64(8));
        QCOMPARE(rightPage.observationsModel()->totalCount(), qint64(14));
        QSignalSpy leftReady(&leftPage, &ObservationsPage::summaryReady);
        QSignalSpy rightReady(&rightPage, &ObservationsPage::summaryReady);
        QTRY_VERIFY(!leftPage.summaryModel()->summary().steps.empty());
        QTRY_VERIFY(!rightPage.summaryModel()->summary().steps.empty());
        QCOMPARE(leftPage.summaryModel()->summary().steps[0].n, std::size_t(4));
        QCOMPARE(rightPage.summaryModel()->summary().steps[0].n, std::size_t(7));

        // An edit of study A changes the left page only.
        leftReady.clear();
        rightReady.clear();
        QSignalSpy rightRows(rightPage.observationsModel(), &QAbstractItemModel::dataChanged);
        QVERIFY(leftPage.observationsModel()->setData(
            leftPage.observationsModel()->index(0, ObservationsModel::Seconds), 3.5));
        QVERIFY(leftReady.wait(10000));
        QCOMPARE(leftPage.summaryModel()->summary().steps[0].maxSeconds, 3.5);
        QTest::qWait(100);
        QCOMPARE(rightReady.count(), 0);
        QCOMPARE(rightRows.count(), 0);
        QCOMPARE(rightPage.summaryModel()->summary().steps[0].maxSeconds, 2.0);

        // Undo brings study A into view where the context follows reveals, not where it is pinned.
        QVERIFY(!right.followsReveals());
        left.setStudy(b);
        doc->undoStack()->undo();
        QCOMPARE(left.studyId(), a);
        QCOMPARE(right.studyId(), b);

        // A study deleted under a context: it goes to the latest study there is.
        WindowContext onB(doc.get());
        QCOMPARE(onB.studyId(), b);
        doc->undoStack()->push(new RemoveStudyCommand(doc.get(), onB.processId(), b, QStringLiteral("b")));
        QCOMPARE(onB.studyId(), a);
        QCOMPARE(rightPage.observationsModel()->totalCount(), qint64(8));   // right was on B as well
    }

    void contextsFollowProcesses()
    {
        QTemporaryDir dir;
        auto doc = test::makeDocument(dir.filePath("procs.gemba"), "Assembly", {"Pick"});
        study::Process kitting;
        kitting.name = "Kitting";
        const study::Id k = doc->insertProcess(kitting);
        study::Step s;
        s.name = "Count";
        s.processId = k;
        QVERIFY(doc->insertStep(s));
        WindowContext one(doc.get());
        WindowContext two(doc.get());
        two.setProcess(k);
        QCOMPARE(one.steps().front().name, std::string("Pick"));
        QCOMPARE(two.steps().front().name, std::string("Count"));
        QCOMPARE(doc->stepName(two.steps().front().id), QStringLiteral("Count"));
        // The process goes: the context on it falls back to the first one.
        QVERIFY(doc->removeProcess(k));
        QCOMPARE(two.processId(), one.processId());
        QCOMPARE(two.steps().front().name, std::string("Pick"));
    }
};

QTEST_MAIN(TestWindowContext)
#include "tst_windowcontext.moc"
