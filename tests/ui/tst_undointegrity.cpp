// Undo never deletes or misplaces data: commands act on the ids they were made for, refuse to
// undo over data that is not on the stack, restore deletions with every row and field, and
// edits that change nothing leave no undo step. Also the basic deletions and the views'
// current row across edits.
#include "commands/addprocesscommand.h"
#include "commands/addstepcommand.h"
#include "commands/removeobservationscommand.h"
#include "commands/removeprocesscommand.h"
#include "commands/removestepcommand.h"
#include "commands/removestudycommand.h"
#include "demoproject.h"
#include "mainwindow.h"
#include "models/observationsmodel.h"
#include "models/stepsmodel.h"
#include "dialogs/excludereasondialog.h"
#include "observationspage.h"
#include "processeditor.h"
#include "projectdocument.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace gemba;
using namespace gemba::ui;

namespace {

// Every row and field of a study, as text, to compare before a deletion and after its undo.
QStringList dumpStudy(store::Project& p, study::Id studyId)
{
    QStringList out;
    auto snap = p.studySnapshot(studyId);
    if (!snap)
        return {QString::fromStdString(snap.error().message)};
    const auto& s = snap->study;
    out << QStringLiteral("study %1 %2 %3 %4 %5 %6 %7 %8")
               .arg(s.id)
               .arg(s.processId)
               .arg(QString::fromStdString(s.date + "|" + s.observer + "|" + s.location + "|" + s.shift + "|" + s.notes))
               .arg(static_cast<int>(s.ratingMethod))
               .arg(s.allowancePercent)
               .arg(s.startedWallUs)
               .arg(s.endedWallUs.value_or(-1))
               .arg(static_cast<int>(s.allowanceBasis));
    for (const auto& c : snap->cycles)
        out << QStringLiteral("cycle %1 %2 %3").arg(c.id).arg(c.studyId).arg(c.number);
    for (const auto& o : snap->observations)
        out << QStringLiteral("obs %1 %2 %3 %4 %5 %6 %7 %8 %9")
                   .arg(o.id)
                   .arg(o.studyId)
                   .arg(o.cycleId)
                   .arg(o.stepId)
                   .arg(QStringLiteral("%1/%2/%3/%4").arg(o.startUs).arg(o.endUs).arg(o.wallStartUs).arg(o.durationUs))
                   .arg(o.ratingPercent ? *o.ratingPercent : -1.0)
                   .arg(QStringLiteral("%1%2%3%4").arg(o.foreignElement).arg(o.abnormal).arg(o.excluded).arg(o.spansSuspend))
                   .arg(QString::fromStdString(o.excludedReason))
                   .arg(QString::fromStdString(o.note));
    // The element list the study was timed against (file format 2) comes back too.
    QStringList elements;
    for (const auto id : snap->elementSteps)
        elements << QString::number(id);
    out << QStringLiteral("elements %1").arg(elements.join(QLatin1Char(',')));
    return out;
}

// What the stopwatch does when a study is timed: a study, a cycle and a lap, written past the
// undo stack.
study::Id timeOneLap(ProjectDocument& doc, study::Id processId, study::Id stepId)
{
    study::Study s;
    s.processId = processId;
    s.date = "2026-12-03";
    s.observer = "timer";
    if (!doc.project().addStudy(s))
        return 0;
    study::Cycle c{0, s.id, 1};
    doc.project().addCycle(c);
    study::Observation o;
    o.studyId = s.id;
    o.cycleId = c.id;
    o.stepId = stepId;
    o.startUs = 1;
    o.endUs = 2'000'001;
    o.durationUs = 2'000'000;
    doc.project().addObservation(o);
    doc.reloadStudies();
    return s.id;
}

// Answers the next modal dialog: records its text and presses the button with `buttonText`
// (or accepts it), after `prepare` has had a look at it.
void answerNextDialog(QString* text, const QString& buttonText = {},
                      std::function<void(QWidget*)> prepare = {})
{
    QTimer::singleShot(0, [=] {
        QWidget* w = QApplication::activeModalWidget();
        if (!w) {
            answerNextDialog(text, buttonText, prepare);
            return;
        }
        if (auto* box = qobject_cast<QMessageBox*>(w)) {
            if (text)
                *text = box->text();
            for (auto* b : box->buttons())
                if (buttonText.isEmpty() ? box->buttonRole(b) == QMessageBox::YesRole
                                         : b->text().remove(QLatin1Char('&')) == buttonText) {
                    b->click();
                    return;
                }
            box->reject();
            return;
        }
        if (auto* input = qobject_cast<QInputDialog*>(w)) {
            if (text)
                *text = input->labelText();
            if (prepare)
                prepare(input);
            input->accept();
            return;
        }
        if (prepare)
            prepare(w);
    });
}

} // namespace

