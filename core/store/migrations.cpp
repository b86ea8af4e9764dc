// The project file's schema as numbered steps, and running them one transaction per step.
#include "store/migrations.h"

#include "store/database.h"
#include "store/project.h"
#include "store/transaction.h"
#include "study/stopwatchsession.h"

#include <map>
#include <optional>
#include <utility>

namespace gemba::store {
namespace {

// Version 1. Conventions:
//  - every table has an INTEGER PRIMARY KEY `id` (the rowid, so lookups by id are one b-tree);
//  - enums are stored as their stable text names (study/model.h toString), flags as 0/1 (read
//    as "non-zero"; no CHECK constraints, which cost an eighth of a bulk import's time);
//  - times are integer microseconds (*_us): boot clock for start/end, Unix epoch for *_wall_us;
//  - children are deleted with their parent (ON DELETE CASCADE) except an observation's step:
//    a step with observations cannot be deleted (NO ACTION is checked at the end of the
//    statement, so deleting a whole process, which removes its studies' observations in the
//    same statement, still works);
//  - foreign key columns have an index where parents are deleted in bulk: SQLite looks the
//    children up on every parent delete, and without one deleting a study of a million
//    observations would scan them once per cycle.
const std::string kSchemaV1 = R"sql(
-- Facts about the file itself: who created it, for support questions.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE processes (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);

-- The steps (elements) of a process, in order: position is 0-based and unique per process.
CREATE TABLE steps (
    id          INTEGER PRIMARY KEY,
    process_id  INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    type        TEXT NOT NULL DEFAULT 'manual',         -- manual | machine | walk
    value_class TEXT NOT NULL DEFAULT 'value-adding',   -- value-adding | necessary-non-value-adding | waste
    waste_kind  TEXT NOT NULL DEFAULT 'none',           -- none unless value_class is waste
    UNIQUE (process_id, position)
);

CREATE TABLE studies (
    id                INTEGER PRIMARY KEY,
    process_id        INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    date              TEXT NOT NULL DEFAULT '',   -- ISO 8601 date
    observer          TEXT NOT NULL DEFAULT '',
    location          TEXT NOT NULL DEFAULT '',
    shift             TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    rating_method     TEXT NOT NULL DEFAULT 'pace-rating',   -- none | pace-rating
    allowance_basis   TEXT NOT NULL DEFAULT 'normal',        -- normal | work (see standardtime.h)
    allowance_percent REAL NOT NULL DEFAULT 0,
    started_wall_us   INTEGER NOT NULL DEFAULT 0,
    ended_wall_us     INTEGER                                -- NULL while the study runs
);
CREATE INDEX studies_process ON studies (process_id);

-- Cycles are numbered from 1 within their study, as the observer counts them.
CREATE TABLE cycles (
    id       INTEGER PRIMARY KEY,
    study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
    number   INTEGER NOT NULL,
    UNIQUE (study_id, number)
);

CREATE TABLE observations (
    id              INTEGER PRIMARY KEY,
    study_id        INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
    cycle_id        INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    step_id         INTEGER NOT NULL REFERENCES steps(id),
    start_us        INTEGER NOT NULL,   -- boot clock (CLOCK_BOOTTIME)
    end_us          INTEGER NOT NULL,   -- boot clock
    wall_start_us   INTEGER NOT NULL,   -- Unix epoch
    duration_us     INTEGER NOT NULL,   -- end - start less pauses and foreign elements inside
    rating_percent  REAL,               -- NULL = not rated (100 %)
    foreign_element INTEGER NOT NULL DEFAULT 0,
    abnormal        INTEGER NOT NULL DEFAULT 0,
    excluded        INTEGER NOT NULL DEFAULT 0,
    excluded_reason TEXT NOT NULL DEFAULT '',
    spans_suspend   INTEGER NOT NULL DEFAULT 0,
    note            TEXT NOT NULL DEFAULT ''
);
-- A study's observations in time order: the views, the summaries, paging, export.
CREATE INDEX observations_study ON observations (study_id, start_us);
-- For the cycle foreign key: a study's deletion deletes its cycles, and each cycle deleted
-- looks up its observations; without this index that is a full scan per cycle.
CREATE INDEX observations_cycle ON observations (cycle_id);
-- Deliberately no index on step_id: a step is deleted rarely and only when unused, and then
-- one scan of the table (about 50 ms per million observations) checks it. The index would cost
-- every lap a fourth page to write and a bulk import a sixth of its time.

-- Later work (control charts, capability, takt, line balance, OEE, changeover, value stream)
-- keeps its settings and results here as JSON text under a `kind` ("control-chart", "takt",
-- "oee", ...), so a new kind of analysis needs no migration. Attached to a process, a study,
-- or neither (project-wide).
CREATE TABLE analyses (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    process_id      INTEGER REFERENCES processes(id) ON DELETE CASCADE,
    study_id        INTEGER REFERENCES studies(id) ON DELETE CASCADE,
    title           TEXT NOT NULL DEFAULT '',
    json            TEXT NOT NULL DEFAULT '{}',
    updated_wall_us INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX analyses_process ON analyses (process_id);
CREATE INDEX analyses_study ON analyses (study_id);

-- DMAIC project charters (problem statement, Y metric, baseline, goal, team, ...) as JSON text;
-- the fields live in core/dmaic, so the file does not fix them yet. A charter outlives the
-- process it was written for.
CREATE TABLE charters (
    id              INTEGER PRIMARY KEY,
    process_id      INTEGER REFERENCES processes(id) ON DELETE SET NULL,
    title           TEXT NOT NULL DEFAULT '',
    json            TEXT NOT NULL DEFAULT '{}',
    updated_wall_us INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX charters_process ON charters (process_id);
)sql";

Expected<bool> createVersion1(Database& db)
{
    // The same transaction as the tables: a file has its application_id only if it has a schema.
    if (auto ok = db.exec(kSchemaV1 + "PRAGMA application_id = " + std::to_string(kApplicationId) + ";"); !ok)
        return ok;
    auto stmt = db.prepare("INSERT INTO meta (key, value) VALUES ('created_by', ?)");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, std::string_view("Gemba Workbench " GEMBA_VERSION));
    return stmt->run();
}

// Version 2: each study keeps the element list it was timed against. Before, a study's steps
// were its process's steps as they are now, so adding a step to the process made every finished
// study incomplete (no cycle had the new step), and reordering or removing steps changed them too.
//  - study_steps is the study's list in its order, written when the study is created (a copy of
//    the process's steps then); editing the process afterwards changes future studies only.
//  - It refers to the step rows, so a renamed step is renamed in the study too (the same
//    element); a step can still be removed only while no observation refers to it, and then it
//    leaves the lists of the studies that never timed it (ON DELETE CASCADE).
//  - Existing studies get their process's steps at the time of the upgrade: the best record of
//    what they were timed against that a version 1 file has.
//  - Step observations that span suspend are excluded with the reason the stopwatch now gives
//    them (StopwatchSession::kSuspendReason), so that the studies of version 1 files are
//    summarised as new ones are; the analyst can include any of them again.
const std::string kSchemaV2 = R"sql(
-- The element list a study was timed against: its steps, in its order (position, 0-based).
CREATE TABLE study_steps (
    study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    step_id  INTEGER NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
    PRIMARY KEY (study_id, position)
) WITHOUT ROWID;
-- For the step foreign key: deleting a step (or a whole process) looks up its study lists.
CREATE INDEX study_steps_step ON study_steps (step_id);
INSERT INTO study_steps (study_id, position, step_id)
    SELECT studies.id, steps.position, steps.id FROM studies JOIN steps ON steps.process_id = studies.process_id;
)sql";

Expected<bool> createVersion2(Database& db)
{
    if (auto ok = db.exec(kSchemaV2); !ok)
        return ok;
    auto stmt = db.prepare("UPDATE observations SET excluded = 1, excluded_reason = ? "
                           "WHERE spans_suspend <> 0 AND excluded = 0 AND foreign_element = 0");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, std::string_view(study::StopwatchSession::kSuspendReason));
    return stmt->run();
}

