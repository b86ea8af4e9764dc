// The control chart view's choices beyond one chart of one study (issue 7 §1): several saved
// charts per study, chosen in "Saved chart" and added, renamed and deleted undoably; a baseline
// and a later study on one chart as stages (and phase II against the baseline's locked limits);
// a data set's X̄-R with subgroups given by a column; shift start times of the chart's own; and
// what the side list says when no test failed.
#include "charts/chartcomputation.h"
#include "charts/controlchartview.h"
#include "data/dataservice.h"
#include "projectdocument.h"
#include "uitestsupport.h"
#include "windowcontext.h"

#include "referencedata.h"
#include "analysis/chartsource.h"
#include "analysis/stagedchart.h"
#include "stats/controlchart.h"
#include "store/project.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include <cmath>

using namespace gemba;
using namespace gemba::ui;

namespace {

constexpr double kTol = 1e-9;

std::vector<double> antifreezeValues()
{
    const QJsonObject json = test::loadReferenceJson(QStringLiteral("antifreeze.xbar_one.json"));
    return test::toDoubles(json["input"].toObject()["phase1_data"].toArray());
}

// A process with one step; a study whose durations, in seconds, are `values`; a window context
// on it and the chart view.
struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<ProjectDocument> doc;
    study::Id studyId = 0;
    std::unique_ptr<WindowContext> context;
    std::unique_ptr<ControlChartView> view;

    explicit Fixture(const std::vector<double>& values, std::int64_t wallStepUs = 0)
    {
        doc = test::makeDocument(dir.filePath(QStringLiteral("chart.gemba")), "Antifreeze", {"Fill"});
        studyId = addStudy("2026-11-23", values, wallStepUs);
        context = std::make_unique<WindowContext>(doc.get());
        context->setStudy(studyId);
        view = std::make_unique<ControlChartView>(*context);
        view->resize(1366, 700);
        view->show();
    }

    study::Id addStudy(const std::string& date, const std::vector<double>& values, std::int64_t wallStepUs = 0)
    {
        study::Study s;
        s.date = date;
        s.observer = "tester";
        return test::addTimedStudy(*doc, s, static_cast<int>(values.size()), [&](study::Observation& o, int c, std::size_t) {
            o.durationUs = std::llround(values[static_cast<std::size_t>(c - 1)] * 1e6);
            o.wallStartUs = (c - 1) * wallStepUs;
        });
    }

    bool waitForChart()
    {
        return QTest::qWaitFor([&] {
            const ChartResult* r = view->result();
            return r && r->key == chartComputationKey(view->spec()) && r->revision == doc->revision();
        }, 5000);
    }

    const stats::ControlChart& firstChart() const { return view->result()->analysis.charts.front(); }

    std::vector<store::ChartSpec> savedCharts() const
    {
        auto charts = doc->project().charts(doc->currentProcessId());
        if (!charts)
            qFatal("charts: %s", charts.error().message.c_str());
        return *charts;
    }

    template <typename T>
    T* child(const char* name) const
    {
        return view->findChild<T*>(QString::fromLatin1(name));
    }

    // Chooses `data` in the combo box as a user would (activated).
    static void choose(QComboBox* box, const QVariant& data, int role = Qt::UserRole)
    {
        const int i = box->findData(data, role);
        QVERIFY2(i >= 0, qPrintable(data.toString()));
        box->setCurrentIndex(i);
        emit box->activated(i);
    }
};

QVariant idData(study::Id id) { return QVariant::fromValue<qint64>(id); }

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

