// The time study sheet (ui/report/studysheet.h): a small study fits one page and prints core's
// figures (hand-checked below), the occasional, machine-controlled and internal elements as
// such, the validity figure and the signature lines; a 60-element process runs over pages with
// the column header repeated and no row lost, cut or shown twice, on A4 and Letter; a study
// whose recorded time falls short of the elapsed time by more than 2 % says to repeat it.
#include "report/reportcli.h"
#include "report/reportdocument.h"
#include "report/studysheet.h"
#include "study/newstudy.h"

#include <QDir>
#include <QFileInfo>
#include <QPageSize>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace gemba;
using namespace gemba::ui;

namespace {

const QSizeF kA4(595, 842);   // points, as the PDF's page is
const QSizeF kLetter(612, 792);

bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

QString run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(30000))
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

// GEMBA_KEEP_PDF=DIR keeps a copy of each PDF written, to look at.
void keep(const QString& pdf)
{
    const QString dir = qEnvironmentVariable("GEMBA_KEEP_PDF");
    if (dir.isEmpty())
        return;
    const QString copy = QDir(dir).filePath(QFileInfo(pdf).fileName());
    QFile::remove(copy);
    QFile::copy(pdf, copy);
}

// The text of a PDF's pages [first, last] (1-based), white space folded.
QString pdfText(const QString& pdf, int first = 0, int last = 0)
{
    keep(pdf);
    QStringList args{QStringLiteral("-raw")};
    if (first > 0)
        args << QStringLiteral("-f") << QString::number(first) << QStringLiteral("-l") << QString::number(last);
    args << pdf << QStringLiteral("-");
    return run(QStringLiteral("pdftotext"), args).replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" "));
}

study::Step step(study::Id id, const char* name, study::StepType type = study::StepType::Manual,
                 study::ElementKind kind = study::ElementKind::Cyclic)
{
    study::Step s;
    s.id = id;
    s.processId = 1;
    s.position = static_cast<int>(id - 1);
    s.name = name;
    s.type = type;
    s.kind = kind;
    return s;
}

// Readings one after the other on the stopwatch clock from t = 0, so elapsed = recorded.
struct Recorder {
    std::vector<study::Observation> observations;
    std::int64_t clock = 0;
    void add(study::Id stepId, double seconds, std::optional<double> rating = std::nullopt, int cycle = 1)
    {
        study::Observation o;
        o.id = static_cast<study::Id>(observations.size() + 1);
        o.studyId = 1;
        o.cycleId = cycle;
        o.stepId = stepId;
        o.startUs = clock;
        o.durationUs = static_cast<std::int64_t>(std::llround(seconds * 1e6));
        o.endUs = clock + o.durationUs;
        o.wallStartUs = 1'780'000'000'000'000 + clock;
        o.ratingPercent = rating;
        clock = o.endUs;
        observations.push_back(o);
    }
};

StudySheetInput baseInput()
{
    StudySheetInput in;
    in.process.id = 1;
    in.process.name = "Reel winding";
    in.process.description = "Wind wire onto reels at station 4";
    in.study.id = 1;
    in.study.processId = 1;
    in.study.date = "2026-12-03";
    in.study.observer = "A. Observer";
    in.study.operatorName = "B. Operator";
    in.study.location = "Hall 2";
    in.study.conditions = "Normal lighting, 21 °C";
    in.study.allowances = study::kDefaultAllowances;   // 5 + 4 + 2 + 4 = 15 %
    in.study.allowanceBasis = study::AllowanceBasis::NormalTime;
    in.fileName = QStringLiteral("reels.gemba");
    in.printed = QDateTime(QDate(2026, 12, 3), QTime(15, 0));
    return in;
}

