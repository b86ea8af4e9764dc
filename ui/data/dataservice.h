// The reads and computations whose cost grows with the project (a study's summary, a chart's
// series, histogram bins, capability), done on one worker thread with one long-lived read
// connection, so the window never waits.
#pragma once

#include "store/project.h"
#include "study/model.h"
#include "study/stepsummary.h"
#include "study/validity.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

struct sqlite3;

namespace gemba::ui {

// A study's summary as the project stood at one revision.
struct StudySummaryResult {
    study::Id studyId = 0;
    quint64 revision = 0;
    std::vector<study::Step> steps;   // the rows, in the order the summary has them
    study::StudySummary summary;
    std::optional<study::StudyValidity> validity;   // recording error (study/validity.h), from the same read
    QString error;                    // why there is no summary; empty when there is one
};

// What names one result: its kind ("summary", "chart-series", "histogram", "capability", ...),
// the study and its revision (ProjectDocument::studyRevision: it changes with every edit of the
// study, so a cached result is never stale) and whatever else it depends on (the step, the
// chart's options, as text). One kind always has one result type.
struct DataKey {
    QString kind;
    study::Id studyId = 0;
    quint64 revision = 0;
    QString parameters;
    friend bool operator==(const DataKey&, const DataKey&) = default;
};

// What a job sees while it runs on the worker thread.
class DataJob {
public:
    // The worker's read connection (store::Project::openSibling, read-only, opened at the first
    // job and kept); null when it could not be opened, and readerError() says why.
    store::Project* reader() const { return m_reader; }
    const QString& readerError() const { return m_readerError; }
    // True once a newer request on the same channel has superseded this one: its result will
    // be dropped, so a long computation may stop early (a read is interrupted anyway).
    bool cancelled() const { return m_cancel->load(); }

private:
    friend class DataService;
    store::Project* m_reader = nullptr;
    QString m_readerError;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

// One worker thread with its own read connection to the project: the window's thread only
// submits jobs and receives finished results.
//
// Latest wins per channel: a requester (a view) names a channel ("series", "histogram", ...);
// a job supersedes every earlier unanswered one of the same requester and channel. Those still
// waiting are dropped unrun, one being read is interrupted (sqlite3_interrupt, only while that
// very job runs: jobs of other channels are never hit) and none of them is answered. Jobs of
// other channels and requesters go on. A result is delivered only while its requester exists.
//
// Results are cached by key (kDefaultCacheSize of them, least recently computed dropped
// first): submitting a key the cache holds answers at once, inside the call, with nothing run.
//
// The summary itself is core's study::summarizeSteps over the study's observations (read
// without their free texts, in the same start order), not SQL aggregates. SQL could give n,
// Σx, min and max per step exactly (durations are integer microseconds), but not the rest:
// an SD from n, Σx and Σx² in one pass cancels where the SD is small beside the mean (core
// uses a compensated two-pass formula), Σx² of microseconds overflows SQLite's 64-bit sum()
// at about 10⁶ elements of 3 s (9.2·10¹⁸ µs²) and total() sums doubles without compensation
// (SQLite 3.40), and the observations-needed count and the rated normal time need the single
// values. So the worker reads the rows and every figure is bit for bit what core computes;
// the window pays nothing for it. (Measured at 10⁶ rows, the GROUP BY aggregate query alone
// takes longer than reading the rows.)
class DataService : public QObject {
    Q_OBJECT
public:
    static constexpr std::size_t kDefaultCacheSize = 32;

    // `project` must outlive the service (ProjectDocument owns both, the project longer).
    explicit DataService(const store::Project& project, QObject* parent = nullptr);
    // Cancels every job, interrupts a read under way and waits for the worker to end.
    ~DataService() override;