class TestUndoIntegrity : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup() { m_doc.reset(); }

    void undoNewProcessAfterTimingIsRefused();
    void undoActsOnTheProcessItWasMadeFor();
    void redoKeepsIdsSoLaterRedosApply();
    void undoDoesNotOverwriteRowsChangedSince();
    void deleteStudyAndUndoRestoresEveryRow();
    void deleteProcessAndUndo();
    void deleteObservationAndUndo();
    void removeStepMovesItsObservations();
    void removeStepFromTheEditorOffersTheMove();
    void deleteStudyAsksWhatGoes();
    void timeEditorEnterChangesNothing();
    void excludingNeedsAReason();
    void ratingsHaveOneRange();
    void stepListKeepsCurrentRowAndFocus();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ProjectDocument> m_doc;
};

void TestUndoIntegrity::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    m_doc = ProjectDocument::open(m_dir->filePath(QStringLiteral("p.gemba")), &error);
    QVERIFY2(m_doc, qPrintable(error));
    QCOMPARE(populateDemoProject(*m_doc), QString());
    QCOMPARE(m_doc->steps().size(), std::size_t(7));
}

void TestUndoIntegrity::undoNewProcessAfterTimingIsRefused()
{
    auto& doc = *m_doc;
    const auto demo = doc.currentProcessId();
    study::Step pick;
    pick.name = "Pick";
    doc.undoStack()->push(new AddProcessCommand(&doc, study::Process{0, "Kitting", ""}, pick));
    const auto kitting = doc.currentProcessId();
    QVERIFY(kitting != demo);
    QCOMPARE(doc.steps().size(), std::size_t(1));
    const study::Id studyId = timeOneLap(doc, kitting, doc.steps().front().id);
    QVERIFY(studyId);
    const QStringList before = dumpStudy(doc.project(), studyId);
    QSignalSpy messages(&doc, &ProjectDocument::errorOccurred);
    const int commands = doc.undoStack()->count();
    doc.undoStack()->undo();
    // The study is still there, whole; the user was told why; the command is gone, so redo
    // cannot make a second process.
    QCOMPARE(dumpStudy(doc.project(), studyId), before);
    QCOMPARE(doc.processes().size(), std::size_t(2));
    QCOMPARE(messages.count(), 1);
    QVERIFY(messages.front().front().toString().contains(QStringLiteral("1 study")));
    QCOMPARE(doc.undoStack()->count(), commands - 1);
    QVERIFY(!doc.undoStack()->canRedo());
}

void TestUndoIntegrity::undoActsOnTheProcessItWasMadeFor()
{
    auto& doc = *m_doc;
    const auto demo = doc.currentProcessId();
    doc.undoStack()->push(new AddProcessCommand(&doc, study::Process{0, "Kitting", ""}));
    const auto kitting = doc.currentProcessId();
    // Add then remove a step of the demo process; switch to Kitting; undo the removal.
    doc.setCurrentProcess(demo);
    study::Step extra;
    extra.name = "Wipe bench";
    extra.position = 7;
    doc.undoStack()->push(new AddStepCommand(&doc, extra));
    const auto added = doc.steps().back();
    doc.undoStack()->push(new RemoveStepCommand(&doc, added));
    QCOMPARE(doc.steps().size(), std::size_t(7));
    doc.setCurrentProcess(kitting);
    doc.undoStack()->undo();
    auto demoSteps = doc.project().steps(demo);
    auto kittingSteps = doc.project().steps(kitting);
    QCOMPARE(demoSteps->size(), std::size_t(8));
    QCOMPARE(demoSteps->back().id, added.id);
    QCOMPARE(demoSteps->back().name, std::string("Wipe bench"));
    QVERIFY(kittingSteps->empty());
    // The undone change is in view.
    QCOMPARE(doc.currentProcessId(), demo);
    // And undoing the add (from the other process again) removes it from the demo process.
    doc.setCurrentProcess(kitting);
    doc.undoStack()->undo();
    QCOMPARE(doc.project().steps(demo)->size(), std::size_t(7));
}