// Four elements, hand-checked (allowance of basic time, 15 % in four categories):
//   1 Pick blank (cyclic, manual): 10, 11, 12 s at 100 %  → BT 11 s, ST 11 × 1.15 = 12.65 s
//   2 Wind reel (machine-controlled): 30 s thrice, typed 120 % (ignored) → BT 30 s, delay only
//     4 %: ST 30 × 1.04 = 31.2 s
//   3 Deburr last reel (manual, inside 2): 20 s thrice → BT 20 s, ST 23 s, hidden in 31.2 s
//   4 Change spool (occasional, every 20 cycles): 120 s → BT 120 s, ST 138 s; per cycle 6.9 s
// Standard time per cycle = 12.65 + max(31.2, 23) + 6.9 = 50.75 s; basic 11 + 30 + 6 = 47 s.
StudySheetInput smallInput()
{
    StudySheetInput in = baseInput();
    in.steps = {step(1, "Pick blank"), step(2, "Wind reel", study::StepType::Machine, study::ElementKind::MachineControlled),
                step(3, "Deburr last reel"), step(4, "Change spool", study::StepType::Manual, study::ElementKind::Occasional)};
    in.steps[2].insideStepId = 2;
    in.steps[3].every = 20;
    Recorder r;
    for (int c = 1; c <= 3; ++c) {
        r.add(1, 9 + c, 100, c);
        r.add(2, 30, 120, c);
        r.add(3, 20, std::nullopt, c);
    }
    r.add(4, 120, 100, 3);
    in.observations = r.observations;
    return in;
}

} // namespace

