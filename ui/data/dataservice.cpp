// The reads and computations whose cost grows with the project, done on one worker thread
// with one long-lived read connection (see dataservice.h).
#include "data/dataservice.h"

#include <sqlite3.h>

#include <QMetaObject>

#include <algorithm>

namespace gemba::ui {

namespace {
const QString kSummaryKind = QStringLiteral("summary");
} // namespace

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
    for (auto& [channel, waiting] : m_waiting)
        waiting.cancel->store(true);   // whatever is still queued is stale now
    if (sqlite3* db = m_readerHandle.load())
        sqlite3_interrupt(db);   // thread-safe by SQLite's contract: ends a read under way
    m_thread.quit();
    m_thread.wait();
    m_reader.reset();   // the worker is gone; closing the connection here is the only use
}

void DataService::supersede(Waiting& waiting)
{
    waiting.cancel->store(true);
    // Interrupt the read only while this very job runs: the connection is shared by every
    // channel, and an interrupt that came between two jobs would end the next one's read.
    // (An interrupt when no statement runs is a no-op: SQLite 3.40, sqlite3_interrupt.)
    std::lock_guard lock(m_runningMutex);
    if (m_running == waiting.cancel.get())
        if (sqlite3* db = m_readerHandle.load())
            sqlite3_interrupt(db);
}

void DataService::submitErased(QObject* requester, const QString& channel, const DataKey& key,
                               std::function<Result(const DataJob&)> work, std::function<void(const Result&)> done,
                               std::function<bool(const void*)> keep)
{
    const std::pair<const QObject*, QString> id{requester, channel};
    if (const auto found = m_waiting.find(id); found != m_waiting.end()) {
        if (found->second.key == key)
            return;   // the same state is already being computed, and will be answered
        supersede(found->second);
        m_waiting.erase(found);
    }
    if (requester && requester != this && std::find(m_watched.begin(), m_watched.end(), requester) == m_watched.end()) {
        m_watched.push_back(requester);
        connect(requester, &QObject::destroyed, this, [this, requester] {
            cancel(requester);
            m_watched.erase(std::remove(m_watched.begin(), m_watched.end(), requester), m_watched.end());
        });
    }
    const quint64 sequence = ++m_sequence;
    if (Result hit = cachedErased(key)) {
        done(hit);   // a slot may submit again meanwhile: nothing of this call is used after
        return;
    }
    auto task = std::make_shared<Task>();
    task->sequence = sequence;
    task->key = key;
    task->work = std::move(work);
    task->done = std::move(done);
    task->keep = std::move(keep);
    task->requester = requester;
    task->channel = id;
    task->cancel = std::make_shared<std::atomic<bool>>(false);
    m_waiting[id] = Waiting{sequence, key, task->cancel};
    QMetaObject::invokeMethod(m_worker, [this, task] { run(task); }, Qt::QueuedConnection);
}

void DataService::cancel(QObject* requester, const QString& channel)
{
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        if (it->first.first == requester && (channel.isEmpty() || it->first.second == channel)) {
            supersede(it->second);
            it = m_waiting.erase(it);
        } else {
            ++it;
        }
    }
}

DataService::Result DataService::cachedErased(const DataKey& key) const
{
    const auto found = std::find_if(m_cache.begin(), m_cache.end(), [&](const auto& entry) { return entry.first == key; });
    return found == m_cache.end() ? nullptr : found->second;
}

void DataService::run(const std::shared_ptr<Task>& task)
{
    if (task->cancel->load())
        return;   // superseded while it waited in the queue
    if (!m_reader && m_readerError.isEmpty()) {
        auto reader = store::Project::openSibling(m_project, store::OpenMode::ReadOnly);
        if (reader) {
            m_reader = std::move(reader).value();
            m_readerHandle = m_reader->handle();
        } else {
            m_readerError = QString::fromStdString(reader.error().message);
        }
    }
    DataJob job;
    job.m_reader = m_reader.get();
    job.m_readerError = m_readerError;
    job.m_cancel = task->cancel;
    {
        std::lock_guard lock(m_runningMutex);
        m_running = task->cancel.get();
    }
    // Every job reads in a transaction of its own (its statements are reset after it), so it
    // sees every edit the window's connection committed before the job was submitted.
    Result result = task->work(job);
    {
        std::lock_guard lock(m_runningMutex);
        m_running = nullptr;
    }
    if (!m_reader)
        m_readerError.clear();   // a file gone missing may be back for the next job
    if (task->cancel->load())
        return;   // superseded (perhaps interrupted) while it ran
    QMetaObject::invokeMethod(
        this, [this, task, result = std::move(result)] { deliver(task, result); }, Qt::QueuedConnection);
}

void DataService::deliver(const std::shared_ptr<Task>& task, const Result& result)
{
    ++m_computed;
    if (task->keep(result.get())) {
        m_cache.erase(std::remove_if(m_cache.begin(), m_cache.end(), [&](const auto& e) { return e.first == task->key; }),
                      m_cache.end());
        m_cache.emplace_front(task->key, result);
        if (m_cache.size() > kDefaultCacheSize)
            m_cache.pop_back();
    }
    const auto found = m_waiting.find(task->channel);
    if (found == m_waiting.end() || found->second.sequence != task->sequence)
        return;   // superseded after it ran
    m_waiting.erase(found);
    if (task->requester)
        task->done(result);
}

void DataService::requestSummary(const study::Study& study, std::vector<study::Step> steps, quint64 revision,
                                 QObject* requester)
{
    submit<StudySummaryResult>(
        requester ? requester : this, kSummaryKind, DataKey{kSummaryKind, study.id, revision, {}},
        [study, steps = std::move(steps), revision](const DataJob& job) {
            StudySummaryResult result;
            result.studyId = study.id;
            result.revision = revision;
            if (!job.reader()) {
                result.error = job.readerError();
            } else if (auto observations = job.reader()->observationsWithoutTexts(study.id); !observations) {
                result.error = QString::fromStdString(observations.error().message);
            } else if (auto summary = study::summarizeSteps(steps, *observations, study)) {
                result.summary = std::move(summary).value();
                result.validity = study::studyValidity(*observations);
            } else {
                result.error = QString::fromStdString(summary.error().message);
            }
            result.steps = steps;
            return result;
        },
        [this](const StudySummaryResult& result) { emit summaryReady(result); },
        // An error (a file gone missing) is worth asking about again.
        [](const StudySummaryResult& result) { return result.error.isEmpty(); });
}

const StudySummaryResult* DataService::cachedSummary(study::Id studyId, quint64 revision) const
{
    return cached<StudySummaryResult>(DataKey{kSummaryKind, studyId, revision, {}}).get();
}

} // namespace gemba::ui