class TestChartChoices : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Two saved charts of one study: "Saved chart" lists both, each shows its own type and
    // options; rename and delete are undo commands, and undoing the deletion shows the chart
    // again with its options.
    void severalSavedChartsOfAStudy()
    {
        Fixture f(antifreezeValues());
        QVERIFY(f.waitForChart());
        QComboBox* box = f.view->chartBox();
        auto* type = f.child<QComboBox>("chartTypeBox");
        auto* rules = f.child<QComboBox>("chartRulesBox");
        QVERIFY(box && type && rules);
        // Keyboard: the chooser has a label with a mnemonic (Alt+A).
        bool labelled = false;
        for (QLabel* l : f.view->findChildren<QLabel*>())
            labelled |= l->buddy() == box && l->text().contains(QStringLiteral("&a"));
        QVERIFY(labelled);
        // The default chart (not saved yet) and "New Chart…".
        QCOMPARE(box->count(), 3);   // the chart, a separator, New Chart…
        QVERIFY(box->findData(idData(-1)) >= 0);

        // The first change saves chart A: I-MR, Nelson rules.
        Fixture::choose(rules, QStringLiteral("nelson"));
        const study::Id a = f.view->spec().id;
        QVERIFY(a != 0);
        QCOMPARE(f.savedCharts().size(), std::size_t(1));

        // Chart B starts as A's source and options, titled, and is shown; then made X̄-R.
        const study::Id b = f.view->newChart(QStringLiteral("Weekly review"));
        QVERIFY(b != 0 && b != a);
        QCOMPARE(f.view->spec().id, b);
        QCOMPARE(f.view->spec().title, std::string("Weekly review"));
        QCOMPARE(f.view->spec().rules, std::string("nelson"));
        Fixture::choose(type, static_cast<int>(stats::ChartType::XbarR));
        QVERIFY(f.view->spec().type == stats::ChartType::XbarR);
        QCOMPARE(f.view->spec().id, b);
        QVERIFY(f.waitForChart());
        QCOMPARE(f.firstChart().size(), std::size_t(7));   // 34 cycles by 5: 6 of 5 and one of 4
        QCOMPARE(f.savedCharts().size(), std::size_t(2));
        QCOMPARE(box->currentText(), QStringLiteral("Weekly review"));
        QVERIFY(box->findData(idData(a)) >= 0);

        // Choosing A shows A's type and rules; choosing B again, B's.
        Fixture::choose(box, idData(a));
        QCOMPARE(f.view->spec().id, a);
        QVERIFY(f.view->spec().type == stats::ChartType::IMR);
        QCOMPARE(type->currentData().toInt(), static_cast<int>(stats::ChartType::IMR));
        QCOMPARE(rules->currentData().toString(), QStringLiteral("nelson"));
        QVERIFY(f.waitForChart());
        QCOMPARE(f.firstChart().size(), std::size_t(34));
        Fixture::choose(box, idData(b));
        QCOMPARE(f.view->spec().id, b);
        QCOMPARE(type->currentData().toInt(), static_cast<int>(stats::ChartType::XbarR));
        QVERIFY(f.waitForChart());
        QCOMPARE(f.firstChart().size(), std::size_t(7));

        // Rename B; delete it: A is shown; undo: B back with its title and type, and shown.
        f.view->renameChart(QStringLiteral("X̄-R by week"));
        QCOMPARE(box->currentText(), QStringLiteral("X̄-R by week"));
        QCOMPARE(f.doc->project().chart(b)->title, std::string("X̄-R by week"));
        f.view->deleteChart();
        QCOMPARE(f.savedCharts().size(), std::size_t(1));
        QCOMPARE(f.view->spec().id, a);
        QCOMPARE(box->findData(idData(b)), -1);
        QCOMPARE(type->currentData().toInt(), static_cast<int>(stats::ChartType::IMR));
        f.doc->undoStack()->undo();
        QCOMPARE(f.savedCharts().size(), std::size_t(2));
        QCOMPARE(f.view->spec().id, b);
        QCOMPARE(f.view->spec().title, std::string("X̄-R by week"));
        QVERIFY(f.view->spec().type == stats::ChartType::XbarR);
        QCOMPARE(box->currentText(), QStringLiteral("X̄-R by week"));
        QVERIFY(f.waitForChart());
        QCOMPARE(f.firstChart().size(), std::size_t(7));
        f.doc->undoStack()->redo();
        QCOMPARE(f.view->spec().id, a);
        f.doc->undoStack()->undo();   // B back, for the undo of the rename next
        Fixture::choose(box, idData(a));
        f.doc->undoStack()->undo();   // the rename, while A is shown: B is shown with its old title
        QCOMPARE(f.view->spec().id, b);
        QCOMPARE(f.view->spec().title, std::string("Weekly review"));
        // Undo the type change and New Chart: B is gone, A is shown.
        f.doc->undoStack()->undo();
        f.doc->undoStack()->undo();
        QCOMPARE(f.savedCharts().size(), std::size_t(1));
        QCOMPARE(f.view->spec().id, a);
        QVERIFY(f.waitForChart());
        screenshot(f.view.get(), QStringLiteral("chart-chooser"));
    }

    // A baseline study and a later one of the same process on one chart: each a stage with its
    // own center and limits, as core's stagedChart gives them over the saved chart's series;
    // with the baseline's limits locked, the later study is judged against them (phase II).
    void baselineAndLaterStudyAsStages()
    {
        const auto values = antifreezeValues();
        const std::vector<double> baseline(values.begin(), values.begin() + 20);
        std::vector<double> later(values.begin() + 20, values.end());
        for (double& v : later)
            v += 0.5;   // the process moved
        Fixture f(baseline);
        const study::Id laterId = f.addStudy("2026-12-01", later);
        f.context->setStudy(laterId);
        QVERIFY(f.waitForChart());
        QCOMPARE(f.view->spec().source.studyIds, std::vector<study::Id>{laterId});
        QCOMPARE(f.firstChart().size(), later.size());

        // "Studies": the baseline checked in the menu (the current study is always in).
        auto* button = f.child<QToolButton>("chartStudiesButton");
        auto* menu = f.child<QMenu>("chartStudiesMenu");
        QVERIFY(button && menu);
        QVERIFY(button->isVisibleTo(f.view.get()) && button->isEnabled());
        QCOMPARE(menu->actions().size(), 2);
        QAction* baselineEntry = nullptr;
        for (QAction* a : menu->actions()) {
            if (a->data().toLongLong() == f.studyId)
                baselineEntry = a;
            else
                QVERIFY(a->isChecked() && !a->isEnabled());
        }
        QVERIFY(baselineEntry && !baselineEntry->isChecked());
        baselineEntry->trigger();
        QTRY_COMPARE(f.view->spec().source.studyIds, (std::vector<study::Id>{f.studyId, laterId}));
        QVERIFY(f.view->spec().id != 0);
        QVERIFY(f.waitForChart());
        QVERIFY2(f.view->result()->hasChart(), qPrintable(f.view->messageText()));

        // The stage boundary and each stage's lines are core's.
        QCOMPARE(f.view->result()->stageStarts, std::vector<std::size_t>{baseline.size()});
        auto data = analysis::seriesOf(f.doc->project(), f.view->spec());
        QVERIFY(data);
        auto options = analysis::optionsOf(f.view->spec());
        QVERIFY(options);
        auto core = analysis::stagedChart(f.view->spec().type, data->series, data->flags, *options);
        QVERIFY(core);
        const stats::ControlChart shown = f.firstChart();   // a copy: the lock below replaces the result
        const auto& expected = core->charts.front();
        QCOMPARE(shown.size(), values.size());
        for (std::size_t i = 0; i < shown.size(); ++i) {
            GEMBA_COMPARE_REL(shown.centerLine.at(i), expected.centerLine.at(i), kTol);
            GEMBA_COMPARE_REL(shown.ucl.at(i), expected.ucl.at(i), kTol);
            GEMBA_COMPARE_REL(shown.lcl.at(i), expected.lcl.at(i), kTol);
        }
        // By hand: each stage's center is the mean of its own study.
        double mean1 = 0, mean2 = 0;
        for (double v : baseline)
            mean1 += v;
        for (double v : later)
            mean2 += v;
        mean1 /= static_cast<double>(baseline.size());
        mean2 /= static_cast<double>(later.size());
        GEMBA_COMPARE_REL(shown.centerLine.at(0), mean1, kTol);
        GEMBA_COMPARE_REL(shown.centerLine.at(baseline.size()), mean2, kTol);

        // Phase II: the limits locked at the last baseline point judge the later study.
        f.view->setCursorPoint(static_cast<int>(baseline.size()) - 1);
        f.view->toggleLockLimits();
        QVERIFY(f.view->spec().lockedLimits);
        QVERIFY(f.waitForChart());
        const auto& locked = f.firstChart();
        GEMBA_COMPARE_REL(locked.centerLine.at(values.size() - 1), mean1, kTol);
        GEMBA_COMPARE_REL(locked.ucl.at(values.size() - 1), shown.ucl.at(0), kTol);
        QCOMPARE(f.view->result()->analysis.phaseOf(baseline.size()), 2);
        QCOMPARE(f.view->result()->analysis.phaseOf(baseline.size() - 1), 1);
        screenshot(f.view.get(), QStringLiteral("chart-baseline-later"));

        // Undo the lock and the second study: the later study alone again.
        f.doc->undoStack()->undo();
        f.doc->undoStack()->undo();
        QCOMPARE(f.view->spec().source.studyIds, std::vector<study::Id>{laterId});
        QVERIFY(f.waitForChart());
        QCOMPARE(f.firstChart().size(), later.size());
    }

    // A data set's X̄-R with subgroups given by a column ("batch"), rows of a batch apart:
    // core's subgroups and limits, checked by hand.
    void dataSetXbarRBySubgroupColumn()
    {
        Fixture f(antifreezeValues());
        QVERIFY(f.waitForChart());
        const QString csv = f.dir.filePath(QStringLiteral("batches.csv"));
        {
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("batch,width\nA,10\nB,11\nA,12\nB,13\nC,9\nA,14\nB,15\nC,12\nC,15\n");
        }
        auto imported = f.doc->project().importDataSet(csv.toStdString(), "Batches");
        QVERIFY(imported);
        emit f.doc->dataSetsChanged(*imported);
        auto* source = f.child<QComboBox>("chartSourceBox");
        auto* type = f.child<QComboBox>("chartTypeBox");
        auto* groupBy = f.child<QComboBox>("chartGroupByBox");
        QVERIFY(source && type && groupBy);
        const int entry = source->findText(QStringLiteral("Data set Batches: width"));
        QVERIFY(entry >= 0);
        source->setCurrentIndex(entry);
        emit source->activated(entry);
        Fixture::choose(type, static_cast<int>(stats::ChartType::XbarR));
        QVERIFY(groupBy->isVisibleTo(f.view.get()));
        QCOMPARE(groupBy->findText(QStringLiteral("column width")), -1);   // not the values themselves
        const int byBatch = groupBy->findText(QStringLiteral("column batch"));
        QVERIFY(byBatch >= 0);
        groupBy->setCurrentIndex(byBatch);
        emit groupBy->activated(byBatch);
        QVERIFY(f.view->spec().source.subgroupBy == store::SubgroupBy::Column);
        QCOMPARE(f.view->spec().source.subgroupColumn, std::string("batch"));
        QVERIFY(f.waitForChart());
        QVERIFY2(f.view->result()->hasChart(), qPrintable(f.view->messageText()));

        // A {10, 12, 14}, B {11, 13, 15}, C {9, 12, 15}: means 12, 13, 12; ranges 4, 4, 6.
        // X̿ = 37/3, R̄ = 14/3; UCL = X̿ + 3 R̄/(d2 √3) with d2(3) = 1.692568750 (ASTM STP 15D).
        const auto& xbar = f.firstChart();
        QCOMPARE(f.view->result()->pointLabels, (std::vector<std::string>{"A", "B", "C"}));
        QCOMPARE(xbar.values, (std::vector<double>{12, 13, 12}));
        const double xbarbar = 37.0 / 3, rbar = 14.0 / 3, d2 = 1.692568750;
        GEMBA_COMPARE_REL(xbar.centerLine.at(0), xbarbar, kTol);
        GEMBA_COMPARE_REL(xbar.ucl.at(0), xbarbar + 3 * rbar / (d2 * std::sqrt(3.0)), 1e-8);
        GEMBA_COMPARE_REL(xbar.lcl.at(0), xbarbar - 3 * rbar / (d2 * std::sqrt(3.0)), 1e-8);
        const auto& r = f.view->result()->analysis.charts.at(1);
        QCOMPARE(r.values, (std::vector<double>{4, 4, 6}));
        GEMBA_COMPARE_REL(r.centerLine.at(0), rbar, kTol);
        // Saved with the data set: its column is the chart's.
        auto saved = f.doc->project().dataSetCharts(*imported);
        QVERIFY(saved && saved->size() == 1);
        QCOMPARE(saved->front().source.subgroupColumn, std::string("batch"));
        screenshot(f.view.get(), QStringLiteral("chart-dataset-batches"));
    }

    // Shifts start when the chart says: two shifts of twelve hours from 06:00 and 18:00 give
    // core's subgroups for those times; a time that is not one is refused with a message.
    void shiftStartTimesAreTheChartsOwn()
    {
        constexpr std::int64_t kTwoHoursUs = 2LL * 3600 * 1000000;
        Fixture f(antifreezeValues(), kTwoHoursUs);   // 34 cycles, one every two hours
        QVERIFY(f.waitForChart());
        auto* type = f.child<QComboBox>("chartTypeBox");
        auto* groupBy = f.child<QComboBox>("chartGroupByBox");
        auto* shifts = f.child<QLineEdit>("chartShiftsEdit");
        QVERIFY(type && groupBy && shifts);
        Fixture::choose(type, static_cast<int>(stats::ChartType::XbarR));
        QVERIFY(!shifts->isVisibleTo(f.view.get()));
        Fixture::choose(groupBy, static_cast<int>(store::SubgroupBy::Shift));
        QVERIFY(shifts->isVisibleTo(f.view.get()));
        QCOMPARE(shifts->text(), QStringLiteral("06:00, 14:00, 22:00"));   // the default
        QCOMPARE(f.view->spec().source.shiftStartMinutes, (std::vector<int>{360, 840, 1320}));
        QVERIFY(f.waitForChart());
        const std::size_t threeShifts = f.firstChart().size();

        shifts->setText(QStringLiteral("18:00, 6:00"));
        emit shifts->editingFinished();
        QCOMPARE(f.view->spec().source.shiftStartMinutes, (std::vector<int>{360, 1080}));
        QCOMPARE(shifts->text(), QStringLiteral("06:00, 18:00"));
        QVERIFY(f.waitForChart());
        QVERIFY2(f.view->result()->hasChart(), qPrintable(f.view->messageText()));
        analysis::Subgrouping g;
        g.kind = analysis::Subgrouping::Kind::Shift;
        g.shiftStartsMinutes = {360, 1080};
        auto core = analysis::subgroupSeries(f.doc->project(), {f.studyId}, f.view->spec().source.stepId, g);
        QVERIFY(core);
        QCOMPARE(f.view->result()->pointLabels, core->series.pointLabels);
        QCOMPARE(f.firstChart().size(), core->series.pointCount());
        QVERIFY(f.firstChart().size() < threeShifts);
        screenshot(f.view.get(), QStringLiteral("chart-two-shifts"));
        for (std::size_t p = 0; p < core->series.pointCount(); ++p) {
            double mean = 0;
            const auto& s = core->series;
            for (std::size_t k = s.offsets[p]; k < s.offsets[p + 1]; ++k)
                mean += s.values[k];
            mean /= static_cast<double>(s.offsets[p + 1] - s.offsets[p]);
            GEMBA_COMPARE_REL(f.firstChart().values[p], mean, kTol);
        }
        // Saved with the chart, and undone to the default.
        QCOMPARE(f.savedCharts().front().source.shiftStartMinutes, (std::vector<int>{360, 1080}));
        f.doc->undoStack()->undo();
        QCOMPARE(f.view->spec().source.shiftStartMinutes, (std::vector<int>{360, 840, 1320}));
        QCOMPARE(shifts->text(), QStringLiteral("06:00, 14:00, 22:00"));

        QSignalSpy errors(f.doc.get(), &ProjectDocument::errorOccurred);
        shifts->setText(QStringLiteral("06:00, 25:00"));
        emit shifts->editingFinished();
        QCOMPARE(errors.count(), 1);
        QCOMPARE(f.view->spec().source.shiftStartMinutes, (std::vector<int>{360, 840, 1320}));
        QCOMPARE(shifts->text(), QStringLiteral("06:00, 14:00, 22:00"));
    }

    // No signal: the side list says so in words, naming the tests run; with signals it says
    // nothing of the kind.
    void noSignalSaysSo()
    {
        // Alternating 10, 11: no point beyond the limits, no run (Western Electric 1, 2, 5, 6).
        std::vector<double> calm;
        for (int i = 0; i < 30; ++i)
            calm.push_back(10 + (i % 2) * 1.0);
        Fixture f(calm);
        QVERIFY(f.waitForChart());
        QVERIFY(f.view->result()->hasChart());
        QCOMPARE(f.view->signalList()->count(), 0);
        QCOMPARE(f.view->noSignalsText(),
                 QStringLiteral("No test failed: the process shows only common-cause variation "
                                "(Tests 1, 2, 5, 6 (Western Electric))."));
        Fixture::choose(f.child<QComboBox>("chartRulesBox"), QStringLiteral("none"));
        QVERIFY(f.waitForChart());
        QVERIFY(f.view->noSignalsText().startsWith(QStringLiteral("No tests were run")));

        Fixture g(antifreezeValues());   // signals: the list, no such words
        QVERIFY(g.waitForChart());
        QVERIFY(g.view->signalList()->count() > 0);
        QCOMPARE(g.view->noSignalsText(), QString());
    }

    // Charts are computed on the document's one data worker (DataService), cached there by
    // (chart, study revision): showing a chart again computes nothing, though other charts of
    // the study were added and changed meanwhile.
    void chartsComputedOnTheDataService()
    {
        Fixture f(antifreezeValues());
        DataService* data = f.doc->dataService();
        QVERIFY(f.waitForChart());
        const DataKey key{QStringLiteral("control-chart"), f.studyId, f.doc->studyRevision(f.studyId),
                          QString::fromStdString(chartComputationKey(f.view->spec()))};
        auto cached = data->cached<ChartResult>(key);
        QVERIFY(cached);
        QCOMPARE(cached->analysis.pointCount, std::size_t(34));
        Fixture::choose(f.child<QComboBox>("chartRulesBox"), QStringLiteral("nelson"));   // saves chart A
        QVERIFY(f.waitForChart());
        const study::Id a = f.view->spec().id;
        QVERIFY(f.view->newChart(QStringLiteral("B")) != 0);
        Fixture::choose(f.child<QComboBox>("chartTypeBox"), static_cast<int>(stats::ChartType::XbarR));
        QVERIFY(f.waitForChart());
        const int computed = data->computedCount();
        Fixture::choose(f.view->chartBox(), idData(a));
        QVERIFY(f.waitForChart());
        QCOMPARE(f.firstChart().size(), std::size_t(34));
        QCOMPARE(data->computedCount(), computed);   // from the cache
    }

    // The view's actions are in its own tool bar, none in the window's, and keep their keys.
    void actionsInTheViewsToolBar()
    {
        Fixture f(antifreezeValues());
        QVERIFY(f.view->viewToolBarActions().isEmpty());
        QToolBar* bar = f.view->toolBar();
        QVERIFY(bar);
        for (const char* name : {"excludePointAction", "stageStartAction", "lockLimitsAction", "noteAction",
                                 "nextSignalAction", "newChartAction", "deleteChartAction"}) {
            auto* a = f.child<QAction>(name);
            QVERIFY2(a && bar->actions().contains(a), name);
            QVERIFY(f.view->viewActions().contains(a));
        }
        QCOMPARE(f.child<QAction>("excludePointAction")->shortcut(), QKeySequence(Qt::Key_X));
        QCOMPARE(f.child<QAction>("lockLimitsAction")->shortcut(), QKeySequence(Qt::Key_L));
    }
};

QTEST_MAIN(TestChartChoices)
#include "tst_chartchoices.moc"
