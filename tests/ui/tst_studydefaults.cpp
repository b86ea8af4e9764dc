// A new study's details come from one rule (study::newStudy), whether it is timed or imported:
// the demo's observer and location are never copied, its allowance convention is.
#include "dialogs/importdialog.h"
#include "mainwindow.h"
#include "projectdocument.h"

#include "study/newstudy.h"

#include <QFile>
#include <QStandardPaths>
#include <QtTest>

class TestStudyDefaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("USER", "kim");
    }

    void timedStudyAfterTheDemo()
    {
        QFile::remove(gemba::ui::MainWindow::defaultProjectPath());
        gemba::ui::MainWindow window;
        QVERIFY(window.openDefaultProject());
        auto* doc = window.document();
        QVERIFY(doc && !doc->studies().empty());
        const auto demo = doc->studies().back();
        QVERIFY(!demo.location.empty());   // the demo names a place; a new study must not copy it
        QVERIFY(demo.observer != "kim");

        window.startTiming();
        const auto* s = doc->currentStudy();
        QVERIFY(s);
        QVERIFY(s->id != demo.id);
        QCOMPARE(s->observer, std::string("kim"));
        QVERIFY(s->location.empty());
        QCOMPARE(s->allowancePercent, demo.allowancePercent);
        QVERIFY(s->allowanceBasis == demo.allowanceBasis);
        QVERIFY(s->ratingMethod == demo.ratingMethod);
    }

    void importDialogShowsTheNewStudy()
    {
        gemba::study::Study s = gemba::study::newStudy(1, {}, "kim", "2026-12-03");
        gemba::ui::ImportDialog dialog(QStringLiteral("times.csv"), {QStringLiteral("step"), QStringLiteral("cycle")},
                                       s);
        // What the dialog returns unedited is exactly the study the rule made (15 %, of normal time).
        const auto shown = dialog.study();
        QCOMPARE(shown.observer, std::string("kim"));
        QCOMPARE(shown.allowancePercent, gemba::study::kDefaultAllowancePercent);
        QCOMPARE(shown.allowancePercent, 15.0);
        QCOMPARE(shown.date, std::string("2026-12-03"));
        QCOMPARE(shown.processId, gemba::study::Id(1));
    }
};

QTEST_MAIN(TestStudyDefaults)
#include "tst_studydefaults.moc"
