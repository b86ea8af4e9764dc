// The review report: pagination never cuts a block and follows the page size; the PDF of the
// demo project is valid, has the pages the document lays out, on A4 or Letter paper, and reads
// (pdftotext) the study, the step names, the limits, the signals and "Page 1 of N".
#include "demoproject.h"
#include "models/summarymodel.h"
#include "projectdocument.h"
#include "report/reportcli.h"
#include "report/reportdocument.h"
#include "report/reportsection.h"
#include "report/reportstyle.h"
#include "report/studyreport.h"
#include "store/chartspec.h"
#include "store/project.h"
#include "study/stepsummary.h"
#include "uitestsupport.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace gemba;
using namespace gemba::ui;

namespace {

// A section of blocks of given heights that records what it is asked to paint.
class FakeSection final : public ReportSection {
public:
    FakeSection(int id, QList<qreal> heights, bool newPage, QList<QPair<int, int>>* painted)
        : m_id(id)
        , m_heights(std::move(heights))
        , m_newPage(newPage)
        , m_painted(painted)
    {
    }
    QList<qreal> blockHeights(qreal) const override { return m_heights; }
    void paintBlock(QPainter& painter, const QRectF& rect, int block) const override
    {
        painter.fillRect(rect, Qt::gray);
        if (m_painted)
            m_painted->append({m_id, block});
    }
    bool startsNewPage() const override { return m_newPage; }

private:
    int m_id;
    QList<qreal> m_heights;
    bool m_newPage;
    QList<QPair<int, int>>* m_painted;
};

const QSizeF kA4(595, 842);   // points, as the PDF's page is (QPageSize rounds to whole points)
const QSizeF kLetter(612, 792);

struct Tool {
    int exitCode = -1;
    QString out;
};

Tool runTool(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    Tool t;
    if (!p.waitForFinished(30000))
        return t;
    t.exitCode = p.exitCode();
    t.out = QString::fromUtf8(p.readAllStandardOutput());
    return t;
}

int pdfPages(const QString& pdf)
{
    const Tool info = runTool(QStringLiteral("pdfinfo"), {pdf});
    const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info.out);
    return info.exitCode == 0 && m.hasMatch() ? m.captured(1).toInt() : -1;
}

QString pdfText(const QString& pdf)
{
    // -raw keeps the text in drawing order; spaces and line breaks (a wrapped cell) read as one space.
    return runTool(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), pdf, QStringLiteral("-")})
        .out.replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" "));
}

// With GEMBA_TEST_REPORT_DIR set, a copy of `pdf` is left there to be looked at
// (pdftoppm -png -r 60), as every change to the report's layout should be.
void keepForLooking(const QString& pdf, const QString& name)
{
    const QString dir = qEnvironmentVariable("GEMBA_TEST_REPORT_DIR");
    if (dir.isEmpty())
        return;
    QFile::remove(dir + QLatin1Char('/') + name);
    QFile::copy(pdf, dir + QLatin1Char('/') + name);
}

// The demo project (the one a new user sees) written to `path`.
void writeDemoProject(const QString& path)
{
    QString error;
    auto doc = ProjectDocument::open(path, &error);
    QVERIFY2(doc, qPrintable(error));
    QCOMPARE(populateDemoProject(*doc), QString());
}

} // namespace

