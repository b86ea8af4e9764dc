// A write transaction that rolls back unless committed, so an early error return undoes it all.
#pragma once

#include "error.h"

namespace gemba::store {

class Database;

// Outermost: BEGIN IMMEDIATE ... COMMIT. IMMEDIATE takes the write lock at the start, so a
// busy file is waited for (busy_timeout) before any work rather than failing at the first
// write. Inside another transaction it is a savepoint, so a unit of work (adding a step) can
// run alone or as part of a larger one (an import) and still undo only its own part on error.
class Transaction {
public:
    static Expected<Transaction> begin(Database& db);

    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();   // rolls back when neither committed nor rolled back

    // Durable on return for an outermost transaction (synchronous=FULL).
    Expected<bool> commit();
    void rollback();

private:
    Transaction(Database& db, bool nested) : m_db(&db), m_nested(nested) {}

    Database* m_db = nullptr;   // null once finished
    bool m_nested = false;
};

} // namespace gemba::store