class TestStudySheet : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c());
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QFAIL("pdftotext (poppler-utils) is needed: run packaging/install-deps");
        QVERIFY(m_dir.isValid());
    }

    void smallStudyOnOnePage()
    {
        QString error;
        auto sheet = StudySheet::create(smallInput(), &error);
        QVERIFY2(sheet, qPrintable(error));
        QVERIFY(near(sheet->summary().cycle.standardSeconds, 50.75));
        QVERIFY(near(sheet->summary().cycle.normalSeconds, 47));
        QCOMPARE(sheet->pageCount(kA4), 1);
        QCOMPARE(sheet->pageCount(kLetter), 1);
        QCOMPARE(sheet->elementRowCount(), 4);
        QCOMPARE(sheet->printTitle(), QStringLiteral("Time study sheet: Reel winding, 2026-12-03 - A. Observer (Hall 2)"));

        const QString pdf = m_dir.filePath(QStringLiteral("small.pdf"));
        QCOMPARE(writeReportPdf(*sheet, pdf, QPageSize(QPageSize::A4)), QString());
        const QString text = pdfText(pdf);
        for (const char* expected :
             {"Time study sheet", "Reel winding", "Wind wire onto reels at station 4", "B. Operator", "A. Observer",
              "Normal lighting, 21 °C", "Pick blank", "Wind reel", "Deburr last reel", "inside Wind reel",
              "Change spool", "every 20 cycles", "machine-controlled", "occasional", "not rated",
              "Observed mean (s)", "personal 5 %, basic fatigue 4 %, variable fatigue 2 %, delay 4 %; total 15 %",
              "Totals per cycle Basic time 47.00 s Standard time 50.75 s", "12.65", "31.20", "138.00", "6.90",
              "Recording error 0.00 %: within the 2 % limit", "Kanawaty", "Observer", "Supervisor / approved by",
              "Operator", "Date", "Page 1 of 1", "reels.gemba"})
            QVERIFY2(text.contains(QString::fromUtf8(expected)), qPrintable(QString::fromUtf8(expected) + " in: " + text));
        // 3600 / 50.75 = 70.94 pieces per hour; 50.75 × 100 / 3600 = 1.410 standard hours per 100.
        QVERIFY2(text.contains(QStringLiteral("Pieces per hour 70.9")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Standard hours per 100 units 1.410")), qPrintable(text));
    }

    void medianRuleAndNotSplitAllowanceNamed()
    {
        StudySheetInput in = smallInput();
        in.study.selectedTime = study::SelectedTimeRule::Median;
        in.study.allowancePercent = 10;
        in.study.typeAllowances[study::StepType::Walk] = study::Allowances{1, 2, 3, 4};
        auto sheet = StudySheet::create(in, nullptr);
        QVERIFY(sheet);
        const QString pdf = m_dir.filePath(QStringLiteral("median.pdf"));
        QCOMPARE(writeReportPdf(*sheet, pdf, QPageSize(QPageSize::Letter)), QString());
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(QStringLiteral("Observed median (s)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("median of each element's counted readings")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("PF&D not split 10 %")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("walk steps: personal 1 %, basic fatigue 2 %, variable fatigue 3 %, "
                                              "delay 4 %; total 10 %")),
                 qPrintable(text));
        // Pick blank: 15 % + 10 % not split = 25 %: 11 × 1.25 = 13.75 s.
        QVERIFY2(text.contains(QStringLiteral("13.75")), qPrintable(text));
    }

    void sixtyElementsRunOverPages_data()
    {
        QTest::addColumn<QSizeF>("page");
        QTest::addColumn<QString>("paper");
        QTest::newRow("A4") << kA4 << QStringLiteral("a4");
        QTest::newRow("Letter") << kLetter << QStringLiteral("letter");
    }

    void sixtyElementsRunOverPages()
    {
        QFETCH(QSizeF, page);
        QFETCH(QString, paper);
        StudySheetInput in = baseInput();
        Recorder r;
        for (int i = 1; i <= 60; ++i) {
            in.steps.push_back(step(i, ""));
            in.steps.back().name = "Element number " + std::to_string(i);
        }
        for (int c = 1; c <= 3; ++c)
            for (int i = 1; i <= 60; ++i)
                r.add(i, 2 + 0.1 * i + 0.01 * c, 100, c);
        in.observations = r.observations;
        auto sheet = StudySheet::create(in, nullptr);
        QVERIFY(sheet);

        const auto pages = sheet->layout(page);
        const QRectF area = ReportDocument::contentRect(page);
        QVERIFY2(pages.size() >= 2, qPrintable(QString::number(pages.size())));
        QCOMPARE(sheet->pageCount(page), static_cast<int>(pages.size()));
        int nextRow = 0;
        int tablePages = 0;
        for (const auto& onPage : pages)
            for (const auto& p : onPage) {
                // Nothing runs into the bottom margin (and so nothing is cut at a break).
                QVERIFY2(p.top >= 0 && p.top + p.height <= area.height() + 1e-6,
                         qPrintable(QStringLiteral("%1 + %2 > %3").arg(p.top).arg(p.height).arg(area.height())));
                if (p.part != StudySheet::Part::Elements)
                    continue;
                QCOMPARE(p.firstRow, nextRow);   // every row once, in order
                QVERIFY(p.lastRow > p.firstRow);
                QCOMPARE(p.continued, tablePages > 0);
                nextRow = p.lastRow;
                ++tablePages;
            }
        QCOMPARE(nextRow, 60);
        QVERIFY(tablePages >= 2);

        const QString pdf = m_dir.filePath(QStringLiteral("long-%1.pdf").arg(paper));
        QCOMPARE(writeReportPdf(*sheet, pdf, QPageSize(paper == QStringLiteral("a4") ? QPageSize::A4 : QPageSize::Letter)),
                 QString());
        const QString info = run(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY2(info.contains(paper == QStringLiteral("a4") ? QStringLiteral("595 x 842 pts (A4)")
                                                             : QStringLiteral("612 x 792 pts (letter)")),
                 qPrintable(info));
        // The second page carries the table on, under its column header again.
        const QString second = pdfText(pdf, 2, 2);
        QVERIFY2(second.contains(QStringLiteral("Elements (continued)")), qPrintable(second));
        QVERIFY2(second.contains(QStringLiteral("Basic time (s)")), qPrintable(second));
        QVERIFY2(second.contains(QStringLiteral("Element number %1 ").arg(pages[0].last().lastRow + 1)),
                 qPrintable(second));
        QVERIFY2(second.contains(QStringLiteral("Page 2 of %1").arg(pages.size())), qPrintable(second));
        const QString all = pdfText(pdf);
        for (int i = 1; i <= 60; ++i)
            QCOMPARE(all.count(QStringLiteral("Element number %1 ").arg(i)), 1);
    }

    void recordingErrorAboveTwoPercentFlagged()
    {
        StudySheetInput in = smallInput();
        // An edit after the fact: the first reading shortened from 10 s to 5 s, so 5 s of the
        // 3 × 60 + 3 + 120 = 303 s elapsed are not recorded: 5 / 303 = 1.65 %, within the limit;
        // shortened to 1 s: 9 / 303 = 2.97 %, above it.
        in.observations[0].durationUs = 1'000'000;
        auto sheet = StudySheet::create(in, nullptr);
        QVERIFY(sheet);
        QVERIFY(sheet->validity());
        QVERIFY(sheet->validity()->flagged);
        const QString pdf = m_dir.filePath(QStringLiteral("flagged.pdf"));
        QCOMPARE(writeReportPdf(*sheet, pdf, QPageSize(QPageSize::A4)), QString());
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(QStringLiteral("Recording error 2.97 %: above the 2 % limit. The ILO advises repeating "
                                              "the study.")),
                 qPrintable(text));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestStudySheet)
#include "tst_studysheet.moc"
