// Tests of the capability view and figure (offscreen): the chart and table hold core's
// histogram, curves and indices for a hand-made data set; the unstable-process warning appears
// exactly when the I-MR chart of the times shows a signal; the figure prints to a PDF whose
// text has the indices; spec limits are saved with the source's chart (one undo step each) and
// come back when the project is opened again.
#include "analysis/capabilityview.h"
#include "analysis/sourcebox.h"
#include "projectdocument.h"
#include "stats/capability.h"
#include "stats/controlchart.h"
#include "stats/sigmaestimator.h"
#include "analysisviewsupport.h"
#include "uitestsupport.h"
#include "windowcontext.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace gemba;
using namespace gemba::ui;
using gemba::test::near;
using gemba::test::pdfText;
using gemba::test::seriesNamed;
using gemba::test::waitShown;

namespace {

// Alternating around 10 s: x̄ = 10, MR̄ = 5.8/19 = 0.30526, σ within = MR̄/d2(2) =
// 0.30526/1.1283792 = 0.27053, s = 0.18638. The I chart's limits 10 ± 0.8116 hold every point,
// the largest MR (0.6) is under D4·MR̄ = 0.997, no 8 in a row on one side (they alternate), no
// 2 of 3 beyond 2σ (|x − 10| ≤ 0.3 < 0.54), no 4 of 5 beyond 1σ on one side: no signal.
// With LSL 9, USL 11: Cp = 2/(6·0.27053) = 1.2321, Cpk the same (centred).
const std::vector<double> kStable = {10.2, 9.8,  10.1, 9.9, 10.3, 9.7, 10.0, 10.2, 9.8, 10.1,
                                     9.9,  10.0, 10.2, 9.9, 10.1, 9.8, 10.0, 10.3, 9.7, 10.0};

// The same with the last time 11.5: x̄ = 10.075, MR̄ = 7.3/19 = 0.38421, σ within = 0.34050,
// UCL = 10.075 + 3·0.34050 = 11.0965 < 11.5: test 1 fails on the last point.
std::vector<double> unstable()
{
    auto v = kStable;
    v.back() = 11.5;
    return v;
}

stats::SpecLimits spec9to11()
{
    stats::SpecLimits spec;
    spec.lsl = 9;
    spec.usl = 11;
    return spec;
}

} // namespace

class TestCapabilityView : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void holdsCoreIndicesAndCurves();
    void targetLineAndCpmOnlyWithATarget();
    void warnsWhenUnstable();
    void printsToPdf();
    void specLimitsSavedWithTheChart();

private:
    test::AnalysisViewFixture m_fixture;
    std::unique_ptr<QTemporaryDir>& m_dir = m_fixture.dir;
    std::unique_ptr<ProjectDocument>& m_doc = m_fixture.doc;
    std::unique_ptr<WindowContext>& m_context = m_fixture.context;
};

void TestCapabilityView::init()
{
    m_fixture.make(QStringLiteral("c.gemba"));
}

void TestCapabilityView::cleanup()
{
    m_fixture.reset();
}

void TestCapabilityView::holdsCoreIndicesAndCurves()
{
    CapabilityView view(m_context.get());
    view.resize(1200, 700);
    view.show();
    view.setSpecLimits(spec9to11());
    view.showValues(kStable, QStringLiteral("hand-made"));
    QVERIFY(waitShown(view));

    const auto sigma = stats::estimateSigmaFromIndividuals(stats::SigmaMethod::AverageMovingRange, kStable);
    QVERIFY(sigma);
    QVERIFY(near(*sigma, (5.8 / 19) / 1.1283791670955126, 1e-9));
    const auto core = stats::processCapability(kStable, *sigma, "mr", spec9to11());
    QVERIFY(core);
    const auto& a = view.figure().analysis();
    QVERIFY(a.capability);
    const auto& c = *a.capability;
    QVERIFY(near(c.sigmaWithin, *sigma));
    QVERIFY(near(c.cp->value, core->cp->value));
    QVERIFY(near(c.cp->value, 1.2321381708620704, 1e-6));
    QVERIFY(near(c.cpk->value, core->cpk->value));
    QVERIFY(near(c.ppk->value, core->ppk->value));
    QVERIFY(near(c.cpk->lower, core->cpk->lower));
    QVERIFY(near(c.ppmWithin.total, core->ppmWithin.total));
    // No target given: none made up at mid-spec (10), so no Cpm and Ppm — core's rule, which the
    // view shows as it is.
    QVERIFY(!core->target && !core->cpm && !core->ppm);
    QVERIFY(!c.target && !c.cpm && !c.ppm);

    QChart* chart = view.chartView()->chart();
    auto* lsl = seriesNamed<QLineSeries>(chart, QStringLiteral("lsl"));
    auto* usl = seriesNamed<QLineSeries>(chart, QStringLiteral("usl"));
    QVERIFY(lsl && usl);
    QVERIFY(!seriesNamed<QLineSeries>(chart, QStringLiteral("target")));
    QCOMPARE(lsl->at(0).x(), 9.0);
    QCOMPARE(usl->at(1).x(), 11.0);
    auto* within = seriesNamed<QLineSeries>(chart, QStringLiteral("within"));
    auto* overall = seriesNamed<QLineSeries>(chart, QStringLiteral("overall"));
    QVERIFY(within && overall);
    // Heights at the mean: n·w·φ(0)/σ, the within curve lower than the overall one (σw > s).
    QCOMPARE(within->count(), int(a.withinCurve.x.size()));
    for (int i = 0; i < within->count(); ++i) {
        QCOMPARE(within->at(i).y(), a.withinCurve.y[static_cast<std::size_t>(i)]);
        QCOMPARE(overall->at(i).y(), a.overallCurve.y[static_cast<std::size_t>(i)]);
    }
    auto* bars = seriesNamed<QAreaSeries>(chart, QStringLiteral("bars"));
    QVERIFY(bars);
    QCOMPARE(bars->upperSeries()->count(), int(4 * a.histogram->counts.size()));

    const QString html = view.summaryLabel()->text();
    QVERIFY(html.contains(QStringLiteral("Cpk")));
    QVERIFY2(html.contains(QString::number(core->cpk->value, 'f', 2)), qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("PPM total")));
    QVERIFY(html.contains(QStringLiteral("MR̄/d2")));
    QVERIFY(view.warningLabel()->isHidden());
    QVERIFY(view.figure().stabilityWarning().isEmpty());
}

