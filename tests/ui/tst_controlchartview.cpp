// The control chart view on a study whose step durations are a reference data set: it shows
// core's center, limits and signals; exclusion, stages, locked limits and signal notes are
// undo commands that change the saved chart; the timing view's live chart gains a point per lap.
#include "charts/chartcanvas.h"
#include "charts/chartstore.h"
#include "charts/controlchartfigure.h"
#include "charts/controlchartview.h"
#include "report/exporters.h"
#include "projectdocument.h"
#include "timing/timingview.h"
#include "uitestsupport.h"
#include "windowcontext.h"

#include "referencedata.h"
#include "analysis/chartseries.h"
#include "stats/controlchart.h"
#include "store/project.h"
#include "study/clock.h"

#include <QComboBox>
#include <QAction>
#include <QApplication>
#include <QSplitter>
#include <QXYSeries>
#include <QDialog>
#include <QFile>
#include <QTextStream>
#include <QDir>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QListWidget>
#include <QUndoStack>
#include <QtTest>

#include <cmath>

using namespace gemba;
using namespace gemba::ui;

namespace {

constexpr double kTol = 1e-9;

// tests/data/reference/antifreeze.xbar_one.json: 34 batches, individuals chart by qcc.
QJsonObject antifreeze() { return test::loadReferenceJson(QStringLiteral("antifreeze.xbar_one.json")); }

std::vector<double> antifreezeValues()
{
    return test::toDoubles(antifreeze()["input"].toObject()["phase1_data"].toArray());
}

// A study of one step whose durations, in seconds, are the 34 antifreeze values.
struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<ProjectDocument> doc;
    study::Id studyId = 0;
    std::unique_ptr<WindowContext> context;
    std::unique_ptr<ControlChartView> view;

    explicit Fixture(const std::vector<double>& values)
    {
        doc = test::makeDocument(dir.filePath(QStringLiteral("chart.gemba")), "Antifreeze", {"Fill"});
        study::Study s;
        s.date = "2026-11-23";
        s.observer = "tester";
        studyId = test::addTimedStudy(*doc, s, static_cast<int>(values.size()), [&](study::Observation& o, int c, std::size_t) {
            o.durationUs = std::llround(values[static_cast<std::size_t>(c - 1)] * 1e6);
        });
        context = std::make_unique<WindowContext>(doc.get());
        view = std::make_unique<ControlChartView>(*context);
        view->resize(1366, 700);
        view->show();
    }

    // Waits until the view shows the chart of its current settings.
    bool waitForChart()
    {
        return QTest::qWaitFor([&] {
            const ChartResult* r = view->result();
            return r && r->key == chartComputationKey(view->spec()) && r->revision == doc->revision();
        }, 5000);
    }

    const stats::ControlChart& iChart() const { return view->result()->analysis.charts.front(); }

    // The study's charts as the project file holds them, read through a connection of its own.
    std::vector<store::ChartSpec> savedCharts() const
    {
        auto reader = store::Project::open(doc->path().toStdString(), store::OpenMode::ReadOnly);
        if (!reader)
            qFatal("reopen: %s", reader.error().message.c_str());
        auto charts = (*reader)->charts(doc->currentProcessId());
        if (!charts)
            qFatal("charts: %s", charts.error().message.c_str());
        return *charts;
    }
    store::ChartSpec savedChart() const
    {
        const auto charts = savedCharts();
        if (charts.size() != 1)
            qFatal("expected one saved chart, found %zu", charts.size());
        return charts.front();
    }
};

std::vector<double> slice(const std::vector<double>& v, std::size_t a, std::size_t b)
{
    return {v.begin() + static_cast<long>(a), v.begin() + static_cast<long>(b)};
}

stats::ChartAnalysis coreChart(std::vector<double> values, stats::PointFlags flags = {},
                               stats::ChartOptions options = {})
{
    auto a = stats::individualsCharts(std::move(values), flags, options);
    if (!a)
        qFatal("core: %s", a.error().message.c_str());
    return *a;
}

