// The reads whose cost grows with the project, done on a worker thread with one long-lived
// read connection.
#include "data/dataservice.h"

#include <sqlite3.h>

#include <QMetaObject>

#include <algorithm>

namespace gemba::ui {

DataService::DataService(const store::Project& project, QObject* parent) : QObject(parent), m_project(project)
{
    m_thread.setObjectName(QStringLiteral("gemba-data"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

DataService::~DataService()
{
    m_latest = ++m_sequence;   // whatever is still queued is stale now
    if (sqlite3* db = m_readerHandle.load())
        sqlite3_interrupt(db);   // thread-safe by SQLite's contract: ends a read under way
    m_thread.quit();
    m_thread.wait();
    m_reader.reset();   // the worker is gone; closing the connection here is the only use
}

void DataService::requestSummary(const study::Study& study, std::vector<study::Step> steps, quint64 revision)
{
    if (m_pending && m_pending->first == study.id && m_pending->second == revision)
        return;   // the same state is already being computed, and will be announced
    const quint64 sequence = ++m_sequence;
    m_latest = sequence;
    m_pending.reset();
    if (const StudySummaryResult* hit = cachedSummary(study.id, revision)) {
        const StudySummaryResult copy = *hit;   // a slot may ask for another summary meanwhile
        emit summaryReady(copy);
        return;
    }
    // A read for an older request is of no use any more. An interrupt that comes when nothing
    // is running is a no-op, and the newest request's read cannot have started yet: it is
    // posted below.
    if (sqlite3* db = m_readerHandle.load())
        sqlite3_interrupt(db);
    m_pending.emplace(study.id, revision);
    QMetaObject::invokeMethod(
        m_worker,
        [this, sequence, study, steps = std::move(steps), revision]() mutable {
            compute(sequence, std::move(study), std::move(steps), revision);
        },
        Qt::QueuedConnection);
}

const StudySummaryResult* DataService::cachedSummary(study::Id studyId, quint64 revision) const
{
    const auto found = std::find_if(m_cache.begin(), m_cache.end(), [&](const StudySummaryResult& r) {
        return r.studyId == studyId && r.revision == revision;
    });
    return found == m_cache.end() ? nullptr : &*found;
}

void DataService::compute(quint64 sequence, study::Study study, std::vector<study::Step> steps, quint64 revision)
{
    if (sequence != m_latest)
        return;   // superseded while it waited in the queue
    StudySummaryResult result;
    result.studyId = study.id;
    result.revision = revision;
    if (!m_reader) {
        auto reader = store::Project::openSibling(m_project, store::OpenMode::ReadOnly);
        if (reader) {
            m_reader = std::move(reader).value();
            m_readerHandle = m_reader->handle();
        } else {
            result.error = QString::fromStdString(reader.error().message);
        }
    }
    if (m_reader) {
        // A new read transaction per request (the statement is reset after it), so this sees
        // every edit the window's connection committed before the request was made.
        auto observations = m_reader->observationsWithoutTexts(study.id);
        if (sequence != m_latest)
            return;   // superseded (perhaps interrupted) while reading
        if (!observations) {
            result.error = QString::fromStdString(observations.error().message);
        } else if (auto summary = study::summarizeSteps(steps, *observations, study)) {
            result.summary = std::move(summary).value();
        } else {
            result.error = QString::fromStdString(summary.error().message);
        }
    }
    result.steps = std::move(steps);
    QMetaObject::invokeMethod(
        this, [this, sequence, result = std::move(result)]() mutable { deliver(sequence, std::move(result)); },
        Qt::QueuedConnection);
}

void DataService::deliver(quint64 sequence, StudySummaryResult result)
{
    ++m_computed;
    if (result.error.isEmpty()) {   // an error (a file gone missing) is worth asking about again
        m_cache.push_front(result);
        if (m_cache.size() > kCacheSize)
            m_cache.pop_back();
    }
    if (sequence != m_sequence)
        return;
    m_pending.reset();
    emit summaryReady(result);
}

} // namespace gemba::ui
