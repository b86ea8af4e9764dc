// Tests of the distribution view and figure (offscreen): the charts hold core's histogram,
// normal curve and probability plot for a hand-made data set; the times are read from the
// store (excluded ones left out; cycle totals of complete cycles); the figure
// prints to a valid PDF; a million values are analysed off the GUI thread.
#include "analysis/distributionview.h"
#include "analysis/sourcebox.h"
#include "analysis/studyvalues.h"
#include "projectdocument.h"
#include "stats/descriptive.h"
#include "stats/histogram.h"
#include "stats/probabilityplot.h"
#include "analysisviewsupport.h"
#include "uitestsupport.h"
#include "windowcontext.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineSeries>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QValueAxis>
#include <QTimer>
#include <QtTest>

#include <cmath>
#include <random>

using namespace gemba;
using namespace gemba::ui;
using gemba::test::near;
using gemba::test::pdfText;
using gemba::test::seriesNamed;
using gemba::test::waitShown;

namespace {

// The hand-checked set of tst_histogram (niceWidthHalf): 9 bars of 0.5 s from 9.75 to 14.25.
const std::vector<double> kTimes = {10.12, 10.25, 10.49, 10.76, 11.03, 11.18, 11.24, 11.51, 11.62, 11.74,
                                    11.88, 12.01, 12.26, 12.33, 12.58, 12.77, 12.99, 13.24, 13.51, 13.97};

} // namespace

class TestDistributionView : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void chartsHoldCoreNumbers();
    void readsStepAndCycleTimes();
    void valuesSkipExcluded();
    void printsToPdf();
    void millionValuesOffTheGuiThread();
    void sidePanelFitsItsTextAt1366();
    void countAxisFitsTheBars();

private:
    test::AnalysisViewFixture m_fixture;
    std::unique_ptr<QTemporaryDir>& m_dir = m_fixture.dir;
    std::unique_ptr<ProjectDocument>& m_doc = m_fixture.doc;
    std::unique_ptr<WindowContext>& m_context = m_fixture.context;
};

void TestDistributionView::init()
{
    m_fixture.make(QStringLiteral("d.gemba"));
}

void TestDistributionView::cleanup()
{
    m_fixture.reset();
}

void TestDistributionView::chartsHoldCoreNumbers()
{
    DistributionView view(m_context.get());
    view.resize(1200, 700);
    view.show();
    view.showValues(kTimes, QStringLiteral("hand-made"));
    QVERIFY(waitShown(view));

    const auto core = stats::histogram(kTimes);
    QVERIFY(core);
    const auto& a = view.figure().analysis();
    QVERIFY(a.histogram);
    QCOMPARE(a.histogram->counts, core->counts);
    QCOMPARE(a.histogram->edges, core->edges);

    // Bars: four outline points per bin, (e_i, 0), (e_i, c_i), (e_i+1, c_i), (e_i+1, 0).
    QChart* hist = view.histogramView()->chart();
    auto* bars = seriesNamed<QAreaSeries>(hist, QStringLiteral("bars"));
    QVERIFY(bars);
    const auto outline = bars->upperSeries()->points();
    QCOMPARE(outline.size(), qsizetype(4 * core->counts.size()));
    for (std::size_t i = 0; i < core->counts.size(); ++i) {
        const auto k = static_cast<qsizetype>(4 * i);
        QCOMPARE(outline[k + 1].x(), core->edges[i]);
        QCOMPARE(outline[k + 1].y(), double(core->counts[i]));
        QCOMPARE(outline[k + 2].x(), core->edges[i + 1]);
    }
    QCOMPARE(outline[1].y(), 1.0);   // [9.75, 10.25): 10.12
    QCOMPARE(outline[9].y(), 4.0);   // [10.75, 11.25): 10.76 11.03 11.18 11.24

    auto* curve = seriesNamed<QLineSeries>(hist, QStringLiteral("normal"));
    QVERIFY(curve);
    const auto pts = curve->points();
    QCOMPARE(pts.size(), qsizetype(core->normalCurve.x.size()));
    QCOMPARE(pts[100].x(), core->normalCurve.x[100]);
    QCOMPARE(pts[100].y(), core->normalCurve.y[100]);

    const auto plot = stats::normalProbabilityPlot(kTimes);
    QVERIFY(plot);
    QChart* prob = view.probabilityView()->chart();
    auto* points = seriesNamed<QScatterSeries>(prob, QStringLiteral("points"));
    QVERIFY(points);
    QCOMPARE(points->count(), 20);
    QCOMPARE(points->at(0).x(), 10.12);
    QCOMPARE(points->at(0).y(), plot->score[0]);
    auto* fit = seriesNamed<QLineSeries>(prob, QStringLiteral("fit"));
    auto* upper = seriesNamed<QLineSeries>(prob, QStringLiteral("bandUpper"));
    QVERIFY(fit && upper);
    QCOMPARE(fit->at(50).x(), plot->band.fitted[50]);
    QCOMPARE(upper->at(0).x(), plot->band.upper[0]);

    // The table shows core's mean and the A² test.
    const auto d = stats::describe(kTimes);
    QVERIFY(d);
    const QString html = view.summaryLabel()->text();
    QVERIFY2(html.contains(QString::number(d->mean, 'g', 4)), qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("A²")));
    QVERIFY(a.andersonDarling);
}

