// The observations page's summary (issue 8): kind, occurrences per cycle, the selected time by
// the study's rule, basic time, allowance, standard time per occurrence and per cycle, the cycle
// line and the study's recording error, all as core computes them; an excluded reading always
// carries its reason, and n and the observations still needed follow at once.
#include "dialogs/excludereasondialog.h"
#include "models/observationsmodel.h"
#include "models/summarymodel.h"
#include "observationspage.h"
#include "charts/chartcanvas.h"
#include "charts/controlchartfigure.h"
#include "projectdocument.h"
#include "stepfigurespanel.h"
#include "theme.h"
#include "uitestsupport.h"

#include "study/newstudy.h"
#include "study/stepsummary.h"

#include <QAbstractSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace gemba;
using namespace gemba::ui;

namespace {
QString num(double v, int decimals) { return QLocale().toString(v, 'f', decimals); }

// A cyclic load (10 s), a reel change every 20 cycles (120 s), a machine-controlled press
// (30 s, typed ratings of 80 % that must not count) and 5 s of manual work inside the press.
struct Fixture {
    std::vector<study::Step> steps;
    std::vector<study::Observation> observations;
    study::Study study;
};

Fixture pressFixture()
{
    Fixture f;
    const auto step = [&](study::Id id, const char* name, study::StepType type, study::ElementKind kind) {
        study::Step s;
        s.id = id;
        s.processId = 1;
        s.position = static_cast<int>(id - 1);
        s.name = name;
        s.type = type;
        s.kind = kind;
        f.steps.push_back(s);
    };
    step(1, "Load", study::StepType::Manual, study::ElementKind::Cyclic);
    step(2, "Reel change", study::StepType::Manual, study::ElementKind::Occasional);
    f.steps[1].every = 20;
    step(3, "Press", study::StepType::Machine, study::ElementKind::MachineControlled);
    step(4, "Deburr", study::StepType::Manual, study::ElementKind::Cyclic);
    f.steps[3].insideStepId = 3;
    f.study.id = 1;
    f.study.processId = 1;
    f.study.allowancePercent = 0;
    f.study.allowances = study::kDefaultAllowances;   // 5 + 4 + 2 + 4 = 15 % of normal time
    const double seconds[] = {10, 120, 30, 5};
    std::int64_t t = 0;
    for (int c = 1; c <= 2; ++c)
        for (std::size_t i = 0; i < 4; ++i) {
            study::Observation o;
            o.id = c * 10 + static_cast<int>(i);
            o.studyId = 1;
            o.cycleId = c;
            o.stepId = f.steps[i].id;
            o.durationUs = static_cast<std::int64_t>(seconds[i] * 1e6);
            o.startUs = t;
            o.endUs = t + o.durationUs;
            t = o.endUs;
            if (i == 2)
                o.ratingPercent = 80;
            f.observations.push_back(o);
        }
    return f;
}

QString cell(const SummaryModel& m, int row, int column) { return m.index(row, column).data().toString(); }
} // namespace

class TestObservationsSummary : public QObject {
    Q_OBJECT
private slots:
    void elementColumnsAreCores();
    void cycleLine();
    void selectedTimeNamedByTheRule();
    void validityText();
    void pageFlagsARecordingErrorAbove2Percent();
    void excludingAsksTheReasonAndRefreshesAtOnce();
    void escapeLeavesTheReadingIn();
    void histogramBesideTheIChart();
};