void TestUndoIntegrity::redoKeepsIdsSoLaterRedosApply()
{
    auto& doc = *m_doc;
    doc.undoStack()->push(new AddProcessCommand(&doc, study::Process{0, "Kitting", ""}));
    const auto kitting = doc.currentProcessId();
    study::Step s;
    s.name = "Pick";
    doc.undoStack()->push(new AddStepCommand(&doc, s));
    const auto stepId = doc.steps().front().id;
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QCOMPARE(doc.processes().size(), std::size_t(1));
    doc.undoStack()->redo();
    QCOMPARE(doc.currentProcessId(), kitting);   // the same id again
    doc.undoStack()->redo();
    QCOMPARE(doc.undoStack()->index(), doc.undoStack()->count());
    auto steps = doc.project().steps(kitting);
    QCOMPARE(steps->size(), std::size_t(1));
    QCOMPARE(steps->front().id, stepId);
}

void TestUndoIntegrity::undoDoesNotOverwriteRowsChangedSince()
{
    auto& doc = *m_doc;
    ObservationsModel model(doc.primaryContext());
    const auto* first = model.observationAt(0);
    QVERIFY(first);
    const auto id = first->id;
    QVERIFY(model.setData(model.index(0, ObservationsModel::Note), QStringLiteral("checked")));
    // The stopwatch (or anything off the stack) changes the row meanwhile.
    auto row = doc.project().observation(id);
    row->durationUs += 5;
    QVERIFY(doc.project().updateObservation(*row));
    QSignalSpy messages(&doc, &ProjectDocument::errorOccurred);
    doc.undoStack()->undo();
    QCOMPARE(messages.count(), 1);
    QCOMPARE(doc.project().observation(id)->note, std::string("checked"));
    QCOMPARE(doc.project().observation(id)->durationUs, row->durationUs);
}

void TestUndoIntegrity::deleteStudyAndUndoRestoresEveryRow()
{
    auto& doc = *m_doc;
    const auto studyId = doc.currentStudyId();
    const QStringList before = dumpStudy(doc.project(), studyId);
    QCOMPARE(before.size(), 1 + 12 + 84 + 1);
    QCOMPARE(before.last().count(QLatin1Char(',')), 6);   // the demo's 7 elements
    doc.undoStack()->push(new RemoveStudyCommand(&doc, doc.currentProcessId(), studyId, QStringLiteral("demo")));
    QVERIFY(doc.studies().empty());
    QCOMPARE(doc.currentStudyId(), study::Id(0));
    QCOMPARE(*doc.project().observationCount(), 0);
    doc.undoStack()->undo();
    QCOMPARE(doc.currentStudyId(), studyId);
    QCOMPARE(dumpStudy(doc.project(), studyId), before);
    doc.undoStack()->redo();
    QCOMPARE(*doc.project().observationCount(), 0);
    doc.undoStack()->undo();
    QCOMPARE(dumpStudy(doc.project(), studyId), before);
}