// A given target: its line, and Cpm and Ppm as core computes them with it.
//   Cpm = Cp/√(1 + ((x̄ − T)/σw)²), x̄ = 10, T = 10.1, σw = 0.27053: 1.2321/√(1 + 0.13664) = 1.1557.
void TestCapabilityView::targetLineAndCpmOnlyWithATarget()
{
    CapabilityView view(m_context.get());
    view.show();
    stats::SpecLimits spec = spec9to11();
    spec.target = 10.1;
    view.setSpecLimits(spec);
    view.showValues(kStable, QStringLiteral("hand-made"));
    QVERIFY(waitShown(view));
    const auto sigma = stats::estimateSigmaFromIndividuals(stats::SigmaMethod::AverageMovingRange, kStable);
    const auto core = stats::processCapability(kStable, *sigma, "mr", spec);
    QVERIFY(core && core->cpm && core->ppm);
    const auto& c = *view.figure().analysis().capability;
    QVERIFY(c.target && near(*c.target, 10.1));
    QVERIFY(c.cpm && near(c.cpm->value, core->cpm->value));
    QVERIFY(near(c.cpm->value, 1.2321381708620704 / std::sqrt(1 + std::pow(0.1 / *sigma, 2)), 1e-9));
    QVERIFY(c.ppm && near(c.ppm->value, core->ppm->value));
    auto* target = seriesNamed<QLineSeries>(view.chartView()->chart(), QStringLiteral("target"));
    QVERIFY(target);
    QCOMPARE(target->at(0).x(), 10.1);
    QVERIFY(view.summaryLabel()->text().contains(QString::number(core->cpm->value, 'f', 2)));

    // The target cleared: no line, no Cpm (the table shows "*").
    view.setSpecLimits(spec9to11());
    QVERIFY(waitShown(view));
    QVERIFY(!seriesNamed<QLineSeries>(view.chartView()->chart(), QStringLiteral("target")));
    QVERIFY(!view.figure().analysis().capability->cpm);
}

void TestCapabilityView::warnsWhenUnstable()
{
    // Core's I chart flags the point (the figure must agree with it, not decide by itself).
    const auto charts = stats::individualsCharts(unstable(), {}, stats::ChartOptions{});
    QVERIFY(charts);
    QVERIFY(charts->charts[0].tests.back() & 1u);

    CapabilityView view(m_context.get());
    view.show();
    view.setSpecLimits(spec9to11());
    view.showValues(unstable(), QStringLiteral("unstable"));
    QVERIFY(waitShown(view));
    QVERIFY(!view.warningLabel()->isHidden());
    QVERIFY(view.warningLabel()->text().contains(QStringLiteral("not meaningful")));
    QVERIFY(view.summaryLabel()->text().contains(QStringLiteral("not meaningful")));

    view.showValues(kStable, QStringLiteral("stable"));
    QVERIFY(waitShown(view));
    QVERIFY(view.warningLabel()->isHidden());
    QVERIFY(!view.summaryLabel()->text().contains(QStringLiteral("not meaningful")));
}

void TestCapabilityView::printsToPdf()
{
    CapabilityView view(m_context.get());
    view.show();
    view.setSpecLimits(spec9to11());
    view.showValues(unstable(), QStringLiteral("hand-made"));
    QVERIFY(waitShown(view));
    const QString path = m_dir->filePath("capability.pdf");
    {
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setResolution(1200);
        QPainter painter(&pdf);
        painter.scale(1200 / 72.0, 1200 / 72.0);
        const QRectF page = pdf.pageLayout().paintRect(QPageLayout::Point);
        view.printable()->paintPage(painter, QRectF(QPointF(0, 0), page.size()), 0);
    }
    if (const QString keep = qEnvironmentVariable("GEMBA_KEEP_PDF"); !keep.isEmpty())
        QFile::copy(path, QDir(keep).filePath(QFileInfo(path).fileName()));   // to look at it
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    QVERIFY(p.waitForFinished(20000));
    const QString text = QString::fromUtf8(p.readAllStandardOutput()).simplified();
    QVERIFY2(text.contains(QStringLiteral("Cpk")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("USL")));
    QVERIFY(text.contains(QStringLiteral("not meaningful")));
}