void TestObservationsSummary::elementColumnsAreCores()
{
    const Fixture f = pressFixture();
    SummaryModel m;
    m.setData(f.steps, f.observations, f.study);
    QCOMPARE(m.rowCount(), 4);
    QCOMPARE(cell(m, 0, SummaryModel::Kind), QStringLiteral("cyclic"));
    QCOMPARE(cell(m, 1, SummaryModel::Kind), QStringLiteral("occasional"));
    QCOMPARE(cell(m, 2, SummaryModel::Kind), QStringLiteral("machine"));
    // Once every 20 cycles: 1/20 = 0.05 per cycle.
    QCOMPARE(cell(m, 0, SummaryModel::PerCycle), QLocale().toString(1.0, 'g', 4));
    QCOMPARE(cell(m, 1, SummaryModel::PerCycle), QLocale().toString(0.05, 'g', 4));
    // Load: basic 10 s, 15 %, standard 10 × 1.15 = 11.5 s.
    QCOMPARE(cell(m, 0, SummaryModel::Normal), num(10, 2));
    QCOMPARE(cell(m, 0, SummaryModel::Allowance), num(15, 1) + QStringLiteral(" %"));
    QCOMPARE(cell(m, 0, SummaryModel::Standard), num(11.5, 2));
    // Reel change: 120 × 1.15 = 138 s per occurrence, 138 / 20 = 6.9 s per cycle.
    QCOMPARE(cell(m, 1, SummaryModel::Standard), num(138, 2));
    QCOMPARE(cell(m, 1, SummaryModel::StandardPerCycle), num(6.9, 2));
    // Press: not rated (the 80 % typed is ignored): basic 30 s; delay only, 4 %: 31.2 s.
    QCOMPARE(cell(m, 2, SummaryModel::Normal), num(30, 2));
    QCOMPARE(cell(m, 2, SummaryModel::Allowance), num(4, 1) + QStringLiteral(" %"));
    QCOMPARE(cell(m, 2, SummaryModel::Standard), num(31.2, 2));
    QVERIFY(m.index(2, SummaryModel::Normal).data(Qt::ToolTipRole).toString().contains(QStringLiteral("not rated")));
    // Deburr inside the press: 5 × 1.15 = 5.75 s, in brackets (hidden in machine time).
    QCOMPARE(cell(m, 3, SummaryModel::StandardPerCycle), QStringLiteral("(%1)").arg(num(5.75, 2)));
}

void TestObservationsSummary::cycleLine()
{
    const Fixture f = pressFixture();
    SummaryModel m;
    m.setData(f.steps, f.observations, f.study);
    // Standard per cycle 11.5 + 6.9 + max(31.2, 5.75) = 49.6 s; basic 10 + 6 + max(30, 5) = 46 s;
    // 3600 / 49.6 = 72.58 pieces per hour; 49.6 × 100 / 3600 = 1.378 standard hours per 100 units.
    const QString text = m.totalsText();
    QVERIFY2(text.contains(QStringLiteral("basic %1 s, standard %2 s; %3 pieces per hour, %4 standard hours per 100 units")
                               .arg(num(46, 2), num(49.6, 2), num(72.58, 1), num(1.378, 3))),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Internal work of %1 s runs inside machine time").arg(num(5.75, 2))),
             qPrintable(text));
}

void TestObservationsSummary::selectedTimeNamedByTheRule()
{
    Fixture f = pressFixture();
    // A third reading of Load, 16 s: mean 12 s, median 10 s.
    study::Observation extra = f.observations.front();
    extra.id = 99;
    extra.durationUs = 16'000'000;
    f.observations.push_back(extra);
    SummaryModel m;
    m.setData(f.steps, f.observations, f.study);
    QCOMPARE(m.headerData(SummaryModel::Selected, Qt::Horizontal).toString(), QStringLiteral("Selected: mean (s)"));
    QCOMPARE(cell(m, 0, SummaryModel::Selected), num(12, 2));
    f.study.selectedTime = study::SelectedTimeRule::Median;
    QSignalSpy header(&m, &QAbstractItemModel::headerDataChanged);
    m.setData(f.steps, f.observations, f.study);
    QCOMPARE(header.count(), 1);
    QCOMPARE(m.headerData(SummaryModel::Selected, Qt::Horizontal).toString(), QStringLiteral("Selected: median (s)"));
    QCOMPARE(cell(m, 0, SummaryModel::Selected), num(10, 2));
    QCOMPARE(cell(m, 0, SummaryModel::Normal), num(10, 2));
}

void TestObservationsSummary::validityText()
{
    SummaryModel m;
    QVERIFY(m.validityText().isEmpty());
    // 12:30 elapsed, 12:27 recorded: 3 / 750 = 0.4 %, within the 2 % limit.
    m.setValidity(study::StudyValidity{.elapsedSeconds = 750, .recordedSeconds = 747, .recordingError = 0.004,
                                       .flagged = false, .readings = 10});
    QCOMPARE(m.validityText(), QStringLiteral("Recording error %1 % (elapsed 12:30, recorded 12:27).").arg(num(0.4, 1)));
    QVERIFY(!m.validityFlagged());
    m.setValidity(study::StudyValidity{.elapsedSeconds = 100, .recordedSeconds = 97, .recordingError = 0.03,
                                       .flagged = true, .readings = 10});
    QCOMPARE(m.validityText(), QStringLiteral("Recording error %1 % (elapsed 1:40, recorded 1:37): more than 2 %, "
                                              "repeat the study (ILO).")
                                   .arg(num(3, 1)));
    QVERIFY(m.validityFlagged());
}