void TestUndoIntegrity::deleteProcessAndUndo()
{
    auto& doc = *m_doc;
    const auto processId = doc.currentProcessId();
    const auto studyId = doc.currentStudyId();
    const auto steps = doc.steps();
    const QStringList before = dumpStudy(doc.project(), studyId);
    doc.undoStack()->push(new RemoveProcessCommand(&doc, processId, QStringLiteral("demo")));
    QVERIFY(doc.processes().empty());
    QCOMPARE(doc.currentProcessId(), study::Id(0));
    doc.undoStack()->undo();
    QCOMPARE(doc.currentProcessId(), processId);
    QCOMPARE(doc.steps().size(), steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        QCOMPARE(doc.steps()[i].id, steps[i].id);
        QCOMPARE(doc.steps()[i].name, steps[i].name);
        QVERIFY(doc.steps()[i].valueClass == steps[i].valueClass);
    }
    QCOMPARE(dumpStudy(doc.project(), studyId), before);
}

void TestUndoIntegrity::deleteObservationAndUndo()
{
    auto& doc = *m_doc;
    ObservationsModel model(doc.primaryContext());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QStringList before = dumpStudy(doc.project(), doc.currentStudyId());
    const auto victim = *model.observationAt(10);
    doc.undoStack()->push(new RemoveObservationsCommand(&doc, doc.currentProcessId(), doc.currentStudyId(), {victim.id}));
    QCOMPARE(model.rowCount(), 83);
    QCOMPARE(model.totalCount(), 83);
    QVERIFY(model.observationAt(10)->id != victim.id);
    doc.undoStack()->undo();
    QCOMPARE(model.rowCount(), 84);
    QCOMPARE(model.observationAt(10)->id, victim.id);
    QCOMPARE(dumpStudy(doc.project(), doc.currentStudyId()), before);
}

void TestUndoIntegrity::removeStepMovesItsObservations()
{
    auto& doc = *m_doc;
    const QStringList before = dumpStudy(doc.project(), doc.currentStudyId());
    const auto step = doc.steps()[3];
    const auto target = doc.steps()[4].id;
    const auto ofStep = doc.project().observationIdsOfStep(step.id);
    QCOMPARE(ofStep->size(), std::size_t(12));
    doc.undoStack()->push(new RemoveStepCommand(&doc, step, target));
    QCOMPARE(doc.steps().size(), std::size_t(6));
    QCOMPARE(doc.project().observationIdsOfStep(target)->size(), std::size_t(24));
    QCOMPARE(doc.undoStack()->count(), 1);   // one undo step for both
    doc.undoStack()->undo();
    QCOMPARE(doc.steps().size(), std::size_t(7));
    QCOMPARE(doc.steps()[3].id, step.id);
    QCOMPARE(*doc.project().observationIdsOfStep(step.id), *ofStep);
    QCOMPARE(dumpStudy(doc.project(), doc.currentStudyId()), before);
    doc.undoStack()->redo();
    QCOMPARE(doc.project().observationIdsOfStep(target)->size(), std::size_t(24));
}

void TestUndoIntegrity::removeStepFromTheEditorOffersTheMove()
{
    auto& doc = *m_doc;
    ProcessEditor editor(&doc);
    editor.view()->setCurrentIndex(editor.view()->model()->index(3, 0));
    const auto step = doc.steps()[3];
    const auto target = doc.steps()[5];
    QString asked;
    answerNextDialog(&asked, {}, [&](QWidget* w) {
        auto* input = static_cast<QInputDialog*>(w);
        QCOMPARE(input->comboBoxItems().size(), 6);
        QCOMPARE(input->textValue(), QStringLiteral("5. %1").arg(QString::fromStdString(doc.steps()[4].name)));
        input->setTextValue(QStringLiteral("6. %1").arg(QString::fromStdString(target.name)));
    });
    editor.removeStep();
    QCOMPARE(asked, QStringLiteral("12 observations refer to the step '%1'. Move them to:")
                        .arg(QString::fromStdString(step.name)));
    QCOMPARE(doc.stepIndex(step.id), -1);
    QCOMPARE(doc.project().observationIdsOfStep(target.id)->size(), std::size_t(24));
}