// Step "Fit" takes 10 + (c mod 3) s in cycle c, step "Pick" 2 s; cycle 4's Fit is excluded.
// Fit over 6 cycles: 11, 12, 10, (excluded), 12, 10 → n 5, mean 55/5 = 11.
// Cycle totals (analysis::cycleTotalSeries): cycle 4 holds an excluded time, so its total is
// flagged excluded and left out here: 13, 14, 12, 14, 12.
void TestDistributionView::readsStepAndCycleTimes()
{
    study::Study s;
    s.date = "2026-11-23";
    s.observer = "tester";
    test::addTimedStudy(*m_doc, s, 6, [](study::Observation& o, int c, std::size_t i) {
        o.durationUs = i == 0 ? 2'000'000 : (10 + c % 3) * 1'000'000;
        o.excluded = c == 4 && i == 1;
    });
    DistributionView view(m_context.get());
    view.resize(1000, 600);
    view.show();
    view.sourceBox()->setStepId(m_doc->steps()[1].id);
    QVERIFY(waitShown(view));
    QCOMPARE(view.figure().analysis().n, std::size_t{5});
    QVERIFY(view.figure().analysis().descriptive);
    QVERIFY(near(view.figure().analysis().descriptive->mean, 11));
    QVERIFY(view.statusLabel()->text().contains(QStringLiteral("Fit")));

    view.sourceBox()->setStepId(0);
    QVERIFY(waitShown(view));
    QCOMPARE(view.figure().analysis().n, std::size_t{5});
    QVERIFY(near(view.figure().analysis().descriptive->mean, (13.0 + 14 + 12 + 14 + 12) / 5));
}

// Excluded points stay on a control chart but not in a histogram: 1.5 and 2.25 of the three.
void TestDistributionView::valuesSkipExcluded()
{
    gemba::analysis::FlaggedSeries fs;
    fs.series.values = {1.5, 2.0, 2.25};
    fs.flags.excluded = {0, 1, 0};
    QCOMPARE(includedValues(fs), (std::vector<double>{1.5, 2.25}));
    fs.flags.excluded.clear();   // no flags: every point
    QCOMPARE(includedValues(fs), (std::vector<double>{1.5, 2.0, 2.25}));
}

