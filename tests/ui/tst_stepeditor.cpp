// The process editor's element columns (issue 8): kind, every N cycles or units, inside a
// machine-controlled step (internal work), the step's own allowance categories; edits the
// element cannot take are refused with the reason shown beside the table.
#include "commands/changestepcommand.h"
#include "models/stepsmodel.h"
#include "processeditor.h"
#include "projectdocument.h"
#include "uitestsupport.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;
using namespace gemba::ui;

class TestStepEditor : public QObject {
    Q_OBJECT
private slots:
    void columnsAndChoices();
    void everyMustBeMoreThanZero();
    void insideOnlyAMachineControlledStep();
    void kindEditIsOneUndoStep();
    void sameFieldsSeesEveryNewField();
    void editsAreStoredUndoneAndReloaded();
};

void TestStepEditor::columnsAndChoices()
{
    QTemporaryDir dir;
    auto doc = test::makeDocument(dir.filePath("p.gemba"), "Press", {"Load", "Press cycle", "Unload"});
    ProcessEditor editor(doc.get());
    auto* model = editor.view()->model();
    QCOMPARE(model->columnCount(), int(StepsModel::ColumnCount));
    QCOMPARE(model->headerData(StepsModel::Kind, Qt::Horizontal).toString(), QStringLiteral("Kind"));
    QCOMPARE(model->headerData(StepsModel::Inside, Qt::Horizontal).toString(), QStringLiteral("Inside"));
    QCOMPARE(StepsModel::choices(StepsModel::Kind),
             (QStringList{QStringLiteral("Cyclic"), QStringLiteral("Occasional"), QStringLiteral("Machine-controlled")}));
    QCOMPARE(StepsModel::choices(StepsModel::Per), (QStringList{QStringLiteral("cycles"), QStringLiteral("units")}));
    // A new step is cyclic, external, with the study's allowances: Every and Per do not apply.
    QCOMPARE(model->index(0, StepsModel::Kind).data().toString(), QStringLiteral("Cyclic"));
    QCOMPARE(model->index(0, StepsModel::Inside).data().toString(), QStringLiteral("—"));
    QVERIFY(!(model->flags(model->index(0, StepsModel::Every)) & Qt::ItemIsEnabled));
    QVERIFY(!(model->flags(model->index(0, StepsModel::Per)) & Qt::ItemIsEnabled));
    QVERIFY(model->flags(model->index(0, StepsModel::Kind)) & Qt::ItemIsEditable);
    QVERIFY(model->flags(model->index(0, StepsModel::Personal)) & Qt::ItemIsEditable);
    QVERIFY(model->index(0, StepsModel::Personal).data(Qt::EditRole).isNull());   // none of its own
    // No machine-controlled step yet: "—" is the only place manual work can be.
    const auto* steps = static_cast<StepsModel*>(model);
    QCOMPARE(steps->insideChoices(0), QStringList{QStringLiteral("— (external)")});
}

void TestStepEditor::everyMustBeMoreThanZero()
{
    QTemporaryDir dir;
    auto doc = test::makeDocument(dir.filePath("p.gemba"), "Press", {"Load", "Reel change"});
    ProcessEditor editor(doc.get());
    auto* model = static_cast<StepsModel*>(editor.view()->model());
    QSignalSpy rejected(model, &StepsModel::editRejected);
    const int before = doc->undoStack()->count();
    QVERIFY(!model->setData(model->index(1, StepsModel::Every), 0.0));
    QVERIFY(!model->setData(model->index(1, StepsModel::Every), -5.0));
    QCOMPARE(rejected.count(), 2);
    QVERIFY(rejected.last().at(0).toString().contains(QStringLiteral("more than 0")));
    QCOMPARE(doc->undoStack()->count(), before);   // nothing pushed
    // The reason is shown in the editor, not in a box that takes the keyboard.
    QVERIFY(!editor.messageLabel()->isHidden());
    QCOMPARE(editor.messageLabel()->text(), rejected.last().at(0).toString());
    // An allowance outside 0-100 % is refused the same way.
    QVERIFY(!model->setData(model->index(0, StepsModel::Delay), 100.0));
    QCOMPARE(rejected.count(), 3);
}

void TestStepEditor::insideOnlyAMachineControlledStep()
{
    QTemporaryDir dir;
    auto doc = test::makeDocument(dir.filePath("p.gemba"), "Press", {"Load", "Press cycle", "Unload"});
    ProcessEditor editor(doc.get());
    auto* model = static_cast<StepsModel*>(editor.view()->model());
    QSignalSpy rejected(model, &StepsModel::editRejected);
    const study::Id cyclicId = doc->steps()[1].id;   // "Press cycle", still cyclic
    QVERIFY(!model->setData(model->index(0, StepsModel::Inside), QVariant::fromValue<qlonglong>(cyclicId)));
    QCOMPARE(rejected.count(), 1);
    QVERIFY(rejected.last().at(0).toString().contains(QStringLiteral("machine-controlled")));
    // Nor inside itself.
    QVERIFY(!model->setData(model->index(1, StepsModel::Inside),
                            QVariant::fromValue<qlonglong>(doc->steps()[1].id)));
    QCOMPARE(rejected.count(), 2);
    // "—" (choice 0) is always allowed and, as nothing changes, pushes no undo step.
    const int before = doc->undoStack()->count();
    QVERIFY(model->setData(model->index(0, StepsModel::Inside), 0));
    QCOMPARE(doc->undoStack()->count(), before);
}

