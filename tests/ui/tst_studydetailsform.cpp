// The study details form (issue 8): allowance categories with their live total and basis,
// per-step-type overrides, the not-split PF&D only when a study has one, the selected-time rule,
// units per cycle, operator and conditions; what the form returns is what was typed.
#include "dialogs/studydetailsform.h"
#include "dialogs/studydialog.h"
#include "commands/changestudycommand.h"
#include "projectdocument.h"
#include "uitestsupport.h"

#include "study/newstudy.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;
using namespace gemba::ui;

class TestStudyDetailsForm : public QObject {
    Q_OBJECT
private slots:
    void categoriesAndTheirTotal();
    void typeOverrides();
    void notSplitOnlyWhenTheStudyHasOne();
    void ruleUnitsOperatorConditions();
    void changeStudyIsStoredUndoneAndReloaded();
};

namespace {
study::Study categoryStudy()
{
    study::Study s;
    s.id = 4;
    s.processId = 2;
    s.date = "2026-12-03";
    s.allowancePercent = 0;
    s.allowances = study::kDefaultAllowances;   // 5 + 4 + 2 + 4 = 15 %
    return s;
}
} // namespace

void TestStudyDetailsForm::categoriesAndTheirTotal()
{
    StudyDetailsForm form(categoryStudy());
    QCOMPARE(form.allowanceBox(StudyDetailsForm::StudyRow, 0)->value(), 5.0);
    QCOMPARE(form.allowanceBox(StudyDetailsForm::StudyRow, 3)->value(), 4.0);
    // Total 15 % of normal time; a machine-controlled element takes the delay only: 4 %.
    QCOMPARE(form.totalLabel()->text(),
             QStringLiteral("Total 15.0 % of normal time; machine-controlled elements 4.0 % (delay only)."));
    // Live: variable fatigue 2 → 5 makes 18 %; of working time says so.
    form.allowanceBox(StudyDetailsForm::StudyRow, 2)->setValue(5);
    QVERIFY(form.totalLabel()->text().startsWith(QStringLiteral("Total 18.0 % of normal time")));
    QComboBox* basis = nullptr;
    for (auto* c : form.findChildren<QComboBox*>())
        if (c->itemText(1).startsWith(QStringLiteral("% of working time")))
            basis = c;
    QVERIFY(basis);
    basis->setCurrentIndex(1);
    QVERIFY(form.totalLabel()->text().startsWith(QStringLiteral("Total 18.0 % of working time")));
    QVERIFY(form.study().allowanceBasis == study::AllowanceBasis::WorkingTime);
    basis->setCurrentIndex(0);
    const study::Study s = form.study();
    QVERIFY(s.allowances == (study::Allowances{.personal = 5, .basicFatigue = 4, .variableFatigue = 5, .delay = 4}));
    QCOMPARE(s.allowances.total(), 18.0);
    QVERIFY(s.typeAllowances.empty());
}

void TestStudyDetailsForm::typeOverrides()
{
    study::Study given = categoryStudy();
    given.typeAllowances[study::StepType::Walk] = {.personal = 5, .basicFatigue = 4, .variableFatigue = 5, .delay = 2};
    StudyDetailsForm form(given);
    // Walk's row is ticked with its own; Manual's follows the study's, greyed.
    QVERIFY(form.overrideBox(StudyDetailsForm::WalkRow)->isChecked());
    QCOMPARE(form.allowanceBox(StudyDetailsForm::WalkRow, 2)->value(), 5.0);
    QVERIFY(!form.overrideBox(StudyDetailsForm::ManualRow)->isChecked());
    QVERIFY(!form.allowanceBox(StudyDetailsForm::ManualRow, 0)->isEnabled());
    QCOMPARE(form.allowanceBox(StudyDetailsForm::ManualRow, 0)->value(), 5.0);
    // Ticking Machine starts from the study's categories; a changed delay is its own.
    form.overrideBox(StudyDetailsForm::MachineRow)->setChecked(true);
    QVERIFY(form.allowanceBox(StudyDetailsForm::MachineRow, 3)->isEnabled());
    form.allowanceBox(StudyDetailsForm::MachineRow, 3)->setValue(6);
    const study::Study s = form.study();
    QCOMPARE(s.typeAllowances.size(), std::size_t(2));
    QVERIFY(s.typeAllowances.at(study::StepType::Machine) ==
            (study::Allowances{.personal = 5, .basicFatigue = 4, .variableFatigue = 2, .delay = 6}));
    QVERIFY(s.typeAllowances.at(study::StepType::Walk) ==
            (study::Allowances{.personal = 5, .basicFatigue = 4, .variableFatigue = 5, .delay = 2}));
    QVERIFY(s.typeAllowances.find(study::StepType::Manual) == s.typeAllowances.end());
    // Unticking gives the type back to the study's categories.
    form.overrideBox(StudyDetailsForm::WalkRow)->setChecked(false);
    QCOMPARE(form.study().typeAllowances.size(), std::size_t(1));
}