void TestDistributionView::printsToPdf()
{
    DistributionView view(m_context.get());
    view.show();
    view.showValues(kTimes, QStringLiteral("hand-made"));
    QVERIFY(waitShown(view));
    const QString path = m_dir->filePath("distribution.pdf");
    {
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageOrientation(QPageLayout::Landscape);
        pdf.setResolution(1200);
        QPainter painter(&pdf);
        painter.scale(1200 / 72.0, 1200 / 72.0);   // one unit = one point, as the exporters do
        const QRectF page = pdf.pageLayout().paintRect(QPageLayout::Point);
        const Printable* printable = view.printable();
        QVERIFY(printable);
        QCOMPARE(printable->pageCount(page.size()), 1);
        printable->paintPage(painter, QRectF(QPointF(0, 0), page.size()), 0);
    }
    if (const QString keep = qEnvironmentVariable("GEMBA_KEEP_PDF"); !keep.isEmpty())
        QFile::copy(path, QDir(keep).filePath(QFileInfo(path).fileName()));   // to look at it
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
    const QString text = pdfText(path);
    QVERIFY2(text.contains(QStringLiteral("Anderson")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Normal probability plot")));
    QVERIFY(text.contains(QStringLiteral("hand-made")));
}

// The analysis of 10⁶ values (sorting, A², bins) runs on the worker: showValues() returns at
// once and the event loop keeps turning until the result is shown.
void TestDistributionView::millionValuesOffTheGuiThread()
{
    std::mt19937_64 rng(7);
    std::normal_distribution<double> dist(30, 4);
    std::vector<double> values(1'000'000);
    for (double& v : values)
        v = std::round(dist(rng) * 1e6) / 1e6;
    DistributionView view(m_context.get());
    view.show();
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, [&ticks] { ++ticks; });
    timer.start(10);
    QElapsedTimer clock;
    clock.start();
    view.showValues(values, QStringLiteral("a million"));
    const qint64 returned = clock.elapsed();
    QVERIFY2(returned < 1000, qPrintable(QString::number(returned)));
    QVERIFY(waitShown(view, 120000));
    qInfo("10^6 values: showValues returned after %lld ms, shown after %lld ms, %d timer ticks meanwhile",
          returned, clock.elapsed(), ticks);
    QVERIFY(ticks > 0);
    QCOMPARE(view.figure().analysis().n, std::size_t{1'000'000});
    QCOMPARE(view.figure().analysis().histogram->counts.size() >= 252, true);
    // The plot keeps the visible points only.
    QVERIFY(view.figure().analysis().probabilityPlot->values.size() <= 2 * kPlotCells + 2);
}

// At 1366×768 the statistics panel is as wide as its table: no row wrapped or cut (the p-value
// row, "no evidence against normality", wrapped in a panel of 320 px).
void TestDistributionView::sidePanelFitsItsTextAt1366()
{
    DistributionView view(m_context.get());
    view.resize(1366, 640);
    view.show();
    view.showValues(kTimes, QStringLiteral("hand-made"));
    QVERIFY(waitShown(view));
    QTextDocument text;
    text.setDefaultFont(view.summaryLabel()->font());
    text.setHtml(view.summaryLabel()->text());
    const QLabel* label = view.summaryLabel();
    QVERIFY2(text.idealWidth() <= label->contentsRect().width() - 2 * label->margin(),
             qPrintable(QStringLiteral("%1 > %2").arg(text.idealWidth()).arg(label->contentsRect().width())));
    // The charts keep most of the width.
    QVERIFY(view.histogramView()->width() + view.probabilityView()->width() > view.width() / 2);
}

// The frequency axis ends a step above the highest bar, in whole counts (it went 0–10 for a
// highest bar of 5, the bars in its lower half).
void TestDistributionView::countAxisFitsTheBars()
{
    stats::Histogram h;
    h.n = 8;
    h.binWidth = 1;
    h.edges = {0, 1, 2, 3};
    h.midpoints = {0.5, 1.5, 2.5};
    h.counts = {1, 5, 2};
    std::unique_ptr<QChart> chart(makeHistogramChart(h, nullptr, QStringLiteral("t"), QStringLiteral("x"),
                                                     FigureStyle::forPrint()));
    auto* y = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).front());
    QVERIFY(y);
    QCOMPARE(y->min(), 0.0);
    QCOMPARE(y->max(), 6.0);
    QCOMPARE(y->tickCount(), 7);
    QCOMPARE(y->labelFormat(), QStringLiteral("%.0f"));
    // A limit line on the last edge is drawn inside the plot, not on its frame.
    addVerticalLine(chart.get(), 3.0, QStringLiteral("usl"), QStringLiteral("USL"), Qt::red, Qt::DashLine,
                    FigureStyle::forPrint());
    auto* x = qobject_cast<QValueAxis*>(chart->axes(Qt::Horizontal).front());
    QVERIFY2(x->max() > 3.0, qPrintable(QString::number(x->max())));
    QCOMPARE(x->min(), 0.0);
}

QTEST_MAIN(TestDistributionView)
#include "tst_distributionview.moc"