// Version 3: data sets (issue 7 §1), any CSV file imported into the project as a named table
// of columns, each column one BLOB (the formats and why: store/dataset.h). A data set's charts
// are analyses rows that name it (dataset_id), deleted with it and restored with it by undo.
//  - name is UNIQUE: the user picks a data set by name (the window's list, `gemba chart
//    --dataset NAME`); the program checks first and says so plainly, the constraint is the
//    last word;
//  - dataset_columns is a rowid table, not WITHOUT ROWID: its rows hold BLOBs of megabytes,
//    which SQLite advises against in a WITHOUT ROWID table; the BLOB is the last column, so
//    listing the columns reads no overflow page; UNIQUE (dataset_id, position) also serves the
//    foreign key's lookups;
//  - analyses.dataset_id is added with ALTER TABLE (NULL for every existing row), so old files
//    keep their analyses as they are.
const std::string kSchemaV3 = R"sql(
CREATE TABLE datasets (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    source_file      TEXT NOT NULL DEFAULT '',
    imported_wall_us INTEGER NOT NULL DEFAULT 0,   -- Unix epoch
    row_count        INTEGER NOT NULL DEFAULT 0
);
-- A data set's columns in the file's order (position, 0-based); data is the column's values.
CREATE TABLE dataset_columns (
    id         INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    is_numeric INTEGER NOT NULL,   -- 1: little-endian doubles; 0: length-prefixed UTF-8 texts
    data       BLOB NOT NULL,
    UNIQUE (dataset_id, position),
    UNIQUE (dataset_id, name)
);
ALTER TABLE analyses ADD COLUMN dataset_id INTEGER REFERENCES datasets(id) ON DELETE CASCADE;
CREATE INDEX analyses_dataset ON analyses (dataset_id);
)sql";