void TestStudyDetailsForm::notSplitOnlyWhenTheStudyHasOne()
{
    // A study of an older file: 15 % PF&D not split, no categories.
    // (newStudy now starts with categories, so the older file's study is made by hand.)
    study::Study old = study::newStudy(1, {}, "kim", "2026-12-03");
    old.allowances = {};
    old.allowancePercent = 15;
    {
        StudyDetailsForm form(old);
        QVERIFY(!form.notSplitBox()->isHidden());
        QCOMPARE(form.notSplitBox()->value(), old.allowancePercent);
        // The total is what core applies: categories + the not-split figure.
        QVERIFY2(form.totalLabel()->text().startsWith(
                     QStringLiteral("Total %1 % of normal time")
                         .arg(QLocale().toString(old.allowances.total() + old.allowancePercent, 'f', 1))),
                 qPrintable(form.totalLabel()->text()));
        QCOMPARE(form.study().allowancePercent, old.allowancePercent);
    }
    {
        StudyDetailsForm form(categoryStudy());
        QVERIFY(form.notSplitBox()->isHidden());
        QCOMPARE(form.study().allowancePercent, 0.0);
    }
}

void TestStudyDetailsForm::ruleUnitsOperatorConditions()
{
    StudyDialog dialog(categoryStudy());
    auto* form = dialog.findChild<StudyDetailsForm*>();
    QVERIFY(form);
    QVERIFY(dialog.study().selectedTime == study::SelectedTimeRule::Mean);
    QCOMPARE(dialog.study().unitsPerCycle, 1.0);
    const auto combos = form->findChildren<QComboBox*>();
    QComboBox* rule = nullptr;
    for (auto* c : combos)
        if (c->itemText(0) == QStringLiteral("Mean of the readings"))
            rule = c;
    QVERIFY(rule);
    rule->setCurrentIndex(1);
    QDoubleSpinBox* units = nullptr;
    for (auto* b : form->findChildren<QDoubleSpinBox*>())
        if (b->decimals() == 3)
            units = b;
    QVERIFY(units);
    units->setValue(4);
    QLineEdit* op = nullptr;
    QLineEdit* conditions = nullptr;
    for (auto* e : form->findChildren<QLineEdit*>()) {
        if (e->placeholderText() == QStringLiteral("the person timed"))
            op = e;
        if (e->placeholderText().startsWith(QStringLiteral("e.g. night shift")))
            conditions = e;
    }
    QVERIFY(op && conditions);
    op->setText(QStringLiteral(" Ana Ruiz "));
    conditions->setText(QStringLiteral("new fixture"));
    const study::Study s = dialog.study();
    QVERIFY(s.selectedTime == study::SelectedTimeRule::Median);
    QCOMPARE(s.unitsPerCycle, 4.0);
    QCOMPARE(s.operatorName, std::string("Ana Ruiz"));
    QCOMPARE(s.conditions, std::string("new fixture"));
    QCOMPARE(s.id, study::Id(4));   // the same study, edited
}

// What the form returns goes through ChangeStudyCommand: stored (file format 4), undone, and
// there after the project is opened again.
void TestStudyDetailsForm::changeStudyIsStoredUndoneAndReloaded()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.gemba");
    study::Id studyId = 0;
    {
        auto doc = test::makeDocument(path, "Press", {"Load"});
        const study::Study before = test::makeStudy(*doc, 15);
        studyId = before.id;
        StudyDetailsForm form(*doc->study(studyId));
        form.notSplitBox()->setValue(0);
        const double typed[] = {5, 4, 2, 4};
        for (int c = 0; c < StudyDetailsForm::kCategories; ++c)
            form.allowanceBox(StudyDetailsForm::StudyRow, c)->setValue(typed[c]);
        form.overrideBox(StudyDetailsForm::WalkRow)->setChecked(true);
        form.allowanceBox(StudyDetailsForm::WalkRow, 2)->setValue(5);
        const study::Study after = form.study();
        doc->undoStack()->push(new ChangeStudyCommand(doc.get(), *doc->study(studyId), after));
        const study::Study* now = doc->study(studyId);
        QVERIFY(now->allowances == study::kDefaultAllowances);
        QCOMPARE(now->allowancePercent, 0.0);
        QVERIFY(now->typeAllowances.at(study::StepType::Walk) ==
                (study::Allowances{.personal = 5, .basicFatigue = 4, .variableFatigue = 5, .delay = 4}));
        doc->undoStack()->undo();
        QCOMPARE(doc->study(studyId)->allowancePercent, 15.0);
        QVERIFY(doc->study(studyId)->typeAllowances.empty());
        doc->undoStack()->redo();
        QVERIFY(doc->study(studyId)->allowances == study::kDefaultAllowances);
    }
    QString error;
    auto again = ProjectDocument::open(path, &error);
    QVERIFY2(again, qPrintable(error));
    again->setCurrentProcess(again->processes().front().id);
    const study::Study* s = again->study(studyId);
    QVERIFY(s);
    QVERIFY(s->allowances == study::kDefaultAllowances);
    QCOMPARE(s->allowancePercent, 0.0);
    QCOMPARE(s->typeAllowances.size(), std::size_t(1));
    // The reloaded study shows the same in the form: no not-split figure, Walk ticked.
    StudyDetailsForm form(*s);
    QVERIFY(form.notSplitBox()->isHidden());
    QVERIFY(form.overrideBox(StudyDetailsForm::WalkRow)->isChecked());
    QCOMPARE(form.totalLabel()->text(),
             QStringLiteral("Total 15.0 % of normal time; machine-controlled elements 4.0 % (delay only)."));
}

QTEST_MAIN(TestStudyDetailsForm)
#include "tst_studydetailsform.moc"
