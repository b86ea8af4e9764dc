// Project: saved control charts, rows of the `analyses` table of kind "control-chart".
#include "store/project.h"

#include "store/database.h"
#include "store/rowreader.h"
#include "store/transaction.h"

#include <chrono>

namespace gemba::store {
namespace {

const std::string kChartColumns = "id, process_id, study_id, dataset_id, title, json";

std::int64_t nowWallUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Error noChart(Id id) { return makeError(ErrorCode::InvalidArgument, "no chart with id " + std::to_string(id)); }

// The row's columns are the truth for what the chart belongs to: an undo that had to give a
// restored study, process or data set a new id (snapshot.h) updated them, not the JSON text.
Expected<ChartSpec> readChart(const Statement& q, const std::string& path)
{
    auto spec = chartSpecFromJson(q.textView(5));
    if (!spec)
        return makeError(ErrorCode::ParseError,
                         "'" + path + "': chart " + std::to_string(q.int64(0)) + ": " + spec.error().message);
    spec->id = q.int64(0);
    spec->processId = q.optionalInt64(1);
    if (const auto study = q.optionalInt64(2); study && spec->source.studyIds.size() == 1)
        spec->source.studyIds.front() = *study;
    if (const auto dataSet = q.optionalInt64(3))
        spec->source.dataSetId = *dataSet;
    spec->title = q.text(4);
    return spec;
}

// What the row is tied to (see project.h): checked before it is written, with plain words.
struct Owners {
    std::optional<Id> process;
    std::optional<Id> study;
    std::optional<Id> dataSet;
};

Expected<Owners> ownersOf(Database& db, const ChartSpec& spec)
{
    Owners owners;
    if (spec.source.kind == ChartSourceKind::DataSetColumn) {
        if (spec.source.dataSetId == 0)
            return makeError(ErrorCode::InvalidArgument, "a chart of a data set column needs the data set");
        auto s = db.prepare("SELECT 1 FROM datasets WHERE id = ?");
        if (!s)
            return s.error();
        s->bind(1, spec.source.dataSetId);
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return makeError(ErrorCode::InvalidArgument, "no data set with id " + std::to_string(spec.source.dataSetId));
        // A data set belongs to the project, not to a process: its charts go with it alone, so
        // deleting a process never takes a data set's chart (nor could undoing that deletion
        // fail on a data set removed since).
        owners.dataSet = spec.source.dataSetId;
        return owners;
    }
    if (spec.source.studyIds.empty())
        return makeError(ErrorCode::InvalidArgument, "a chart of a study needs at least one study");
    auto s = db.prepare("SELECT process_id FROM studies WHERE id = ?");
    if (!s)
        return s.error();
    std::optional<Id> process;
    for (const Id study : spec.source.studyIds) {
        s->bind(1, study);
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return makeError(ErrorCode::InvalidArgument, "no study with id " + std::to_string(study));
        const Id of = s->int64(0);
        s->reset();
        if (process && *process != of)
            return makeError(ErrorCode::InvalidArgument, "the studies of one chart must be of one process");
        process = of;
    }
    if (spec.processId && *spec.processId != *process)
        return makeError(ErrorCode::InvalidArgument, "chart of process " + std::to_string(*spec.processId) +
                                                         ", but its studies are of process " +
                                                         std::to_string(*process));
    owners.process = process;
    if (spec.source.studyIds.size() == 1)
        owners.study = spec.source.studyIds.front();
    return owners;
}

void bindOwners(Statement& s, int first, const Owners& owners)
{
    s.bind(first, owners.process);
    s.bind(first + 1, owners.study);
    s.bind(first + 2, owners.dataSet);
}

Expected<std::vector<ChartSpec>> readCharts(Database& db, const std::string& path, const std::string& where,
                                            std::optional<Id> id)
{
    auto s = db.prepare("SELECT " + kChartColumns + " FROM analyses WHERE kind = ? " + where + " ORDER BY id");
    if (!s)
        return s.error();
    s->bind(1, kChartKind);
    if (id)
        s->bind(2, *id);
    return readRows<ChartSpec>(*s, [&](const Statement& q) { return readChart(q, path); });
}

} // namespace

namespace {

// The statement that writes a chart row, with the columns every write sets bound in this order:
// process_id, study_id, dataset_id, title, json, updated_wall_us (1-6); the caller binds the
// rest. The owners are checked first, and the JSON keeps the process the row is filed under.
Expected<Statement> chartWrite(Database& db, const std::string& path, const ChartSpec& spec, std::string_view sql)
{
    if (db.readOnly())
        return makeError(ErrorCode::InvalidArgument, "'" + path + "' is open read-only");
    auto owners = ownersOf(db, spec);
    if (!owners)
        return owners.error();
    auto s = db.prepare(sql);
    if (!s)
        return s.error();
    ChartSpec stored = spec;
    stored.processId = owners->process;
    bindOwners(*s, 1, *owners);
    s->bind(4, spec.title);
    s->bind(5, toJson(stored));
    s->bind(6, nowWallUs());
    return s;
}

} // namespace

Expected<Id> Project::addChart(const ChartSpec& spec)
{
    Database& db = database();
    auto s = chartWrite(db, path(), spec,
                        "INSERT INTO analyses (process_id, study_id, dataset_id, title, json, updated_wall_us, id, "
                        "kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return s.error();
    if (spec.id != 0)
        s->bind(7, spec.id);
    else
        s->bindNull(7);
    s->bind(8, kChartKind);
    if (auto ok = s->run(); !ok)
        return ok.error();
    return db.lastInsertRowid();
}

Expected<bool> Project::updateChart(const ChartSpec& spec)
{
    Database& db = database();
    auto s = chartWrite(db, path(), spec,
                        "UPDATE analyses SET process_id = ?, study_id = ?, dataset_id = ?, title = ?, json = ?, "
                        "updated_wall_us = ? WHERE id = ? AND kind = ?");
    if (!s)
        return s.error();
    s->bind(7, spec.id);
    s->bind(8, kChartKind);
    if (auto ok = s->run(); !ok)
        return ok;
    if (db.changes() == 0)
        return noChart(spec.id);
    return true;
}

Expected<bool> Project::removeChart(Id id)
{
    Database& db = database();
    if (db.readOnly())
        return makeError(ErrorCode::InvalidArgument, "'" + path() + "' is open read-only");
    auto s = db.prepare("DELETE FROM analyses WHERE id = ? AND kind = ?");
    if (!s)
        return s.error();
    s->bind(1, id);
    s->bind(2, kChartKind);
    if (auto ok = s->run(); !ok)
        return ok;
    if (db.changes() == 0)
        return noChart(id);
    return true;
}

Expected<ChartSpec> Project::chart(Id id) const
{
    auto list = readCharts(const_cast<Project*>(this)->database(), path(), "AND id = ?", id);
    if (!list)
        return list.error();
    if (list->empty())
        return noChart(id);
    return std::move(list->front());
}

Expected<std::vector<ChartSpec>> Project::charts(Id processId) const
{
    return readCharts(const_cast<Project*>(this)->database(), path(), "AND process_id = ?", processId);
}

Expected<std::vector<ChartSpec>> Project::dataSetCharts(Id dataSetId) const
{
    return readCharts(const_cast<Project*>(this)->database(), path(), "AND dataset_id = ?", dataSetId);
}

Expected<std::vector<ChartSpec>> Project::charts() const
{
    return readCharts(const_cast<Project*>(this)->database(), path(), "", std::nullopt);
}

} // namespace gemba::store
