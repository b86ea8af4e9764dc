// One project = one SQLite file (.gemba): processes, steps, studies, cycles, observations.
#include "store/project.h"

#include "store/database.h"
#include "store/modelrows.h"
#include "store/migrations.h"
#include "store/rowreader.h"
#include "store/transaction.h"

#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unordered_set>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace gemba::store {
namespace {

using namespace gemba::study;

// What the first 100 bytes of an SQLite file say (https://www.sqlite.org/fileformat.html).
struct FileHeader {
    bool exists = false;
    std::int64_t size = 0;
    bool isSqlite = false;      // the "SQLite format 3\0" magic string
    bool walMode = false;       // read and write versions 2 (offsets 18, 19)
    std::int64_t pageSize = 0;
    std::int64_t pageCount = 0;   // the in-header size, 0 unless valid (offset 28, checked by 92)
    std::uint32_t userVersion = 0;
    std::uint32_t applicationId = 0;
    bool writeBits = false;     // any of the mode's write bits (st_mode & 0222)
};

std::uint32_t bigEndian32(const unsigned char* p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | std::uint32_t(p[3]);
}

Expected<FileHeader> readHeader(const std::string& path)
{
    FileHeader h;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT)
            return h;
        return makeError(ErrorCode::IoError, "cannot open '" + path + "': " + std::strerror(errno));
    }
    h.exists = true;
    h.size = st.st_size;
    h.writeBits = (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0;
    if (!S_ISREG(st.st_mode))
        return makeError(ErrorCode::IoError, "cannot open '" + path + "': it is not a file");
    if (h.size == 0)
        return h;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return makeError(ErrorCode::IoError, "cannot open '" + path + "': " + std::strerror(errno));
    unsigned char buf[100] = {};
    const ssize_t got = ::read(fd, buf, sizeof buf);
    ::close(fd);
    if (got == static_cast<ssize_t>(sizeof buf) && std::memcmp(buf, "SQLite format 3", 16) == 0) {
        h.isSqlite = true;
        h.walMode = buf[18] == 2 && buf[19] == 2;
        const std::uint32_t pageSize = (std::uint32_t(buf[16]) << 8) | buf[17];
        h.pageSize = pageSize == 1 ? 65536 : pageSize;
        // The in-header database size is valid only when the change counter (24) equals the
        // version-valid-for number (92); older writers left it stale.
        if (bigEndian32(buf + 24) == bigEndian32(buf + 92))
            h.pageCount = bigEndian32(buf + 28);
        h.userVersion = bigEndian32(buf + 60);
        h.applicationId = bigEndian32(buf + 68);
    }
    return h;
}

bool fileExists(const std::string& path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

bool nonEmptyFile(const std::string& path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && st.st_size > 0;
}

// Why the user cannot change the file (empty when they can), and whether someone else may
// (then the file must be read with locks, not as immutable). The write bits count even for
// root, who may write any file: a file marked read-only is meant to stay as it is. The folder
// counts too: saving in WAL mode creates "<path>-wal" and "<path>-shm" beside the file.
struct Unwritable {
    std::string why;
    bool othersMayWrite = false;
};

Unwritable whyUnwritable(const std::string& path, const FileHeader& header)
{
    if (!header.writeBits)
        return {"its permissions let nobody change it", false};
    if (::access(path.c_str(), W_OK) != 0) {
        if (errno == EROFS)
            return {"it is on a read-only disk", false};
        return {std::string("you may not change it (") + std::strerror(errno) + ")", true};
    }
    const std::size_t slash = path.rfind('/');
    const std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    if (::access(folder.c_str(), W_OK | X_OK) != 0) {
        if (errno == EROFS)
            return {"it is on a read-only disk", false};
        return {"you may not create files in its folder, which saving needs", false};
    }
    return {};
}

// Whether some connection, in any process including this one, has "<path>-shm" open: SQLite's
// unix VFS holds a shared POSIX lock on the -shm's byte 128 (the "DMS" lock) from opening a
// WAL-mode file until closing it, and a crashed or killed process holds none. Read from
// /proc/locks (Linux) rather than with F_GETLK, because F_GETLK needs a descriptor of the -shm
// and closing it would drop every POSIX lock this process holds on that file, SQLite's own
// included. When it cannot tell (no /proc, a network file system whose locks live elsewhere)
// it says "no", and the caller does the safe thing for a crash.
bool walInUse(const std::string& path)
{
    struct stat st {};
    if (::stat((path + "-shm").c_str(), &st) != 0)
        return false;
    std::FILE* locks = std::fopen("/proc/locks", "re");
    if (!locks)
        return false;
    bool inUse = false;
    char line[512];
    while (!inUse && std::fgets(line, sizeof line, locks)) {
        // "1: POSIX  ADVISORY  READ 9838 fe:00:10953346 128 128" (a "->" marks a waiting request)
        char* rest = nullptr;   // strtok_r: two threads may open projects at once
        for (char* token = ::strtok_r(line, " \t\n", &rest); token; token = ::strtok_r(nullptr, " \t\n", &rest)) {
            unsigned int major = 0;
            unsigned int minor = 0;
            unsigned long long inode = 0;
            char end = 0;
            if (std::sscanf(token, "%x:%x:%llu%c", &major, &minor, &inode, &end) == 3) {
                inUse = inode == st.st_ino && major == ::major(st.st_dev) && minor == ::minor(st.st_dev);
                break;
            }
        }
    }
    std::fclose(locks);
    return inUse;
}

std::string hex(std::uint32_t v)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", v);
    return buf;
}

Error notOurs(const std::string& path, std::string_view why)
{
    return makeError(ErrorCode::ParseError, "'" + path + "' is not a Gemba Workbench project: " + std::string(why) +
                                                ". It has not been changed.");
}

Error newer(const std::string& path, std::int64_t version)
{
    return makeError(ErrorCode::OutOfRange,
                     "'" + path + "' was saved by a newer version of Gemba Workbench (file format " +
                         std::to_string(version) + "; this version reads up to " + std::to_string(kSchemaVersion) +
                         "). Open it with a newer version. It has not been changed.");
}

