// A new study's details come from one rule (study::newStudy), whether it is timed or imported:
// the demo's observer and location are never copied, its allowance convention is.
#include "dialogs/importdialog.h"
#include "mainwindow.h"
#include "projectdocument.h"

#include "io/csvreader.h"
#include "study/newstudy.h"

#include <QComboBox>
#include <QFile>
#include <QTemporaryDir>
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
        QVERIFY(s->allowances == demo.allowances);
        QVERIFY(s->allowanceBasis == demo.allowanceBasis);
        QVERIFY(s->ratingMethod == demo.ratingMethod);
    }

    void importDialogShowsTheNewStudy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("times.csv"));
        QVERIFY(writeFile(path, "step,cycle,duration_s\nA,1,2.5\n"));
        gemba::study::Study s = gemba::study::newStudy(1, {}, "kim", "2026-12-03");
        gemba::ui::ImportDialog dialog(path, s);
        QCOMPARE(dialog.header(), (QStringList{"step", "cycle", "duration_s"}));
        QVERIFY(dialog.problem().isEmpty());
        // What the dialog returns unedited is exactly the study the rule made (15 % by category,
        // 5 + 4 + 2 + 4, and no PF&D figure beside it; of normal time).
        const auto shown = dialog.study();
        QCOMPARE(shown.observer, std::string("kim"));
        QVERIFY(shown.allowances == gemba::study::kDefaultAllowances);
        QCOMPARE(shown.allowances.total(), 15.0);
        QCOMPARE(shown.allowancePercent, 0.0);
        QCOMPARE(shown.date, std::string("2026-12-03"));
        QCOMPARE(shown.processId, gemba::study::Id(1));
        const auto o = dialog.options();
        QCOMPARE(o.columns.step, std::string("step"));
        QCOMPARE(o.columns.duration, std::string("duration_s"));
        QVERIFY(o.csv.decimal == gemba::io::DecimalMark::Auto);
        QCOMPARE(o.csv.delimiter, '\0');
        // For looking at the dialog: GEMBA_SCREENSHOTS=DIR saves it there.
        if (const QString shots = qEnvironmentVariable("GEMBA_SCREENSHOTS"); !shots.isEmpty()) {
            dialog.show();
            QVERIFY(dialog.grab().save(shots + QStringLiteral("/importdialog.png")));
        }
    }

    // The delimiter and decimal mark chosen in the dialog reach the import; a delimiter that does
    // not fit the file says why, naming the line.
    void importDialogSettlesDelimiterAndDecimalMark()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("de.csv"));
        QVERIFY(writeFile(path, "step;cycle;duration_s\nA;1;\"1,234\"\n"));
        gemba::ui::ImportDialog dialog(path, gemba::study::newStudy(1, {}, "kim", "2026-12-03"));
        auto* delimiter = dialog.findChild<QComboBox*>();   // the first combo is the delimiter
        QVERIFY(delimiter);
        QCOMPARE(dialog.header().size(), 3);
        delimiter->setCurrentIndex(1);   // comma: the quoted "1,234" sits inside a field
        QVERIFY(dialog.header().isEmpty());
        QVERIFY2(dialog.problem().contains(QStringLiteral("de.csv:2")), qPrintable(dialog.problem()));
        delimiter->setCurrentIndex(2);   // semicolon
        QCOMPARE(dialog.header(), (QStringList{"step", "cycle", "duration_s"}));
        QVERIFY(dialog.problem().isEmpty());
        QCOMPARE(dialog.options().csv.delimiter, ';');
        const auto combos = dialog.findChildren<QComboBox*>();
        combos[1]->setCurrentIndex(2);   // decimal mark: comma
        QVERIFY(dialog.options().csv.decimal == gemba::io::DecimalMark::Comma);
    }

private:
    static bool writeFile(const QString& path, const QByteArray& text)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
    }
};

QTEST_MAIN(TestStudyDefaults)
#include "tst_studydefaults.moc"
