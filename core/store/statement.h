// A prepared SQLite statement: values go in through bind*, never into the SQL text.
#pragma once

#include "error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace gemba::store {

// Owns one sqlite3_stmt. Parameters and columns are numbered as SQLite numbers them:
// parameters from 1, result columns from 0. A bind error is remembered and reported by the
// next step(), so a run of binds needs no error checks of its own.
class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* stmt);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    bool valid() const { return m_stmt != nullptr; }
    sqlite3_stmt* handle() const { return m_stmt; }

    void bind(int index, std::int64_t value);
    void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
    void bind(int index, bool value) { bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
    void bind(int index, double value);
    void bind(int index, std::string_view text);             // copied by SQLite
    void bind(int index, const char* text) { bind(index, std::string_view(text)); }
    void bind(int index, const std::optional<double>& value);
    void bind(int index, const std::optional<std::int64_t>& value);
    void bindNull(int index);
    // Not copied: the text must stay alive and unchanged until the statement is reset. For
    // bulk inserts, where the copy would be most of the work.
    void bindStatic(int index, std::string_view text);
    // A BLOB, not copied either (same rule as bindStatic): a data set's column of a million
    // values is bound straight from the buffer it was encoded into.
    void bindBlobStatic(int index, std::string_view bytes);

    // Runs one step: true when a row is ready, false when the statement is done.
    Expected<bool> step();
    // Runs a statement that returns no rows (INSERT, UPDATE, DELETE) to completion.
    Expected<bool> run();
    // Rewinds and clears the bindings and any remembered bind error. A statement that is left
    // mid-way keeps its read transaction open (and in WAL mode blocks checkpoints), so every
    // use ends with a reset; see Statement::Reset.
    void reset();
    // Rewinds but keeps the bindings: for a loop that binds every parameter on each round.
    void rewind();

    std::int64_t int64(int column) const;
    int integer(int column) const;
    double real(int column) const;
    bool boolean(int column) const { return int64(column) != 0; }
    bool isNull(int column) const;
    std::string_view textView(int column) const;   // valid until the next step or reset
    std::string text(int column) const { return std::string(textView(column)); }
    std::string_view blobView(int column) const;   // a BLOB's bytes; valid until the next step or reset
    std::optional<double> optionalReal(int column) const;
    std::optional<std::int64_t> optionalInt64(int column) const;

    // Resets a (cached) statement when the scope that uses it ends, on every return path.
    class Reset {
    public:
        explicit Reset(Statement& s) : m_s(s) {}
        Reset(const Reset&) = delete;
        Reset& operator=(const Reset&) = delete;
        ~Reset() { m_s.reset(); }

    private:
        Statement& m_s;
    };

private:
    void noteBindResult(int rc, int index);
    Error error(int rc) const;

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    int m_bindError = 0;   // first failing sqlite3_bind_* result since the last reset
    int m_bindErrorIndex = 0;
};

} // namespace gemba::store
