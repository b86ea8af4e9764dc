// The reads whose cost grows with the project (a summary over every observation of a study),
// done on a worker thread with one long-lived read connection, so the window never waits.
#pragma once

#include "store/project.h"
#include "study/model.h"
#include "study/stepsummary.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <deque>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

struct sqlite3;

namespace gemba::ui {

// A study's summary as the project stood at one revision (ProjectDocument::revision()).
struct StudySummaryResult {
    study::Id studyId = 0;
    quint64 revision = 0;
    std::vector<study::Step> steps;   // the rows, in the order the summary has them
    study::StudySummary summary;
    QString error;                    // why there is no summary; empty when there is one
};

// One worker thread with its own read connection to the project (store::Project::openSibling,
// opened at the first request and kept): the window's thread only posts requests and receives
// finished results. Requests follow "latest wins": a request supersedes every earlier one that
// has not been answered; those still waiting are dropped unread, one being read is interrupted
// (sqlite3_interrupt), and none of them is announced. Results are cached by (study, revision):
// the revision changes with every edit, so a cached result is never stale, and asking again
// for the same state (switching back to a study) costs nothing.
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
    // `project` must outlive the service (ProjectDocument owns both, the project longer).
    explicit DataService(const store::Project& project, QObject* parent = nullptr);
    // Interrupts a read under way and waits for the worker to end.
    ~DataService() override;

    // Asks for the summary of `study` over `steps` with the project at `revision`; answered by
    // summaryReady(), at once (inside this call) when the cache holds it.
    void requestSummary(const study::Study& study, std::vector<study::Step> steps, quint64 revision);
    // The cached summary of (study, revision), or null.
    const StudySummaryResult* cachedSummary(study::Id studyId, quint64 revision) const;
    // How many summaries the worker has computed (not answered from the cache); for tests.
    int computedCount() const { return m_computed; }

signals:
    // The answer to the latest request; superseded requests are never answered.
    void summaryReady(const gemba::ui::StudySummaryResult& result);

private:
    // Runs on the worker thread.
    void compute(quint64 sequence, study::Study study, std::vector<study::Step> steps, quint64 revision);
    // Back on the window's thread.
    void deliver(quint64 sequence, StudySummaryResult result);

    static constexpr std::size_t kCacheSize = 8;

    const store::Project& m_project;
    QThread m_thread;
    QObject* m_worker = nullptr;                    // lives on m_thread; requests run in its queue
    std::unique_ptr<store::Project> m_reader;       // used on m_thread only
    std::atomic<sqlite3*> m_readerHandle = nullptr; // for sqlite3_interrupt from this thread
    std::atomic<quint64> m_latest = 0;              // sequence number of the newest request
    quint64 m_sequence = 0;
    std::optional<std::pair<study::Id, quint64>> m_pending;   // (study, revision) of the unanswered request
    std::deque<StudySummaryResult> m_cache;         // newest first
    int m_computed = 0;
};

} // namespace gemba::ui

Q_DECLARE_METATYPE(gemba::ui::StudySummaryResult)