    // Runs `work` on the worker thread and hands its result to `done` on this thread, unless a
    // newer job of the same requester and channel came meanwhile or the requester is gone.
    // `keep` says whether to cache a result (default: every one; leave errors out, they are
    // worth asking again). Submitting the key the same channel is already waiting for does
    // nothing: that answer is on its way.
    template <typename R>
    void submit(QObject* requester, const QString& channel, const DataKey& key, std::function<R(const DataJob&)> work,
                std::function<void(const R&)> done, std::function<bool(const R&)> keep = {})
    {
        submitErased(
            requester, channel, key,
            [work = std::move(work)](const DataJob& job) -> std::shared_ptr<const void> {
                return std::make_shared<const R>(work(job));
            },
            [done = std::move(done)](const std::shared_ptr<const void>& r) { done(*static_cast<const R*>(r.get())); },
            [keep = std::move(keep)](const void* r) { return !keep || keep(*static_cast<const R*>(r)); });
    }
    // The cached result of `key` (of the kind's type), or null.
    template <typename R>
    std::shared_ptr<const R> cached(const DataKey& key) const
    {
        return std::static_pointer_cast<const R>(cachedErased(key));
    }
    // Stops whatever `requester` has asked for on `channel` (or on every channel when empty).
    void cancel(QObject* requester, const QString& channel = {});

    // The summary of `study` over `steps` at `revision` (ProjectDocument::studyRevision);
    // answered by summaryReady(), at once (inside this call) when the cache holds it. The
    // latest request of each requester wins (null: one channel shared by every such caller),
    // so two windows' pages on two studies do not cancel each other.
    void requestSummary(const study::Study& study, std::vector<study::Step> steps, quint64 revision,
                        QObject* requester = nullptr);
    // The cached summary of (study, revision), or null.
    const StudySummaryResult* cachedSummary(study::Id studyId, quint64 revision) const;
    // How many jobs the worker has run to the end (not answered from the cache); for tests.
    int computedCount() const { return m_computed; }

signals:
    // The answer to the latest summary request; superseded requests are never answered.
    void summaryReady(const gemba::ui::StudySummaryResult& result);

private:
    using Result = std::shared_ptr<const void>;
    struct Task {
        quint64 sequence = 0;
        DataKey key;
        std::function<Result(const DataJob&)> work;
        std::function<void(const Result&)> done;
        std::function<bool(const void*)> keep;
        QPointer<QObject> requester;
        std::pair<const QObject*, QString> channel;
        std::shared_ptr<std::atomic<bool>> cancel;
    };
    struct Waiting {   // the unanswered task of a channel
        quint64 sequence = 0;
        DataKey key;
        std::shared_ptr<std::atomic<bool>> cancel;
    };

    void submitErased(QObject* requester, const QString& channel, const DataKey& key,
                      std::function<Result(const DataJob&)> work, std::function<void(const Result&)> done,
                      std::function<bool(const void*)> keep);
    Result cachedErased(const DataKey& key) const;
    void supersede(Waiting& waiting);
    void run(const std::shared_ptr<Task>& task);                         // on the worker thread
    void deliver(const std::shared_ptr<Task>& task, const Result& result);   // back on this thread

    const store::Project& m_project;
    QThread m_thread;
    QObject* m_worker = nullptr;                    // lives on m_thread; jobs run in its queue
    std::unique_ptr<store::Project> m_reader;       // used on m_thread only
    QString m_readerError;                          // m_thread only
    std::atomic<sqlite3*> m_readerHandle = nullptr; // for sqlite3_interrupt from this thread
    std::mutex m_runningMutex;                      // guards m_running
    const std::atomic<bool>* m_running = nullptr;   // the cancel flag of the job being run
    quint64 m_sequence = 0;
    std::map<std::pair<const QObject*, QString>, Waiting> m_waiting;
    std::vector<const QObject*> m_watched;          // requesters whose end cancels their jobs
    std::deque<std::pair<DataKey, Result>> m_cache;   // newest first
    int m_computed = 0;
};

} // namespace gemba::ui

Q_DECLARE_METATYPE(gemba::ui::StudySummaryResult)