Expected<bool> createVersion3(Database& db) { return db.exec(kSchemaV3); }

// Version 4: the work-study model of issue 8 (study/model.h): element kinds and frequency,
// internal work inside machine time, allowances by category, the selected-time rule, and the
// time a paused stopwatch spent inside an element.
//  - Every new column has a default that leaves an old file's figures as they were: steps are
//    cyclic (every 1 cycle), external (inside_step_id NULL) and without allowance overrides
//    (the four allow_* NULL: the step takes the study's, or its type's, categories); studies
//    get the four categories at 0, so their allowance is allowance_percent alone, the PF&D
//    figure not split by category that Study::allowancePercent keeps (added to the categories
//    for every element), the mean as selected time, and one unit per cycle.
//  - A step's allowance override is all four columns or none: NULL in all four = no override
//    (a NULL among set ones reads as 0).
//  - inside_step_id names the machine-controlled step a manual step runs inside; removing that
//    step makes its internal steps external again (ON DELETE SET NULL). The index serves that
//    lookup on every step delete.
//  - study_type_allowances: a study's allowance categories per step type (manual, machine,
//    walk), overriding the study's own; deleted with the study.
//  - observations.paused_us: how long the stopwatch was paused inside the element. Before
//    format 4 a pause was only the part of end - start that is neither the element's own time
//    nor a foreign element's, so existing rows get exactly that: max(0, end - start - duration
//    - the durations of the same study's foreign elements lying within [start, end]), for the
//    element rows (foreign elements get 0). An edit made to a duration before format 4 opens the
//    same gap and cannot be told from a pause; the study validity check (study/validity.h)
//    shows such a gap either way as time recorded.
const std::string kSchemaV4 = R"sql(
ALTER TABLE steps ADD COLUMN kind TEXT NOT NULL DEFAULT 'cyclic';          -- cyclic | occasional | machine
ALTER TABLE steps ADD COLUMN every REAL NOT NULL DEFAULT 1;                -- occasional: once every N
ALTER TABLE steps ADD COLUMN every_basis TEXT NOT NULL DEFAULT 'cycles';   -- cycles | units
ALTER TABLE steps ADD COLUMN inside_step_id INTEGER REFERENCES steps(id) ON DELETE SET NULL;
ALTER TABLE steps ADD COLUMN allow_personal REAL;                          -- percent; NULL = no override
ALTER TABLE steps ADD COLUMN allow_basic_fatigue REAL;
ALTER TABLE steps ADD COLUMN allow_variable_fatigue REAL;
ALTER TABLE steps ADD COLUMN allow_delay REAL;
CREATE INDEX steps_inside ON steps (inside_step_id);

ALTER TABLE studies ADD COLUMN allow_personal REAL NOT NULL DEFAULT 0;           -- percent
ALTER TABLE studies ADD COLUMN allow_basic_fatigue REAL NOT NULL DEFAULT 0;
ALTER TABLE studies ADD COLUMN allow_variable_fatigue REAL NOT NULL DEFAULT 0;
ALTER TABLE studies ADD COLUMN allow_delay REAL NOT NULL DEFAULT 0;
ALTER TABLE studies ADD COLUMN selected_time TEXT NOT NULL DEFAULT 'mean';       -- mean | median
ALTER TABLE studies ADD COLUMN units_per_cycle REAL NOT NULL DEFAULT 1;
ALTER TABLE studies ADD COLUMN operator_name TEXT NOT NULL DEFAULT '';
ALTER TABLE studies ADD COLUMN conditions TEXT NOT NULL DEFAULT '';

