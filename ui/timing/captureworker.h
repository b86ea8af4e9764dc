// Runs the stopwatch session on its own thread with its own connection to the project, so
// the window never waits for a lap to reach the disk.
#pragma once

#include "study/clock.h"
#include "study/model.h"

#include <QObject>
#include <QString>

#include <atomic>

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace gemba::store {
class Project;
}
namespace gemba::study {
class StopwatchSession;
}

namespace gemba::ui {

class CaptureWorker : public QObject {
    Q_OBJECT
public:
    // OccasionalStart carries the occasional step's id in `number`.
    enum class Event { Lap, Pause, Resume, Skip, Foreign, Abnormal, Undo, Note, Rating, End, OccasionalStart, OccasionalEnd };
    Q_ENUM(Event)

    CaptureWorker(QString path, study::Study study, std::vector<study::Step> steps);
    ~CaptureWorker() override;

    // Called from the window's thread. Reads the session if the worker is not busy writing,
    // and returns false without waiting when it is (the window then skips one frame).
    bool tryRead(const std::function<void(const study::StopwatchSession&)>& reader) const;

    bool isOpen() const { return m_open.load(); }   // never waits

public slots:
    void open();   // on the worker thread, before any event
    // On the worker thread: applies one event taken at `at`; `text` is a note, `number` a rating
    // (NaN clears the rating). Summaries name the element affected ("Skipped: Drive 4 screws").
    // End of a study that recorded no observation (Esc before the second lap, or every lap
    // undone) removes the study instead of keeping an empty one; its summary then says so.
    void handle(gemba::ui::CaptureWorker::Event event, gemba::study::ClockReading at, QString text, double number);

signals:
    void opened(QString error);   // empty on success
    // The event is durable (committed); `summary` says what it recorded, for the status line.
    // `paused` is the session's state after the event, so the window's P key stays in step
    // without reading the session. `leftOut` is set when a lap's observation was stored excluded
    // (the laptop slept during the step, StopwatchSession::kSuspendReason): the summary then
    // says so and why, and the window shows it as a warning, because the observer can only
    // judge whether that time is right at the moment it happens.
    void acknowledged(gemba::ui::CaptureWorker::Event event, QString summary, bool paused, bool leftOut);
    void failed(gemba::ui::CaptureWorker::Event event, QString error, bool paused);

private:
    QString m_path;
    study::Study m_study;
    std::vector<study::Step> m_steps;
    std::unique_ptr<store::Project> m_project;
    std::unique_ptr<study::StopwatchSession> m_session;
    mutable std::mutex m_mutex;
    std::atomic<bool> m_open{false};
    bool m_discarded = false;   // the empty study was removed at its end
};

} // namespace gemba::ui

Q_DECLARE_METATYPE(gemba::study::ClockReading)
