// The main window opens with its menus, and every menu action has a keyboard shortcut.
#include "commands/addprocesscommand.h"
#include "mainwindow.h"
#include "models/observationsmodel.h"
#include "models/summarymodel.h"
#include "observationspage.h"
#include "projectdocument.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTableView>
#include "processeditor.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void firstLaunchOpensTheDemo();
    void editingTheProcessKeepsFinishedStudies();

    void opensWithMenusAndShortcuts()
    {
        gemba::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Gemba Workbench"));
        const auto menus = window.menuBar()->findChildren<QMenu*>();
        QVERIFY(menus.size() >= 2);
        int actions = 0;
        for (const QMenu* menu : menus) {
            for (const QAction* action : menu->actions()) {
                if (action->isSeparator() || action->menu())
                    continue;
                ++actions;
                QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text() + " has no shortcut"));
            }
        }
        QVERIFY(actions >= 2);
    }
};

void TestMainWindow::firstLaunchOpensTheDemo()
{
    QFile::remove(gemba::ui::MainWindow::defaultProjectPath());
    gemba::ui::MainWindow window;
    QVERIFY(window.openDefaultProject());
    auto* doc = window.document();
    QVERIFY(doc);
    QCOMPARE(doc->processes().size(), std::size_t(1));
    QCOMPARE(doc->steps().size(), std::size_t(7));
    QAbstractItemModelTester stepsTester(window.processEditor()->view()->model(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Renaming a step through the model is one undo step; undo restores the name.
    auto* steps = window.processEditor()->view()->model();
    const QString oldName = steps->index(0, 0).data().toString();
    QVERIFY(steps->setData(steps->index(0, 0), QStringLiteral("Pick housing")));
    QCOMPARE(doc->steps().front().name, std::string("Pick housing"));
    doc->undoStack()->undo();
    QCOMPARE(QString::fromStdString(doc->steps().front().name), oldName);
    doc->undoStack()->redo();
    QCOMPARE(doc->steps().front().name, std::string("Pick housing"));

    // Add a step, rename it, delete it; undoing all three walks back through the same step
    // (its id survives the delete and its return), and redoing them walks forward again.
    const int before = static_cast<int>(doc->steps().size());
    window.processEditor()->view()->setCurrentIndex(steps->index(before - 1, 0));
    window.processEditor()->addStep();
    QCOMPARE(static_cast<int>(doc->steps().size()), before + 1);
    const auto added = doc->steps().back();
    QVERIFY(steps->setData(steps->index(before, 0), QStringLiteral("Wipe bench")));
    window.processEditor()->view()->setCurrentIndex(steps->index(before, 0));
    window.processEditor()->removeStep();
    QCOMPARE(static_cast<int>(doc->steps().size()), before);
    doc->undoStack()->undo();   // the step is back, with its id and new name
    QCOMPARE(doc->steps().back().id, added.id);
    QCOMPARE(doc->steps().back().name, std::string("Wipe bench"));
    doc->undoStack()->undo();   // the old name
    QCOMPARE(doc->steps().back().name, added.name);
    doc->undoStack()->undo();   // gone
    QCOMPARE(static_cast<int>(doc->steps().size()), before);
    doc->undoStack()->redo();
    doc->undoStack()->redo();
    doc->undoStack()->redo();
    QCOMPARE(static_cast<int>(doc->steps().size()), before);
    QCOMPARE(doc->studies().size(), std::size_t(1));
    // 12 cycles of 7 steps; one observation (cycle 7, step 4) is excluded with a reason.
    auto obs = doc->project().observations(doc->currentStudyId());
    QVERIFY(obs.hasValue());
    QCOMPARE(obs->size(), std::size_t(84));
    QCOMPARE(std::count_if(obs->begin(), obs->end(), [](const auto& o) { return o.excluded; }), 1);
    QCOMPARE(window.observationsPage()->observationsModel()->rowCount(), 84);
    // Step 4 has 12 observations, one excluded; the summary is computed off the window's thread.
    auto stepN = [&](std::size_t i) {
        const auto& rows = window.observationsPage()->summaryModel()->summary().steps;
        return i < rows.size() ? static_cast<int>(rows[i].n) : -1;
    };
    QTRY_COMPARE(stepN(3), 11);

    // A new process is one undo step.
    const std::size_t processes = doc->processes().size();
    const auto demoProcess = doc->currentProcessId();
    doc->undoStack()->push(new gemba::ui::AddProcessCommand(doc, gemba::study::Process{0, "Kitting", ""}));
    QCOMPARE(doc->processes().size(), processes + 1);
    QVERIFY(doc->currentProcessId() != demoProcess);
    doc->undoStack()->undo();
    QCOMPARE(doc->processes().size(), processes);
    QCOMPARE(doc->currentProcessId(), demoProcess);

    // A second launch opens the same project without adding the demo again.
    gemba::ui::MainWindow again;
    QVERIFY(again.openDefaultProject());
    QCOMPARE(again.document()->processes().size(), std::size_t(1));
}

void TestMainWindow::editingTheProcessKeepsFinishedStudies()
{
    // The demo study was timed against 7 steps: 12 cycles, one of which lacks its step 4 (that
    // time is excluded), so 11 complete cycles. A step added to the process afterwards is no
    // part of it: it keeps 7 rows, its 11 complete cycles and its verdict.
    QFile::remove(gemba::ui::MainWindow::defaultProjectPath());
    gemba::ui::MainWindow window;
    QVERIFY(window.openDefaultProject());
    auto* doc = window.document();
    auto* page = window.observationsPage();
    const auto* summary = page->summaryModel();
    QTRY_COMPARE(summary->summary().cycle.completeCycles, std::size_t(11));
    QCOMPARE(summary->rowCount(), 7);
    const QString totals = summary->totalsText();
    QVERIFY2(totals.contains(QStringLiteral("11 complete cycle")), qPrintable(totals));

    QSignalSpy ready(page, &gemba::ui::ObservationsPage::summaryReady);
    auto* steps = window.processEditor()->view()->model();
    window.processEditor()->view()->setCurrentIndex(steps->index(6, 0));
    window.processEditor()->addStep();
    QCOMPARE(doc->steps().size(), std::size_t(8));
    QTRY_VERIFY(ready.count() >= 1);
    QCOMPARE(summary->rowCount(), 7);
    QCOMPARE(summary->summary().cycle.completeCycles, std::size_t(11));
    QCOMPARE(summary->totalsText(), totals);
    doc->undoStack()->undo();
    QCOMPARE(doc->steps().size(), std::size_t(7));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