Error damaged(const std::string& path, const std::string& detail)
{
    return makeError(ErrorCode::IoError, "'" + path + "': " + std::string(kDamaged) + detail +
                                             ". Restore it from a backup. It has not been changed.");
}

// A failure to read the file at open, as one plain message: damage as damage (sqliteError
// marks it), anything else as "cannot read" (or as it is, when it already names the file).
Error readFailure(const std::string& path, const Error& e)
{
    if (const auto at = e.message.find(kDamaged); at != std::string::npos)
        return damaged(path, "parts of it are unreadable (SQLite: " + e.message.substr(at + kDamaged.size()) + ")");
    if (e.message.find("'" + path + "'") != std::string::npos)
        return e;
    return makeError(ErrorCode::IoError, "cannot read '" + path + "': " + e.message);
}

// A header that promises more pages than the file has: cut short by an interrupted copy,
// download or save. Only meaningful without a -wal or -journal, which may hold the rest.
std::string truncation(const FileHeader& h)
{
    if (h.pageCount <= 0 || h.pageSize <= 0 || h.size >= h.pageCount * h.pageSize)
        return {};
    return "it is " + std::to_string(h.size) + " bytes long, but its header says " +
           std::to_string(h.pageCount * h.pageSize) + " (it was cut short, perhaps by an interrupted copy)";
}

// The identity check on a connection (the header may be stale while a WAL is present).
// `blank` tells a brand-new empty database, which a read-write open turns into a project.
Expected<bool> checkIdentity(Database& db, const std::string& path, bool& blank)
{
    auto appId = db.queryInt("PRAGMA application_id");
    if (!appId)
        return readFailure(path, appId.error());
    auto version = db.queryInt("PRAGMA user_version");
    if (!version)
        return readFailure(path, version.error());
    auto objects = db.queryInt("SELECT count(*) FROM sqlite_schema");
    if (!objects)
        return readFailure(path, objects.error());
    blank = *appId == 0 && *version == 0 && *objects == 0;
    if (blank)
        return true;
    if (static_cast<std::uint32_t>(*appId) != static_cast<std::uint32_t>(kApplicationId))
        return notOurs(path, *appId == 0 ? "it is an SQLite database of another program"
                                         : "it is an SQLite database of another program (application id " +
                                               hex(static_cast<std::uint32_t>(*appId)) + ")");
    if (*version > kSchemaVersion)
        return newer(path, *version);
    return true;
}

// Everything decided before the file is written: whose it is, its version, that its schema is
// the one that version promises (checkSchema), and, unless quick_check will read the whole
// file anyway, that the root page of every table can be read (a handful of pages: a file cut
// short or overwritten there fails here, with one message, rather than at the first view).
Expected<bool> checkContents(Database& db, const std::string& path, bool probeTables, bool& blank)
{
    if (auto ok = checkIdentity(db, path, blank); !ok || blank)
        return ok;
    if (auto ok = checkSchema(db); !ok) {
        if (ok.error().code != ErrorCode::ParseError)
            return readFailure(path, ok.error());
        return makeError(ErrorCode::ParseError,
                         "'" + path + "' has been changed outside Gemba Workbench: " + ok.error().message +
                             ". It is not opened, so that the change cannot act on your data. It has not been changed.");
    }
    if (!probeTables)
        return true;
    auto tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'");
    if (!tables)
        return readFailure(path, tables.error());
    for (;;) {
        auto row = tables->step();
        if (!row)
            return readFailure(path, row.error());
        if (!*row)
            return true;
        std::string quoted = "\"";
        for (const char c : tables->textView(0))
            quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        auto probe = db.queryInt("SELECT 1 FROM " + quoted + "\" LIMIT 1");
        if (!probe)
            return readFailure(path, probe.error());
    }
}

// quick_check's verdict: empty when the file is sound, otherwise its first complaint.
std::string quickCheckProblem(Database& db)
{
    auto stmt = db.prepare("PRAGMA quick_check");
    if (!stmt)
        return stmt.error().message;
    auto row = stmt->step();
    if (!row)
        return row.error().message;
    if (!*row)
        return "quick_check returned nothing";
    std::string first = stmt->text(0);
    return first == "ok" ? std::string() : first;
}

Error badValue(const std::string& path, std::string_view table, Id id, std::string_view column, std::string_view value)
{
    return makeError(ErrorCode::ParseError, "'" + path + "': " + std::string(table) + " " + std::to_string(id) +
                                                " has an unknown " + std::string(column) + " '" + std::string(value) +
                                                "'");
}

// The file format 4 columns (store/modelrows.h) follow the older ones.
const std::string kStepColumns =
    "id, process_id, position, name, description, type, value_class, waste_kind, " + rows::stepExtraColumns();
const std::string kStudyColumns = "id, process_id, date, observer, location, shift, notes, rating_method, "
                                  "allowance_basis, allowance_percent, started_wall_us, ended_wall_us, " +
                                  rows::studyExtraColumns();
const std::string kObservationColumns = "id, study_id, cycle_id, step_id, start_us, end_us, wall_start_us, "
                                        "duration_us, rating_percent, foreign_element, abnormal, excluded, "
                                        "excluded_reason, spans_suspend, note, paused_us";

Expected<Step> readStep(const Statement& s, const std::string& path)
{
    Step step;
    step.id = s.int64(0);
    step.processId = s.int64(1);
    step.position = s.integer(2);
    step.name = s.text(3);
    step.description = s.text(4);
    const auto type = stepTypeFromString(s.textView(5));
    if (!type)
        return badValue(path, "step", step.id, "type", s.textView(5));
    const auto valueClass = valueClassFromString(s.textView(6));
    if (!valueClass)
        return badValue(path, "step", step.id, "value class", s.textView(6));
    const auto waste = wasteKindFromString(s.textView(7));
    if (!waste)
        return badValue(path, "step", step.id, "waste kind", s.textView(7));
    step.type = *type;
    step.valueClass = *valueClass;
    step.wasteKind = *waste;
    if (auto ok = rows::readStepExtras(s, 8, step, path); !ok)
        return ok.error();
    return step;
}