// For looking at the view: GEMBA_SCREENSHOTS=DIR saves it there at 1366x768 and 1920x1080.
void screenshot(QWidget* w, const QString& name)
{
    const QString dir = qEnvironmentVariable("GEMBA_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    const QSize before = w->size();
    for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
        w->resize(size);
        QCoreApplication::processEvents();
        w->grab().save(QStringLiteral("%1/%2-%3x%4.png").arg(dir, name).arg(size.width()).arg(size.height()));
    }
    w->resize(before);
}

} // namespace

class TestControlChartView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsCoresCenterLimitsAndSignals()
    {
        const QJsonObject ref = antifreeze();
        Fixture f(antifreezeValues());
        QVERIFY(f.waitForChart());
        QVERIFY(f.view->result()->hasChart());
        QCOMPARE(f.view->canvas()->result(), f.view->result());   // the canvas draws this result
        const auto& i = f.iChart();
        QCOMPARE(i.size(), std::size_t(34));
        GEMBA_COMPARE_REL(i.centerLine.at(0), ref["center"].toDouble(), kTol);
        // qcc divides MR̄ by its 3-decimal d2(2) = 1.128 (qcc_internal_d2_d3_tables.csv); core by
        // the exact d2(2) = 2/√π. So the reference's half-width is scaled by 1.128/d2(2).
        const double center = ref["center"].toDouble();
        const double exactScale = 1.128 / (2 / std::sqrt(M_PI));
        const double refUcl = test::toDoubles(ref["ucl"].toArray())[0];
        const double refLcl = test::toDoubles(ref["lcl"].toArray())[0];
        GEMBA_COMPARE_REL(i.ucl.at(0), center + (refUcl - center) * exactScale, kTol);
        GEMBA_COMPARE_REL(i.lcl.at(0), center + (refLcl - center) * exactScale, kTol);
        // Western Electric (the view's default): the reference flags points 30 and 32 (1-based)
        // by "4 of 5 beyond 1 sigma", core's test 6.
        std::vector<int> flagged;
        for (std::size_t p = 0; p < i.size(); ++p)
            if (i.tests[p])
                flagged.push_back(static_cast<int>(p) + 1);
        const auto expected = test::toInts(
            ref["violations"].toObject()["western_electric"].toObject()["rule3_4of5_beyond_1sigma"].toArray());
        QCOMPARE(flagged, expected);
        QCOMPARE(i.tests[29], std::uint16_t(1u << 5));

        // The side list names each signal in words; the line under the chart says what is used.
        QListWidget* list = f.view->signalList();
        QCOMPARE(list->count(), 2);
        QVERIFY2(list->item(0)->text().startsWith(QStringLiteral("cycle 30 — 2.890 s\n")), qPrintable(list->item(0)->text()));
        QVERIFY2(list->item(0)->text().contains(
                     QStringLiteral("Test 6: 4 out of 5 points more than 1 sigma from the center line")),
                 qPrintable(list->item(0)->text()));
        QVERIFY(list->item(1)->text().startsWith(QStringLiteral("cycle 32")));
        QCOMPARE(f.view->usedText(),
                 QStringLiteral("Tests 1, 2, 5, 6 (Western Electric), σ by average moving range (MR̄/d2), k = 3"));
        QVERIFY(f.view->pointToolTip(29).contains(QStringLiteral("Test 6")));
        f.view->setCursorPoint(29);
        screenshot(f.view.get(), QStringLiteral("chart-signals"));

        // Nelson, chosen in the view: the line follows.
        store::ChartSpec nelson = f.view->spec();
        nelson.rules = "nelson";
        f.view->changeSpec(nelson, QStringLiteral("rules"));
        QVERIFY(f.waitForChart());
        QCOMPARE(f.view->usedText(),
                 QStringLiteral("Tests 1–8 (Nelson), σ by average moving range (MR̄/d2), k = 3"));
    }

    // A data set imported into the project (store::Project::importDataSet) is in "Chart of" once
    // the view is shown again; its column charted as a p chart with a column of sample sizes is
    // a saved chart of the data set (no process), with core's center and limits, undoable.
    void dataSetColumnAsPChart()
    {
        Fixture f(antifreezeValues());
        QVERIFY(f.waitForChart());
        const std::vector<double> defectives{3, 5, 2, 7, 4, 6, 1, 5, 3, 9, 4, 2, 6, 3, 5, 4, 8, 2, 3, 4};
        const std::vector<double> inspected{50, 60, 50, 80, 70, 60, 50, 90, 60, 70, 50, 55, 65, 50, 75, 60, 80, 50, 55, 60};
        const QString csvPath = f.dir.filePath(QStringLiteral("inspection.csv"));
        {
            QFile csv(csvPath);
            QVERIFY(csv.open(QIODevice::WriteOnly | QIODevice::Text));
            QTextStream out(&csv);
            out << "lot,defectives,inspected\n";
            for (std::size_t i = 0; i < defectives.size(); ++i)
                out << "L" << i + 1 << ',' << defectives[i] << ',' << inspected[i] << '\n';
        }
        auto imported = f.doc->project().importDataSet(csvPath.toStdString(), "Inspection");
        QVERIFY2(imported, imported ? "" : imported.error().message.c_str());
        f.view->hide();
        f.view->show();   // the chooser is filled again when the view is shown

        auto* source = f.view->findChild<QComboBox*>(QStringLiteral("chartSourceBox"));
        QVERIFY(source);
        // Numeric columns only: the lot names are text.
        QCOMPARE(source->findText(QStringLiteral("Data set Inspection: lot")), -1);
        QVERIFY(source->findText(QStringLiteral("Data set Inspection: inspected")) >= 0);
        const int entry = source->findText(QStringLiteral("Data set Inspection: defectives"));
        QVERIFY(entry >= 0);
        source->setCurrentIndex(entry);
        emit source->activated(entry);
        QVERIFY(f.view->spec().source.kind == store::ChartSourceKind::DataSetColumn);
        QCOMPARE(f.view->spec().source.dataSetId, *imported);
        QCOMPARE(f.view->spec().source.valueColumn, std::string("defectives"));
        QVERIFY(!f.view->spec().processId);
        QVERIFY(f.waitForChart());
        QVERIFY(f.view->result()->hasChart());
        QCOMPARE(f.iChart().size(), defectives.size());   // I-MR of the column first

        auto* type = f.view->findChild<QComboBox*>(QStringLiteral("chartTypeBox"));
        auto* sizes = f.view->findChild<QComboBox*>(QStringLiteral("chartSizeBox"));
        QVERIFY(type && sizes);
        const int p = type->findData(static_cast<int>(stats::ChartType::P));
        QVERIFY(p >= 0);
        for (auto t : {stats::ChartType::NP, stats::ChartType::C, stats::ChartType::U})
            QVERIFY(type->findData(static_cast<int>(t)) >= 0);
        QCOMPARE(sizes->itemText(sizes->currentIndex()), QStringLiteral("inspected"));
        type->setCurrentIndex(p);
        emit type->activated(p);
        QVERIFY(f.view->spec().type == stats::ChartType::P);
        QCOMPARE(f.view->spec().source.sizeColumn, std::string("inspected"));
        QVERIFY(sizes->isVisibleTo(f.view.get()));
        QVERIFY(f.waitForChart());
        QVERIFY2(f.view->result()->hasChart(), qPrintable(f.view->messageText()));

        auto core = stats::attributeChart(stats::ChartType::P, defectives, inspected, {}, {});
        QVERIFY(core);
        const auto& expected = core->charts.front();
        const auto& shown = f.iChart();
        QCOMPARE(shown.size(), defectives.size());
        for (std::size_t i = 0; i < shown.size(); ++i) {
            GEMBA_COMPARE_REL(shown.values[i], defectives[i] / inspected[i], kTol);
            GEMBA_COMPARE_REL(shown.centerLine.at(i), expected.centerLine.at(i), kTol);
            GEMBA_COMPARE_REL(shown.ucl.at(i), expected.ucl.at(i), kTol);
            GEMBA_COMPARE_REL(shown.lcl.at(i), expected.lcl.at(i), kTol);
        }
        // p̄ = ΣD/Σn, and the limits vary with each lot's size.
        double d = 0, n = 0;
        for (std::size_t i = 0; i < defectives.size(); ++i) {
            d += defectives[i];
            n += inspected[i];
        }
        GEMBA_COMPARE_REL(shown.centerLine.at(0), d / n, kTol);
        QVERIFY(shown.ucl.at(0) != shown.ucl.at(3));

        // Saved as the data set's chart, and undone to the (unsaved) I-MR.
        auto saved = f.doc->project().dataSetCharts(*imported);
        QVERIFY(saved);
        QCOMPARE(saved->size(), std::size_t(1));
        QVERIFY(saved->front().type == stats::ChartType::P);
        QCOMPARE(saved->front().source.sizeColumn, std::string("inspected"));
        QVERIFY(!saved->front().processId);
        screenshot(f.view.get(), QStringLiteral("chart-dataset-p"));
        f.doc->undoStack()->undo();
        QVERIFY(f.view->spec().type == stats::ChartType::IMR);
        QCOMPARE(f.view->spec().source.dataSetId, *imported);
        f.doc->undoStack()->redo();
        QVERIFY(f.view->spec().type == stats::ChartType::P);

        // Back to the study's step: its own chart again.
        const int step = source->findText(QStringLiteral("Fill"));
        QVERIFY(step >= 0);
        source->setCurrentIndex(step);
        emit source->activated(step);
        QVERIFY(f.view->spec().source.kind == store::ChartSourceKind::StepDurations);
        QVERIFY(f.waitForChart());
        QCOMPARE(f.iChart().size(), std::size_t(34));
    }

    // "Show Zones" (Z with the chart focused) draws the 1σ and 2σ lines at core's center ± σ
    // on screen and in print, and is kept in the saved view state.
    void zonesToggleAndViewState()
    {
        Fixture f(antifreezeValues());
        QVERIFY(f.waitForChart());
        auto* action = f.view->findChild<QAction*>(QStringLiteral("showZonesAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_Z));
        QVERIFY(!f.view->showZones());
        QVERIFY(!f.view->printFigure()->options().showZones);
        f.view->canvas()->setFocus();
        action->trigger();
        QVERIFY(f.view->showZones());
        QVERIFY(f.view->canvas()->showZones());
        QVERIFY(f.view->printFigure()->options().showZones);
        QApplication::processEvents();
        f.view->canvas()->grab();   // lays the canvas' figure out
        QXYSeries* plus1 = f.view->canvas()->figure()->series(0, ControlChartFigure::Role::ZonePlus1);
        QVERIFY(plus1);
        QVERIFY(plus1->count() > 0);
        const auto& i = f.iChart();
        const double expected = i.centerLine.at(0) + (i.ucl.at(0) - i.centerLine.at(0)) / 3.0;
        GEMBA_COMPARE_REL(plus1->at(0).y(), expected, 1e-6);
        screenshot(f.view.get(), QStringLiteral("chart-zones"));

        const QByteArray state = f.view->saveViewState();
        Fixture g(antifreezeValues());
        QVERIFY(!g.view->showZones());
        g.view->restoreViewState(state);
        QVERIFY(g.view->showZones());
        QVERIFY(g.view->canvas()->showZones());
        action->trigger();
        QVERIFY(!f.view->showZones());
        g.view->restoreViewState(f.view->saveViewState());
        QVERIFY(!g.view->showZones());
        // A state saved before the toggle (the splitter's alone) still restores.
        g.view->restoreViewState(g.view->findChild<QSplitter*>(QStringLiteral("chartSplitter"))->saveState());
        QVERIFY(!g.view->showZones());
    }

    // X̄-R of a step by day and by shift, chosen in "Subgroups by": the saved source says so and
    // the view charts core's subgroups (analysis::subgroupSeries) with core's center.
    void subgroupsByDayAndShift()
    {
        QTemporaryDir dir;
        auto doc = test::makeDocument(dir.filePath(QStringLiteral("days.gemba")), "Antifreeze", {"Fill"});
        const auto values = antifreezeValues();
        study::Study s;
        s.date = "2026-11-23";
        s.observer = "tester";
        // A cycle every two hours: 34 cycles span three days and about nine shifts.
        constexpr std::int64_t kTwoHoursUs = 2LL * 3600 * 1000000;
        const study::Id studyId = test::addTimedStudy(*doc, s, static_cast<int>(values.size()),
                                                      [&](study::Observation& o, int c, std::size_t) {
            o.durationUs = std::llround(values[static_cast<std::size_t>(c - 1)] * 1e6);
            o.wallStartUs = (c - 1) * kTwoHoursUs;   // what day and shift go by
        });
        WindowContext context(doc.get());
        ControlChartView view(context);
        view.resize(1366, 700);
        view.show();
        auto wait = [&] {
            return QTest::qWaitFor([&] {
                const ChartResult* r = view.result();
                return r && r->key == chartComputationKey(view.spec());
            }, 5000);
        };
        QVERIFY(wait());
        auto* type = view.findChild<QComboBox*>(QStringLiteral("chartTypeBox"));
        auto* groupBy = view.findChild<QComboBox*>(QStringLiteral("chartGroupByBox"));
        QVERIFY(type && groupBy);
        const int xbar = type->findData(static_cast<int>(stats::ChartType::XbarR));
        type->setCurrentIndex(xbar);
        emit type->activated(xbar);
        QVERIFY(view.spec().source.subgroupBy == store::SubgroupBy::CycleRange);
        QVERIFY(groupBy->isVisibleTo(&view));

        const study::Id stepId = view.spec().source.stepId;
        for (auto [by, kind] : {std::pair{store::SubgroupBy::Day, analysis::Subgrouping::Kind::Day},
                                std::pair{store::SubgroupBy::Shift, analysis::Subgrouping::Kind::Shift}}) {
            const int i = groupBy->findData(static_cast<int>(by));
            QVERIFY(i >= 0);
            groupBy->setCurrentIndex(i);
            emit groupBy->activated(i);
            QVERIFY(view.spec().source.subgroupBy == by);
            QCOMPARE(view.spec().source.subgroupSize, 0);
            QVERIFY(wait());
            QVERIFY2(view.result()->hasChart(), qPrintable(view.messageText()));

            analysis::Subgrouping g;
            g.kind = kind;
            if (by == store::SubgroupBy::Shift) {
                QCOMPARE(view.spec().source.shiftStartMinutes, (std::vector<int>{360, 840, 1320}));
                g.shiftStartsMinutes = {360, 840, 1320};
            }
            auto core = analysis::subgroupSeries(doc->project(), {studyId}, stepId, g);
            QVERIFY(core);
            const auto& series = core->series;
            QVERIFY(series.pointCount() >= 3);
            const auto& chart = view.result()->analysis.charts.front();
            QCOMPARE(chart.size(), series.pointCount());
            QCOMPARE(view.result()->pointLabels, series.pointLabels);
            for (std::size_t p = 0; p < series.pointCount(); ++p) {
                double mean = 0;
                for (std::size_t k = series.offsets[p]; k < series.offsets[p + 1]; ++k)
                    mean += series.values[k];
                mean /= static_cast<double>(series.offsets[p + 1] - series.offsets[p]);
                GEMBA_COMPARE_REL(chart.values[p], mean, kTol);
            }
        }
        QVERIFY(view.spec().id != 0);   // saved with the study
    }

    // The document's dataSetsChanged refills "Chart of" at once; chartAdded shows the data set chart.
    void followsDocumentDataSetSignals()
    {
        Fixture f(antifreezeValues());
        QVERIFY(f.waitForChart());
        const QString csvPath = f.dir.filePath(QStringLiteral("c.csv"));
        {
            QFile csv(csvPath);
            QVERIFY(csv.open(QIODevice::WriteOnly | QIODevice::Text));
            csv.write("defects\n3\n5\n2\n7\n4\n6\n");
        }
        auto imported = f.doc->project().importDataSet(csvPath.toStdString(), "Welds");
        QVERIFY(imported);
        auto* source = f.view->findChild<QComboBox*>(QStringLiteral("chartSourceBox"));
        QCOMPARE(source->findText(QStringLiteral("Data set Welds: defects")), -1);
        emit f.doc->dataSetsChanged(*imported);
        QVERIFY(source->findText(QStringLiteral("Data set Welds: defects")) >= 0);
        store::ChartSpec spec;
        spec.source.kind = store::ChartSourceKind::DataSetColumn;
        spec.source.dataSetId = *imported;
        spec.source.valueColumn = "defects";
        spec.type = stats::ChartType::C;
        auto id = f.doc->project().addChart(spec);
        QVERIFY(id);
        emit f.doc->chartAdded(*id);
        QCOMPARE(f.view->spec().id, *id);
        QVERIFY(f.view->spec().type == stats::ChartType::C);
        QVERIFY(f.waitForChart());
        QVERIFY2(f.view->result()->hasChart(), qPrintable(f.view->messageText()));
        GEMBA_COMPARE_REL(f.iChart().centerLine.at(0), 27.0 / 6.0, kTol);
    }

    void emptyStudySaysSo()
    {
        Fixture f({});
        QVERIFY(f.waitForChart());
        QVERIFY(!f.view->result()->hasChart());
        QVERIFY2(f.view->messageText().contains(QStringLiteral("No observations")), qPrintable(f.view->messageText()));
        screenshot(f.view.get(), QStringLiteral("chart-empty"));
    }

    void exclusionUndoesAndRedoes()
    {
        const auto values = antifreezeValues();
        Fixture f(values);
        QVERIFY(f.waitForChart());
        const double before = f.iChart().centerLine.at(0);
        f.view->canvas()->setFocus();
        f.view->setCursorPoint(0);
        for (int i = 0; i < 8; ++i)
            QTest::keyClick(f.view->canvas(), Qt::Key_Right);
        QCOMPARE(f.view->cursorPoint(), 8);   // 2.95 s
        QTest::keyClick(f.view->canvas(), Qt::Key_X);
        QCOMPARE(f.view->spec().exclusions.size(), std::size_t(1));
        QVERIFY(f.waitForChart());
        stats::PointFlags flags;
        flags.excluded.assign(34, 0);
        flags.excluded[8] = 1;
        const double excluded = coreChart(values, flags).charts[0].center;
        GEMBA_COMPARE_REL(f.iChart().centerLine.at(0), excluded, kTol);
        QCOMPARE(f.view->result()->analysis.flags.excluded[8], std::uint8_t(1));
        // Saved with the chart, in the project file.
        QCOMPARE(f.savedChart().exclusions, f.view->spec().exclusions);

        f.doc->undoStack()->undo();
        QVERIFY(f.waitForChart());
        QVERIFY(f.view->spec().exclusions.empty());
        QVERIFY(f.savedCharts().empty());   // the first change saved the chart; its undo removes it
        GEMBA_COMPARE_REL(f.iChart().centerLine.at(0), before, kTol);
        f.doc->undoStack()->redo();
        QVERIFY(f.waitForChart());
        GEMBA_COMPARE_REL(f.iChart().centerLine.at(0), excluded, kTol);
    }

    void stageSplitUndoesAndRedoes()
    {
        const auto values = antifreezeValues();
        Fixture f(values);
        QVERIFY(f.waitForChart());
        f.view->canvas()->setFocus();
        f.view->setCursorPoint(17);
        QTest::keyClick(f.view->canvas(), Qt::Key_S);
        QVERIFY(f.waitForChart());
        QCOMPARE(f.view->result()->stageStarts, std::vector<std::size_t>{17});
        // Each stage has core's own limits.
        const auto first = coreChart(slice(values, 0, 17));
        const auto second = coreChart(slice(values, 17, 34));
        GEMBA_COMPARE_REL(f.iChart().centerLine.at(0), first.charts[0].center, kTol);
        GEMBA_COMPARE_REL(f.iChart().ucl.at(16), first.charts[0].ucl.at(0), kTol);
        GEMBA_COMPARE_REL(f.iChart().centerLine.at(17), second.charts[0].center, kTol);
        GEMBA_COMPARE_REL(f.iChart().ucl.at(33), second.charts[0].ucl.at(0), kTol);
        // No moving range across the boundary.
        const auto& mr = f.view->result()->analysis.charts[1];
        QVERIFY(std::isnan(mr.values[16]));   // point 17's moving range
        GEMBA_COMPARE_REL(mr.centerLine.at(17), second.charts[1].center, kTol);

        f.doc->undoStack()->undo();
        QVERIFY(f.waitForChart());
        QVERIFY(f.view->result()->stageStarts.empty());
        GEMBA_COMPARE_REL(f.iChart().centerLine.at(33), f.iChart().centerLine.at(0), kTol);
        f.doc->undoStack()->redo();
        QVERIFY(f.waitForChart());
        QCOMPARE(f.view->result()->stageStarts, std::vector<std::size_t>{17});
    }

    void lockedLimitsJudgeLaterPoints()
    {
        const auto values = antifreezeValues();
        Fixture f(values);
        QVERIFY(f.waitForChart());
        f.view->canvas()->setFocus();
        f.view->setCursorPoint(19);
        QTest::keyClick(f.view->canvas(), Qt::Key_L);
        QVERIFY(f.view->spec().lockedLimits.has_value());
        QVERIFY(f.waitForChart());
        // Phase I: the first 20 points; their limits, as core estimates them, judge the rest.
        const auto phaseOne = coreChart(slice(values, 0, 20));
        GEMBA_COMPARE_REL(f.view->spec().lockedLimits->center, phaseOne.charts[0].center, kTol);
        GEMBA_COMPARE_REL(f.view->spec().lockedLimits->sigma, phaseOne.charts[0].sigma, kTol);
        QCOMPARE(f.view->spec().lockedLimits->pointCount, std::int64_t(20));
        GEMBA_COMPARE_REL(f.iChart().centerLine.at(30), phaseOne.charts[0].center, kTol);
        GEMBA_COMPARE_REL(f.iChart().ucl.at(30), phaseOne.charts[0].ucl.at(0), kTol);
        QCOMPARE(f.view->result()->analysis.phaseOf(19), 1);
        QCOMPARE(f.view->result()->analysis.phaseOf(20), 2);
        QCOMPARE(*f.view->result()->lockedAfter, std::size_t(19));
        // The signals of the later points are core's against those limits.
        stats::PointFlags flags;
        flags.phase.assign(34, 1);
        for (std::size_t p = 20; p < 34; ++p)
            flags.phase[p] = 2;
        stats::ChartOptions options;
        options.knownCenter = phaseOne.charts[0].center;
        options.knownSigma = phaseOne.charts[0].sigma;
        const auto judged = coreChart(values, flags, options);
        QCOMPARE(f.iChart().tests, judged.charts[0].tests);

        f.doc->undoStack()->undo();
        QVERIFY(f.waitForChart());
        QVERIFY(!f.view->spec().lockedLimits);
        QCOMPARE(f.view->result()->analysis.phaseOf(30), 1);
        f.doc->undoStack()->redo();
        QVERIFY(f.waitForChart());
        GEMBA_COMPARE_REL(f.iChart().ucl.at(30), phaseOne.charts[0].ucl.at(0), kTol);
        QCOMPARE(f.savedChart().lockedLimits, f.view->spec().lockedLimits);
    }

    void signalNoteUndoesAndRedoes()
    {
        Fixture f(antifreezeValues());
        QVERIFY(f.waitForChart());
        f.view->canvas()->setFocus();
        f.view->setCursorPoint(0);
        QTest::keyClick(f.view->canvas(), Qt::Key_Right, Qt::ControlModifier);   // the first signal
        QCOMPARE(f.view->cursorPoint(), 29);
        QTest::keyClick(f.view->canvas(), Qt::Key_N);
        QDialog* editor = f.view->noteEditor();
        QVERIFY(editor);
        editor->findChild<QPlainTextEdit*>(QStringLiteral("causeEdit"))->setPlainText(QStringLiteral("New coolant lot"));
        editor->findChild<QPlainTextEdit*>(QStringLiteral("actionEdit"))->setPlainText(QStringLiteral("Lot returned"));
        editor->accept();
        const auto& notes = f.view->spec().notes;
        QCOMPARE(notes.size(), std::size_t(1));
        QCOMPARE(notes.front().assignableCause, std::string("New coolant lot"));
        QCOMPARE(notes.front().actionTaken, std::string("Lot returned"));
        QVERIFY(f.waitForChart());
        QListWidget* list = f.view->signalList();
        QVERIFY2(list->item(0)->text().endsWith(QStringLiteral("\nNote [1] New coolant lot → Lot returned")),
                 qPrintable(list->item(0)->text()));
        QVERIFY(f.view->pointToolTip(29).contains(QStringLiteral("Cause: New coolant lot")));

        // A note on a point that is no signal is listed too, numbered in point order.
        f.view->setNote(3, QStringLiteral("Operator change"), QStringLiteral("none"));
        QVERIFY(f.waitForChart());
        QCOMPARE(list->count(), 3);
        QCOMPARE(list->item(0)->text(), QStringLiteral("cycle 4 — 2.630 s\nNote [1] Operator change → none"));
        QVERIFY(list->item(1)->text().endsWith(QStringLiteral("\nNote [2] New coolant lot → Lot returned")));
        QCOMPARE(f.view->canvas()->noteMarks(), (std::map<std::size_t, int>{{3, 1}, {29, 2}}));
        screenshot(f.view.get(), QStringLiteral("chart-notes"));

        // Print and the exports draw the figure of this chart, with its notes.
        const auto* figure = dynamic_cast<const ControlChartFigure*>(f.view->printable());
        QVERIFY(figure);
        QCOMPARE(figure->analysis()->pointCount, std::size_t(34));
        QCOMPARE(figure->notes().size(), 2);
        QCOMPARE(figure->notes().at(1).point, std::size_t(29));
        QCOMPARE(figure->notes().at(1).number, 2);
        const QString pdf = f.dir.filePath(QStringLiteral("chart.pdf"));
        QCOMPARE(exportPdf(*figure, pdf), QString());
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(5) == "%PDF-");
        const QString csv = f.dir.filePath(QStringLiteral("chart.csv"));
        QCOMPARE(f.view->exportCsvTo(csv), QString());
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly | QIODevice::Text));
        const QString csvText = QString::fromUtf8(csvFile.readAll());
        QVERIFY2(csvText.contains(QStringLiteral("cycle 30")), qPrintable(csvText.left(300)));

        f.doc->undoStack()->undo();
        f.doc->undoStack()->undo();
        QVERIFY(f.waitForChart());
        QVERIFY(f.view->spec().notes.empty());
        QCOMPARE(list->count(), 2);
        QVERIFY(!list->item(0)->text().contains(QStringLiteral("Note")));
        f.doc->undoStack()->redo();
        QVERIFY(f.waitForChart());
        QCOMPARE(f.savedChart().notes.size(), std::size_t(1));
        QCOMPARE(f.savedChart().notes.front().assignableCause, std::string("New coolant lot"));
        QVERIFY(list->item(0)->text().endsWith(QStringLiteral("\nNote [1] New coolant lot → Lot returned")));
    }

    void liveChartGainsAPointPerLap()
    {
        QTemporaryDir dir;
        auto doc = test::makeDocument(dir.filePath(QStringLiteral("t.gemba")), "Live", {"Only step"});
        const study::Study s = test::makeStudy(*doc);
        study::ManualClock clock;
        TimingView view(doc.get(), s, nullptr, &clock);
        view.resize(1366, 768);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.activateWindow();
        view.setFocus();
        test::press(&view, Qt::Key_Space);   // starts the clock
        QTRY_COMPARE(view.pendingEvents(), 0);
        const std::int64_t laps[] = {2'000'000, 2'400'000, 1'800'000, 2'200'000, 9'000'000};
        for (std::size_t i = 0; i < std::size(laps); ++i) {
            clock.advanceUs(laps[i]);
            test::press(&view, Qt::Key_Space);
            QTRY_COMPARE(view.pendingEvents(), 0);
            const std::size_t n = i + 1;
            if (n < 2) {
                QTRY_VERIFY(view.liveChartText().contains(QStringLiteral("1 timed")));
                QVERIFY(!view.liveChart()->result());
                continue;
            }
            QTRY_VERIFY(view.liveChart()->result() && view.liveChart()->result()->analysis.pointCount == n);
            const auto& chart = view.liveChart()->result()->analysis.charts.front();
            GEMBA_COMPARE_REL(chart.values.back(), static_cast<double>(laps[i]) / 1e6, kTol);
            // Drawn by the figure, compact: the I panel only, the last lap where the line ends.
            const QPointF last = view.liveChart()->pointPosition(static_cast<int>(n - 1));
            const auto* figure = view.liveChart()->figure();
            QVERIFY(figure && figure->options().compact);
            QCOMPARE(figure->panelCount(), 1);
            QVERIFY(figure->limitLabels(0).isEmpty());
            QVERIFY(view.liveChart()->rect().contains(last.toPoint()));
            QCOMPARE(view.liveChart()->pointAt(last.toPoint()), static_cast<int>(n - 1));
        }
        view.endStudy();
        QTRY_COMPARE(view.pendingEvents(), 0);
    }
};

QTEST_MAIN(TestControlChartView)
#include "tst_controlchartview.moc"
