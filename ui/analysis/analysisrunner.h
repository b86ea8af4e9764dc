// Runs a view's reads and analyses on one worker thread of its own, so the window stays
// responsive (a million observations take about a second to read and analyse). Latest wins:
// work superseded by a later run() before it starts is skipped, work superseded while it runs
// is told so (it may stop early) and its result is dropped, never delivered.
#pragma once

#include <QMetaObject>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace gemba::ui {

class AnalysisRunner : public QObject {
    Q_OBJECT
public:
    explicit AnalysisRunner(QObject* parent = nullptr);
    // Marks all work superseded and waits for the one running (if any) to return.
    ~AnalysisRunner() override;

    using Superseded = std::function<bool()>;

    // `work` runs on the worker thread and must touch only what it captured (its own store
    // connection, copies of values); `done` runs on this object's thread with the result.
    template <typename R>
    void run(std::function<R(const Superseded&)> work, std::function<void(R)> done)
    {
        const quint64 sequence = ++*m_latest;
        m_busy = true;
        auto latest = m_latest;
        m_pool.start([this, sequence, latest, work = std::move(work), done = std::move(done)] {
            const Superseded superseded = [latest, sequence] { return latest->load() != sequence; };
            if (superseded())
                return;
            auto result = std::make_shared<R>(work(superseded));
            if (superseded())
                return;
            QMetaObject::invokeMethod(
                this,
                [this, sequence, result, done] {
                    if (m_latest->load() != sequence)
                        return;
                    m_busy = false;
                    done(std::move(*result));
                },
                Qt::QueuedConnection);
        });
    }

    // Drops whatever is pending or running (its result will not be delivered).
    void cancel();
    bool isBusy() const { return m_busy; }

private:
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    bool m_busy = false;
    QThreadPool m_pool;
};

} // namespace gemba::ui