Expected<Study> readStudy(const Statement& s, const std::string& path)
{
    Study st;
    st.id = s.int64(0);
    st.processId = s.int64(1);
    st.date = s.text(2);
    st.observer = s.text(3);
    st.location = s.text(4);
    st.shift = s.text(5);
    st.notes = s.text(6);
    const auto rating = ratingMethodFromString(s.textView(7));
    if (!rating)
        return badValue(path, "study", st.id, "rating method", s.textView(7));
    const auto basis = allowanceBasisFromString(s.textView(8));
    if (!basis)
        return badValue(path, "study", st.id, "allowance basis", s.textView(8));
    st.ratingMethod = *rating;
    st.allowanceBasis = *basis;
    st.allowancePercent = s.real(9);
    st.startedWallUs = s.int64(10);
    st.endedWallUs = s.optionalInt64(11);
    if (auto ok = rows::readStudyExtras(s, 12, st, path); !ok)
        return ok.error();
    return st;
}

Observation readObservation(const Statement& s)
{
    Observation o;
    o.id = s.int64(0);
    o.studyId = s.int64(1);
    o.cycleId = s.int64(2);
    o.stepId = s.int64(3);
    o.startUs = s.int64(4);
    o.endUs = s.int64(5);
    o.wallStartUs = s.int64(6);
    o.durationUs = s.int64(7);
    o.ratingPercent = s.optionalReal(8);
    o.foreignElement = s.boolean(9);
    o.abnormal = s.boolean(10);
    o.excluded = s.boolean(11);
    o.excludedReason = s.text(12);
    o.spansSuspend = s.boolean(13);
    o.note = s.text(14);
    o.pausedUs = s.int64(15);
    return o;
}

// Binds the observation's fields (all but id and study) from parameter `first` on, in the
// order of kObservationColumns.
void bindObservationFields(Statement& s, int first, const Observation& o)
{
    s.bind(first, o.cycleId);
    s.bind(first + 1, o.stepId);
    s.bind(first + 2, o.startUs);
    s.bind(first + 3, o.endUs);
    s.bind(first + 4, o.wallStartUs);
    s.bind(first + 5, o.durationUs);
    s.bind(first + 6, o.ratingPercent);
    s.bind(first + 7, o.foreignElement);
    s.bind(first + 8, o.abnormal);
    s.bind(first + 9, o.excluded);
    s.bind(first + 10, o.excludedReason);
    s.bind(first + 11, o.spansSuspend);
    s.bind(first + 12, o.note);
    s.bind(first + 13, o.pausedUs);
}

} // namespace

struct Project::Impl {
    Database db;
    std::string path;
    std::string warning;

    Expected<bool> writable() const
    {
        if (db.readOnly())
            return makeError(ErrorCode::InvalidArgument, "'" + path + "' is open read-only");
        return true;
    }

    Expected<Statement*> stmt(const std::string& sql) { return db.cached(sql); }

    // Runs a cached statement that changes rows and checks that it changed one: an update or
    // delete of an id that does not exist is a caller's mistake, not a silent no-op.
    Expected<bool> changeOne(Statement& s, std::string_view what, Id id)
    {
        if (auto ok = s.run(); !ok)
            return ok.error();
        if (db.changes() == 0)
            return makeError(ErrorCode::InvalidArgument, "no " + std::string(what) + " with id " + std::to_string(id));
        return true;
    }

    Expected<std::int64_t> countWhere(const std::string& sql, Id id)
    {
        auto s = stmt(sql);
        if (!s)
            return s.error();
        Statement::Reset reset(**s);
        (*s)->bind(1, id);
        auto row = (*s)->step();
        if (!row)
            return row.error();
        return *row ? (*s)->int64(0) : 0;
    }
};

Project::Project() : m_d(std::make_unique<Impl>()) {}

Project::~Project()
{
    if (m_d && m_d->db.isOpen() && !m_d->db.readOnly())
        (void)m_d->db.exec("PRAGMA optimize");   // keeps the query planner's statistics current; cheap
}

