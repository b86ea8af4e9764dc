// The stopwatch at the gemba: a very large clock, the step being timed and the next one, the
// cycle, a big lap button, and every action on one key.
#pragma once

#include "study/clock.h"
#include "study/model.h"
#include "timing/captureworker.h"

#include <QThread>
#include <QTimer>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace gemba::ui {

class ProjectDocument;
class SummaryModel;

class TimingView : public QWidget {
    Q_OBJECT
public:
    // Times `study` (already stored) of the document's current process. `clock` is for tests;
    // null means the system's CLOCK_BOOTTIME.
    TimingView(ProjectDocument* document, study::Study study, QWidget* parent = nullptr,
               const study::Clock* clock = nullptr);
    ~TimingView() override;

    void endStudy();   // ends the study now (the element in progress is discarded)
    int pendingEvents() const { return m_pending; }   // sent but not yet durable

    // What the user sees, for tests.
    QString clockText() const;
    QString currentStepText() const;
    QString nextStepText() const;
    QString cycleText() const;
    QString statusText() const;
    SummaryModel* summaryModel() const { return m_summary; }

signals:
    void finished();
    void acknowledged();   // an event became durable

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildUi();
    bool handleKey(QKeyEvent* key);
    void send(CaptureWorker::Event event, const QString& text = {}, double number = 0);
    void lap();
    void refresh();
    void showReady();
    void onAcknowledged(CaptureWorker::Event event, const QString& summary);
    void onFailed(CaptureWorker::Event event, const QString& error);
    void startNote();
    void commitNote();
    void cancelNote();
    void flushRating();
    void askToEnd();

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
    QString m_ratingBuffer;

    QLabel* m_clockLabel = nullptr;
    QLabel* m_stepLabel = nullptr;
    QLabel* m_nextLabel = nullptr;
    QLabel* m_cycleLabel = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_lastLabel = nullptr;
    QLabel* m_ratingLabel = nullptr;
    QPushButton* m_lapButton = nullptr;
    QLineEdit* m_noteEdit = nullptr;
    QTableView* m_summaryView = nullptr;
    SummaryModel* m_summary = nullptr;
};

} // namespace gemba::ui
