// A prepared SQLite statement: values go in through bind*, never into the SQL text.
#include "store/statement.h"

#include "store/database.h"

#include <sqlite3.h>

#include <utility>

namespace gemba::store {

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}

Statement::Statement(Statement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_bindError(std::exchange(other.m_bindError, 0))
    , m_bindErrorIndex(std::exchange(other.m_bindErrorIndex, 0))
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_bindError = std::exchange(other.m_bindError, 0);
        m_bindErrorIndex = std::exchange(other.m_bindErrorIndex, 0);
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

void Statement::noteBindResult(int rc, int index)
{
    if (rc != SQLITE_OK && m_bindError == 0) {
        m_bindError = rc;
        m_bindErrorIndex = index;
    }
}

void Statement::bind(int index, std::int64_t value) { noteBindResult(sqlite3_bind_int64(m_stmt, index, value), index); }

void Statement::bind(int index, double value) { noteBindResult(sqlite3_bind_double(m_stmt, index, value), index); }

void Statement::bind(int index, std::string_view text)
{
    // A non-null pointer even for empty text, so an empty string is stored as '' and not NULL.
    noteBindResult(sqlite3_bind_text64(m_stmt, index, text.empty() ? "" : text.data(), text.size(), SQLITE_TRANSIENT,
                                       SQLITE_UTF8),
                   index);
}

void Statement::bindStatic(int index, std::string_view text)
{
    noteBindResult(
        sqlite3_bind_text64(m_stmt, index, text.empty() ? "" : text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8),
        index);
}

void Statement::bind(int index, const std::optional<double>& value)
{
    if (value)
        bind(index, *value);
    else
        bindNull(index);
}

void Statement::bind(int index, const std::optional<std::int64_t>& value)
{
    if (value)
        bind(index, *value);
    else
        bindNull(index);
}

void Statement::bindNull(int index) { noteBindResult(sqlite3_bind_null(m_stmt, index), index); }

Error Statement::error(int rc) const
{
    std::string what = "SQL statement failed";
    if (const char* sql = m_stmt ? sqlite3_sql(m_stmt) : nullptr) {
        // Enough of the statement to recognise it in a log, without the whole schema text.
        std::string_view s(sql);
        what = "'" + std::string(s.substr(0, 60)) + (s.size() > 60 ? "...'" : "'") + " failed";
    }
    return sqliteError(m_db, rc, what);
}

Expected<bool> Statement::step()
{
    if (!m_stmt)
        return makeError(ErrorCode::InvalidArgument, "SQL statement was never prepared");
    if (m_bindError != 0) {
        Error e = sqliteError(nullptr, m_bindError,
                              "binding parameter " + std::to_string(m_bindErrorIndex) + " of '" +
                                  std::string(sqlite3_sql(m_stmt)).substr(0, 60) + "' failed");
        return e;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return error(rc);
}

Expected<bool> Statement::run()
{
    for (;;) {
        auto r = step();
        if (!r)
            return r.error();
        if (!*r)
            return true;
    }
}

void Statement::reset()
{
    if (!m_stmt)
        return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_bindError = 0;
    m_bindErrorIndex = 0;
}

void Statement::rewind()
{
    if (!m_stmt)
        return;
    sqlite3_reset(m_stmt);
    m_bindError = 0;
    m_bindErrorIndex = 0;
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(m_stmt, column); }

int Statement::integer(int column) const { return sqlite3_column_int(m_stmt, column); }

double Statement::real(int column) const { return sqlite3_column_double(m_stmt, column); }

bool Statement::isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

void Statement::bindBlobStatic(int index, std::string_view bytes)
{
    // A zero-length blob is still a blob (not NULL): the pointer must not be null.
    noteBindResult(sqlite3_bind_blob64(m_stmt, index, bytes.empty() ? "" : bytes.data(), bytes.size(), SQLITE_STATIC),
                   index);
}

std::string_view Statement::blobView(int column) const
{
    // sqlite3_column_blob before sqlite3_column_bytes, as the SQLite documentation requires.
    const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    if (!p)
        return {};
    return std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::string_view Statement::textView(int column) const
{
    // sqlite3_column_text before sqlite3_column_bytes, as the SQLite documentation requires.
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!p)
        return {};
    return std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::optional<double> Statement::optionalReal(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return real(column);
}

std::optional<std::int64_t> Statement::optionalInt64(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return int64(column);
}

} // namespace gemba::store