Expected<std::unique_ptr<Project>> Project::open(const std::string& path, OpenMode mode)
{
    auto header = readHeader(path);
    if (!header)
        return header.error();
    if (!header->exists && mode == OpenMode::ReadOnly)
        return makeError(ErrorCode::IoError, "cannot open '" + path + "': no such file");

    std::unique_ptr<Project> project(new Project());
    Impl& d = *project->m_d;
    d.path = path;

    const bool hasContent = header->exists && header->size > 0;
    const bool hasWal = header->exists && fileExists(path + "-wal");
    const bool hasJournal = header->exists && nonEmptyFile(path + "-journal");
    const bool uncleanExit = hasWal && !walInUse(path);
    const Unwritable unwritable = header->exists ? whyUnwritable(path, *header) : Unwritable{};

    // 1. The header, read with plain read(2). Without a -wal it is current; with a rollback
    //    journal it may hold an unfinished transaction's changes, so only "ours" lets such a
    //    file go on (SQLite rolls the journal back when we write), never a guess at "blank".
    if (hasContent) {
        if (!header->isSqlite)
            return notOurs(path, "it is not an SQLite database");
        if (!hasWal) {
            const bool ours = header->applicationId == static_cast<std::uint32_t>(kApplicationId);
            const bool maybeBlank = header->applicationId == 0 && header->userVersion == 0 && !hasJournal;
            if (!ours && !maybeBlank)
                return notOurs(path, header->applicationId == 0
                                         ? "it is an SQLite database of another program"
                                         : "it is an SQLite database of another program (application id " +
                                               hex(header->applicationId) + ")");
            if (header->userVersion > static_cast<std::uint32_t>(kSchemaVersion))
                return newer(path, header->userVersion);
            if (!hasJournal)
                if (const std::string cut = truncation(*header); !cut.empty())
                    return damaged(path, cut);
        }
    }

    // 2. A read-only connection decides the rest before anything is written. Without a -wal
    //    or -journal it is immutable, so it creates no -wal/-shm either (a plain read-only
    //    connection to a WAL-mode file would, and could not remove them); with a -wal it
    //    shares the -shm like any reader. A hot journal makes it fail with
    //    SQLITE_READONLY_ROLLBACK, and the file is left as it is; step 1 has shown it is ours.
    Database inspector;
    bool immutable = false;
    bool inspected = false;
    bool blank = !hasContent;
    bool forcedReadOnly = false;
    if (hasContent) {
        immutable = !hasWal && !hasJournal;
        const auto access = immutable ? Database::Access::Immutable : Database::Access::ReadOnly;
        auto ro = Database::open(path, access);
        if (!ro)
            return readFailure(path, ro.error());
        inspector = std::move(*ro);
        Expected<bool> ok = inspector.configure();
        if (ok)
            ok = checkContents(inspector, path, !uncleanExit, blank);
        else
            ok = readFailure(path, ok.error());
        const bool hotJournal = hasJournal && !ok &&
                                sqlite3_extended_errcode(inspector.handle()) == SQLITE_READONLY_ROLLBACK;
        if (!ok && !hotJournal)
            return ok.error();
        inspected = !hotJournal;
        if (hotJournal)
            inspector.close();
        // Unclean exit = a "<path>-wal" that no connection holds (see project.h).
        if (inspected && uncleanExit && !blank) {
            if (const std::string problem = quickCheckProblem(inspector); !problem.empty()) {
                d.warning = "'" + path + "' was not closed cleanly and fails SQLite's integrity check (" +
                            problem +
                            "). It is open read-only so that nothing in it changes; copy out what you need or "
                            "restore a backup.";
                forcedReadOnly = true;
            }
        }
    }

    // 3. The connection the project works with.
    if (!forcedReadOnly && !unwritable.why.empty()) {
        d.warning = "'" + path + "' is read-only: " + unwritable.why +
                    ". It is open for reading only; to make changes, save a copy and open that.";
        forcedReadOnly = true;
    }
    const bool readOnly = forcedReadOnly || mode == OpenMode::ReadOnly;
    // Immutable only while nobody may write the file; a file that another user may change is
    // read with locks, as any reader of a shared WAL file (it may leave a -shm of ours).
    if (forcedReadOnly && inspector.isOpen() && !(immutable && unwritable.othersMayWrite)) {
        d.db = std::move(inspector);   // immutable or read-only: nothing it does writes
    } else {
        inspector.close();
        Database::Access access = Database::Access::ReadWriteCreate;
        if (forcedReadOnly)
            access = Database::Access::ReadOnly;   // shared with a writer, or after a hot journal
        else if (mode == OpenMode::ReadOnly)
            access = Database::Access::QueryOnly;
        auto db = Database::open(path, access);
        if (!db && access == Database::Access::QueryOnly)   // read-only media not seen above
            db = Database::open(path, Database::Access::ReadOnly);
        if (!db)
            return readFailure(path, db.error());
        d.db = std::move(*db);
        if (auto ok = d.db.configure(); !ok)
            return readFailure(path, ok.error());
        // After a hot journal: SQLite has just rolled back our own file; check it now, still
        // before anything of ours is written.
        if (hasContent && !inspected)
            if (auto ok = checkContents(d.db, path, true, blank); !ok)
                return ok.error();
        if (!hasContent)
            if (auto ok = checkIdentity(d.db, path, blank); !ok)
                return ok.error();
    }

    auto version = d.db.queryInt("PRAGMA user_version");
    if (!version)
        return readFailure(path, version.error());
    if (readOnly) {
        if (blank)
            return notOurs(path, "it is an empty database");
        if (*version < kSchemaVersion)
            return makeError(ErrorCode::InvalidArgument,
                             "'" + path + "' has the older file format " + std::to_string(*version) +
                                 "; open it for writing once to upgrade it");
        return project;
    }
    // Only now, with the file known to be ours (or blank), is anything written to it.
    if (auto ok = d.db.useWriteAheadLog(); !ok)
        return ok.error();
    if (auto reached = migrate(d.db); !reached)
        return reached.error();
    return project;
}

const std::string& Project::path() const { return m_d->path; }
bool Project::readOnly() const { return m_d->db.readOnly(); }
const std::string& Project::warning() const { return m_d->warning; }
sqlite3* Project::handle() const { return m_d->db.handle(); }
Database& Project::database() { return m_d->db; }

// --- processes ---------------------------------------------------------------------------

Expected<Id> Project::addProcess(Process& process)
{
    if (auto ok = m_d->writable(); !ok)
        return ok.error();
    // A process that comes back (redo of its creation) keeps its id, like a step.
    auto s = m_d->stmt("INSERT INTO processes (name, description, id) VALUES (?, ?, ?)");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, process.name);
    (*s)->bind(2, process.description);
    if (process.id != 0)
        (*s)->bind(3, process.id);
    else
        (*s)->bindNull(3);
    if (auto ok = (*s)->run(); !ok)
        return ok.error();
    process.id = m_d->db.lastInsertRowid();
    return process.id;
}

Expected<bool> Project::updateProcess(const Process& process)
{
    if (auto ok = m_d->writable(); !ok)
        return ok;
    auto s = m_d->stmt("UPDATE processes SET name = ?, description = ? WHERE id = ?");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, process.name);
    (*s)->bind(2, process.description);
    (*s)->bind(3, process.id);
    return m_d->changeOne(**s, "process", process.id);
}

Expected<bool> Project::removeProcess(Id id)
{
    if (auto ok = m_d->writable(); !ok)
        return ok;
    auto s = m_d->stmt("DELETE FROM processes WHERE id = ?");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, id);
    return m_d->changeOne(**s, "process", id);
}

Expected<std::vector<Process>> Project::processes() const
{
    auto s = m_d->stmt("SELECT id, name, description FROM processes ORDER BY id");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    return readRows<Process>(**s, [](const Statement& q) { return Process{q.int64(0), q.text(1), q.text(2)}; });
}

