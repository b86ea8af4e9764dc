// Project: deleting studies, processes and observations so that undo can bring them back
// with the same ids and every field (see snapshot.h).
#include "store/project.h"

#include "store/database.h"
#include "store/modelrows.h"
#include "store/rowreader.h"
#include "store/transaction.h"

#include <algorithm>
#include <unordered_map>

namespace gemba::store {
namespace {

using namespace gemba::study;

// Old id -> id as restored. Empty maps (the usual case) keep every id: a snapshot's ids are
// free again unless SQLite handed them out since (it reuses the largest rowid after a delete).
// Then the whole snapshot is restored under new ids, so no row is merged into another.
struct IdMap {
    bool fresh = false;   // true: every row gets a new id
    std::unordered_map<Id, Id> processes, steps, studies, cycles, dataSets;

    static Id of(const std::unordered_map<Id, Id>& m, Id id)
    {
        const auto it = m.find(id);
        return it == m.end() ? id : it->second;
    }
};

void bindId(Statement& s, int index, const IdMap& map, Id id)
{
    if (map.fresh)
        s.bindNull(index);
    else
        s.bind(index, id);
}

Expected<bool> run(Statement& s)
{
    auto ok = s.run();
    s.reset();
    return ok;
}

Expected<std::vector<AnalysisRow>> readAnalyses(Database& db, const std::string& where, Id id)
{
    auto s = db.prepare("SELECT id, kind, process_id, study_id, title, json, updated_wall_us, dataset_id FROM analyses "
                        "WHERE " + where + " ORDER BY id");
    if (!s)
        return s.error();
    s->bind(1, id);
    return readRows<AnalysisRow>(*s, [](const Statement& q) {
        AnalysisRow a;
        a.id = q.int64(0);
        a.kind = q.text(1);
        a.processId = q.optionalInt64(2);
        a.studyId = q.optionalInt64(3);
        a.title = q.text(4);
        a.json = q.text(5);
        a.updatedWallUs = q.int64(6);
        a.dataSetId = q.optionalInt64(7);
        return a;
    });
}

Expected<bool> insertAnalyses(Database& db, const std::vector<AnalysisRow>& rows, const IdMap& map)
{
    if (rows.empty())
        return true;
    auto s = db.prepare("INSERT INTO analyses (id, kind, process_id, study_id, title, json, updated_wall_us, "
                        "dataset_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return s.error();
    for (const auto& a : rows) {
        bindId(*s, 1, map, a.id);
        s->bind(2, a.kind);
        s->bind(3, a.processId ? std::optional<Id>(IdMap::of(map.processes, *a.processId)) : std::nullopt);
        s->bind(4, a.studyId ? std::optional<Id>(IdMap::of(map.studies, *a.studyId)) : std::nullopt);
        s->bind(5, a.title);
        s->bind(6, a.json);
        s->bind(7, a.updatedWallUs);
        s->bind(8, a.dataSetId ? std::optional<Id>(IdMap::of(map.dataSets, *a.dataSetId)) : std::nullopt);
        if (auto ok = run(*s); !ok)
            return ok;
    }
    return true;
}

Expected<bool> insertObservations(Database& db, const std::vector<Observation>& rows, const IdMap& map)
{
    auto s = db.prepare("INSERT INTO observations (id, study_id, cycle_id, step_id, start_us, end_us, wall_start_us, "
                        "duration_us, rating_percent, foreign_element, abnormal, excluded, excluded_reason, "
                        "spans_suspend, note, paused_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return s.error();
    for (const auto& o : rows) {
        bindId(*s, 1, map, o.id);
        s->bind(2, IdMap::of(map.studies, o.studyId));
        s->bind(3, IdMap::of(map.cycles, o.cycleId));
        s->bind(4, IdMap::of(map.steps, o.stepId));
        s->bind(5, o.startUs);
        s->bind(6, o.endUs);
        s->bind(7, o.wallStartUs);
        s->bind(8, o.durationUs);
        s->bind(9, o.ratingPercent);
        s->bind(10, o.foreignElement);
        s->bind(11, o.abnormal);
        s->bind(12, o.excluded);
        s->bindStatic(13, o.excludedReason);
        s->bind(14, o.spansSuspend);
        s->bindStatic(15, o.note);
        s->bind(16, o.pausedUs);
        if (auto ok = run(*s); !ok)
            return ok;
    }
    return true;
}

// The study's row, cycles and observations (not its analyses), inside the caller's transaction.
Expected<bool> insertStudy(Database& db, const StudySnapshot& snap, IdMap& map)
{
    const Study& st = snap.study;
    auto s = db.prepare("INSERT INTO studies (id, process_id, date, observer, location, shift, notes, rating_method, "
                        "allowance_basis, allowance_percent, started_wall_us, ended_wall_us, " +
                        rows::studyExtraColumns() + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return s.error();
    bindId(*s, 1, map, st.id);
    s->bind(2, IdMap::of(map.processes, st.processId));
    s->bind(3, st.date);
    s->bind(4, st.observer);
    s->bind(5, st.location);
    s->bind(6, st.shift);
    s->bind(7, st.notes);
    s->bind(8, toString(st.ratingMethod));
    s->bind(9, toString(st.allowanceBasis));
    s->bind(10, st.allowancePercent);
    s->bind(11, st.startedWallUs);
    s->bind(12, st.endedWallUs);
    rows::bindStudyExtras(*s, 13, st);
    if (auto ok = run(*s); !ok)
        return ok;
    if (map.fresh)
        map.studies[st.id] = db.lastInsertRowid();
    if (auto ok = rows::writeTypeAllowances(db, IdMap::of(map.studies, st.id), st.typeAllowances); !ok)
        return ok;
    auto c = db.prepare("INSERT INTO cycles (id, study_id, number) VALUES (?, ?, ?)");
    if (!c)
        return c.error();
    for (const auto& cycle : snap.cycles) {
        bindId(*c, 1, map, cycle.id);
        c->bind(2, IdMap::of(map.studies, cycle.studyId));
        c->bind(3, cycle.number);
        if (auto ok = run(*c); !ok)
            return ok;
        if (map.fresh)
            map.cycles[cycle.id] = db.lastInsertRowid();
    }
    // The study's own element list. A step removed since (possible only if this study never
    // timed it) stays out; the positions keep their order.
    auto e = db.prepare("INSERT INTO study_steps (study_id, position, step_id) "
                        "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM steps WHERE id = ?)");
    if (!e)
        return e.error();
    for (std::size_t i = 0; i < snap.elementSteps.size(); ++i) {
        const Id step = IdMap::of(map.steps, snap.elementSteps[i]);
        e->bind(1, IdMap::of(map.studies, st.id));
        e->bind(2, static_cast<std::int64_t>(i));
        e->bind(3, step);
        e->bind(4, step);
        if (auto ok = run(*e); !ok)
            return ok;
    }
    return insertObservations(db, snap.observations, map);
}

Expected<bool> removeOne(Database& db, const char* sql, std::string_view what, Id id)
{
    auto s = db.prepare(sql);
    if (!s)
        return s.error();
    s->bind(1, id);
    if (auto ok = s->run(); !ok)
        return ok;
    if (db.changes() == 0)
        return makeError(ErrorCode::InvalidArgument, "no " + std::string(what) + " with id " + std::to_string(id));
    return true;
}

// Whether any of the ids is in use in `table`.
Expected<bool> anyTaken(Database& db, const char* table, const std::vector<Id>& ids)
{
    auto s = db.prepare(std::string("SELECT 1 FROM ") + table + " WHERE id = ?");
    if (!s)
        return s.error();
    for (const Id id : ids) {
        s->bind(1, id);
        auto row = s->step();
        s->reset();
        if (!row)
            return row.error();
        if (*row)
            return true;
    }
    return false;
}

Expected<bool> anyTaken(Database& db, const StudySnapshot& snap)
{
    std::vector<Id> cycles, observations, analyses;
    for (const auto& c : snap.cycles)
        cycles.push_back(c.id);
    for (const auto& o : snap.observations)
        observations.push_back(o.id);
    for (const auto& a : snap.analyses)
        analyses.push_back(a.id);
    for (const auto& [table, ids] : {std::pair{"studies", std::vector<Id>{snap.study.id}}, std::pair{"cycles", cycles},
                                     std::pair{"observations", observations}, std::pair{"analyses", analyses}}) {
        auto taken = anyTaken(db, table, ids);
        if (!taken || *taken)
            return taken;
    }
    return false;
}

Expected<bool> writable(const Database& db, const std::string& path)
{
    if (db.readOnly())
        return makeError(ErrorCode::InvalidArgument, "'" + path + "' is open read-only");
    return true;
}

} // namespace

Expected<Study> Project::findStudy(Id id)
{
    auto process = database().prepare("SELECT process_id FROM studies WHERE id = ?");
    if (!process)
        return process.error();
    process->bind(1, id);
    auto row = process->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::InvalidArgument, "no study with id " + std::to_string(id));
    auto list = studies(process->int64(0));
    if (!list)
        return list.error();
    for (auto& s : *list)
        if (s.id == id)
            return std::move(s);
    return makeError(ErrorCode::InvalidArgument, "no study with id " + std::to_string(id));
}

Expected<StudySnapshot> Project::studySnapshot(Id studyId)
{
    StudySnapshot snap;
    auto st = findStudy(studyId);
    if (!st)
        return st.error();
    snap.study = std::move(st).value();
    auto cycleRows = cycles(studyId);
    if (!cycleRows)
        return cycleRows.error();
    snap.cycles = std::move(cycleRows).value();
    auto obs = observations(studyId);
    if (!obs)
        return obs.error();
    snap.observations = std::move(obs).value();
    auto analyses = readAnalyses(database(), "study_id = ?", studyId);
    if (!analyses)
        return analyses.error();
    snap.analyses = std::move(analyses).value();
    auto elements = studySteps(studyId);
    if (!elements)
        return elements.error();
    for (const auto& step : *elements)
        snap.elementSteps.push_back(step.id);
    return snap;
}

Expected<ProcessSnapshot> Project::processSnapshot(Id processId)
{
    ProcessSnapshot snap;
    auto all = processes();
    if (!all)
        return all.error();
    const auto it = std::find_if(all->begin(), all->end(), [&](const Process& p) { return p.id == processId; });
    if (it == all->end())
        return makeError(ErrorCode::InvalidArgument, "no process with id " + std::to_string(processId));
    snap.process = *it;
    auto stepRows = steps(processId);
    if (!stepRows)
        return stepRows.error();
    snap.steps = std::move(stepRows).value();
    auto studyRows = studies(processId);
    if (!studyRows)
        return studyRows.error();
    for (const auto& st : *studyRows) {
        auto one = studySnapshot(st.id);
        if (!one)
            return one.error();
        snap.studies.push_back(std::move(one).value());
    }
    // Analyses of its studies are in the study snapshots; these are the process's own.
    auto analyses = readAnalyses(database(), "process_id = ? AND study_id IS NULL", processId);
    if (!analyses)
        return analyses.error();
    snap.analyses = std::move(analyses).value();
    auto charters = database().prepare("SELECT id FROM charters WHERE process_id = ? ORDER BY id");
    if (!charters)
        return charters.error();
    charters->bind(1, processId);
    auto charterIds = readRows<Id>(*charters, [](const Statement& q) { return q.int64(0); });
    if (!charterIds)
        return charterIds.error();
    snap.charterIds = std::move(charterIds).value();
    return snap;
}

Expected<bool> Project::removeStudy(Id id)
{
    if (auto ok = writable(database(), path()); !ok)
        return ok;
    // The foreign keys cascade to cycles, observations and analyses.
    return removeOne(database(), "DELETE FROM studies WHERE id = ?", "study", id);
}

Expected<Id> Project::restore(const StudySnapshot& snapshot)
{
    if (auto ok = writable(database(), path()); !ok)
        return ok.error();
    auto tx = Transaction::begin(database());
    if (!tx)
        return tx.error();
    IdMap map;
    auto taken = anyTaken(database(), snapshot);
    if (!taken)
        return taken.error();
    map.fresh = *taken;
    if (auto ok = insertStudy(database(), snapshot, map); !ok)
        return ok.error();
    if (auto ok = insertAnalyses(database(), snapshot.analyses, map); !ok)
        return ok.error();
    if (auto ok = tx->commit(); !ok)
        return ok.error();
    return IdMap::of(map.studies, snapshot.study.id);
}

Expected<Id> Project::restore(const ProcessSnapshot& snapshot)
{
    if (auto ok = writable(database(), path()); !ok)
        return ok.error();
    auto tx = Transaction::begin(database());
    if (!tx)
        return tx.error();
    Database& db = database();
    IdMap map;
    {
        std::vector<Id> steps;
        for (const auto& st : snapshot.steps)
            steps.push_back(st.id);
        std::vector<Id> analyses;
        for (const auto& a : snapshot.analyses)
            analyses.push_back(a.id);
        for (const auto& [table, ids] : {std::pair{"processes", std::vector<Id>{snapshot.process.id}},
                                         std::pair{"steps", steps}, std::pair{"analyses", analyses}}) {
            auto taken = anyTaken(db, table, ids);
            if (!taken)
                return taken.error();
            map.fresh = map.fresh || *taken;
        }
        for (const auto& st : snapshot.studies) {
            auto taken = anyTaken(db, st);
            if (!taken)
                return taken.error();
            map.fresh = map.fresh || *taken;
        }
    }
    {
        auto s = db.prepare("INSERT INTO processes (id, name, description) VALUES (?, ?, ?)");
        if (!s)
            return s.error();
        bindId(*s, 1, map, snapshot.process.id);
        s->bind(2, snapshot.process.name);
        s->bind(3, snapshot.process.description);
        if (auto ok = s->run(); !ok)
            return ok.error();
        if (map.fresh)
            map.processes[snapshot.process.id] = db.lastInsertRowid();
    }
    {
        // inside_step_id names a step of the same snapshot, perhaps one inserted later, and under
        // a new id when the ids are fresh: set below, once every step is in.
        auto s = db.prepare("INSERT INTO steps (id, process_id, position, name, description, type, value_class, "
                            "waste_kind, " + rows::stepExtraColumns() +
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!s)
            return s.error();
        for (const auto& step : snapshot.steps) {
            bindId(*s, 1, map, step.id);
            s->bind(2, IdMap::of(map.processes, step.processId));
            s->bind(3, step.position);
            s->bind(4, step.name);
            s->bind(5, step.description);
            s->bind(6, toString(step.type));
            s->bind(7, toString(step.valueClass));
            s->bind(8, toString(step.wasteKind));
            Step external = step;
            external.insideStepId = 0;
            rows::bindStepExtras(*s, 9, external);
            if (auto ok = run(*s); !ok)
                return ok.error();
            if (map.fresh)
                map.steps[step.id] = db.lastInsertRowid();
        }
        auto inside = db.prepare("UPDATE steps SET inside_step_id = ? WHERE id = ?");
        if (!inside)
            return inside.error();
        for (const auto& step : snapshot.steps) {
            if (step.insideStepId == 0)
                continue;
            inside->bind(1, IdMap::of(map.steps, step.insideStepId));
            inside->bind(2, IdMap::of(map.steps, step.id));
            if (auto ok = run(*inside); !ok)
                return ok.error();
        }
    }
    for (const auto& st : snapshot.studies) {
        if (auto ok = insertStudy(db, st, map); !ok)
            return ok.error();
        if (auto ok = insertAnalyses(db, st.analyses, map); !ok)
            return ok.error();
    }
    if (auto ok = insertAnalyses(db, snapshot.analyses, map); !ok)
        return ok.error();
    const Id processId = IdMap::of(map.processes, snapshot.process.id);
    {
        auto s = db.prepare("UPDATE charters SET process_id = ? WHERE id = ? AND process_id IS NULL");
        if (!s)
            return s.error();
        for (const Id charter : snapshot.charterIds) {
            s->bind(1, processId);
            s->bind(2, charter);
            if (auto ok = run(*s); !ok)
                return ok.error();
        }
    }
    if (auto ok = tx->commit(); !ok)
        return ok.error();
    return processId;
}

Expected<std::vector<Observation>> Project::observationsOf(const std::vector<Id>& ids)
{
    std::vector<Observation> out;
    out.reserve(ids.size());
    for (const Id id : ids) {
        auto o = observation(id);
        if (!o)
            return o.error();
        out.push_back(std::move(o).value());
    }
    return out;
}

Expected<bool> Project::removeObservations(const std::vector<Id>& ids)
{
    if (auto ok = writable(database(), path()); !ok)
        return ok;
    auto tx = Transaction::begin(database());
    if (!tx)
        return tx.error();
    auto s = database().prepare("DELETE FROM observations WHERE id = ?");
    if (!s)
        return s.error();
    for (const Id id : ids) {
        s->bind(1, id);
        if (auto ok = run(*s); !ok)
            return ok;
        if (database().changes() == 0)
            return makeError(ErrorCode::InvalidArgument, "no observation with id " + std::to_string(id));
    }
    return tx->commit();
}

Expected<std::vector<Id>> Project::restoreObservations(const std::vector<Observation>& rows)
{
    if (auto ok = writable(database(), path()); !ok)
        return ok.error();
    auto tx = Transaction::begin(database());
    if (!tx)
        return tx.error();
    std::vector<Id> ids;
    for (const auto& o : rows)
        ids.push_back(o.id);
    IdMap map;
    auto taken = anyTaken(database(), "observations", ids);
    if (!taken)
        return taken.error();
    map.fresh = *taken;
    if (map.fresh) {
        ids.clear();
        for (const auto& o : rows) {
            if (auto ok = insertObservations(database(), {o}, map); !ok)
                return ok.error();
            ids.push_back(database().lastInsertRowid());
        }
    } else if (auto ok = insertObservations(database(), rows, map); !ok) {
        return ok.error();
    }
    if (auto ok = tx->commit(); !ok)
        return ok.error();
    return ids;
}

Expected<std::vector<Id>> Project::observationIdsOfStep(Id stepId)
{
    auto s = database().prepare("SELECT id FROM observations WHERE step_id = ? ORDER BY id");
    if (!s)
        return s.error();
    s->bind(1, stepId);
    return readRows<Id>(*s, [](const Statement& q) { return q.int64(0); });
}

Expected<bool> Project::moveObservations(const std::vector<Id>& ids, Id stepId)
{
    if (auto ok = writable(database(), path()); !ok)
        return ok;
    auto tx = Transaction::begin(database());
    if (!tx)
        return tx.error();
    // Only within one process: an observation's step must belong to its study's process.
    auto s = database().prepare(
        "UPDATE observations SET step_id = ?1 WHERE id = ?2 AND (SELECT process_id FROM studies WHERE id = study_id) "
        "= (SELECT process_id FROM steps WHERE id = ?1)");
    if (!s)
        return s.error();
    for (const Id id : ids) {
        s->bind(1, stepId);
        s->bind(2, id);
        if (auto ok = run(*s); !ok)
            return ok;
        if (database().changes() == 0)
            return makeError(ErrorCode::InvalidArgument, "observation " + std::to_string(id) +
                                                             " cannot move to step " + std::to_string(stepId) +
                                                             ": no such observation, or the step is of another process");
    }
    return tx->commit();
}

// --- data sets -----------------------------------------------------------------------------

Expected<DataSetSnapshot> Project::dataSetSnapshot(Id id)
{
    DataSetSnapshot snap;
    auto info = dataSet(id);
    if (!info)
        return info.error();
    snap.info = std::move(info).value();
    auto s = database().prepare("SELECT data FROM dataset_columns WHERE dataset_id = ? ORDER BY position");
    if (!s)
        return s.error();
    s->bind(1, id);
    auto blobs = readRows<std::string>(*s, [](const Statement& q) { return std::string(q.blobView(0)); });
    if (!blobs)
        return blobs.error();
    snap.columnData = std::move(blobs).value();
    auto analyses = readAnalyses(database(), "dataset_id = ?", id);
    if (!analyses)
        return analyses.error();
    snap.analyses = std::move(analyses).value();
    return snap;
}

Expected<Id> Project::restore(const DataSetSnapshot& snapshot)
{
    if (auto ok = writable(database(), path()); !ok)
        return ok.error();
    if (snapshot.columnData.size() != snapshot.info.columns.size())
        return makeError(ErrorCode::InvalidArgument, "a data set snapshot needs one column's data per column");
    Database& db = database();
    auto tx = Transaction::begin(db);
    if (!tx)
        return tx.error();
    IdMap map;
    {
        std::vector<Id> analyses;
        for (const auto& a : snapshot.analyses)
            analyses.push_back(a.id);
        for (const auto& [table, ids] : {std::pair{"datasets", std::vector<Id>{snapshot.info.id}},
                                         std::pair{"analyses", analyses}}) {
            auto taken = anyTaken(db, table, ids);
            if (!taken)
                return taken.error();
            map.fresh = map.fresh || *taken;
        }
    }
    // A name taken since the removal (a new import) is not the user's mistake: the data set
    // comes back under the first free "name (n)".
    std::string name = snapshot.info.name;
    {
        auto s = db.prepare("SELECT 1 FROM datasets WHERE name = ?");
        if (!s)
            return s.error();
        for (int n = 2;; ++n) {
            s->bind(1, name);
            auto row = s->step();
            s->reset();
            if (!row)
                return row.error();
            if (!*row)
                break;
            name = snapshot.info.name + " (" + std::to_string(n) + ")";
        }
    }
    {
        auto s = db.prepare("INSERT INTO datasets (id, name, source_file, imported_wall_us, row_count) "
                            "VALUES (?, ?, ?, ?, ?)");
        if (!s)
            return s.error();
        bindId(*s, 1, map, snapshot.info.id);
        s->bind(2, name);
        s->bind(3, snapshot.info.sourceFile);
        s->bind(4, snapshot.info.importedWallUs);
        s->bind(5, snapshot.info.rowCount);
        if (auto ok = s->run(); !ok)
            return ok.error();
        map.dataSets[snapshot.info.id] = db.lastInsertRowid();
    }
    const Id id = IdMap::of(map.dataSets, snapshot.info.id);
    auto s = db.prepare("INSERT INTO dataset_columns (dataset_id, position, name, is_numeric, data) "
                        "VALUES (?, ?, ?, ?, ?)");
    if (!s)
        return s.error();
    for (std::size_t i = 0; i < snapshot.columnData.size(); ++i) {
        s->bind(1, id);
        s->bind(2, static_cast<std::int64_t>(i));
        s->bind(3, snapshot.info.columns[i].name);
        s->bind(4, snapshot.info.columns[i].numeric);
        s->bindBlobStatic(5, snapshot.columnData[i]);
        if (auto ok = run(*s); !ok)
            return ok.error();
    }
    if (auto ok = insertAnalyses(db, snapshot.analyses, map); !ok)
        return ok.error();
    if (auto ok = tx->commit(); !ok)
        return ok.error();
    return id;
}

} // namespace gemba::store
