// The stopwatch at the gemba: a very large clock, the step being timed and the next one, the
// cycle, a big lap button, and every action on one key.
#pragma once

#include "study/clock.h"
#include "study/model.h"
#include "timing/captureworker.h"

#include <QDeadlineTimer>
#include <QThread>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QMessageBox;
class QLineEdit;
class QPushButton;
class QTableView;

namespace gemba::ui {

class ChartCanvas;
class ProjectDocument;
class SummaryModel;

// Keys (README "Timing at the gemba"): Space/Enter lap, P pause, S skip, F foreign element,
// O occasional element, A abnormal, N note, digits a rating, Backspace undo the last lap, Esc
// end the study.
//
// Conventions where keys could clash:
// - Ending needs a deliberate answer: Esc asks, the dialog's default is "Keep timing", and only
//   its own key E (or a click) ends. A lap key pressed while the question is up closes it and
//   takes the lap at that moment, so an observer who brushed Esc and kept lapping loses
//   nothing (an unwanted lap is one Backspace away; a lost one cannot be recovered).
// - A rating being typed is shown as pending and owns Backspace (deletes a digit), Delete and
//   Esc (clear it). It is applied to the element in progress when it has three digits, or by
//   the next lap, skip or foreign-element key. A rating outside study::kMinRatingPercent ..
//   kMaxRatingPercent (50-150 %) is refused with a message, never stored; the lap that carried
//   it is still taken, unrated ("11" of an unfinished "110" is refused as 11 %). Delete with
//   no rating pending clears the rating already given to the element in progress.
// - No key is a lap while a menu, a combo box list or a dialog is open.
// - O starts an occasional element (ElementKind::Occasional) at the moment it is pressed: with
//   one occasional element in the process at once, with more a keyboard-only picker opens
//   (1-9 pick; Esc or O closes it and nothing is timed). While the picker is open it owns the
//   keyboard: no other key acts (Space is not a lap) and the lap button does nothing, so no
//   event can come between the O press and the element it starts. O again ends the element.
class TimingView : public QWidget {
    Q_OBJECT
public:
    // Times `study` (already stored) of the document's current process. `clock` is for tests;
    // null means the system's CLOCK_BOOTTIME.
    TimingView(ProjectDocument* document, study::Study study, QWidget* parent = nullptr,
               const study::Clock* clock = nullptr);
    ~TimingView() override;

    // Ends the study now (the element in progress is discarded). Sent to the capture thread
    // behind every event already queued, whatever the session's state looks like from here; a
    // study that recorded nothing is removed rather than kept empty.
    void endStudy();
    int pendingEvents() const { return m_pending; }   // sent but not yet durable
    const study::Study& study() const { return m_study; }

    // What the user sees, for tests.
    QString clockText() const;
    QString currentStepText() const;
    QString nextStepText() const;
    QString cycleText() const;
    QString statusText() const;
    QString lastText() const;     // the feedback line: what the last event recorded
    QString ratingText() const;   // the rating being typed, applied or refused
    bool occasionalPickerOpen() const;
    QString occasionalPickerText() const;
    SummaryModel* summaryModel() const { return m_summary; }
    // The live I chart of the current step's durations (updated after each acknowledged lap).
    ChartCanvas* liveChart() const { return m_liveChart; }
    QString liveChartText() const;

signals:
    void finished();
    void acknowledged();   // an event became durable

public:
    // What the clock shows; each has its colour, one of the theme's state colours (theme.h)
    // kept at WCAG contrast >= 4.5 against the palette's window.
    enum class Tone { Normal, Secondary, Paused, Foreign, Ended, Ok, Error, Pending, Warning };
    static QColor toneColour(Tone tone, const QPalette& palette);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:

    void buildUi();
    bool handleKey(QKeyEvent* key);
    bool handleRatingKey(QKeyEvent* key);
    void send(CaptureWorker::Event event, const QString& text = {}, double number = 0);
    void send(CaptureWorker::Event event, const study::ClockReading& at, const QString& text, double number);
    void lap();
    void lapAt(const study::ClockReading& at);
    void refresh();
    void showReady();
    void onAcknowledged(CaptureWorker::Event event, const QString& summary, bool paused, bool leftOut);
    void onFailed(CaptureWorker::Event event, const QString& error, bool paused);
    void startNote();
    void commitNote();
    void cancelNote();
    void flushRating();
    void showRating();
    void askToEnd();
    void occasionalKey();
    bool handlePickerKey(QKeyEvent* key);
    void closePicker();
    void updateLiveChart();
    void setTone(QLabel* label, Tone tone);
    void applyTones();

    ProjectDocument* m_document;
    study::Study m_study;
    std::unique_ptr<study::SystemClock> m_ownClock;
    const study::Clock* m_clock;
    QThread m_thread;
    CaptureWorker* m_worker = nullptr;
    QTimer m_timer;
    int m_pending = 0;
    bool m_ending = false;
    bool m_pauseRequested = false;
    bool m_summaryStale = false;   // an event was acknowledged since the summary was read
    QString m_ratingBuffer;     // digits typed, not yet applied
    QString m_ratingRefused;    // why the last rating was refused, shown for a few seconds
    QDeadlineTimer m_ratingRefusedUntil;
    std::optional<double> m_ratingInSession;   // what the element in progress carries
    QMessageBox* m_endQuestion = nullptr;   // while "End this study?" is open
    std::optional<study::ClockReading> m_lapWhileAsking;
    // Occasional elements: what O offers (step id, name), the press that opened the picker,
    // and whether one was asked to start (kept in step with the session when nothing is pending).
    std::vector<std::pair<study::Id, QString>> m_occasionalChoices;
    std::optional<study::ClockReading> m_pickerAt;
    bool m_occasionalRequested = false;
    QLabel* m_pickerLabel = nullptr;

    QLabel* m_clockLabel = nullptr;
    QLabel* m_stepLabel = nullptr;
    QLabel* m_nextLabel = nullptr;
    QLabel* m_cycleLabel = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_lastLabel = nullptr;
    QLabel* m_ratingLabel = nullptr;
    QLabel* m_keysLabel = nullptr;
    QPushButton* m_lapButton = nullptr;
    QLineEdit* m_noteEdit = nullptr;
    QTableView* m_summaryView = nullptr;
    SummaryModel* m_summary = nullptr;
    // The live chart: the durations are copied under the session's lock with the summary, and
    // charted by a 0-ms single-shot timer, so a burst of laps charts once and never on the
    // key press itself.
    ChartCanvas* m_liveChart = nullptr;
    QLabel* m_liveChartLabel = nullptr;
    QTimer m_liveChartTimer;
    std::vector<double> m_liveValues;
    QString m_liveStepName;
};

} // namespace gemba::ui