// --- steps -------------------------------------------------------------------------------
// Positions are unique per process and SQLite checks UNIQUE row by row during an UPDATE, so a
// block of steps is moved in two passes: first to distinct negative positions, then to the
// final ones, which no remaining row holds.

Expected<Id> Project::addStep(Step& step)
{
    if (auto ok = m_d->writable(); !ok)
        return ok.error();
    auto tx = Transaction::begin(m_d->db);
    if (!tx)
        return tx.error();
    auto processCount = m_d->countWhere("SELECT count(*) FROM processes WHERE id = ?", step.processId);
    if (!processCount)
        return processCount.error();
    if (*processCount == 0)
        return makeError(ErrorCode::InvalidArgument, "no process with id " + std::to_string(step.processId));
    auto count = m_d->countWhere("SELECT count(*) FROM steps WHERE process_id = ?", step.processId);
    if (!count)
        return count.error();
    const int position = (step.position < 0 || step.position > *count) ? static_cast<int>(*count) : step.position;
    if (auto ok = rows::checkStep(m_d->db, step); !ok)
        return ok.error();

    if (position < *count) {
        auto s = m_d->stmt("UPDATE steps SET position = -position - 1 WHERE process_id = ? AND position >= ?");
        if (!s)
            return s.error();
        Statement::Reset reset(**s);
        (*s)->bind(1, step.processId);
        (*s)->bind(2, position);
        if (auto ok = (*s)->run(); !ok)
            return ok.error();
    }
    {
        // A step that comes back (undo of its removal) keeps its id, so later edits that refer
        // to it still apply; a new step (id 0) gets the next one.
        auto s = m_d->stmt("INSERT INTO steps (process_id, position, name, description, type, value_class, waste_kind, "
                           "id, " + rows::stepExtraColumns() + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!s)
            return s.error();
        Statement::Reset reset(**s);
        (*s)->bind(1, step.processId);
        (*s)->bind(2, position);
        (*s)->bind(3, step.name);
        (*s)->bind(4, step.description);
        (*s)->bind(5, toString(step.type));
        (*s)->bind(6, toString(step.valueClass));
        (*s)->bind(7, toString(step.wasteKind));
        if (step.id != 0)
            (*s)->bind(8, step.id);
        else
            (*s)->bindNull(8);
        rows::bindStepExtras(**s, 9, step);
        if (auto ok = (*s)->run(); !ok)
            return ok.error();
    }
    const Id id = m_d->db.lastInsertRowid();
    if (position < *count) {
        auto s = m_d->stmt("UPDATE steps SET position = -position WHERE process_id = ? AND position < 0");
        if (!s)
            return s.error();
        Statement::Reset reset(**s);
        (*s)->bind(1, step.processId);
        if (auto ok = (*s)->run(); !ok)
            return ok.error();
    }
    if (auto ok = tx->commit(); !ok)
        return ok.error();
    step.id = id;
    step.position = position;
    return id;
}

Expected<bool> Project::updateStep(const Step& step)
{
    if (auto ok = m_d->writable(); !ok)
        return ok;
    if (auto ok = rows::checkStep(m_d->db, step); !ok)
        return ok;
    auto s = m_d->stmt("UPDATE steps SET name = ?, description = ?, type = ?, value_class = ?, waste_kind = ?, "
                       "kind = ?, every = ?, every_basis = ?, inside_step_id = ?, allow_personal = ?, "
                       "allow_basic_fatigue = ?, allow_variable_fatigue = ?, allow_delay = ? WHERE id = ?");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, step.name);
    (*s)->bind(2, step.description);
    (*s)->bind(3, toString(step.type));
    (*s)->bind(4, toString(step.valueClass));
    (*s)->bind(5, toString(step.wasteKind));
    rows::bindStepExtras(**s, 6, step);
    (*s)->bind(6 + rows::kStepExtraCount, step.id);
    return m_d->changeOne(**s, "step", step.id);
}

Expected<bool> Project::removeStep(Id id)
{
    if (auto ok = m_d->writable(); !ok)
        return ok;
    auto tx = Transaction::begin(m_d->db);
    if (!tx)
        return tx.error();
    Id processId = 0;
    int position = 0;
    std::string name;
    {
        auto s = m_d->stmt("SELECT process_id, position, name FROM steps WHERE id = ?");
        if (!s)
            return s.error();
        Statement::Reset reset(**s);
        (*s)->bind(1, id);
        auto row = (*s)->step();
        if (!row)
            return row.error();
        if (!*row)
            return makeError(ErrorCode::InvalidArgument, "no step with id " + std::to_string(id));
        processId = (*s)->int64(0);
        position = (*s)->integer(1);
        name = (*s)->text(2);
    }
    auto used = m_d->countWhere("SELECT count(*) FROM observations WHERE step_id = ?", id);
    if (!used)
        return used.error();
    if (*used > 0)
        return makeError(ErrorCode::InvalidArgument,
                         "the step '" + name + "' cannot be removed: " + std::to_string(*used) +
                             (*used == 1 ? " observation refers" : " observations refer") +
                             " to it. Remove or move them first.");
    {
        auto s = m_d->stmt("DELETE FROM steps WHERE id = ?");
        if (!s)
            return s.error();
        Statement::Reset reset(**s);
        (*s)->bind(1, id);
        if (auto ok = (*s)->run(); !ok)
            return ok.error();
    }
    // Close the gap: p > position becomes -p, then p - 1.
    {
        auto s = m_d->stmt("UPDATE steps SET position = -position WHERE process_id = ? AND position > ?");
        if (!s)
            return s.error();
        Statement::Reset reset(**s);
        (*s)->bind(1, processId);
        (*s)->bind(2, position);
        if (auto ok = (*s)->run(); !ok)
            return ok.error();
    }
    {
        auto s = m_d->stmt("UPDATE steps SET position = -position - 1 WHERE process_id = ? AND position < 0");
        if (!s)
            return s.error();
        Statement::Reset reset(**s);
        (*s)->bind(1, processId);
        if (auto ok = (*s)->run(); !ok)
            return ok.error();
    }
    return tx->commit();
}