void TestUndoIntegrity::deleteStudyAsksWhatGoes()
{
    MainWindow window;
    QVERIFY(window.openProject(m_dir->filePath(QStringLiteral("p.gemba"))));
    m_doc.reset();   // the window has its own document now
    auto* doc = window.document();
    QCOMPARE(doc->studies().size(), std::size_t(1));
    const QString label = MainWindow::studyLabel(doc->studies().front());
    QVERIFY(label.contains(QLatin1Char(':')));   // date and time, not only the date
    QString asked;
    answerNextDialog(&asked, QStringLiteral("Cancel"));
    QAction* del = nullptr;
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text() == QStringLiteral("Delete &Study..."))
            del = a;
    QVERIFY(del);
    del->trigger();
    QCOMPARE(asked, QStringLiteral("Delete study '%1' and its 84 observations?\nEdit > Undo brings it back.").arg(label));
    QCOMPARE(doc->studies().size(), std::size_t(1));   // cancelled
    answerNextDialog(&asked);
    del->trigger();
    QVERIFY(doc->studies().empty());
    doc->undoStack()->undo();
    QCOMPARE(doc->studies().size(), std::size_t(1));
    QCOMPARE(*doc->project().observationCount(), 84);
}

void TestUndoIntegrity::timeEditorEnterChangesNothing()
{
    auto& doc = *m_doc;
    // A time with more digits than the table shows.
    ObservationsPage page(&doc);
    page.resize(1200, 600);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* model = page.observationsModel();
    auto row = *model->observationAt(0);
    row.durationUs = 13'785'146;
    QVERIFY(doc.project().updateObservation(row));
    doc.notifyObservationsChanged();
    QCOMPARE(model->index(0, ObservationsModel::Seconds).data().toString(), QLocale().toString(13.79, 'f', 2));
    const int commands = doc.undoStack()->count();
    auto* view = page.observationsView();
    const QModelIndex cell = model->index(0, ObservationsModel::Seconds);
    view->setFocus();
    view->setCurrentIndex(cell);
    view->edit(cell);
    auto* spin = view->findChild<QDoubleSpinBox*>();
    QVERIFY(spin);
    QCOMPARE(spin->cleanText(), QLocale().toString(13.785146, 'f', 6));
    QTest::keyClick(spin, Qt::Key_Return);
    QCOMPARE(doc.project().observation(row.id)->durationUs, std::int64_t(13'785'146));
    QCOMPARE(doc.undoStack()->count(), commands);
    // A real edit is stored to the microsecond and is one undo step.
    QVERIFY(model->setData(cell, 13.5));
    QCOMPARE(doc.project().observation(row.id)->durationUs, std::int64_t(13'500'000));
    QCOMPARE(doc.undoStack()->count(), commands + 1);
    // Same for a note left as it was.
    QVERIFY(model->setData(model->index(0, ObservationsModel::Note), model->index(0, ObservationsModel::Note).data()));
    QCOMPARE(doc.undoStack()->count(), commands + 1);
}

void TestUndoIntegrity::excludingNeedsAReason()
{
    auto& doc = *m_doc;
    ObservationsModel model(doc.primaryContext());
    const QModelIndex box = model.index(0, ObservationsModel::Excluded);
    QVERIFY(!(model.flags(box) & Qt::ItemIsUserCheckable));   // a click goes to the page, which asks
    QVERIFY(!model.setData(box, Qt::Checked, Qt::CheckStateRole));
    QVERIFY(!model.setExcluded(0, true, QStringLiteral("  ")));
    QVERIFY(!doc.project().observation(model.observationAt(0)->id)->excluded);
    QVERIFY(model.setExcluded(0, true, QStringLiteral("dropped part")));
    QCOMPARE(doc.project().observation(model.observationAt(0)->id)->excludedReason, std::string("dropped part"));
    QVERIFY(model.setData(box, Qt::Unchecked, Qt::CheckStateRole));   // including again needs none
    QVERIFY(!doc.project().observation(model.observationAt(0)->id)->excluded);

    // The page: a click on the box asks for the reason; no reason, no exclusion.
    ObservationsPage page(&doc);
    page.resize(1200, 600);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* view = page.observationsView();
    const QRect rect = view->visualRect(page.observationsModel()->index(1, ObservationsModel::Excluded));
    // ExcludeReasonDialog: Exclude stays disabled without a reason; Esc leaves the reading in.
    bool asked = false;
    answerNextDialog(nullptr, {}, [&asked](QWidget* w) {
        auto* dialog = qobject_cast<ExcludeReasonDialog*>(w);
        QVERIFY(dialog);
        asked = true;
        QVERIFY(dialog->reason().isEmpty());
        QTest::keyClick(dialog, Qt::Key_Escape);
    });
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QVERIFY(asked);
    QVERIFY(!page.observationsModel()->observationAt(1)->excluded);
    answerNextDialog(nullptr, {}, [](QWidget* w) {
        auto* dialog = qobject_cast<ExcludeReasonDialog*>(w);
        QVERIFY(dialog);
        dialog->reasonBox()->lineEdit()->setText(QStringLiteral("jam"));
        dialog->accept();
    });
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_VERIFY(page.observationsModel()->observationAt(1)->excluded);
    QCOMPARE(page.observationsModel()->observationAt(1)->excludedReason, std::string("jam"));
}

