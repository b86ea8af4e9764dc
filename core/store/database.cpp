// One SQLite connection: opening, the settings every Gemba connection uses, and its statements.
#include "store/database.h"

#include <sqlite3.h>

#include <utility>

namespace gemba::store {
namespace {

// Long enough to ride out another instance's commit or checkpoint, short enough that a stuck
// lock is reported while the user is still looking.
constexpr int kBusyTimeoutMs = 5000;

// An SQLite URI for `path` with the query `query` (https://www.sqlite.org/uri.html): every
// byte but the unreserved ones and '/' is percent-encoded, so '?', '#' and '%' in a file name
// stay part of the name.
std::string fileUri(const std::string& path, std::string_view query)
{
    static const char digits[] = "0123456789ABCDEF";
    // "file:///abs" (empty authority) for an absolute path, so "//x" cannot read as a host.
    std::string uri = path.starts_with('/') ? "file://" : "file:";
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '-' ||
            c == '.' || c == '_' || c == '~') {
            uri += ch;
        } else {
            uri += '%';
            uri += digits[c >> 4];
            uri += digits[c & 0xf];
        }
    }
    uri += '?';
    uri += query;
    return uri;
}

} // namespace

Error sqliteError(sqlite3* db, int rc, std::string_view what)
{
    std::string message(what);
    message += ": ";
    // Said once in plain words; the caller that knows the file's name (Project::open) words it
    // as "'<path>': the file is damaged: ...".
    if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        message += kDamaged;
    // The connection's message is more specific (it names the constraint or the missing table),
    // but only when it describes this result code.
    if (db && (sqlite3_extended_errcode(db) == rc || sqlite3_errcode(db) == (rc & 0xff)))
        message += sqlite3_errmsg(db);
    else
        message += sqlite3_errstr(rc);
    ErrorCode code = ErrorCode::IoError;
    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_MISUSE:
        code = ErrorCode::InvalidArgument;
        break;
    case SQLITE_TOOBIG:
        code = ErrorCode::OutOfRange;
        break;
    default:
        break;
    }
    return makeError(code, std::move(message));
}

Expected<Database> Database::open(const std::string& path, Access access)
{
    int flags = SQLITE_OPEN_NOMUTEX;   // one connection per thread; the caller serialises use
    switch (access) {
    case Access::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Access::Immutable:
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        break;
    case Access::QueryOnly:
    case Access::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Access::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    sqlite3* raw = nullptr;
    const std::string name = access == Access::Immutable ? fileUri(path, "immutable=1") : path;
    const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
    Database db;
    db.m_db = raw;   // closed by ~Database even when opening failed
    db.m_path = path;
    db.m_readOnly = access == Access::ReadOnly || access == Access::QueryOnly || access == Access::Immutable;
    db.m_queryOnly = access == Access::QueryOnly;
    db.m_access = access;
    if (rc != SQLITE_OK)
        return sqliteError(raw, rc, "cannot open '" + path + "'");
    sqlite3_extended_result_codes(raw, 1);
    return db;
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path))
    , m_readOnly(other.m_readOnly)
    , m_queryOnly(other.m_queryOnly)
    , m_access(other.m_access)
    , m_cache(std::move(other.m_cache))
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_readOnly = other.m_readOnly;
        m_queryOnly = other.m_queryOnly;
        m_access = other.m_access;
        m_cache = std::move(other.m_cache);
    }
    return *this;
}

Database::~Database() { close(); }

void Database::close()
{
    m_cache.clear();   // statements first: a connection with live statements does not close
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

Expected<bool> Database::configure()
{
    if (sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, 1, static_cast<int*>(nullptr)) != SQLITE_OK)
        return lastError("cannot enable defensive mode");
    if (sqlite3_db_config(m_db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, static_cast<int*>(nullptr)) != SQLITE_OK)
        return lastError("cannot turn trusted_schema off");
    if (sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, static_cast<int*>(nullptr)) != SQLITE_OK)
        return lastError("cannot enable foreign keys");
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    if (m_queryOnly)
        return exec("PRAGMA query_only=ON");
    // A big import grows the WAL to the size of what it wrote; after the checkpoint, cut it
    // back rather than keep a file of that size beside the project until it is closed.
    if (auto ok = exec("PRAGMA journal_size_limit=67108864"); !ok)
        return ok;
    return exec("PRAGMA synchronous=FULL");
}

Expected<bool> Database::useWriteAheadLog()
{
    // journal_mode answers with the mode in effect rather than failing.
    auto mode = queryText("PRAGMA journal_mode=WAL");
    if (!mode)
        return mode.error();
    return true;
}

Expected<bool> Database::exec(const std::string& sql)
{
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);   // the same text as sqlite3_errmsg, which sqliteError adds once
    if (rc != SQLITE_OK)
        return sqliteError(m_db, rc, "'" + sql.substr(0, 60) + (sql.size() > 60 ? "...'" : "'") + " failed");
    return true;
}

Expected<Statement> Database::prepare(std::string_view sql) const
{
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return lastError("cannot prepare '" + std::string(sql.substr(0, 60)) + (sql.size() > 60 ? "...'" : "'"));
    }
    return Statement(m_db, stmt);
}

Expected<Statement*> Database::cached(std::string_view sql)
{
    if (auto it = m_cache.find(sql); it != m_cache.end())
        return &it->second;
    auto stmt = prepare(sql);
    if (!stmt)
        return stmt.error();
    return &m_cache.emplace(std::string(sql), std::move(*stmt)).first->second;
}

Expected<std::int64_t> Database::queryInt(std::string_view sql)
{
    auto stmt = prepare(sql);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->int64(0) : 0;
}

Expected<std::string> Database::queryText(std::string_view sql)
{
    auto stmt = prepare(sql);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->text(0) : std::string();
}

std::int64_t Database::lastInsertRowid() const { return sqlite3_last_insert_rowid(m_db); }

std::int64_t Database::changes() const { return sqlite3_changes64(m_db); }

bool Database::inTransaction() const { return sqlite3_get_autocommit(m_db) == 0; }

Error Database::lastError(std::string_view what) const
{
    return sqliteError(m_db, m_db ? sqlite3_extended_errcode(m_db) : SQLITE_NOMEM, what);
}

} // namespace gemba::store