void TestObservationsSummary::pageFlagsARecordingErrorAbove2Percent()
{
    QTemporaryDir dir;
    auto doc = test::makeDocument(dir.filePath("v.gemba"), "Assembly", {"Pick", "Place", "Fasten"});
    study::Study s;
    s.date = "2026-12-03";
    test::addTimedStudy(*doc, s, 10, [](study::Observation& o, int, std::size_t) { o.durationUs = 1'000'000; });
    ObservationsPage page(doc.get());
    QSignalSpy ready(&page, &ObservationsPage::summaryReady);
    QVERIFY(ready.wait(10000));
    // 30 readings of 1 s back to back: elapsed = recorded = 0:30.
    QCOMPARE(page.validityLabel()->text(),
             QStringLiteral("Recording error %1 % (elapsed 0:30, recorded 0:30).").arg(num(0, 1)));
    const QColor normal = page.validityLabel()->palette().color(QPalette::WindowText);
    // Shortening one reading to 0.1 s after the fact opens a gap of 0.9 s: 0.9 / 30 = 3 %.
    auto* model = page.observationsModel();
    QVERIFY(model->setData(model->index(0, ObservationsModel::Seconds), 0.1));
    QVERIFY(ready.wait(10000));
    QVERIFY2(page.validityLabel()->text().startsWith(QStringLiteral("Recording error %1 %").arg(num(3, 1))),
             qPrintable(page.validityLabel()->text()));
    QVERIFY(page.validityLabel()->text().contains(QStringLiteral("repeat the study")));
    const QColor warning = Theme::stateColour(Theme::State::Attention, page.palette(), QPalette::Window);
    QCOMPARE(page.validityLabel()->palette().color(QPalette::WindowText), warning);
    QVERIFY(warning != normal);
}

