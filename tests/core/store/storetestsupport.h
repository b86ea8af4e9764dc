// Helpers shared by the store tests: file hashes, raw SQLite access, a small sample project.
#pragma once

#include "store/project.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>

#include <sqlite3.h>

#include <string>

// Declares `var` = expr and fails the test, printing the error, unless it holds a value.
#define GEMBA_TRY(var, expr)                                                                            \
    auto var = (expr);                                                                                  \
    QVERIFY2(var.hasValue(), var.hasValue() ? "" : var.error().message.c_str())

namespace gemba::test {

inline QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

inline QByteArray fileHash(const std::string& path) { return fileHash(QString::fromStdString(path)); }

inline bool exists(const std::string& path) { return QFile::exists(QString::fromStdString(path)); }

// Runs SQL on a raw connection of its own (not the project's), for setting up odd files.
inline bool rawExec(const std::string& path, const std::string& sql)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return false;
    }
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc == SQLITE_OK;
}

inline std::int64_t rawInt(sqlite3* db, const char* sql)
{
    sqlite3_stmt* s = nullptr;
    std::int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

inline std::string rawText(sqlite3* db, const char* sql)
{
    sqlite3_stmt* s = nullptr;
    std::string v;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        if (const auto* t = sqlite3_column_text(s, 0))
            v = reinterpret_cast<const char*>(t);
    sqlite3_finalize(s);
    return v;
}

// Every row's last column, one per line (EXPLAIN QUERY PLAN details, check results).
inline std::string rawLastColumns(sqlite3* db, const char* sql)
{
    sqlite3_stmt* s = nullptr;
    std::string v;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK)
        while (sqlite3_step(s) == SQLITE_ROW)
            if (const auto* t = sqlite3_column_text(s, sqlite3_column_count(s) - 1))
                v += std::string(reinterpret_cast<const char*>(t)) + "\n";
    sqlite3_finalize(s);
    return v;
}

inline bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

} // namespace gemba::test
