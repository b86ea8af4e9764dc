// Control charts computed off the window's thread.
#include "charts/chartservice.h"

#include <QMetaObject>

#include <algorithm>

namespace gemba::ui {

ChartService::ChartService(const store::Project& project, QObject* parent) : QObject(parent), m_project(project)
{
    qRegisterMetaType<ChartResult>();
    m_thread.setObjectName(QStringLiteral("gemba-charts"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

ChartService::~ChartService()
{
    m_latest = ++m_sequence;   // whatever is still queued is stale now
    m_thread.quit();
    m_thread.wait();
    m_reader.reset();
}

void ChartService::request(const store::ChartSpec& spec, quint64 revision)
{
    std::string key = chartComputationKey(spec);
    if (m_pending && m_pending->first == key && m_pending->second == revision)
        return;   // already being computed, and will be announced
    const quint64 sequence = ++m_sequence;
    m_latest = sequence;
    m_pending.reset();
    if (const ChartResult* hit = cached(spec, revision)) {
        const ChartResult copy = *hit;   // a slot may make another request meanwhile
        emit chartReady(copy);
        return;
    }
    m_pending.emplace(key, revision);
    QMetaObject::invokeMethod(
        m_worker,
        [this, sequence, spec, key = std::move(key), revision]() mutable {
            compute(sequence, std::move(spec), std::move(key), revision);
        },
        Qt::QueuedConnection);
}

const ChartResult* ChartService::cached(const store::ChartSpec& spec, quint64 revision) const
{
    const std::string key = chartComputationKey(spec);
    const auto found = std::find_if(m_cache.begin(), m_cache.end(),
                                    [&](const ChartResult& r) { return r.key == key && r.revision == revision; });
    return found == m_cache.end() ? nullptr : &*found;
}

void ChartService::compute(quint64 sequence, store::ChartSpec spec, std::string key, quint64 revision)
{
    if (sequence != m_latest)
        return;   // superseded while it waited in the queue
    ChartResult result;
    if (!m_reader) {
        auto reader = store::Project::openSibling(m_project, store::OpenMode::ReadOnly);
        if (reader)
            m_reader = std::move(reader).value();
        else
            result.error = QString::fromStdString(reader.error().message);
    }
    if (m_reader)
        result = computeChart(*m_reader, spec);   // a new read transaction per request: sees every commit before it
    if (sequence != m_latest)
        return;
    result.key = std::move(key);
    result.studyId = spec.source.studyIds.empty() ? 0 : spec.source.studyIds.front();
    result.revision = revision;
    QMetaObject::invokeMethod(
        this, [this, sequence, result = std::move(result)]() mutable { deliver(sequence, std::move(result)); },
        Qt::QueuedConnection);
}

void ChartService::deliver(quint64 sequence, ChartResult result)
{
    ++m_computed;
    m_cache.push_front(result);
    if (m_cache.size() > kCacheSize)
        m_cache.pop_back();
    if (sequence != m_sequence)
        return;
    m_pending.reset();
    emit chartReady(result);
}

} // namespace gemba::ui
