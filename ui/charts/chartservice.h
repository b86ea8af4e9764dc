// Control charts computed off the window's thread: one worker with its own read connection,
// the latest request wins, results cached by (chart spec, project revision). The same
// pattern as DataService (data/dataservice.h), for charts.
#pragma once

#include "charts/chartcomputation.h"
#include "store/project.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <deque>
#include <memory>
#include <optional>
#include <string>

namespace gemba::ui {

class ChartService : public QObject {
    Q_OBJECT
public:
    // `project` must outlive the service.
    explicit ChartService(const store::Project& project, QObject* parent = nullptr);
    ~ChartService() override;

    // Asks for the chart `spec` describes with the project at `revision`; answered by
    // chartReady(), at once (inside this call) when the cache holds it. A request supersedes
    // every earlier one not yet answered: those are never answered.
    void request(const store::ChartSpec& spec, quint64 revision);
    const ChartResult* cached(const store::ChartSpec& spec, quint64 revision) const;
    int computedCount() const { return m_computed; }   // for tests: charts not taken from the cache

signals:
    void chartReady(const gemba::ui::ChartResult& result);

private:
    void compute(quint64 sequence, store::ChartSpec spec, std::string key, quint64 revision);   // on the worker
    void deliver(quint64 sequence, ChartResult result);                          // back here

    static constexpr std::size_t kCacheSize = 16;

    const store::Project& m_project;
    QThread m_thread;
    QObject* m_worker = nullptr;
    std::unique_ptr<store::Project> m_reader;   // used on m_thread only
    std::atomic<quint64> m_latest = 0;
    quint64 m_sequence = 0;
    std::optional<std::pair<std::string, quint64>> m_pending;   // (key, revision) being computed
    std::deque<ChartResult> m_cache;   // newest first
    int m_computed = 0;
};

} // namespace gemba::ui

Q_DECLARE_METATYPE(gemba::ui::ChartResult)