-- A study's allowance categories for the steps of one type, overriding the study's own.
CREATE TABLE study_type_allowances (
    study_id               INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
    step_type              TEXT NOT NULL,   -- manual | machine | walk
    allow_personal         REAL NOT NULL DEFAULT 0,
    allow_basic_fatigue    REAL NOT NULL DEFAULT 0,
    allow_variable_fatigue REAL NOT NULL DEFAULT 0,
    allow_delay            REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (study_id, step_type)
) WITHOUT ROWID;

ALTER TABLE observations ADD COLUMN paused_us INTEGER NOT NULL DEFAULT 0;
-- The foreign elements are found through observations_study (study_id, start_us).
UPDATE observations AS o SET paused_us = max(0, o.end_us - o.start_us - o.duration_us - coalesce(
        (SELECT sum(f.duration_us) FROM observations AS f
         WHERE f.study_id = o.study_id AND f.foreign_element <> 0
           AND f.start_us >= o.start_us AND f.start_us <= o.end_us AND f.end_us <= o.end_us), 0))
    WHERE o.foreign_element = 0;
)sql";

Expected<bool> createVersion4(Database& db) { return db.exec(kSchemaV4); }

} // namespace

const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> steps{
        {1, "create the schema", createVersion1},
        {2, "keep each study's element list", createVersion2},
        {3, "data sets imported from CSV files", createVersion3},
        {4, "element kinds, allowances by category, pauses", createVersion4},
    };
    return steps;
}

const std::string& schemaVersion1() { return kSchemaV1; }

const std::vector<std::string>& observationIndexes()
{
    static const std::vector<std::string> indexes{
        "CREATE INDEX observations_study ON observations (study_id, start_us)",
        "CREATE INDEX observations_cycle ON observations (cycle_id)",
    };
    return indexes;
}

Expected<bool> dropObservationIndexes(Database& db)
{
    for (const std::string& create : observationIndexes()) {
        // "CREATE INDEX <name> ON ..." -> "DROP INDEX <name>"
        const std::size_t nameStart = std::string("CREATE INDEX ").size();
        const std::string name = create.substr(nameStart, create.find(' ', nameStart) - nameStart);
        if (auto ok = db.exec("DROP INDEX " + name); !ok)
            return ok;
    }
    return true;
}

Expected<bool> createObservationIndexes(Database& db)
{
    for (const std::string& create : observationIndexes())
        if (auto ok = db.exec(create); !ok)
            return ok;
    return true;
}

Expected<int> migrate(Database& db, const std::vector<Migration>& steps)
{
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].version != static_cast<int>(i) + 1 || !steps[i].apply)
            return makeError(ErrorCode::InvalidArgument, "migration steps must be numbered 1, 2, 3, ... without gaps");
    const int target = static_cast<int>(steps.size());

    for (;;) {
        auto tx = Transaction::begin(db);
        if (!tx)
            return tx.error();
        auto version = db.queryInt("PRAGMA user_version");
        if (!version)
            return version.error();
        if (*version > target)
            return makeError(ErrorCode::OutOfRange, "'" + db.path() + "' has file format " + std::to_string(*version) +
                                                        ", newer than this version of Gemba Workbench reads (" +
                                                        std::to_string(target) + ")");
        if (*version == target)
            return target;   // the transaction wrote nothing; its rollback is free
        const Migration& step = steps[static_cast<std::size_t>(*version)];
        if (auto ok = step.apply(db); !ok)
            return makeError(ok.error().code, "upgrading '" + db.path() + "' to file format " +
                                                  std::to_string(step.version) + " (" + step.description +
                                                  ") failed; the file stays at file format " +
                                                  std::to_string(*version) + ": " + ok.error().message);
        // PRAGMA takes no parameters; the number is ours, not input.
        if (auto ok = db.exec("PRAGMA user_version = " + std::to_string(step.version)); !ok)
            return ok.error();
        if (auto ok = tx->commit(); !ok)
            return ok.error();
    }
}

} // namespace gemba::store