void TestStepEditor::kindEditIsOneUndoStep()
{
    QTemporaryDir dir;
    auto doc = test::makeDocument(dir.filePath("p.gemba"), "Press", {"Load", "Reel change"});
    ProcessEditor editor(doc.get());
    auto* model = editor.view()->model();
    const int before = doc->undoStack()->count();
    QVERIFY(model->setData(model->index(1, StepsModel::Kind), int(study::ElementKind::Occasional)));
    QCOMPARE(doc->undoStack()->count(), before + 1);
    QCOMPARE(doc->undoStack()->text(before), QStringLiteral("Edit step Reel change"));
}

void TestStepEditor::sameFieldsSeesEveryNewField()
{
    study::Step a;
    a.id = 3;
    a.name = "Reel change";
    study::Step b = a;
    QVERIFY(sameStepFields(a, b));
    b.kind = study::ElementKind::Occasional;
    QVERIFY(!sameStepFields(a, b));
    b = a;
    b.every = 50;
    QVERIFY(!sameStepFields(a, b));
    b = a;
    b.everyBasis = study::FrequencyBasis::Units;
    QVERIFY(!sameStepFields(a, b));
    b = a;
    b.insideStepId = 7;
    QVERIFY(!sameStepFields(a, b));
    b = a;
    b.allowances = study::Allowances{.personal = 5};
    QVERIFY(!sameStepFields(a, b));
}

// Every new field through the editor's model: stored (file format 4), one undo step each, and
// there after the project is opened again.
void TestStepEditor::editsAreStoredUndoneAndReloaded()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("p.gemba");
    {
        auto doc = test::makeDocument(path, "Press", {"Load", "Reel change", "Press cycle", "Deburr"});
        ProcessEditor editor(doc.get());
        auto* model = static_cast<StepsModel*>(editor.view()->model());
        // Reel change: occasional, every 50 units.
        QVERIFY(model->setData(model->index(1, StepsModel::Kind), int(study::ElementKind::Occasional)));
        QVERIFY(model->flags(model->index(1, StepsModel::Every)) & Qt::ItemIsEditable);
        QVERIFY(model->setData(model->index(1, StepsModel::Every), 50.0));
        QVERIFY(model->setData(model->index(1, StepsModel::Per), 1));
        QCOMPARE(model->index(1, StepsModel::Every).data().toString(), QStringLiteral("50"));
        QCOMPARE(model->index(1, StepsModel::Per).data().toString(), QStringLiteral("units"));
        // Press cycle: machine-controlled; Deburr inside it (choice 1: the only machine step).
        QVERIFY(model->setData(model->index(2, StepsModel::Kind), int(study::ElementKind::MachineControlled)));
        QCOMPARE(model->insideChoices(3), (QStringList{QStringLiteral("— (external)"), QStringLiteral("Press cycle")}));
        QVERIFY(model->setData(model->index(3, StepsModel::Inside), 1));
        QCOMPARE(model->index(3, StepsModel::Inside).data().toString(), QStringLiteral("Press cycle"));
        // The press takes the delay category only: the others are not editable.
        QVERIFY(!(model->flags(model->index(2, StepsModel::Personal)) & Qt::ItemIsEnabled));
        QVERIFY(model->flags(model->index(2, StepsModel::Delay)) & Qt::ItemIsEditable);
        // Load's own categories: no study yet, so they start at 0 and personal becomes 7 %.
        QVERIFY(model->setData(model->index(0, StepsModel::Personal), 7.0));
        const auto& steps = doc->steps();
        QVERIFY(steps[1].kind == study::ElementKind::Occasional);
        QCOMPARE(steps[1].every, 50.0);
        QVERIFY(steps[1].everyBasis == study::FrequencyBasis::Units);
        QVERIFY(steps[2].kind == study::ElementKind::MachineControlled);
        QCOMPARE(steps[3].insideStepId, steps[2].id);
        QVERIFY(steps[0].allowances == (study::Allowances{.personal = 7}));
        // Undo the last one: Load has no categories of its own again; redo brings them back.
        doc->undoStack()->undo();
        QVERIFY(!doc->steps()[0].allowances.has_value());
        QVERIFY(model->index(0, StepsModel::Personal).data(Qt::EditRole).isNull());
        doc->undoStack()->redo();
        QVERIFY(doc->steps()[0].allowances == (study::Allowances{.personal = 7}));
        // Clearing a category gives the step back the study's.
        QVERIFY(model->setData(model->index(0, StepsModel::Delay), QString()));
        QVERIFY(!doc->steps()[0].allowances.has_value());
        doc->undoStack()->undo();
    }
    QString error;
    auto again = ProjectDocument::open(path, &error);
    QVERIFY2(again, qPrintable(error));
    again->setCurrentProcess(again->processes().front().id);
    const auto& steps = again->steps();
    QCOMPARE(steps.size(), std::size_t(4));
    QVERIFY(steps[1].kind == study::ElementKind::Occasional);
    QCOMPARE(steps[1].every, 50.0);
    QVERIFY(steps[1].everyBasis == study::FrequencyBasis::Units);
    QVERIFY(steps[2].kind == study::ElementKind::MachineControlled);
    QCOMPARE(steps[3].insideStepId, steps[2].id);
    QVERIFY(steps[0].allowances == (study::Allowances{.personal = 7}));
}

QTEST_MAIN(TestStepEditor)
#include "tst_stepeditor.moc"
