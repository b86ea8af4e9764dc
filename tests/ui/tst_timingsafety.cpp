// The timing view under the slips of a busy observer: the clock stays readable in every state,
// no lap key ends a study, ratings being typed never undo a lap or store a typo, and while a
// study is timed nothing else can edit, replace or re-point the document.
#include "commands/renameprocesscommand.h"
#include "mainwindow.h"
#include "models/observationsmodel.h"
#include "observationspage.h"
#include "projectdocument.h"
#include "timing/timingview.h"
#include "uitestsupport.h"

#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <cmath>
#include <functional>
#include <map>

using namespace gemba;
using namespace gemba::ui;

namespace {

using test::makeStudy;
using test::press;

std::unique_ptr<ProjectDocument> makeDocument(const QString& path)
{
    return test::makeDocument(path, "Pump housing", {"Insert impeller", "Drive 4 screws", "Fit cover"});
}

// Answers the next modal dialog from inside its exec(): polls until one is up, then runs
// `action` on it once. Dialogs are counted, so a test can also check that none opened.
class DialogDriver : public QObject {
public:
    explicit DialogDriver(std::function<void(QWidget*)> action)
        : m_action(std::move(action))
    {
        connect(&m_poll, &QTimer::timeout, this, [this] {
            QWidget* dialog = QApplication::activeModalWidget();
            if (!dialog || dialog == m_last)
                return;
            m_last = dialog;
            ++m_seen;
            m_action(dialog);
            // A dialog the action did not answer must not hang the test: it is closed a
            // little later, and the test's own checks then fail.
            QTimer::singleShot(3000, dialog, [dialog] {
                if (dialog->isVisible())
                    static_cast<QDialog*>(dialog)->reject();
            });
        });
        m_poll.start(10);
    }
    int seen() const { return m_seen; }

private:
    std::function<void(QWidget*)> m_action;
    QTimer m_poll;
    QWidget* m_last = nullptr;
    int m_seen = 0;
};

// A key as the user types it into a dialog: to its focused widget.
void keyIntoDialog(QWidget* dialog, Qt::Key key)
{
    QWidget* target = QApplication::focusWidget();
    if (!target || !dialog->isAncestorOf(target))
        target = dialog;
    QTest::keyClick(target, key);
}

// WCAG 2.1 relative luminance and contrast ratio, computed here independently of the view.
double linear(int c8)
{
    const double c = c8 / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double relativeLuminance(QRgb p)
{
    return 0.2126 * linear(qRed(p)) + 0.7152 * linear(qGreen(p)) + 0.0722 * linear(qBlue(p));
}
double contrastRatio(QRgb a, QRgb b)
{
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

struct TextContrast {
    QRgb background = 0;
    QRgb text = 0;
    double textShare = 0;   // of the pixels, drawn in exactly the text colour
    double ratio = 0;
};

// Measured on the pixels the user sees: the background is the most common colour of the
// label's area; the text colour is the most common other colour (the solid inside of the
// glyphs; anti-aliased edges spread over many colours, each rare).
TextContrast measure(const QImage& image)
{
    std::map<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            ++counts[image.pixel(x, y) | 0xff000000u];
    TextContrast m;
    int bgCount = 0;
    for (const auto& [rgb, n] : counts)
        if (n > bgCount) {
            bgCount = n;
            m.background = rgb;
        }
    int textCount = 0;
    for (const auto& [rgb, n] : counts)
        if (rgb != m.background && n > textCount) {
            textCount = n;
            m.text = rgb;
        }
    m.textShare = double(textCount) / double(image.width() * image.height());
    m.ratio = contrastRatio(m.background, m.text);
    return m;
}

QImage grabLabel(TimingView& view, const char* name)
{
    auto* label = view.findChild<QLabel*>(QString::fromLatin1(name));
    if (!label)
        qFatal("no label %s", name);
    // The whole view is grabbed (its background is the label's), then cut to the label.
    const QRect r(label->mapTo(&view, QPoint(0, 0)), label->size());
    return view.grab(r).toImage().convertToFormat(QImage::Format_RGB32);
}

QString labelText(TimingView& view, const char* name)
{
    auto* label = view.findChild<QLabel*>(QString::fromLatin1(name));
    return label ? label->text() : QString();
}

QString seconds(double s) { return QLocale().toString(s, 'f', 2); }

} // namespace

class TestTimingSafety : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Item 1: after P P (or a foreign element) the clock's style sheet was cleared and the
    // 96-pt digits turned black on the dark window for the rest of the study.
    void clockIsReadableInEveryState()
    {
        QTemporaryDir dir;
        auto doc = makeDocument(dir.filePath("c.gemba"));
        const study::Study s = makeStudy(*doc);
        study::ManualClock clock;
        TimingView view(doc.get(), s, nullptr, &clock);
        view.resize(1366, 768);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        auto checkState = [&](const char* state, const QString& statusPart) {
            QTRY_COMPARE(view.pendingEvents(), 0);
            QTest::qWait(120);   // the view redraws every 50 ms
            QVERIFY2(view.statusText().contains(statusPart, Qt::CaseInsensitive),
                     qPrintable(QStringLiteral("%1: status '%2'").arg(QLatin1String(state), view.statusText())));
            const TextContrast m = measure(grabLabel(view, "clockLabel"));
            const QString what = QStringLiteral("%1: text #%2 on #%3, ratio %4, text share %5")
                                     .arg(QLatin1String(state))
                                     .arg(m.text & 0xffffff, 6, 16, QLatin1Char('0'))
                                     .arg(m.background & 0xffffff, 6, 16, QLatin1Char('0'))
                                     .arg(m.ratio, 0, 'f', 2)
                                     .arg(m.textShare, 0, 'f', 3);
            QVERIFY2(m.textShare > 0.01, qPrintable(what));   // the digits are really there
            QVERIFY2(m.ratio >= 4.5, qPrintable(what));
        };
#define CHECK_STATE(state, status)                                                                     \
    do {                                                                                               \
        checkState(state, QStringLiteral(status));                                                     \
        if (QTest::currentTestFailed())                                                                \
            return;                                                                                    \
    } while (false)

        CHECK_STATE("ready", "Not started");
        press(&view, Qt::Key_Space);
        clock.advanceUs(1'500'000);
        CHECK_STATE("running", "Running");
        press(&view, Qt::Key_Space);
        clock.advanceUs(700'000);
        press(&view, Qt::Key_P);
        CHECK_STATE("paused", "PAUSED");
        press(&view, Qt::Key_Space);   // refused while paused: the error line shows
        QTRY_COMPARE(view.pendingEvents(), 0);
        QVERIFY(labelText(view, "lastLabel").startsWith(QStringLiteral("Not recorded")));
        CHECK_STATE("paused after a refused lap", "PAUSED");
        press(&view, Qt::Key_P);
        clock.advanceUs(2'300'000);
        CHECK_STATE("resumed", "Running");
        press(&view, Qt::Key_F);
        clock.advanceUs(3'100'000);
        CHECK_STATE("foreign", "Foreign");
        press(&view, Qt::Key_F);
        clock.advanceUs(1'100'000);
        CHECK_STATE("after the foreign element", "Running");
        QSignalSpy finished(&view, &TimingView::finished);
        view.endStudy();
        QTRY_COMPARE(finished.count(), 1);
        CHECK_STATE("ended", "Ended");
#undef CHECK_STATE
    }

    // Item 2: Esc then Space (or Enter) ended the study: "Yes" was the default button.
    void lapKeysInTheEndQuestionKeepTiming()
    {
        QTemporaryDir dir;
        auto doc = makeDocument(dir.filePath("e.gemba"));
        const study::Study s = makeStudy(*doc);
        study::ManualClock clock;
        TimingView view(doc.get(), s, nullptr, &clock);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy finished(&view, &TimingView::finished);
        press(&view, Qt::Key_Space);
        clock.advanceUs(2'000'000);

        for (Qt::Key key : {Qt::Key_Space, Qt::Key_Return, Qt::Key_Enter}) {
            // Esc brushed, the observer keeps lapping 1 s later: the lap is taken then.
            DialogDriver driver([&](QWidget* dialog) {
                clock.advanceUs(1'000'000);
                keyIntoDialog(dialog, key);
            });
            press(&view, Qt::Key_Escape);
            QCOMPARE(driver.seen(), 1);
            QTRY_COMPARE(view.pendingEvents(), 0);
            QCOMPARE(finished.count(), 0);
            clock.advanceUs(2'000'000);
        }
        // Esc again, and Tab then Space: the end button cannot take the focus.
        {
            DialogDriver driver([&](QWidget* dialog) {
                keyIntoDialog(dialog, Qt::Key_Tab);
                keyIntoDialog(dialog, Qt::Key_Tab);
                keyIntoDialog(dialog, Qt::Key_Space);
            });
            press(&view, Qt::Key_Escape);
            QCOMPARE(driver.seen(), 1);
            QTRY_COMPARE(view.pendingEvents(), 0);
            QCOMPARE(finished.count(), 0);
        }
        // Esc answers Esc: keep timing, no lap.
        {
            DialogDriver driver([&](QWidget* dialog) { keyIntoDialog(dialog, Qt::Key_Escape); });
            press(&view, Qt::Key_Escape);
            QCOMPARE(driver.seen(), 1);
            QCOMPARE(finished.count(), 0);
        }
        auto obs = doc->project().observations(s.id);
        QVERIFY(obs.hasValue());
        // 2 + 1 s three times, then the Tab-Tab-Space lap 2 s later.
        QCOMPARE(obs->size(), std::size_t(4));
        QCOMPARE((*obs)[0].durationUs, std::int64_t(3'000'000));
        QCOMPARE((*obs)[1].durationUs, std::int64_t(3'000'000));
        QCOMPARE((*obs)[2].durationUs, std::int64_t(3'000'000));
        QCOMPARE((*obs)[3].durationUs, std::int64_t(2'000'000));
        QVERIFY(!doc->project().studies(s.processId)->back().endedWallUs.has_value());

        // Only E (the end button's own key) ends.
        DialogDriver driver([&](QWidget* dialog) { keyIntoDialog(dialog, Qt::Key_E); });
        press(&view, Qt::Key_Escape);
        QCOMPARE(driver.seen(), 1);
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(doc->project().studies(s.processId)->back().endedWallUs.has_value());
    }

    // Item 4: "1" "0" Backspace undid the last lap and kept the pending 10 %; "11" of a
    // 3-digit rating cut short by a lap was stored as 11 %.
    void ratingKeysNeverUndoALapOrStoreATypo()
    {
        QTemporaryDir dir;
        auto doc = makeDocument(dir.filePath("r.gemba"));
        const study::Study s = makeStudy(*doc);
        study::ManualClock clock;
        TimingView view(doc.get(), s, nullptr, &clock);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        DialogDriver noDialog([](QWidget* dialog) { static_cast<QDialog*>(dialog)->reject(); });

        press(&view, Qt::Key_Space);
        clock.advanceUs(2'000'000);
        press(&view, Qt::Key_Space);   // Insert impeller = 2 s
        press(&view, Qt::Key_1);
        press(&view, Qt::Key_0);
        QVERIFY(labelText(view, "ratingLabel").contains(QStringLiteral("10_")));   // shown as pending
        press(&view, Qt::Key_Backspace);   // deletes the 0, not a lap
        QTRY_COMPARE(view.pendingEvents(), 0);
        QVERIFY(labelText(view, "ratingLabel").contains(QStringLiteral("1_")));
        QCOMPARE(doc->project().observations(s.id)->size(), std::size_t(1));
        press(&view, Qt::Key_Delete);   // clears the rating being typed
        QVERIFY(!labelText(view, "ratingLabel").contains(QStringLiteral("_")));
        clock.advanceUs(9'040'000);
        press(&view, Qt::Key_Space);   // Drive 4 screws = 9.04 s, unrated
        press(&view, Qt::Key_1);
        press(&view, Qt::Key_1);
        clock.advanceUs(3'000'000);
        press(&view, Qt::Key_Space);   // Fit cover = 3 s; "11" of a "110" cut short: refused
        QTRY_COMPARE(view.pendingEvents(), 0);
        QVERIFY2(labelText(view, "ratingLabel").contains(QStringLiteral("11 %")) &&
                     labelText(view, "ratingLabel").contains(QStringLiteral("refused")),
                 qPrintable(labelText(view, "ratingLabel")));
        press(&view, Qt::Key_2);
        press(&view, Qt::Key_5);
        press(&view, Qt::Key_0);   // 250 %: refused at once
        QTRY_COMPARE(view.pendingEvents(), 0);
        QVERIFY(labelText(view, "ratingLabel").contains(QStringLiteral("250 %")));
        press(&view, Qt::Key_1);
        press(&view, Qt::Key_1);
        press(&view, Qt::Key_0);   // 110 % applied to the step in progress ...
        QTRY_COMPARE(view.pendingEvents(), 0);
        press(&view, Qt::Key_Delete);   // ... and taken back
        clock.advanceUs(1'000'000);
        press(&view, Qt::Key_Space);   // Insert impeller (cycle 2) = 1 s, unrated
        press(&view, Qt::Key_9);
        press(&view, Qt::Key_5);
        clock.advanceUs(2'000'000);
        press(&view, Qt::Key_Space);   // Drive 4 screws = 2 s at 95 %
        press(&view, Qt::Key_1);
        press(&view, Qt::Key_0);
        press(&view, Qt::Key_Escape);   // clears the rating; does not ask to end
        QTRY_COMPARE(view.pendingEvents(), 0);
        QCOMPARE(noDialog.seen(), 0);
        clock.advanceUs(1'000'000);
        press(&view, Qt::Key_Space);   // Fit cover = 1 s, unrated
        QTRY_COMPARE(view.pendingEvents(), 0);

        auto obs = doc->project().observations(s.id);
        QVERIFY(obs.hasValue());
        QCOMPARE(obs->size(), std::size_t(6));
        const std::vector<std::int64_t> durations{2'000'000, 9'040'000, 3'000'000, 1'000'000, 2'000'000, 1'000'000};
        for (std::size_t i = 0; i < obs->size(); ++i) {
            QCOMPARE((*obs)[i].durationUs, durations[i]);
            if (i == 4)
                QCOMPARE((*obs)[i].ratingPercent.value_or(-1), 95.0);
            else
                QVERIFY2(!(*obs)[i].ratingPercent, qPrintable(QString::number((*obs)[i].ratingPercent.value_or(-1))));
        }
    }

    // Item 4, the table: a rating typed into the observations table outside 50-150 % is
    // refused with a message, never stored.
    void tableRefusesImplausibleRatingWithAMessage()
    {
        QTemporaryDir dir;
        auto doc = makeDocument(dir.filePath("t.gemba"));
        const study::Study s = makeStudy(*doc);
        study::ManualClock clock;
        {
            TimingView view(doc.get(), s, nullptr, &clock);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            press(&view, Qt::Key_Space);
            clock.advanceUs(4'000'000);
            press(&view, Qt::Key_Space);
            QTRY_COMPARE(view.pendingEvents(), 0);
        }
        doc->notifyObservationsChanged();
        ObservationsPage page(doc.get());
        ObservationsModel* model = page.observationsModel();
        QCOMPARE(model->rowCount(), 1);
        QSignalSpy errors(doc.get(), &ProjectDocument::errorOccurred);
        QVERIFY(!model->setData(model->index(0, ObservationsModel::Rating), 10));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.front().front().toString().contains(QStringLiteral("50")));
        QVERIFY(!model->setData(model->index(0, ObservationsModel::Rating), 151));
        QCOMPARE(errors.count(), 2);
        QVERIFY(!doc->project().observations(s.id)->front().ratingPercent);
        QVERIFY(model->setData(model->index(0, ObservationsModel::Rating), 150));
        QCOMPARE(doc->project().observations(s.id)->front().ratingPercent.value_or(-1), 150.0);
    }

    // Items 3 and 5: while timing, Ctrl+Z undid an earlier edit of another study, the toolbar
    // could name another study, Ctrl+D overwrote the study's start time, close/open abandoned
    // the study, import held the write lock.
    void mainWindowLocksTheDocumentWhileTiming()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openProject(dir.filePath("w.gemba")));
        ProjectDocument* doc = window.document();
        study::Process p;
        p.name = "Line";
        doc->setCurrentProcess(doc->insertProcess(p));
        study::Step st;
        st.name = "Only step";
        doc->insertStep(st);
        // An earlier edit, undoable before timing.
        doc->undoStack()->push(new RenameProcessCommand(doc, *doc->currentProcess(), "Line 2"));
        QCOMPARE(doc->currentProcess()->name, std::string("Line 2"));

        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        TimingView* view = window.timingView();
        QVERIFY(view);
        const study::Id timed = doc->currentStudyId();
        QVERIFY(timed != 0);

