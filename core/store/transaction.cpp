// A write transaction that rolls back unless committed, so an early error return undoes it all.
#include "store/transaction.h"

#include "store/database.h"

#include <utility>

namespace gemba::store {

Expected<Transaction> Transaction::begin(Database& db)
{
    const bool nested = db.inTransaction();
    if (auto ok = db.exec(nested ? "SAVEPOINT gemba_unit" : "BEGIN IMMEDIATE"); !ok)
        return ok.error();
    return Transaction(db, nested);
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_nested(other.m_nested)
{
}

Transaction::~Transaction() { rollback(); }

Expected<bool> Transaction::commit()
{
    if (!m_db)
        return makeError(ErrorCode::InvalidArgument, "the transaction has already ended");
    auto ok = m_db->exec(m_nested ? "RELEASE gemba_unit" : "COMMIT");
    if (!ok) {
        rollback();
        return ok.error();
    }
    m_db = nullptr;
    return true;
}

void Transaction::rollback()
{
    if (!m_db)
        return;
    // Errors are ignored: SQLite may already have rolled back by itself (SQLITE_FULL, IOERR),
    // and there is nothing better to do with a failed rollback than to report the first error.
    if (m_nested)
        (void)m_db->exec("ROLLBACK TO gemba_unit; RELEASE gemba_unit");
    else if (m_db->inTransaction())
        (void)m_db->exec("ROLLBACK");
    m_db = nullptr;
}

} // namespace gemba::store
