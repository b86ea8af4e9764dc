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

void ChartService::request(const ChartSettings& settings, quint64 revision)
{
    const std::string key = settings.computationKey();
    if (m_pending && m_pending->first == key && m_pending->second == revision)
        return;   // already being computed, and will be announced
    const quint64 sequence = ++m_sequence;
    m_latest = sequence;
    m_pending.reset();
    if (const ChartResult* hit = cached(settings, revision)) {
        const ChartResult copy = *hit;   // a slot may make another request meanwhile
        emit chartReady(copy);
        return;
    }
    m_pending.emplace(key, revision);
    QMetaObject::invokeMethod(
        m_worker, [this, sequence, settings, revision]() mutable { compute(sequence, std::move(settings), revision); },
        Qt::QueuedConnection);
}

const ChartResult* ChartService::cached(const ChartSettings& settings, quint64 revision) const
{
    const std::string key = settings.computationKey();
    const auto found = std::find_if(m_cache.begin(), m_cache.end(),
                                    [&](const ChartResult& r) { return r.key == key && r.revision == revision; });
    return found == m_cache.end() ? nullptr : &*found;
}

void ChartService::compute(quint64 sequence, ChartSettings settings, quint64 revision)
{
    if (sequence != m_latest)
        return;   // superseded while it waited in the queue
    ChartResult result;
    QString error;
    if (!m_reader) {
        auto reader = store::Project::openSibling(m_project, store::OpenMode::ReadOnly);
        if (reader)
            m_reader = std::move(reader).value();
        else
            error = QString::fromStdString(reader.error().message);
    }
    if (m_reader) {
        auto observations = m_reader->observationsWithoutTexts(settings.studyId);
        auto cycles = m_reader->cycles(settings.studyId);
        auto steps = m_reader->studySteps(settings.studyId);
        if (sequence != m_latest)
            return;
        if (!observations)
            error = QString::fromStdString(observations.error().message);
        else if (!cycles)
            error = QString::fromStdString(cycles.error().message);
        else if (!steps)
            error = QString::fromStdString(steps.error().message);
        else {
            auto series = std::make_shared<const ChartSeries>(
                settings.stepId ? stepSeries(*observations, *cycles, settings.stepId)
                                : cycleTotalSeries(*observations, *cycles, *steps));
            result = computeChart(*series, settings);
            result.series = std::move(series);
        }
    }
    if (!error.isEmpty()) {
        result.error = error;
        result.key = settings.computationKey();
    }
    result.studyId = settings.studyId;
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