void TestUndoIntegrity::ratingsHaveOneRange()
{
    auto& doc = *m_doc;
    ObservationsModel model(doc.primaryContext());
    const QModelIndex cell = model.index(0, ObservationsModel::Rating);
    QVERIFY(!model.setData(cell, 49.9));
    QVERIFY(!model.setData(cell, 150.1));
    QVERIFY(!model.setData(cell, 11));   // a typing error for 110
    QVERIFY(model.setData(cell, study::kMaxRatingPercent));
    QCOMPARE(*doc.project().observation(model.observationAt(0)->id)->ratingPercent, 150.0);
    QVERIFY(model.setData(cell, study::kMinRatingPercent));
    QCOMPARE(*doc.project().observation(model.observationAt(0)->id)->ratingPercent, 50.0);
    QVERIFY(model.setData(cell, QString()));
    QVERIFY(!doc.project().observation(model.observationAt(0)->id)->ratingPercent);
}

void TestUndoIntegrity::stepListKeepsCurrentRowAndFocus()
{
    auto& doc = *m_doc;
    ProcessEditor editor(&doc);
    editor.resize(1000, 600);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QAbstractItemModelTester tester(editor.view()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto* view = editor.view();
    view->setFocus();
    view->setCurrentIndex(view->model()->index(2, StepsModel::Type));
    QVERIFY(view->hasFocus());
    // An edit of the row, its undo, a move and a new step: the current row follows.
    QVERIFY(view->model()->setData(view->model()->index(2, StepsModel::Name), QStringLiteral("Renamed")));
    QCOMPARE(view->currentIndex().row(), 2);
    QCOMPARE(view->currentIndex().column(), int(StepsModel::Type));
    QVERIFY(view->hasFocus());
    doc.undoStack()->undo();
    QCOMPARE(view->currentIndex().row(), 2);
    QTest::keyClick(view, Qt::Key_Down, Qt::AltModifier);   // move down
    QCOMPARE(view->currentIndex().row(), 3);
    QCOMPARE(view->model()->index(3, StepsModel::Name).data().toString(), QString::fromStdString(doc.steps()[3].name));
    QVERIFY(view->hasFocus());
    // Ctrl+Return adds after the current row and opens its name; Enter keeps the list usable.
    QTest::keyClick(view, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(doc.steps().size(), std::size_t(8));
    QCOMPARE(view->currentIndex().row(), 4);
    QWidget* nameEditor = QApplication::focusWidget();
    QVERIFY(nameEditor && nameEditor != view);
    QTest::keyClicks(nameEditor, QStringLiteral("Check seal"));
    QTest::keyClick(nameEditor, Qt::Key_Return);
    // The delegate commits on Return through a queued call.
    QTRY_COMPARE(doc.steps()[4].name, std::string("Check seal"));
    QCOMPARE(view->currentIndex().row(), 4);
    QTRY_VERIFY(view->hasFocus());
    // F2 edits the current step again from the keyboard.
    QTest::keyClick(view, Qt::Key_F2);
    QVERIFY(QApplication::focusWidget() != view);
}

QTEST_MAIN(TestUndoIntegrity)
#include "tst_undointegrity.moc"