Expected<bool> Project::reorderSteps(Id processId, const std::vector<Id>& order)
{
    if (auto ok = m_d->writable(); !ok)
        return ok;
    auto tx = Transaction::begin(m_d->db);
    if (!tx)
        return tx.error();
    std::unordered_set<Id> current;
    {
        auto s = m_d->stmt("SELECT id FROM steps WHERE process_id = ?");
        if (!s)
            return s.error();
        Statement::Reset reset(**s);
        (*s)->bind(1, processId);
        for (;;) {
            auto row = (*s)->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            current.insert((*s)->int64(0));
        }
    }
    const std::unordered_set<Id> wanted(order.begin(), order.end());
    if (wanted.size() != order.size() || wanted != current)
        return makeError(ErrorCode::InvalidArgument, "the new order must list each of the process's " +
                                                         std::to_string(current.size()) + " steps exactly once");
    {
        auto s = m_d->stmt("UPDATE steps SET position = -position - 1 WHERE process_id = ?");
        if (!s)
            return s.error();
        Statement::Reset reset(**s);
        (*s)->bind(1, processId);
        if (auto ok = (*s)->run(); !ok)
            return ok.error();
    }
    auto s = m_d->stmt("UPDATE steps SET position = ? WHERE id = ?");
    if (!s)
        return s.error();
    for (std::size_t i = 0; i < order.size(); ++i) {
        Statement::Reset reset(**s);
        (*s)->bind(1, static_cast<std::int64_t>(i));
        (*s)->bind(2, order[i]);
        if (auto ok = (*s)->run(); !ok)
            return ok.error();
    }
    return tx->commit();
}

Expected<std::vector<Step>> Project::steps(Id processId) const
{
    auto s = m_d->stmt("SELECT " + kStepColumns + " FROM steps WHERE process_id = ? ORDER BY position");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, processId);
    return readRows<Step>(**s, [&](const Statement& q) { return readStep(q, m_d->path); });
}

// --- studies and cycles ------------------------------------------------------------------

Expected<Id> Project::addStudy(Study& st)
{
    if (auto ok = m_d->writable(); !ok)
        return ok.error();
    // The study and its element list together: a study without its list would be summarised
    // against no steps at all.
    auto tx = Transaction::begin(m_d->db);
    if (!tx)
        return tx.error();
    {
        auto s = m_d->stmt("INSERT INTO studies (process_id, date, observer, location, shift, notes, rating_method, "
                           "allowance_basis, allowance_percent, started_wall_us, ended_wall_us, " +
                           rows::studyExtraColumns() + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!s)
            return s.error();
        Statement::Reset reset(**s);
        Statement& q = **s;
        q.bind(1, st.processId);
        q.bind(2, st.date);
        q.bind(3, st.observer);
        q.bind(4, st.location);
        q.bind(5, st.shift);
        q.bind(6, st.notes);
        q.bind(7, toString(st.ratingMethod));
        q.bind(8, toString(st.allowanceBasis));
        q.bind(9, st.allowancePercent);
        q.bind(10, st.startedWallUs);
        q.bind(11, st.endedWallUs);
        rows::bindStudyExtras(q, 12, st);
        if (auto ok = q.run(); !ok)
            return ok.error();
    }
    const Id id = m_d->db.lastInsertRowid();
    if (auto ok = rows::writeTypeAllowances(m_d->db, id, st.typeAllowances); !ok)
        return ok.error();
    {
        auto s = m_d->stmt("INSERT INTO study_steps (study_id, position, step_id) "
                           "SELECT ?, position, id FROM steps WHERE process_id = ?");
        if (!s)
            return s.error();
        Statement::Reset reset(**s);
        (*s)->bind(1, id);
        (*s)->bind(2, st.processId);
        if (auto ok = (*s)->run(); !ok)
            return ok.error();
    }
    if (auto ok = tx->commit(); !ok)
        return ok.error();
    st.id = id;
    return st.id;
}

Expected<std::vector<Step>> Project::studySteps(Id studyId) const
{
    auto s = m_d->stmt("SELECT steps.id, steps.process_id, study_steps.position, steps.name, steps.description, "
                       "steps.type, steps.value_class, steps.waste_kind, " + rows::stepExtraColumns("steps.") +
                       " FROM study_steps "
                       "JOIN steps ON steps.id = study_steps.step_id WHERE study_steps.study_id = ? "
                       "ORDER BY study_steps.position");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, studyId);
    auto steps = readRows<Step>(**s, [&](const Statement& q) { return readStep(q, m_d->path); });
    if (!steps)
        return steps.error();
    // Positions as an index into this list, also where a removed step left a gap.
    for (std::size_t i = 0; i < steps->size(); ++i)
        (*steps)[i].position = static_cast<int>(i);
    return steps;
}

Expected<bool> Project::appendStudyStep(Id studyId, Id stepId)
{
    if (auto ok = m_d->writable(); !ok)
        return ok;
    auto s = m_d->stmt("INSERT INTO study_steps (study_id, position, step_id) "
                       "SELECT ?, coalesce(max(position) + 1, 0), ? FROM study_steps WHERE study_id = ?");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, studyId);
    (*s)->bind(2, stepId);
    (*s)->bind(3, studyId);
    return (*s)->run();
}

Expected<std::vector<Project::StudyStepPlace>> Project::studyStepPlaces(Id stepId) const
{
    auto s = m_d->stmt("SELECT study_id, position FROM study_steps WHERE step_id = ? ORDER BY study_id");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, stepId);
    return readRows<StudyStepPlace>(**s, [](const Statement& q) { return StudyStepPlace{q.int64(0), q.int64(1)}; });
}

