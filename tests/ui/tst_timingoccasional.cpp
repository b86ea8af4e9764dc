// Occasional elements in the timing view (ISSUE 8 §1): O opens a keyboard-only picker (or
// starts the only occasional element at once), the interrupted step's time is split around
// the element, Space is not a lap while the picker is open, and Esc cancels without a trace.
// With GEMBA_SCREENSHOTS=DIR set, the states are also saved as PNGs for a look at 1366x768.
#include "models/summarymodel.h"
#include "projectdocument.h"
#include "timing/timingview.h"
#include "uitestsupport.h"

#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace gemba;
using namespace gemba::ui;

namespace {

using test::press;

constexpr std::int64_t kSecond = 1'000'000;

// Marks the named steps of the current process occasional, through the document (stored:
// file format 4); false when the kind does not come back from the store.
bool makeOccasional(ProjectDocument& doc, const std::vector<std::string>& names)
{
    const auto named = [&](const study::Step& st) {
        return std::find(names.begin(), names.end(), st.name) != names.end();
    };
    for (study::Step st : doc.steps()) {
        if (!named(st))
            continue;
        st.kind = study::ElementKind::Occasional;
        st.every = 20;
        if (!doc.updateStep(st))
            return false;
    }
    return std::all_of(doc.steps().begin(), doc.steps().end(),
                       [&](const study::Step& st) { return !named(st) || st.kind == study::ElementKind::Occasional; });
}

void screenshot(QWidget& view, const char* name)
{
    const QString dir = qEnvironmentVariable("GEMBA_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents();
    view.grab().save(QDir(dir).filePath(QString::fromLatin1(name) + QStringLiteral(".png")));
}

const study::Observation* findStep(const std::vector<study::Observation>& obs, study::Id stepId)
{
    for (const auto& o : obs)
        if (o.stepId == stepId && !o.foreignElement)
            return &o;
    return nullptr;
}

study::Id stepId(ProjectDocument& doc, const std::string& name)
{
    for (const auto& st : doc.steps())
        if (st.name == name)
            return st.id;
    return 0;
}

} // namespace

class TestTimingOccasional : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void pickSplitsTheInterruptedStep()
    {
        QTemporaryDir dir;
        auto doc = test::makeDocument(dir.filePath("o.gemba"), "Winding",
                                      {"Pick", "Place", "Change reel", "Clean die", "Fasten"});
        if (!makeOccasional(*doc, {"Change reel", "Clean die"}))
            QFAIL("could not mark the occasional steps");
        const study::Study s = test::makeStudy(*doc);
        study::ManualClock clock;
        TimingView view(doc.get(), s, nullptr, &clock);
        view.resize(1366, 768);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.activateWindow();
        view.setFocus();

        press(&view, Qt::Key_Space);                 // clock starts on Pick
        clock.advanceUs(2 * kSecond);
        press(&view, Qt::Key_Space);                 // Pick = 2 s
        clock.advanceUs(1 * kSecond);
        QTRY_COMPARE(view.pendingEvents(), 0);
        QCOMPARE(view.cycleText(), QStringLiteral("Cycle 1 · step 2 of 3"));   // the lap order
        QCOMPARE(view.nextStepText(), QStringLiteral("Next: Fasten"));

        // Esc closes the picker: nothing timed, nothing changed.
        press(&view, Qt::Key_O);
        QVERIFY(view.occasionalPickerOpen());
        press(&view, Qt::Key_Escape);
        QVERIFY(!view.occasionalPickerOpen());
        QCOMPARE(view.pendingEvents(), 0);
        QCOMPARE(view.currentStepText(), QStringLiteral("Place"));

        auto* clockLabel = view.findChild<QWidget*>(QStringLiteral("clockLabel"));
        QVERIFY(clockLabel);
        const QRect clockBefore = clockLabel->geometry();
        press(&view, Qt::Key_O);                     // the reel change begins now
        QVERIFY(view.occasionalPickerOpen());
        QCoreApplication::processEvents();
        QCOMPARE(clockLabel->geometry(), clockBefore);   // opening the picker moves nothing
        QVERIFY(view.occasionalPickerText().contains(QStringLiteral("1  Change reel")));
        QVERIFY(view.occasionalPickerText().contains(QStringLiteral("2  Clean die")));
        screenshot(view, "1-picker-open");
        clock.advanceUs(2 * kSecond);                // finding the number takes 2 s
        press(&view, Qt::Key_Space);                 // not a lap while the picker is open
        press(&view, Qt::Key_P);                     // nor anything else
        QCOMPARE(view.pendingEvents(), 0);
        QVERIFY(view.occasionalPickerOpen());
        press(&view, Qt::Key_1);
        QVERIFY(!view.occasionalPickerOpen());
        QTRY_COMPARE(view.pendingEvents(), 0);
        clock.advanceUs(40 * kSecond);
        QTRY_COMPARE(view.clockText(), QStringLiteral("00:42.0"));   // timed from the O press
        QCOMPARE(view.currentStepText(), QStringLiteral("Occasional: Change reel"));
        QCOMPARE(view.nextStepText(), QStringLiteral("Interrupting Place · O ends it"));
        screenshot(view, "2-occasional-running");