void TestObservationsSummary::excludingAsksTheReasonAndRefreshesAtOnce()
{
    QTemporaryDir dir;
    auto doc = test::makeDocument(dir.filePath("x.gemba"), "Assembly", {"Pick", "Place"});
    study::Study s;
    s.date = "2026-12-03";
    test::addTimedStudy(*doc, s, 6, [](study::Observation& o, int c, std::size_t i) {
        o.durationUs = 2'000'000 + static_cast<std::int64_t>(i) * 500'000 + (c * 7919 % 311) * 1000;
    });
    ObservationsPage page(doc.get());
    page.show();
    QSignalSpy ready(&page, &ObservationsPage::summaryReady);
    QVERIFY(ready.wait(10000));
    SummaryModel* summary = page.summaryModel();
    QCOMPARE(summary->summary().steps[0].n, std::size_t(6));

    QTableView* view = page.observationsView();
    const int row = 0;   // cycle 1, Pick
    QCOMPARE(page.observationsModel()->observationAt(row)->stepId, doc->steps()[0].id);
    view->setCurrentIndex(page.observationsModel()->index(row, ObservationsModel::Seconds));
    bool asked = false;
    QTimer::singleShot(0, this, [&] {
        auto* dialog = qobject_cast<ExcludeReasonDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        asked = true;
        auto* ok = dialog->findChild<QPushButton*>();
        for (auto* b : dialog->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Exclude"))
                ok = b;
        QVERIFY(!ok->isEnabled());   // no reason, no exclusion
        dialog->reasonBox()->setCurrentIndex(1);
        QVERIFY(ok->isEnabled());
        ok->click();
    });
    page.toggleExcludeSelected();
    QVERIFY(asked);
    const study::Observation* o = page.observationsModel()->observationAt(row);
    QVERIFY(o->excluded);
    QCOMPARE(QString::fromStdString(o->excludedReason), ExcludeReasonDialog::commonReasons().at(1));
    // n and the observations still needed follow without anything else done.
    QVERIFY(ready.wait(10000));
    const auto& after = summary->summary().steps[0];
    QCOMPARE(after.n, std::size_t(5));
    auto all = doc->project().observations(doc->currentStudyId());
    auto steps = doc->project().studySteps(doc->currentStudyId());
    QVERIFY(all && steps);
    auto core = study::summarizeSteps(*steps, *all, *doc->currentStudy());
    QVERIFY(core);
    QCOMPARE(after.stillNeeded, core->steps[0].stillNeeded);
    QCOMPARE(summary->index(0, SummaryModel::N).data().toULongLong(), 5ULL);
    QCOMPARE(after.needed, core->steps[0].needed);
    QVERIFY(core->steps[0].needed.has_value());
    QVERIFY(summary->totalsText().contains(QStringLiteral("1 excluded observation(s) left out")));
}

void TestObservationsSummary::escapeLeavesTheReadingIn()
{
    QTemporaryDir dir;
    auto doc = test::makeDocument(dir.filePath("e.gemba"), "Assembly", {"Pick"});
    study::Study s;
    s.date = "2026-12-03";
    test::addTimedStudy(*doc, s, 3, [](study::Observation& o, int, std::size_t) { o.durationUs = 1'000'000; });
    ObservationsPage page(doc.get());
    page.show();
    page.observationsView()->setCurrentIndex(page.observationsModel()->index(1, ObservationsModel::Seconds));
    const int before = doc->undoStack()->count();
    QTimer::singleShot(0, this, [&] {
        auto* dialog = qobject_cast<ExcludeReasonDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->reasonBox()->lineEdit()->setText(QStringLiteral("typed, then thought better of it"));
        QTest::keyClick(dialog, Qt::Key_Escape);
    });
    page.toggleExcludeSelected();
    QVERIFY(!page.observationsModel()->observationAt(1)->excluded);
    QCOMPARE(doc->undoStack()->count(), before);
}

// The current observation's step: its I chart and its histogram, side by side, from the same
// counted times (one excluded reading is out of the histogram).
void TestObservationsSummary::histogramBesideTheIChart()
{
    QTemporaryDir dir;
    auto doc = test::makeDocument(dir.filePath("h.gemba"), "Assembly", {"Pick", "Place"});
    study::Study s;
    s.date = "2026-12-03";
    test::addTimedStudy(*doc, s, 8, [](study::Observation& o, int c, std::size_t i) {
        o.durationUs = 2'000'000 + static_cast<std::int64_t>(i) * 1'000'000 + c * 100'000;
        if (c == 3 && i == 1) {
            o.excluded = true;
            o.excludedReason = "dropped part";
        }
    });
    ObservationsPage page(doc.get());
    page.resize(1366, 700);
    page.show();
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    page.observationsView()->setFocus();
    StepFiguresPanel* panel = page.figuresPanel();
    QVERIFY(panel->isHidden());
    QSignalSpy figures(panel, &StepFiguresPanel::figuresReady);
    page.observationsView()->setCurrentIndex(page.observationsModel()->index(1, ObservationsModel::Seconds));   // Place
    QTest::keyClick(page.observationsView(), Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!panel->isHidden());
    QVERIFY(figures.wait(10000));
    QCOMPARE(panel->stepId(), doc->steps()[1].id);
    // 8 readings of Place, one excluded: 7 in the histogram; the I chart plots all 8.
    QVERIFY2(panel->caption()->text().contains(QStringLiteral("'Place'")), qPrintable(panel->caption()->text()));
    QVERIFY2(panel->caption()->text().contains(QStringLiteral("n = 7")), qPrintable(panel->caption()->text()));
    QChart* histogram = panel->histogram()->chart();
    const auto series = histogram->series();
    QVERIFY(std::any_of(series.begin(), series.end(),
                        [](QAbstractSeries* a) { return a->objectName() == QStringLiteral("bars"); }));
    QVERIFY(panel->chart()->figure()->analysis() && !panel->chart()->figure()->analysis()->charts.empty());
    QCOMPARE(panel->chart()->figure()->analysis()->charts.front().values.size(), std::size_t(8));
    // Another step's observation: the figures follow it.
    page.observationsView()->setCurrentIndex(page.observationsModel()->index(0, ObservationsModel::Seconds));   // Pick
    QVERIFY(figures.wait(10000));
    QCOMPARE(panel->stepId(), doc->steps()[0].id);
    QVERIFY(panel->caption()->text().contains(QStringLiteral("n = 8")));
}

QTEST_MAIN(TestObservationsSummary)
#include "tst_observationssummary.moc"