        QCOMPARE(QApplication::activeWindow(), &window);   // so the shortcut is live
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(doc->currentProcess()->name, std::string("Line 2"));   // not undone
        auto* processBox = window.findChild<QComboBox*>(QStringLiteral("processBox"));
        auto* studyBox = window.findChild<QComboBox*>(QStringLiteral("studyBox"));
        QVERIFY(!processBox->isEnabled());
        QVERIFY(!studyBox->isEnabled());
        QCOMPARE(studyBox->currentData().toLongLong(), timed);   // shows the study being timed

        // Every action that edits or replaces the document is off; Save a Copy, Export and
        // Quit stay.
        QStringList enabled;
        for (QAction* menu : window.menuBar()->actions())
            for (QAction* a : menu->menu()->actions())
                if (!a->isSeparator() && a->isEnabled())
                    enabled << a->text().remove(QLatin1Char('&'));
        for (const char* off : {"New Project...", "Open Project...", "Open Recent", "Import Observations from CSV...",
                                "Close Project", "Undo", "Redo", "New Process...", "Rename Process...",
                                "Exclude/Include Observation...", "Study Details...", "Start Timing"})
            for (const QString& text : std::as_const(enabled))   // "Undo Rename process" counts
                QVERIFY2(!text.startsWith(QLatin1String(off)), qPrintable(text));
        for (const char* on : {"Save a Copy As...", "Export Study as CSV...", "Quit"})
            QVERIFY2(enabled.contains(QLatin1String(on)), on);
        {
            // Refused with a message: replacing the document would abandon the study unended.
            QString message;
            DialogDriver driver([&](QWidget* dialog) {
                if (auto* box = qobject_cast<QMessageBox*>(dialog))
                    message = box->text();
                static_cast<QDialog*>(dialog)->reject();
            });
            QVERIFY(!window.openProject(dir.filePath("other.gemba")));
            QCOMPARE(driver.seen(), 1);
            QVERIFY2(message.contains(QStringLiteral("being timed")), qPrintable(message));
        }
        QCOMPARE(window.timingView(), view);