        press(&view, Qt::Key_P);                     // a 5 s pause inside the reel change
        QTRY_COMPARE(view.pendingEvents(), 0);
        clock.advanceUs(5 * kSecond);
        QTRY_VERIFY(view.statusText().startsWith(QStringLiteral("PAUSED")));
        QVERIFY(view.lastText().startsWith(QStringLiteral("Paused: the occasional element Change reel")));
        QCOMPARE(view.clockText(), QStringLiteral("00:42.0"));
        screenshot(view, "3-paused-during-occasional");
        press(&view, Qt::Key_P);
        clock.advanceUs(78 * kSecond);
        press(&view, Qt::Key_O);                     // ends it: 42 + 78 = 120 s
        QTRY_COMPARE(view.pendingEvents(), 0);
        QVERIFY(view.lastText().startsWith(QStringLiteral("Occasional: Change reel 120")));
        QCOMPARE(view.currentStepText(), QStringLiteral("Place"));
        QTRY_COMPARE(view.clockText(), QStringLiteral("00:01.0"));   // Place's split, 1 s before O
        screenshot(view, "4-after-end");
        clock.advanceUs(3 * kSecond);
        press(&view, Qt::Key_Space);                 // Place = 1 + 3 = 4 s
        QTRY_COMPARE(view.pendingEvents(), 0);
        QCOMPARE(view.currentStepText(), QStringLiteral("Fasten"));
        screenshot(view, "5-next-lap");

        const auto obs = doc->project().observations(s.id);
        QVERIFY(obs.hasValue());
        QCOMPARE(obs->size(), std::size_t(3));
        const auto cycles = doc->project().cycles(s.id);
        QVERIFY(cycles.hasValue());
        const study::Observation* reel = findStep(*obs, stepId(*doc, "Change reel"));
        QVERIFY(reel);
        QCOMPARE(reel->durationUs, 120 * kSecond);
        QCOMPARE(reel->pausedUs, 5 * kSecond);
        QCOMPARE(findStep(*obs, stepId(*doc, "Place"))->pausedUs, std::int64_t(0));
        QCOMPARE(reel->cycleId, cycles->front().id);
        QVERIFY(!reel->foreignElement);
        const study::Observation* place = findStep(*obs, stepId(*doc, "Place"));
        QVERIFY(place);
        QCOMPARE(place->durationUs, 4 * kSecond);
        QCOMPARE(findStep(*obs, stepId(*doc, "Pick"))->durationUs, 2 * kSecond);
        QVERIFY(!findStep(*obs, stepId(*doc, "Clean die")));
        // The live summary beside the clock lists the reel change as a reading of its step.
        const auto& rows = view.summaryModel()->summary().steps;
        QCOMPARE(rows.size(), std::size_t(5));
        QCOMPARE(rows[2].n, std::size_t(1));
        QCOMPARE(rows[2].meanSeconds, 120.0);
        QCOMPARE(rows[1].meanSeconds, 4.0);

        QSignalSpy finished(&view, &TimingView::finished);
        view.endStudy();
        QTRY_COMPARE(finished.count(), 1);
    }

    void theOnlyOccasionalElementStartsAtOnce()
    {
        QTemporaryDir dir;
        auto doc = test::makeDocument(dir.filePath("p.gemba"), "Winding", {"Pick", "Change reel", "Place"});
        if (!makeOccasional(*doc, {"Change reel"}))
            QFAIL("could not mark the occasional steps");
        const study::Study s = test::makeStudy(*doc);
        study::ManualClock clock;
        TimingView view(doc.get(), s, nullptr, &clock);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        press(&view, Qt::Key_Space);
        clock.advanceUs(3 * kSecond);
        press(&view, Qt::Key_O);
        QVERIFY(!view.occasionalPickerOpen());
        clock.advanceUs(10 * kSecond);
        press(&view, Qt::Key_O);
        clock.advanceUs(1 * kSecond);
        press(&view, Qt::Key_Space);   // Pick = 3 + 1 s; Place next, never Change reel
        QTRY_COMPARE(view.pendingEvents(), 0);
        QCOMPARE(view.currentStepText(), QStringLiteral("Place"));
        const auto obs = doc->project().observations(s.id);
        QCOMPARE(obs->size(), std::size_t(2));
        QCOMPARE(findStep(*obs, stepId(*doc, "Change reel"))->durationUs, 10 * kSecond);
        QCOMPARE(findStep(*obs, stepId(*doc, "Pick"))->durationUs, 4 * kSecond);
        view.endStudy();
    }

    void noOccasionalElementSaysSo()
    {
        QTemporaryDir dir;
        auto doc = test::makeDocument(dir.filePath("q.gemba"), "Line", {"Pick", "Place"});
        const study::Study s = test::makeStudy(*doc);
        study::ManualClock clock;
        TimingView view(doc.get(), s, nullptr, &clock);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        press(&view, Qt::Key_Space);
        clock.advanceUs(kSecond);
        press(&view, Qt::Key_O);
        QVERIFY(!view.occasionalPickerOpen());
        QVERIFY(view.lastText().contains(QStringLiteral("no occasional elements")));
        press(&view, Qt::Key_Space);   // keys work as before
        QTRY_COMPARE(view.pendingEvents(), 0);
        QCOMPARE(view.currentStepText(), QStringLiteral("Place"));
        QCOMPARE(doc->project().observations(s.id)->size(), std::size_t(1));
        view.endStudy();
    }
};

QTEST_MAIN(TestTimingOccasional)
#include "tst_timingoccasional.moc"