class TestReportDocument : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QFAIL("pdftotext and pdfinfo (poppler-utils) are needed: run packaging/install-deps");
    }

    // Blocks of 300 pt on A4 (content 842 - 2 × 48 = 746 pt high): two fit with the
    // 8 pt gap between them (608 pt), a third does not (916 pt), so five blocks take 3 pages.
    // The footer adds nothing to the height: it sits in the bottom margin.
    void pagesAreWhatTheBlocksNeed()
    {
        ReportDocument doc(QStringLiteral("t"));
        doc.addSection(std::make_unique<FakeSection>(0, QList<qreal>{300, 300, 300, 300, 300}, false, nullptr));
        QCOMPARE(doc.pageCount(kA4), 3);
        const auto& pages = doc.layout(kA4);
        QCOMPARE(pages[0].size(), 2);
        QCOMPARE(pages[1].size(), 2);
        QCOMPARE(pages[2].size(), 1);
        QCOMPARE(pages[0][1].rect.top(), ReportStyle::kMargin + 300 + ReportStyle::kBlockGap);
        // Letter is 792 pt high: content 696 pt, still two blocks a page.
        QCOMPARE(doc.pageCount(kLetter), 3);
        // Blocks of 360 pt: 2 × 360 + 8 = 728 fits A4's 746 but not Letter's 696.
        ReportDocument tall(QStringLiteral("t"));
        tall.addSection(std::make_unique<FakeSection>(0, QList<qreal>{360, 360, 360, 360}, false, nullptr));
        QCOMPARE(tall.pageCount(kA4), 2);
        QCOMPARE(tall.pageCount(kLetter), 4);
    }

    // Many sections of random blocks, one taller than a page and one that starts a page: every
    // block is placed once, in order, whole inside one page's content area, without overlap;
    // the tall one alone on its page, scaled to fit; and each page paints exactly its blocks.
    void aBlockNeverStraddlesAPageBreak_data()
    {
        QTest::addColumn<QSizeF>("pageSize");
        QTest::newRow("A4") << kA4;
        QTest::newRow("Letter") << kLetter;
    }
    void aBlockNeverStraddlesAPageBreak()
    {
        QFETCH(QSizeF, pageSize);
        std::mt19937 rng(7);
        std::uniform_real_distribution<qreal> height(4, 420);
        std::uniform_int_distribution<int> count(1, 6);
        QList<QPair<int, int>> painted;
        ReportDocument doc(QStringLiteral("many"), QStringLiteral("many.gemba"));
        QList<QList<qreal>> all;
        for (int s = 0; s < 60; ++s) {
            QList<qreal> heights;
            const int n = count(rng);
            for (int b = 0; b < n; ++b)
                heights << height(rng);
            if (s == 17)
                heights[0] = 2000;   // taller than any page
            all << heights;
            doc.addSection(std::make_unique<FakeSection>(s, heights, s == 30, &painted));
        }
        const QRectF content = ReportDocument::contentRect(pageSize);
        const auto& pages = doc.layout(pageSize);
        QVERIFY(pages.size() > 10);
        int expectSection = 0, expectBlock = 0;
        for (int p = 0; p < pages.size(); ++p) {
            QVERIFY(!pages[p].isEmpty());
            qreal lastBottom = content.top();
            for (const auto& place : pages[p]) {
                QCOMPARE(place.section, expectSection);
                QCOMPARE(place.block, expectBlock);
                QVERIFY2(place.rect.top() >= content.top() - 1e-9 && place.rect.bottom() <= content.bottom() + 1e-9,
                         qPrintable(QStringLiteral("page %1: section %2 block %3 from %4 to %5, content to %6")
                                        .arg(p)
                                        .arg(place.section)
                                        .arg(place.block)
                                        .arg(place.rect.top())
                                        .arg(place.rect.bottom())
                                        .arg(content.bottom())));
                QVERIFY(place.rect.top() >= lastBottom - 1e-9);
                lastBottom = place.rect.bottom();
                const qreal h = all[place.section][place.block];
                if (h > content.height()) {
                    QCOMPARE(pages[p].size(), 1);
                    QVERIFY(qAbs(place.rect.height() - content.height()) < 1e-6);
                    QVERIFY(qAbs(place.scale - content.height() / h) < 1e-9);
                } else {
                    QCOMPARE(place.scale, 1.0);
                    QVERIFY(qAbs(place.rect.height() - h) < 1e-9);
                }
                if (place.section == 30 && place.block == 0)
                    QCOMPARE(&place, &pages[p].front());
                if (++expectBlock == all[expectSection].size()) {
                    ++expectSection;
                    expectBlock = 0;
                }
            }
        }
        QCOMPARE(expectSection, all.size());

        QImage image(pageSize.toSize(), QImage::Format_RGB32);
        for (int p = 0; p < pages.size(); ++p) {
            painted.clear();
            QPainter painter(&image);
            doc.paintPage(painter, QRectF(QPointF(0, 0), pageSize), p);
            painter.end();
            QCOMPARE(painted.size(), pages[p].size());
            for (int i = 0; i < painted.size(); ++i)
                QCOMPARE(painted[i], qMakePair(pages[p][i].section, pages[p][i].block));
        }
    }

    void demoReportPdf_data()
    {
        QTest::addColumn<QString>("pageSize");
        QTest::addColumn<QString>("paper");
        QTest::addColumn<QSizeF>("points");
        QTest::newRow("a4") << "a4" << "595 x 842 pts (A4)" << kA4;
        QTest::newRow("letter") << "letter" << "612 x 792 pts (letter)" << kLetter;
    }
    void demoReportPdf()
    {
        QFETCH(QString, pageSize);
        QFETCH(QString, paper);
        QFETCH(QSizeF, points);
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("demo.gemba"));
        writeDemoProject(project);
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        cli::ReportRenderRequest request;
        request.projectPath = project.toStdString();
        request.outputPath = pdf.toStdString();
        request.pageSize = pageSize.toStdString();
        QCOMPARE(QString::fromStdString(renderReport(request)), QString());

        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");

        // The PDF has the pages the document lays out for that paper.
        auto opened = store::Project::open(project.toStdString(), store::OpenMode::ReadOnly);
        QVERIFY(opened);
        const auto processes = (*opened)->processes();
        QVERIFY(processes && processes->size() == 1);
        const auto studies = (*opened)->studies(processes->front().id);
        QVERIFY(studies && studies->size() == 1);
        QString error;
        auto doc = buildStudyReport(**opened, {studies->front().id}, {}, &error);
        QVERIFY2(doc, qPrintable(error));
        const int pages = doc->pageCount(points);
        // The header and summary, then seven charts of about 390 pt each: at least 1 + 7 / 2 pages.
        QVERIFY2(pages >= 4 && pages <= 9, qPrintable(QString::number(pages)));
        QCOMPARE(pdfPages(pdf), pages);
        const Tool info = runTool(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY2(info.out.contains(QStringLiteral("Page size:       ") + paper), qPrintable(info.out));

        const QString text = pdfText(pdf);
        for (const char* expected : {"Pump housing assembly", "Demo observer", "Line 2, bench 3", "Study summary",
                                     "UCL", "LCL", "western-electric", "Pick housing from bin", "Insert impeller",
                                     "Fit O-ring and cover", "Drive 4 screws", "Walk to leak tester", "Leak test",
                                     "Label and put in tote", "demo.gemba"})
            QVERIFY2(text.contains(QString::fromUtf8(expected)), expected);
        QVERIFY(text.contains(QStringLiteral("Page 1 of %1").arg(pages)));
        QVERIFY(text.contains(QStringLiteral("Page %1 of %1").arg(pages)));
        QVERIFY(!text.contains(QStringLiteral("Page %1 of").arg(pages + 1)));
        QVERIFY(text.contains(QString::fromStdString(studyLabel(studies->front()).toStdString())));
    }

    // The summary reads as the Observations page's: the same cells from the same model.
    void summaryIsTheObservationsPageSummary()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("demo.gemba"));
        writeDemoProject(project);
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        cli::ReportRenderRequest request;
        request.projectPath = project.toStdString();
        request.outputPath = pdf.toStdString();
        QCOMPARE(QString::fromStdString(renderReport(request)), QString());
        const QString text = pdfText(pdf);
        keepForLooking(pdf, QStringLiteral("demo.pdf"));

        auto opened = store::Project::open(project.toStdString(), store::OpenMode::ReadOnly);
        const auto processes = (*opened)->processes();
        const auto study = (*opened)->studies(processes->front().id)->front();
        const auto steps = *(*opened)->studySteps(study.id);
        const auto summary = study::summarizeSteps(steps, *(*opened)->observations(study.id), study);
        QVERIFY(summary);
        SummaryModel model;
        model.setSummary(steps, *summary);
        for (int r = 0; r < model.rowCount(); ++r) {
            QStringList cells;
            for (int c : SummaryModel::reportColumns())
                cells << model.data(model.index(r, c)).toString();
            // One row of the table, its cells in order, as pdftotext reads it.
            QVERIFY2(text.contains(cells.join(QLatin1Char(' '))), qPrintable(cells.join(QLatin1Char('|'))));
        }
        QVERIFY(text.contains(model.totalsText()));
    }

    // A step with an outlier: the point is listed under Signals with its cycle and test; a saved
    // chart with spec limits adds the capability of its step.
    void signalsAreListed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.gemba"));
        {
            auto doc = test::makeDocument(path, "Packing", {"Fold box", "Tape box"});
            study::Study s;
            s.date = "2026-11-30";
            s.observer = "R. Ito";
            const study::Id studyId = test::addTimedStudy(*doc, s, 20, [](study::Observation& o, int c, std::size_t i) {
                // Fold box: 10 s ± 0.1 s, and 16 s in cycle 14 (test 1); Tape box: steady 5 s ± 0.1 s.
                const double base = i == 0 ? 10.0 : 5.0;
                const double wobble = ((c * 7) % 5 - 2) * 0.05;
                const double seconds = (i == 0 && c == 14) ? 16.0 : base + wobble;
                o.durationUs = static_cast<std::int64_t>(seconds * 1e6);
            });
            // A saved chart of Tape box with spec limits: its capability is reported.
            store::ChartSpec spec;
            spec.processId = doc->currentProcessId();
            spec.title = "Tape box against 4-6 s";
            spec.source.kind = store::ChartSourceKind::StepDurations;
            spec.source.studyIds = {studyId};
            spec.source.stepId = doc->steps()[1].id;
            spec.specLimits.lsl = 4.0;
            spec.specLimits.usl = 6.0;
            QVERIFY(doc->project().addChart(spec));
            // A saved chart of Fold box with a signal note on cycle 14's time and cycle 3 excluded.
            std::vector<study::Id> foldTimes;
            const auto observations = doc->project().observations(studyId);
            QVERIFY(observations);
            for (const auto& o : *observations)
                if (o.stepId == doc->steps()[0].id)
                    foldTimes.push_back(o.id);
            QCOMPARE(foldTimes.size(), std::size_t(20));
            store::ChartSpec fold;
            fold.processId = doc->currentProcessId();
            fold.title = "Fold box review";
            fold.source.kind = store::ChartSourceKind::StepDurations;
            fold.source.studyIds = {studyId};
            fold.source.stepId = doc->steps()[0].id;
            fold.exclusions = {foldTimes[2]};
            fold.notes.push_back({foldTimes[13], "Jammed carton magazine", "Magazine guide re-set", 0});
            QVERIFY(doc->project().addChart(fold));
        }
        const QString pdf = dir.filePath(QStringLiteral("s.pdf"));
        cli::ReportRenderRequest request;
        request.projectPath = path.toStdString();
        request.outputPath = pdf.toStdString();
        request.study = "2026-11-30 - R. Ito";
        QCOMPARE(QString::fromStdString(renderReport(request)), QString());
        const QString text = pdfText(pdf);
        keepForLooking(pdf, QStringLiteral("signals.pdf"));
        QVERIFY(text.contains(QStringLiteral("Signals")));
        QVERIFY2(text.contains(QStringLiteral("I cycle 14 16.00 1 1: 1 point beyond the control limits")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Control chart: Tape box")));
        QVERIFY(text.contains(QStringLiteral("Capability: Tape box against 4-6 s")));
        QVERIFY(text.contains(QStringLiteral("Saved chart: Fold box review")));
        QVERIFY(text.contains(QStringLiteral("1 point(s) excluded by the analyst (hollow)")));
        // The signal carries the note's number; the note reads in full under it.
        QVERIFY2(text.contains(QStringLiteral("I cycle 14 16.00 1 1: 1 point beyond the control limits 1")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Signal notes — Saved chart: Fold box review")));
        QVERIFY(text.contains(QStringLiteral("1 cycle 14 Jammed carton magazine Magazine guide re-set")));
        QVERIFY2(text.contains(QStringLiteral("Cpk")), qPrintable(text));
    }

    // A data set's saved chart: under a header naming the data set, headed by the data set and
    // the column, with its signal (row 15, test 1) and the note written there; left out of the
    // report of one study (it belongs to none).
    void dataSetChartsAreReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("d.gemba"));
        const QString csv = dir.filePath(QStringLiteral("shafts.csv"));
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Lot,Diameter\n");
            // 20 rows of 10.00 ± 0.02 mm, and 10.50 in row 15: beyond the I chart's UCL.
            for (int r = 1; r <= 20; ++r)
                f.write(QStringLiteral("L%1,%2\n").arg(r).arg(r == 15 ? 10.5 : 10.0 + ((r * 7) % 5 - 2) * 0.01).toUtf8());
        }
        {
            auto doc = test::makeDocument(path, "Turning", {"Load", "Turn"});
            study::Study s;
            s.date = "2026-12-01";
            s.observer = "K. Obi";
            test::addTimedStudy(*doc, s, 10, [](study::Observation& o, int c, std::size_t i) {
                o.durationUs = static_cast<std::int64_t>((i == 0 ? 4.0 : 9.0) * 1e6) + c * 1000;
            });
            const auto set = doc->project().importDataSet(csv.toStdString(), "Shaft diameters");
            QVERIFY2(set, set ? "" : set.error().message.c_str());
            store::ChartSpec spec;
            spec.source.kind = store::ChartSourceKind::DataSetColumn;
            spec.source.dataSetId = *set;
            spec.source.valueColumn = "Diameter";
            spec.notes.push_back({14, "Worn collet", "Collet replaced", 0});   // row 15 (key: 0-based row)
            QVERIFY(doc->project().addChart(spec));
        }
        const QString pdf = dir.filePath(QStringLiteral("d.pdf"));
        cli::ReportRenderRequest request;
        request.projectPath = path.toStdString();
        request.outputPath = pdf.toStdString();
        QCOMPARE(QString::fromStdString(renderReport(request)), QString());
        const QString text = pdfText(pdf);
        keepForLooking(pdf, QStringLiteral("datasets.pdf"));
        QVERIFY2(text.contains(QStringLiteral("Data set: Shaft diameters")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("shafts.csv")));
        QVERIFY(text.contains(QStringLiteral("Data set chart: Shaft diameters, column Diameter")));
        QVERIFY(text.contains(QStringLiteral("I-MR of column Diameter, 20 point(s)")));
        QVERIFY2(text.contains(QStringLiteral("I row 15 10.50 1 1: 1 point beyond the control limits 1")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Signal notes — Data set chart: Shaft diameters, column Diameter")));
        QVERIFY(text.contains(QStringLiteral("1 row 15 Worn collet Collet replaced")));
        QVERIFY(text.contains(QStringLiteral("Time study: Turning")));   // the study is still there

        request.study = "2026-12-01 - K. Obi";
        QCOMPARE(QString::fromStdString(renderReport(request)), QString());
        const QString one = pdfText(pdf);
        QVERIFY(one.contains(QStringLiteral("Time study: Turning")));
        QVERIFY(!one.contains(QStringLiteral("Shaft diameters")));
    }

    void errors()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("demo.gemba"));
        writeDemoProject(project);
        cli::ReportRenderRequest request;
        request.projectPath = project.toStdString();
        request.outputPath = dir.filePath(QStringLiteral("r.pdf")).toStdString();
        request.study = "no such study";
        QVERIFY(QString::fromStdString(renderReport(request)).contains(QStringLiteral("no study 'no such study'")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("r.pdf"))));

        request.study.reset();
        request.outputPath = dir.filePath(QStringLiteral("missing/r.pdf")).toStdString();
        QVERIFY(QString::fromStdString(renderReport(request)).contains(QStringLiteral("cannot write")));

        request.projectPath = dir.filePath(QStringLiteral("nothing.gemba")).toStdString();
        request.outputPath = dir.filePath(QStringLiteral("r.pdf")).toStdString();
        QVERIFY(!renderReport(request).empty());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("nothing.gemba"))));
    }
};

QTEST_MAIN(TestReportDocument)
#include "tst_reportdocument.moc"
