// Project::saveCopy: a consistent copy of the whole project in a new file.
#include "store/project.h"

#include <sqlite3.h>

#include <sys/stat.h>

namespace gemba::store {

// VACUUM INTO writes a transactionally consistent, compacted copy while the project stays
// open; the target name is a bound parameter, never spliced into the SQL.
Expected<bool> Project::saveCopy(const std::string& path) const
{
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0)
        return makeError(ErrorCode::InvalidArgument, path + ": the file already exists; choose a new name");
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle(), "VACUUM INTO ?1", -1, &stmt, nullptr) != SQLITE_OK)
        return makeError(ErrorCode::IoError, std::string("cannot copy the project: ") + sqlite3_errmsg(handle()));
    sqlite3_bind_text(stmt, 1, path.c_str(), -1, SQLITE_TRANSIENT);
    const int rc = sqlite3_step(stmt);
    std::string message = rc == SQLITE_DONE ? std::string() : sqlite3_errmsg(handle());
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return makeError(ErrorCode::IoError, path + ": cannot write the copy: " + message);
    return true;
}

} // namespace gemba::store
