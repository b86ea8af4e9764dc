// Drives the timing view with the keyboard and a hand-set clock, then checks that the store,
// the summary and the observations table show exactly what was timed, and that Undo/Redo of
// an edit restores it.
#include "mainwindow.h"
#include "models/observationsmodel.h"
#include "models/summarymodel.h"
#include "observationspage.h"
#include "projectdocument.h"
#include "timing/timingview.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;
using namespace gemba::ui;

namespace {

using test::press;

std::unique_ptr<ProjectDocument> makeDocument(const QString& path)
{
    return test::makeDocument(path, "Test process", {"Pick", "Place", "Fasten"});
}

study::Study makeStudy(ProjectDocument& doc)
{
    return test::makeStudy(doc, 10);
}

std::vector<std::int64_t> durations(const std::vector<study::Observation>& obs, bool foreign)
{
    std::vector<std::int64_t> out;
    for (const auto& o : obs)
        if (o.foreignElement == foreign)
            out.push_back(o.durationUs);
    return out;
}

} // namespace

class TestTimingView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Keep the user's settings and data folder out of the tests.
        QStandardPaths::setTestModeEnabled(true);
    }

    void keyboardTimingIsExact()
    {
        QTemporaryDir dir;
        auto doc = makeDocument(dir.filePath("t.gemba"));
        const study::Study s = makeStudy(*doc);
        study::ManualClock clock;
        TimingView view(doc.get(), s, nullptr, &clock);
        view.resize(1366, 768);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.activateWindow();
        view.setFocus();
        QCOMPARE(view.currentStepText(), QStringLiteral("Pick"));

        press(&view, Qt::Key_Space);                 // start the clock
        QTRY_COMPARE(view.pendingEvents(), 0);
        clock.advanceUs(2'500'000);
        press(&view, Qt::Key_Space, true);           // auto-repeat: ignored
        press(&view, Qt::Key_Return);                // Pick = 2.5 s
        clock.advanceUs(3'000'000);
        press(&view, Qt::Key_1);                     // rating 1 1 0 = 110 % for Place
        press(&view, Qt::Key_1);
        press(&view, Qt::Key_0);
        press(&view, Qt::Key_Space);                 // Place = 3.0 s
        clock.advanceUs(1'200'000);
        press(&view, Qt::Key_F);                     // foreign element starts
        clock.advanceUs(4'000'000);
        press(&view, Qt::Key_F);                     // ... 4.0 s, kept out of Fasten
        clock.advanceUs(800'000);
        press(&view, Qt::Key_Space);                 // Fasten = 1.2 + 0.8 = 2.0 s; cycle 2 starts
        clock.advanceUs(2'000'000);
        press(&view, Qt::Key_P);                     // pause 5 s (P P in quick succession:
        clock.advanceUs(5'000'000);                  // the second resumes, whether or not
        press(&view, Qt::Key_P);                     // the first is saved yet)
        clock.advanceUs(1'000'000);
        press(&view, Qt::Key_Space);                 // Pick (cycle 2) = 2.0 + 1.0 = 3.0 s
        clock.advanceUs(9'000'000);
        press(&view, Qt::Key_Space);                 // Place = 9.0 s: a mistake ...
        press(&view, Qt::Key_Backspace);             // ... undone: Place is timed again
        clock.advanceUs(1'000'000);
        press(&view, Qt::Key_Space);                 // Place = 9.0 + 1.0 = 10.0 s
        press(&view, Qt::Key_A);                     // and it was abnormal
        QTRY_COMPARE(view.pendingEvents(), 0);

        QCOMPARE(view.cycleText(), QStringLiteral("Cycle 2 · step 3 of 3"));
        QCOMPARE(view.currentStepText(), QStringLiteral("Fasten"));
        clock.advanceUs(1'234'000);
        QTRY_COMPARE(view.clockText(), QStringLiteral("00:01.2"));

        auto obs = doc->project().observations(s.id);
        QVERIFY(obs.hasValue());
        QCOMPARE(durations(*obs, false),
                 (std::vector<std::int64_t>{2'500'000, 3'000'000, 2'000'000, 3'000'000, 10'000'000}));
        QCOMPARE(durations(*obs, true), (std::vector<std::int64_t>{4'000'000}));
        const auto& place = (*obs)[1];
        QCOMPARE(place.ratingPercent.value_or(0), 110.0);
        QVERIFY(obs->back().abnormal);

        // The live summary: Pick n = 2, mean (2.5 + 3.0)/2 = 2.75 s.
        const SummaryModel* summary = view.summaryModel();
        QCOMPARE(summary->data(summary->index(0, SummaryModel::N)).toInt(), 2);
        QCOMPARE(summary->summary().steps[0].meanSeconds, 2.75);
        QCOMPARE(summary->summary().steps[1].meanSeconds, 6.5);   // (3 + 10)/2
        QCOMPARE(summary->summary().steps[2].n, std::size_t(1));

        QSignalSpy finished(&view, &TimingView::finished);
        view.endStudy();
        QTRY_COMPARE(finished.count(), 1);
    }

    void tableEditsUndoAndRedo()
    {
        QTemporaryDir dir;
        auto doc = makeDocument(dir.filePath("u.gemba"));
        const study::Study s = makeStudy(*doc);
        study::ManualClock clock;
        {
            TimingView view(doc.get(), s, nullptr, &clock);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            press(&view, Qt::Key_Space);
            clock.advanceUs(4'000'000);
            press(&view, Qt::Key_Space);   // Pick = 4 s
            clock.advanceUs(6'000'000);
            press(&view, Qt::Key_Space);   // Place = 6 s
            QTRY_COMPARE(view.pendingEvents(), 0);
        }
        doc->notifyObservationsChanged();
        ObservationsPage page(doc.get());
        ObservationsModel* model = page.observationsModel();
        QAbstractItemModelTester observationsTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester summaryTester(page.summaryModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->data(model->index(0, ObservationsModel::Step)).toString(), QStringLiteral("Pick"));
        QCOMPARE(model->data(model->index(1, ObservationsModel::Seconds), Qt::EditRole).toDouble(), 6.0);
        // The summary is computed off the window's thread.
        auto stepMean = [&](std::size_t i) {
            const auto& steps = page.summaryModel()->summary().steps;
            return i < steps.size() ? steps[i].meanSeconds : -1.0;
        };
        auto stepN = [&](std::size_t i) {
            const auto& steps = page.summaryModel()->summary().steps;
            return i < steps.size() ? static_cast<int>(steps[i].n) : -1;
        };
        QTRY_COMPARE(stepMean(1), 6.0);

        // Edit Place to 6.5 s, exclude Pick; undo both, redo both.
        QVERIFY(model->setData(model->index(1, ObservationsModel::Seconds), 6.5));
        QVERIFY(model->setExcluded(0, true, QStringLiteral("operator distracted")));
        QCOMPARE(model->data(model->index(1, ObservationsModel::Seconds), Qt::EditRole).toDouble(), 6.5);
        QCOMPARE(model->data(model->index(0, ObservationsModel::Reason)).toString(), QStringLiteral("operator distracted"));
        QTRY_COMPARE(stepN(0), 0);
        doc->undoStack()->undo();
        doc->undoStack()->undo();
        QCOMPARE(model->data(model->index(1, ObservationsModel::Seconds), Qt::EditRole).toDouble(), 6.0);
        QCOMPARE(model->data(model->index(0, ObservationsModel::Excluded), Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QTRY_COMPARE(stepN(0), 1);
        auto stored = doc->project().observations(s.id);
        QCOMPARE((*stored)[1].durationUs, std::int64_t(6'000'000));
        doc->undoStack()->redo();
        doc->undoStack()->redo();
        stored = doc->project().observations(s.id);
        QCOMPARE((*stored)[1].durationUs, std::int64_t(6'500'000));
        QVERIFY((*stored)[0].excluded);
        QCOMPARE((*stored)[0].excludedReason, std::string("operator distracted"));
    }

    void noteFieldTakesTypingAndSpaceStillLapsElsewhere()
    {
        QTemporaryDir dir;
        auto doc = makeDocument(dir.filePath("n.gemba"));
        const study::Study s = makeStudy(*doc);
        study::ManualClock clock;
        TimingView view(doc.get(), s, nullptr, &clock);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        press(&view, Qt::Key_Space);
        clock.advanceUs(1'000'000);
        press(&view, Qt::Key_N);
        auto* edit = view.findChild<QLineEdit*>(QStringLiteral("noteEdit"));
        QVERIFY(edit && edit->isVisible());
        QTest::keyClicks(edit, "jam at feeder");   // spaces and letters go into the note
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(!edit->isVisible());
        clock.advanceUs(1'000'000);
        press(&view, Qt::Key_Space);
        QTRY_COMPARE(view.pendingEvents(), 0);
        auto obs = doc->project().observations(s.id);
        QCOMPARE(obs->size(), std::size_t(1));
        QCOMPARE(obs->front().note, std::string("jam at feeder"));
        QCOMPARE(obs->front().durationUs, std::int64_t(2'000'000));
    }

    void mainWindowStartsTimingWithCtrlT()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openProject(dir.filePath("w.gemba")));
        study::Process p;
        p.name = "Line";
        window.document()->setCurrentProcess(window.document()->insertProcess(p));
        study::Step st;
        st.name = "Only step";
        window.document()->insertStep(st);
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        QVERIFY(window.timingView() != nullptr);
        QCOMPARE(window.timingView()->currentStepText(), QStringLiteral("Only step"));
        window.timingView()->endStudy();
        QTRY_VERIFY(window.timingView() == nullptr);
    }
};

QTEST_MAIN(TestTimingView)
#include "tst_timingview.moc"
