// Runs the stopwatch session on its own thread with its own connection to the project, so
// the window never waits for a lap to reach the disk.
#include "timing/captureworker.h"

#include "store/project.h"
#include "study/stopwatchsession.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace gemba::ui {
namespace {
QString secondsText(const study::Observation& o) { return QLocale().toString(o.seconds(), 'f', 2); }
} // namespace

CaptureWorker::CaptureWorker(QString path, study::Study study, std::vector<study::Step> steps)
    : m_path(std::move(path))
    , m_study(std::move(study))
    , m_steps(std::move(steps))
{
}

CaptureWorker::~CaptureWorker() = default;

bool CaptureWorker::tryRead(const std::function<void(const study::StopwatchSession&)>& reader) const
{
    std::unique_lock lock(m_mutex, std::try_to_lock);
    if (!lock.owns_lock() || !m_session)
        return false;
    reader(*m_session);
    return true;
}

void CaptureWorker::open()
{
    auto project = store::Project::open(m_path.toStdString());
    if (!project) {
        emit opened(QString::fromStdString(project.error().message));
        return;
    }
    std::lock_guard lock(m_mutex);
    m_project = std::move(project).value();
    m_session = std::make_unique<study::StopwatchSession>(m_study, m_steps, *m_project);
    m_open = true;
    emit opened({});
}

void CaptureWorker::handle(Event event, study::ClockReading at, QString text, double number)
{
    auto tr = [](const char* s) { return QCoreApplication::translate("CaptureWorker", s); };
    QString summary;
    std::string error;
    bool paused = false;
    bool leftOut = false;
    {
        std::lock_guard lock(m_mutex);
        if (!m_session) {
            emit failed(event, tr("The project is not open for timing."), false);
            return;
        }
        if (m_discarded) {
            emit failed(event, tr("The study has ended."), false);
            return;
        }
        auto& s = *m_session;
        auto stepName = [&](study::Id id) {
            for (const auto& step : m_steps)
                if (step.id == id)
                    return QString::fromStdString(step.name);
            return QString();
        };
        auto stepAt = [&](std::size_t i) {
            return i < m_steps.size() ? QString::fromStdString(m_steps[i].name) : QString();
        };
        // The step the event applies to, taken before the event moves on.
        const QString current = stepAt(s.currentStepIndex());
        // What a note or a rating goes to: the element in progress.
        auto interrupting = [&] {
            if (s.inForeign())
                return tr("the foreign element");
            if (s.inOccasional())
                return tr("the occasional element %1").arg(stepAt(s.occasionalStepIndex()));
            return current;
        };
        switch (event) {
        case Event::Lap:
            if (auto r = s.lap(at)) {
                if (r->observation && r->observation->excluded) {
                    // Stored, but out of the step's figures until the analyst includes it
                    // (core: StopwatchSession::kSuspendReason); said now, while the observer
                    // still remembers whether the operator worked through it.
                    leftOut = true;
                    const QString reason = r->observation->excludedReason == study::StopwatchSession::kSuspendReason
                                               ? tr("the computer slept during this step")
                                               : QString::fromStdString(r->observation->excludedReason);
                    summary = tr("Left out: %1 %2 s — %3 (include it in the observations table if its time is right)")
                                  .arg(stepName(r->observation->stepId), secondsText(*r->observation), reason);
                } else if (r->observation)
                    summary = tr("%1: %2 s (cycle %3)")
                                  .arg(stepName(r->observation->stepId), secondsText(*r->observation))
                                  .arg(r->observationCycle);
                else
                    summary = tr("Clock started: %1").arg(stepAt(r->currentStep));
            } else {
                error = r.error().message;
            }
            break;
        case Event::Pause:
            if (auto r = s.pause(at); !r)
                error = r.error().message;
            else
                summary = tr("Paused: %1").arg(s.inOccasional() ? interrupting() : current);
            break;
        case Event::Resume:
            if (auto r = s.resume(at); !r)
                error = r.error().message;
            else
                summary = tr("Resumed: %1").arg(s.inOccasional() ? interrupting() : current);
            break;
        case Event::Skip:
            if (auto r = s.skip(at); !r)
                error = r.error().message;
            else
                summary = tr("Skipped: %1").arg(current);
            break;
        case Event::Foreign:
            if (auto r = s.toggleForeign(at)) {
                summary = r->started ? tr("Foreign element started, interrupting %1").arg(current)
                                     : tr("Foreign element during %1: %2 s")
                                           .arg(current, r->observation ? secondsText(*r->observation)
                                                                        : QStringLiteral("-"));
            } else {
                error = r.error().message;
            }
            break;
        case Event::OccasionalStart: {
            const auto stepId = static_cast<study::Id>(std::llround(number));
            if (auto r = s.startOccasional(stepId, at); !r)
                error = r.error().message;
            else
                summary = tr("Occasional element started: %1, interrupting %2").arg(stepName(stepId), current);
            break;
        }
        case Event::OccasionalEnd:
            if (auto r = s.endOccasional(at))
                summary = tr("Occasional: %1 %2 s (cycle %3), during %4")
                              .arg(stepName(r->stepId), secondsText(*r))
                              .arg(s.cycleNumber())
                              .arg(current);
            else
                error = r.error().message;
            break;
        case Event::Abnormal:
            if (auto r = s.markAbnormal(true))
                summary = tr("Abnormal: %1 %2 s").arg(stepName(r->stepId), secondsText(*r));
            else
                error = r.error().message;
            break;
        case Event::Undo:
            if (auto r = s.undoLastLap())
                summary = tr("Undone: %1 %2 s, timing it again").arg(stepName(r->removed.stepId), secondsText(r->removed));
            else
                error = r.error().message;
            break;
        case Event::Note:
            if (auto r = s.setNote(text.toStdString()); !r)
                error = r.error().message;
            else
                summary = tr("Note added to %1").arg(interrupting());
            break;
        case Event::Rating: {
            const std::optional<double> rating = std::isnan(number) ? std::nullopt : std::optional<double>(number);
            if (auto r = s.setRating(rating); !r)
                error = r.error().message;
            else if (rating)
                summary = tr("Rating %1 %: %2").arg(number).arg(interrupting());
            else
                summary = tr("Rating cleared: %1").arg(interrupting());
            break;
        }
        case Event::End:
            if (s.observations().empty() && !s.ended()) {
                // Nothing was recorded: an empty study would only clutter the list of studies
                // (and its cycle 1, if the clock was started, goes with it).
                if (auto r = m_project->removeStudy(m_study.id); !r) {
                    error = r.error().message;
                } else {
                    m_discarded = true;
                    summary = tr("Nothing was timed; the empty study was discarded");
                }
            } else if (auto r = s.end(at); !r) {
                error = r.error().message;
            } else {
                summary = tr("Study ended");
            }
            break;
        }
        paused = s.paused();
    }
    if (error.empty())
        emit acknowledged(event, summary, paused, leftOut);
    else
        emit failed(event, QString::fromStdString(error), paused);
}

} // namespace gemba::ui