Expected<bool> Project::restoreStudyStepPlaces(Id stepId, const std::vector<StudyStepPlace>& places)
{
    if (auto ok = m_d->writable(); !ok)
        return ok;
    auto tx = Transaction::begin(m_d->db);
    if (!tx)
        return tx.error();
    auto s = m_d->stmt("INSERT INTO study_steps (study_id, position, step_id) VALUES (?, ?, ?)");
    if (!s)
        return s.error();
    for (const StudyStepPlace& place : places) {
        Statement::Reset reset(**s);
        (*s)->bind(1, place.studyId);
        (*s)->bind(2, place.position);
        (*s)->bind(3, stepId);
        if (auto ok = (*s)->run(); !ok)
            return ok.error();
    }
    if (auto ok = tx->commit(); !ok)
        return ok.error();
    return true;
}

Expected<std::vector<Id>> Project::stepsInside(Id stepId) const
{
    auto s = m_d->stmt("SELECT id FROM steps WHERE inside_step_id = ? ORDER BY id");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, stepId);
    return readRows<Id>(**s, [](const Statement& q) { return q.int64(0); });
}

Expected<bool> Project::restoreStepsInside(Id stepId, const std::vector<Id>& insideSteps)
{
    if (auto ok = m_d->writable(); !ok)
        return ok;
    auto tx = Transaction::begin(m_d->db);
    if (!tx)
        return tx.error();
    auto s = m_d->stmt("UPDATE steps SET inside_step_id = ?1 WHERE id = ?2 AND "
                       "process_id = (SELECT process_id FROM steps WHERE id = ?1)");
    if (!s)
        return s.error();
    for (const Id id : insideSteps) {
        Statement::Reset reset(**s);
        (*s)->bind(1, stepId);
        (*s)->bind(2, id);
        if (auto ok = (*s)->run(); !ok)
            return ok.error();
    }
    return tx->commit();
}

Expected<bool> Project::updateStudy(const Study& st)
{
    if (auto ok = m_d->writable(); !ok)
        return ok;
    // The row and its per-type allowances together.
    auto tx = Transaction::begin(m_d->db);
    if (!tx)
        return tx.error();
    auto s = m_d->stmt("UPDATE studies SET date = ?, observer = ?, location = ?, shift = ?, notes = ?, "
                       "rating_method = ?, allowance_basis = ?, allowance_percent = ?, started_wall_us = ?, "
                       "ended_wall_us = ?, allow_personal = ?, allow_basic_fatigue = ?, allow_variable_fatigue = ?, "
                       "allow_delay = ?, selected_time = ?, units_per_cycle = ?, operator_name = ?, conditions = ? "
                       "WHERE id = ?");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    Statement& q = **s;
    q.bind(1, st.date);
    q.bind(2, st.observer);
    q.bind(3, st.location);
    q.bind(4, st.shift);
    q.bind(5, st.notes);
    q.bind(6, toString(st.ratingMethod));
    q.bind(7, toString(st.allowanceBasis));
    q.bind(8, st.allowancePercent);
    q.bind(9, st.startedWallUs);
    q.bind(10, st.endedWallUs);
    rows::bindStudyExtras(q, 11, st);
    q.bind(11 + rows::kStudyExtraCount, st.id);
    if (auto ok = m_d->changeOne(q, "study", st.id); !ok)
        return ok;
    if (auto ok = rows::writeTypeAllowances(m_d->db, st.id, st.typeAllowances); !ok)
        return ok;
    return tx->commit();
}

Expected<std::vector<Study>> Project::studies(Id processId) const
{
    auto s = m_d->stmt("SELECT " + kStudyColumns + " FROM studies WHERE process_id = ? ORDER BY id");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, processId);
    auto list = readRows<Study>(**s, [&](const Statement& q) { return readStudy(q, m_d->path); });
    if (!list)
        return list.error();
    auto byType = rows::readTypeAllowancesOfProcess(m_d->db, processId, m_d->path);
    if (!byType)
        return byType.error();
    for (Study& st : *list)
        if (const auto it = byType->find(st.id); it != byType->end())
            st.typeAllowances = it->second;
    return list;
}

Expected<Id> Project::addCycle(Cycle& cycle)
{
    if (auto ok = m_d->writable(); !ok)
        return ok.error();
    auto s = m_d->stmt("INSERT INTO cycles (study_id, number) VALUES (?, ?)");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, cycle.studyId);
    (*s)->bind(2, cycle.number);
    if (auto ok = (*s)->run(); !ok)
        return ok.error();
    cycle.id = m_d->db.lastInsertRowid();
    return cycle.id;
}

Expected<std::vector<Cycle>> Project::cycles(Id studyId) const
{
    auto s = m_d->stmt("SELECT id, study_id, number FROM cycles WHERE study_id = ? ORDER BY number");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, studyId);
    return readRows<Cycle>(**s, [](const Statement& q) { return Cycle{q.int64(0), q.int64(1), q.integer(2)}; });
}

// --- observations ------------------------------------------------------------------------
// Each write is one statement in its own implicit transaction: with synchronous=FULL it has
// reached the disk when sqlite3_step returns, which is what LapSink promises.

Expected<Id> Project::addObservation(Observation& obs)
{
    if (auto ok = m_d->writable(); !ok)
        return ok.error();
    auto s = m_d->stmt("INSERT INTO observations (" + kObservationColumns.substr(4) +
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, obs.studyId);
    bindObservationFields(**s, 2, obs);
    if (auto ok = (*s)->run(); !ok)
        return ok.error();
    obs.id = m_d->db.lastInsertRowid();
    return obs.id;
}

Expected<bool> Project::updateObservation(const Observation& obs)
{
    if (auto ok = m_d->writable(); !ok)
        return ok;
    auto s = m_d->stmt("UPDATE observations SET cycle_id = ?, step_id = ?, start_us = ?, end_us = ?, "
                       "wall_start_us = ?, duration_us = ?, rating_percent = ?, foreign_element = ?, abnormal = ?, "
                       "excluded = ?, excluded_reason = ?, spans_suspend = ?, note = ?, paused_us = ? WHERE id = ?");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    bindObservationFields(**s, 1, obs);
    (*s)->bind(15, obs.id);
    return m_d->changeOne(**s, "observation", obs.id);
}

