// One SQLite connection: opening, the settings every Gemba connection uses, and its statements.
#pragma once

#include "error.h"
#include "store/statement.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;

namespace gemba::store {

// Owns one sqlite3 connection and a cache of its prepared statements. Move-only.
class Database {
public:
    enum class Access {
        ReadOnly,          // SQLITE_OPEN_READONLY: this connection cannot change the file
        QueryOnly,         // opened for writing but PRAGMA query_only: see below
        ReadWrite,         // the file must exist
        ReadWriteCreate,   // created (empty) when missing
        Immutable,         // read-only, and SQLite is told nothing can change the file: see below
    };
    // QueryOnly exists because a SQLITE_OPEN_READONLY connection to a WAL-mode file creates
    // the -wal and -shm files and, unable to delete them, leaves them behind, where the next
    // open would take them for the traces of a crash. A query-only connection cannot change
    // the database either, and as the last connection it removes the empty WAL on close.
    // Immutable (the URI parameter immutable=1) takes no locks and opens no -wal, -shm or
    // -journal at all: for a file nobody may write (read-only permissions or media) that has
    // no -wal, and for looking at a file before it is known to be ours. It must not be used
    // while another connection may write the file: it would not see those writes.

    static Expected<Database> open(const std::string& path, Access access);

    Database() = default;
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    void close();
    bool isOpen() const { return m_db != nullptr; }
    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }
    bool readOnly() const { return m_readOnly; }
    Access access() const { return m_access; }   // as opened

    // The settings of every connection, because a project file may come from someone else and
    // an acknowledged lap must survive a crash or power cut. None of them writes to the file:
    //  - defensive mode and trusted_schema=OFF: the file's schema cannot call functions with
    //    side effects or make the schema writable;
    //  - foreign_keys=ON (off by default in SQLite, per connection);
    //  - busy_timeout: another instance briefly holding the lock is waited for, not an error;
    //  - synchronous=FULL: in WAL mode the default NORMAL can lose the last commits on power
    //    loss; FULL syncs the WAL on every commit;
    //  - query_only=ON for Access::QueryOnly.
    Expected<bool> configure();
    // Switches the file to WAL mode (readers never block the writer; a commit is one append
    // and one sync). This is a change to the file, so it comes after the file has been
    // recognised as ours. A file system without shared memory keeps the rollback journal,
    // which with synchronous=FULL is just as durable, only slower.
    Expected<bool> useWriteAheadLog();

    // Runs SQL that has no values in it (schema, pragmas, BEGIN/COMMIT). Values go through
    // prepare() and Statement::bind, never into this text.
    Expected<bool> exec(const std::string& sql);
    Expected<Statement> prepare(std::string_view sql) const;
    // A statement prepared once per connection and kept: the usual way to run a query. The
    // caller resets it when done (Statement::Reset).
    Expected<Statement*> cached(std::string_view sql);
    // The first column of the first row of a statement without parameters (PRAGMA user_version).
    Expected<std::int64_t> queryInt(std::string_view sql);
    Expected<std::string> queryText(std::string_view sql);

    std::int64_t lastInsertRowid() const;
    std::int64_t changes() const;
    bool inTransaction() const;

    // An error for the last failure on this connection, prefixed with `what`.
    Error lastError(std::string_view what) const;

private:
    struct TransparentHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

    sqlite3* m_db = nullptr;
    std::string m_path;
    bool m_readOnly = false;    // ReadOnly, QueryOnly or Immutable
    bool m_queryOnly = false;
    Access m_access = Access::ReadWrite;
    std::unordered_map<std::string, Statement, TransparentHash, std::equal_to<>> m_cache;
};

// Turns an SQLite result code (and the connection's message, when `db` is given) into an Error:
// constraint violations are InvalidArgument, a value too big is OutOfRange, the rest IoError.
// A damaged file (SQLITE_CORRUPT, SQLITE_NOTADB) says kDamaged before SQLite's words.
Error sqliteError(sqlite3* db, int rc, std::string_view what);
inline constexpr std::string_view kDamaged = "the file is damaged: ";

} // namespace gemba::store