namespace gemba::store {
namespace {

// SQL text as far as its meaning goes: no comments, one blank between words and none next to
// punctuation, keywords and names in lower case; quoted text ('...', "...", `...`, [...]) as
// written.
std::string normaliseSql(std::string_view sql)
{
    std::string out;
    out.reserve(sql.size());
    bool blank = false;
    auto isPunct = [](char c) { return c == '(' || c == ')' || c == ',' || c == ';' || c == '='; };
    std::size_t i = 0;
    while (i < sql.size()) {
        const char c = sql[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            blank = true;
            ++i;
            continue;
        }
        if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            const std::size_t end = sql.find('\n', i);
            i = end == std::string_view::npos ? sql.size() : end;
            blank = true;
            continue;
        }
        if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            const std::size_t end = sql.find("*/", i + 2);
            i = end == std::string_view::npos ? sql.size() : end + 2;
            blank = true;
            continue;
        }
        if (blank && !out.empty() && !isPunct(out.back()) && !isPunct(c))
            out += ' ';
        blank = false;
        if (c == '\'' || c == '"' || c == '`' || c == '[') {
            const char close = c == '[' ? ']' : c;
            out += c;
            ++i;
            while (i < sql.size()) {
                out += sql[i];
                if (sql[i] == close) {
                    // A doubled quote is a quote inside the text ('it''s'); ']' cannot be doubled.
                    if (close != ']' && i + 1 < sql.size() && sql[i + 1] == close) {
                        out += sql[i + 1];
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
            continue;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        ++i;
    }
    return out;
}

std::string lower(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

struct SchemaObject {
    std::string type;
    std::string name;
    std::string table;
    std::optional<std::string> sql;   // NULL for sqlite_autoindex_* (UNIQUE, PRIMARY KEY)
};

// sqlite_schema by (type, lower-case name); names are case-insensitive in SQLite.
Expected<std::map<std::pair<std::string, std::string>, SchemaObject>> readSchema(Database& db)
{
    auto s = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema");
    if (!s)
        return s.error();
    std::map<std::pair<std::string, std::string>, SchemaObject> objects;
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return objects;
        SchemaObject o{s->text(0), s->text(1), lower(s->text(2)), std::nullopt};
        if (!s->isNull(3))
            o.sql = normaliseSql(s->textView(3));
        objects.emplace(std::pair(o.type, lower(o.name)), std::move(o));
    }
}

bool optionalObject(const std::string& name) { return name.starts_with("sqlite_stat"); }

} // namespace

Expected<bool> checkSchema(Database& db, const std::vector<Migration>& steps)
{
    auto version = db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    if (*version < 0 || *version > static_cast<std::int64_t>(steps.size()))
        return makeError(ErrorCode::OutOfRange, "file format " + std::to_string(*version) +
                                                    " is newer than this version of Gemba Workbench reads (" +
                                                    std::to_string(steps.size()) + ")");
    auto actual = readSchema(db);
    if (!actual)
        return actual.error();

    // What this build's own steps make of a blank database, up to the file's version.
    auto memory = Database::open(":memory:", Database::Access::ReadWriteCreate);
    if (!memory)
        return memory.error();
    const std::vector<Migration> upTo(steps.begin(), steps.begin() + *version);
    if (auto reached = migrate(*memory, upTo); !reached)
        return reached.error();
    if (auto ok = memory->exec("ANALYZE"); !ok)   // makes sqlite_stat1, which a file may have
        return ok;
    auto expected = readSchema(*memory);
    if (!expected)
        return expected.error();

    const std::string format = "file format " + std::to_string(*version);
    std::vector<std::string> extra;
    std::vector<std::string> changed;
    std::vector<std::string> missing;
    for (const auto& [key, object] : *actual) {
        const auto it = expected->find(key);
        const std::string what = (object.type == "index" ? "an " : "a ") + object.type + " '" + object.name + "'";
        if (it == expected->end()) {
            // Triggers first: they are what would act on the user's edits.
            auto& list = extra;
            list.insert(object.type == "trigger" ? list.begin() : list.end(), what);
        } else if (it->second.table != object.table || it->second.sql != object.sql) {
            changed.push_back("its " + object.type + " '" + object.name + "' is not the one " + format + " defines");
        }
    }
    for (const auto& [key, object] : *expected)
        if (!actual->contains(key) && !optionalObject(object.name))
            missing.push_back("its " + object.type + " '" + object.name + "' is missing");
    if (extra.empty() && changed.empty() && missing.empty())
        return true;

    std::vector<std::string> problems;
    if (!extra.empty()) {
        std::string list;
        for (std::size_t i = 0; i < extra.size(); ++i)
            list += (i == 0 ? "" : i + 1 == extra.size() ? " and " : ", ") + extra[i];
        problems.push_back("it has " + list + " that " + format + " does not have");
    }
    problems.insert(problems.end(), changed.begin(), changed.end());
    problems.insert(problems.end(), missing.begin(), missing.end());
    std::string message;
    for (std::size_t i = 0; i < problems.size(); ++i)
        message += (i == 0 ? "" : "; ") + problems[i];
    return makeError(ErrorCode::ParseError, message);
}

} // namespace gemba::store