Expected<bool> Project::removeObservation(Id id)
{
    if (auto ok = m_d->writable(); !ok)
        return ok;
    auto s = m_d->stmt("DELETE FROM observations WHERE id = ?");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, id);
    return m_d->changeOne(**s, "observation", id);
}

Expected<bool> Project::undoLap(std::span<const Observation> reattributed, Id removedId)
{
    if (auto ok = m_d->writable(); !ok)
        return ok;
    // Unlike the single writes above, several statements: one transaction, so that a failure
    // part-way (disk full, a crash) leaves every row as it was.
    auto tx = Transaction::begin(m_d->db);
    if (!tx)
        return tx.error();
    for (const Observation& o : reattributed)
        if (auto ok = updateObservation(o); !ok)
            return ok;
    if (auto ok = removeObservation(removedId); !ok)
        return ok;
    return tx->commit();
}

Expected<std::vector<Observation>> Project::observations(Id studyId) const
{
    return observations(studyId, 0, -1);
}

Expected<std::vector<Observation>> Project::observations(Id studyId, std::int64_t offset, std::int64_t limit) const
{
    // The index (study_id, start_us) ends in the rowid, so this order is read straight off it.
    // OFFSET skips rows one by one; fine for the first pages a view shows.
    auto s = m_d->stmt("SELECT " + kObservationColumns +
                       " FROM observations WHERE study_id = ? ORDER BY start_us, id LIMIT ? OFFSET ?");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, studyId);
    (*s)->bind(2, limit);
    (*s)->bind(3, std::max<std::int64_t>(offset, 0));
    const auto reserve = static_cast<std::size_t>(limit > 0 ? std::min<std::int64_t>(limit, 1 << 16) : 0);
    return readRows<Observation>(**s, readObservation, reserve);
}

Expected<std::vector<Observation>> Project::observationsAfter(Id studyId, std::int64_t afterStartUs, Id afterId,
                                                              std::int64_t limit) const
{
    // Keyset paging: the next rows in (start_us, id) order, read straight off the index, so the
    // millionth row costs what the first did (OFFSET would skip every row before it).
    auto s = m_d->stmt("SELECT " + kObservationColumns +
                       " FROM observations WHERE study_id = ? AND (start_us, id) > (?, ?)"
                       " ORDER BY start_us, id LIMIT ?");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, studyId);
    (*s)->bind(2, afterStartUs);
    (*s)->bind(3, afterId);
    (*s)->bind(4, limit);
    const auto reserve = static_cast<std::size_t>(limit > 0 ? std::min<std::int64_t>(limit, 1 << 16) : 0);
    return readRows<Observation>(**s, readObservation, reserve);
}

Expected<Observation> Project::observation(Id id) const
{
    auto s = m_d->stmt("SELECT " + kObservationColumns + " FROM observations WHERE id = ?");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, id);
    auto row = (*s)->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::InvalidArgument, "no observation with id " + std::to_string(id));
    return readObservation(**s);
}

Expected<std::int64_t> Project::observationCount(Id studyId) const
{
    return m_d->countWhere("SELECT count(*) FROM observations WHERE study_id = ?", studyId);
}

Expected<std::int64_t> Project::observationCount() const
{
    auto s = m_d->stmt("SELECT count(*) FROM observations");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    auto row = (*s)->step();
    if (!row)
        return row.error();
    return (*s)->int64(0);
}

// --- other connections ---------------------------------------------------------------------

Expected<std::unique_ptr<Project>> Project::openSibling(const Project& open, OpenMode mode)
{
    const std::string& path = open.path();
    if (mode == OpenMode::ReadWrite && open.readOnly())
        return makeError(ErrorCode::InvalidArgument, "'" + path + "' is open read-only");
    std::unique_ptr<Project> project(new Project());
    Impl& d = *project->m_d;
    d.path = path;
    d.warning = open.warning();
    // A reading sibling of a project opened immutable (a file nobody may write) is immutable too:
    // no -wal or -shm may appear beside that file. Otherwise it is a plain read-only connection
    // (query_only would refuse VACUUM INTO); the project's own connection outlives it and
    // tidies the -wal and -shm when it closes.
    Database::Access access = Database::Access::ReadWrite;
    if (mode == OpenMode::ReadOnly)
        access = open.m_d->db.access() == Database::Access::Immutable ? Database::Access::Immutable
                                                                       : Database::Access::ReadOnly;
    auto db = Database::open(path, access);
    if (!db)
        return db.error();
    d.db = std::move(*db);
    if (auto ok = d.db.configure(); !ok)
        return ok.error();
    bool blank = false;   // a cheap guard against a file replaced under us since `open`
    if (auto ok = checkIdentity(d.db, path, blank); !ok)
        return ok.error();
    if (blank)
        return notOurs(path, "it is an empty database");
    return project;
}

Expected<std::vector<Observation>> Project::observationsWithoutTexts(Id studyId) const
{
    // Same order as observations(studyId), so anything summed over the rows gives the same bits.
    auto s = m_d->stmt("SELECT id, study_id, cycle_id, step_id, start_us, end_us, wall_start_us, duration_us, "
                       "rating_percent, foreign_element, abnormal, excluded, spans_suspend, paused_us FROM observations "
                       "WHERE study_id = ? ORDER BY start_us, id");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, studyId);
    auto count = observationCount(studyId);   // one pass over the index, so the vector grows once
    return readRows<Observation>(
        **s,
        [](const Statement& q) {
            Observation o;
            o.id = q.int64(0);
            o.studyId = q.int64(1);
            o.cycleId = q.int64(2);
            o.stepId = q.int64(3);
            o.startUs = q.int64(4);
            o.endUs = q.int64(5);
            o.wallStartUs = q.int64(6);
            o.durationUs = q.int64(7);
            o.ratingPercent = q.optionalReal(8);
            o.foreignElement = q.boolean(9);
            o.abnormal = q.boolean(10);
            o.excluded = q.boolean(11);
            o.spansSuspend = q.boolean(12);
            o.pausedUs = q.int64(13);
            return o;
        },
        count ? static_cast<std::size_t>(*count) : 0);
}

} // namespace gemba::store