        press(view, Qt::Key_Space);
        press(view, Qt::Key_Space);
        view->endStudy();
        QTRY_VERIFY(window.timingView() == nullptr);
        QVERIFY(processBox->isEnabled());
        QVERIFY(studyBox->isEnabled());
        window.activateWindow();   // the refusal's message box had the activation
        QTRY_COMPARE(QApplication::activeWindow(), &window);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);   // undo is back
        QCOMPARE(doc->currentProcess()->name, std::string("Line"));
    }

    // Item 5: with a menu (or a combo box's list) open, Space went to the timing view as a lap.
    void spaceInAnOpenMenuIsNotALap()
    {
        QTemporaryDir dir;
        auto doc = makeDocument(dir.filePath("m.gemba"));
        const study::Study s = makeStudy(*doc);
        study::ManualClock clock;
        TimingView view(doc.get(), s, nullptr, &clock);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QMenu menu(&view);
        menu.addAction(QStringLiteral("Something"));
        menu.popup(view.mapToGlobal(QPoint(10, 10)));
        QTRY_VERIFY(QApplication::activePopupWidget() == &menu);
        QTest::keyClick(&menu, Qt::Key_Space);
        QTest::keyClick(&menu, Qt::Key_Return);
        QCOMPARE(view.pendingEvents(), 0);
        QCOMPARE(view.cycleText(), QStringLiteral("Ready"));
        menu.close();
        QTRY_VERIFY(QApplication::activePopupWidget() == nullptr);
        press(&view, Qt::Key_Space);   // and with the menu closed it is a lap again
        QTRY_COMPARE(view.pendingEvents(), 0);
        QTRY_VERIFY(view.cycleText().startsWith(QStringLiteral("Cycle 1")));
    }

    // Item 5: ending read the session with a try-lock and, when the worker was busy or had not
    // seen the first laps yet, finished without sending End: the study stayed open.
    void endRightAfterLapsStillEndsTheStudy()
    {
        QTemporaryDir dir;
        auto doc = makeDocument(dir.filePath("q.gemba"));
        const study::Study s = makeStudy(*doc);
        study::ManualClock clock;
        TimingView view(doc.get(), s, nullptr, &clock);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy finished(&view, &TimingView::finished);
        press(&view, Qt::Key_Space);
        clock.advanceUs(1'000'000);
        press(&view, Qt::Key_Space);
        view.endStudy();   // at once: both laps are still queued
        QTRY_COMPARE(finished.count(), 1);
        QTRY_COMPARE(view.pendingEvents(), 0);
        auto studies = doc->project().studies(s.processId);
        QCOMPARE(studies->size(), std::size_t(1));
        QVERIFY(studies->front().endedWallUs.has_value());
        QCOMPARE(doc->project().observations(s.id)->size(), std::size_t(1));
    }

    // Item 6: Esc before the first lap left an empty study behind.
    void endingBeforeAnyLapDiscardsTheStudy()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openProject(dir.filePath("d.gemba")));
        ProjectDocument* doc = window.document();
        study::Process p;
        p.name = "Line";
        doc->setCurrentProcess(doc->insertProcess(p));
        study::Step st;
        st.name = "Only step";
        doc->insertStep(st);
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        QVERIFY(window.timingView());
        QCOMPARE(doc->project().studies(doc->currentProcessId())->size(), std::size_t(1));
        DialogDriver driver([](QWidget* dialog) { keyIntoDialog(dialog, Qt::Key_E); });
        press(window.timingView(), Qt::Key_Escape);
        QTRY_VERIFY(window.timingView() == nullptr);
        QCOMPARE(doc->project().studies(doc->currentProcessId())->size(), std::size_t(0));
        QCOMPARE(doc->currentStudyId(), study::Id(0));
    }

    // Item 6: feedback names the element affected; the interrupted step stays on screen.
    void feedbackNamesTheElement()
    {
        QTemporaryDir dir;
        auto doc = makeDocument(dir.filePath("f.gemba"));
        const study::Study s = makeStudy(*doc);
        study::ManualClock clock;
        TimingView view(doc.get(), s, nullptr, &clock);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        press(&view, Qt::Key_Space);
        clock.advanceUs(2'840'000);
        press(&view, Qt::Key_Space);
        press(&view, Qt::Key_A);
        QTRY_COMPARE(view.pendingEvents(), 0);
        QVERIFY2(labelText(view, "lastLabel").startsWith(QStringLiteral("Abnormal: Insert impeller %1 s").arg(seconds(2.84))),
                 qPrintable(labelText(view, "lastLabel")));
        press(&view, Qt::Key_S);
        QTRY_COMPARE(view.pendingEvents(), 0);
        QVERIFY2(labelText(view, "lastLabel").startsWith(QStringLiteral("Skipped: Drive 4 screws")),
                 qPrintable(labelText(view, "lastLabel")));
        clock.advanceUs(1'000'000);
        press(&view, Qt::Key_F);
        QTRY_COMPARE(view.pendingEvents(), 0);
        QTest::qWait(120);
        QCOMPARE(view.currentStepText(), QStringLiteral("Fit cover"));   // the interrupted step
        clock.advanceUs(5'000'000);
        press(&view, Qt::Key_F);
        QTRY_COMPARE(view.pendingEvents(), 0);
        QVERIFY2(labelText(view, "lastLabel").contains(QStringLiteral("Fit cover")) &&
                     labelText(view, "lastLabel").contains(seconds(5.0)),
                 qPrintable(labelText(view, "lastLabel")));
        clock.advanceUs(1'000'000);
        press(&view, Qt::Key_Space);
        press(&view, Qt::Key_Backspace);
        QTRY_COMPARE(view.pendingEvents(), 0);
        QVERIFY2(labelText(view, "lastLabel").startsWith(QStringLiteral("Undone: Fit cover")),
                 qPrintable(labelText(view, "lastLabel")));
    }

    // A step during which the laptop slept is stored excluded (core: kSuspendReason); the
    // observer is told at once, on the feedback line, in the warning colour and without a tick.
    void sleptStepIsReportedAsLeftOut()
    {
        QTemporaryDir dir;
        auto doc = makeDocument(dir.filePath("s.gemba"));
        const study::Study s = makeStudy(*doc);
        study::ManualClock clock;
        TimingView view(doc.get(), s, nullptr, &clock);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        press(&view, Qt::Key_Space);
        clock.advanceUs(1'000'000);
        press(&view, Qt::Key_Space);   // Insert impeller, 1 s, counted
        QTRY_COMPARE(view.pendingEvents(), 0);
        QCOMPARE(view.lastText(), QStringLiteral("Insert impeller: %1 s (cycle 1)  ✓").arg(seconds(1.0)));
        auto* label = view.findChild<QLabel*>(QStringLiteral("lastLabel"));
        QVERIFY(label);
        const QColor okColour = label->palette().color(QPalette::WindowText);
        // Drive 4 screws: 0.34 s awake + 2.5 s asleep (over the 2 s threshold) = 2.84 s.
        clock.advanceUs(340'000);
        clock.suspendUs(2'500'000);
        press(&view, Qt::Key_Space);
        QTRY_COMPARE(view.pendingEvents(), 0);
        QCOMPARE(view.lastText(),
                 QStringLiteral("Left out: Drive 4 screws %1 s — the computer slept during this step "
                                "(include it in the observations table if its time is right)")
                     .arg(seconds(2.84)));
        QCOMPARE(label->palette().color(QPalette::WindowText), QColor(0xf2, 0xc1, 0x4e));   // amber
        QVERIFY(label->palette().color(QPalette::WindowText) != okColour);
        // The next, awake lap is counted again and says so as usual.
        clock.advanceUs(1'500'000);
        press(&view, Qt::Key_Space);
        QTRY_COMPARE(view.pendingEvents(), 0);
        QCOMPARE(view.lastText(), QStringLiteral("Fit cover: %1 s (cycle 1)  ✓").arg(seconds(1.5)));
        QCOMPARE(label->palette().color(QPalette::WindowText), okColour);
    }
};

QTEST_MAIN(TestTimingSafety)
#include "tst_timingsafety.moc"