// The limits of a study's step are stored in the saved chart of that step (a new I-MR chart
// when there is none), each edit one undo step; another source has its own; reopening the
// project file shows them again.
void TestCapabilityView::specLimitsSavedWithTheChart()
{
    const QString path = m_doc->path();
    study::Study s;
    s.date = "2026-11-23";
    s.observer = "tester";
    const study::Id studyId = test::addTimedStudy(*m_doc, s, int(kStable.size()), [](study::Observation& o, int c, std::size_t i) {
        o.durationUs = i == 0 ? 5'000'000 + c * 1000 : std::llround(kStable[std::size_t(c - 1)] * 1e6);
    });
    m_context->setStudy(studyId);
    const study::Id fit = m_context->steps().at(1).id;
    const stats::SpecLimits wider{8.0, 12.0, 10.5};
    {
        CapabilityView view(m_context.get());
        view.resize(1000, 600);
        view.show();
        view.sourceBox()->setStepId(fit);
        QVERIFY(waitShown(view));
        QVERIFY(!view.specLimits().lsl && !view.specLimits().usl && !view.specLimits().target);
        QVERIFY(!view.savedChart({studyId, fit}));

        const int steps = m_doc->undoStack()->count();
        QSignalSpy shown(&view, &AnalysisView::analysisShown);
        view.setSpecLimits(spec9to11());
        QCOMPARE(m_doc->undoStack()->count(), steps + 1);
        QVERIFY(shown.wait(20000));
        auto saved = view.savedChart({studyId, fit});
        QVERIFY(saved && saved->id != 0);
        QCOMPARE(saved->type, stats::ChartType::IMR);
        QCOMPARE(saved->specLimits.lsl.value_or(0), 9.0);
        QCOMPARE(saved->specLimits.usl.value_or(0), 11.0);
        QVERIFY(!saved->specLimits.target);
        QVERIFY(view.figure().analysis().capability);
        QVERIFY(near(view.figure().analysis().capability->cp->value, 1.2321381708620704, 1e-6));

        view.setSpecLimits(wider);
        QCOMPARE(m_doc->undoStack()->count(), steps + 2);
        QCOMPARE(view.savedChart({studyId, fit})->specLimits, (store::SpecLimits{8.0, 12.0, 10.5}));
        QCOMPARE(view.savedChart({studyId, fit})->id, saved->id);   // the same chart, updated

        // Undo restores the limits before, in the store, the fields and the analysis.
        shown.clear();
        m_doc->undoStack()->undo();
        QCOMPARE(view.savedChart({studyId, fit})->specLimits, (store::SpecLimits{9.0, 11.0, std::nullopt}));
        QCOMPARE(view.specLimits().lsl.value_or(0), 9.0);
        QCOMPARE(view.specLimits().usl.value_or(0), 11.0);
        QVERIFY(!view.specLimits().target);
        QVERIFY(shown.count() > 0 || shown.wait(20000));
        QCOMPARE(view.figure().analysis().spec.usl.value_or(0), 11.0);
        // The first undo removes the chart it saved.
        m_doc->undoStack()->undo();
        QVERIFY(!view.savedChart({studyId, fit}));
        QVERIFY(!view.specLimits().lsl && !view.specLimits().usl);
        m_doc->undoStack()->redo();
        m_doc->undoStack()->redo();
        QCOMPARE(view.specLimits().target.value_or(0), 10.5);

        // The cycle total is another source: no limits of its own, and the step's come back.
        view.sourceBox()->setStepId(0);
        QVERIFY(!view.specLimits().lsl && !view.specLimits().usl);
        QVERIFY(waitShown(view));
        view.sourceBox()->setStepId(fit);
        QCOMPARE(view.specLimits().lsl.value_or(0), 8.0);
    }

    // Open the project file again: the limits come back with the chart.
    m_context.reset();
    m_doc.reset();
    QString error;
    m_doc = ProjectDocument::open(path, &error);
    QVERIFY2(m_doc, qPrintable(error));
    m_context = std::make_unique<WindowContext>(m_doc.get());
    m_context->setStudy(studyId);
    CapabilityView again(m_context.get());
    again.sourceBox()->setStepId(fit);
    again.show();
    QVERIFY(waitShown(again));
    QCOMPARE(again.specLimits().lsl.value_or(0), 8.0);
    QCOMPARE(again.specLimits().usl.value_or(0), 12.0);
    QCOMPARE(again.specLimits().target.value_or(0), 10.5);
    QCOMPARE(again.figure().analysis().spec.lsl.value_or(0), 8.0);
    QVERIFY(again.figure().analysis().capability);
}

QTEST_MAIN(TestCapabilityView)
#include "tst_capabilityview.moc"
