// The project file's schema as numbered steps, and running them one transaction per step.
#pragma once

#include "error.h"

#include <functional>
#include <string>
#include <vector>

namespace gemba::store {

class Database;

// One step of the schema's history: it brings a file from user_version `version - 1` to
// `version`. A step is never edited once released; a change is a new step.
struct Migration {
    int version = 0;
    std::string description;
    std::function<Expected<bool>(Database&)> apply;   // runs inside the step's transaction
};

// This build's steps, in order. Step 1 creates the schema in a blank file. The last step's
// version is kSchemaVersion (project.h).
const std::vector<Migration>& migrations();

// Brings the file to the last step's version. Each step and its user_version bump run in one
// transaction (BEGIN IMMEDIATE ... COMMIT), so a step that fails, or a crash or kill during it,
// leaves the file exactly at the version before that step; the steps before it stay applied.
// The version is read inside the transaction, so two instances opening an old file at once
// cannot both run a step. Refused: a file newer than the last step (OutOfRange), steps that
// are not numbered 1, 2, 3, ... (InvalidArgument). Returns the version reached.
// `steps` is a parameter so tests can prove the mechanism with a step of their own.
Expected<int> migrate(Database& db, const std::vector<Migration>& steps = migrations());

// The schema of version 1, as a script (for documentation and the schema test).
const std::string& schemaVersion1();

// The observations table's indexes as the latest step leaves them. A bulk load inside one
// transaction drops them and builds them again at the end: sorting a million keys once is
// about three times faster than a million index inserts. A step that changes these indexes
// changes this list too (tst_migrations compares it with a fresh file).
const std::vector<std::string>& observationIndexes();   // the CREATE INDEX statements
Expected<bool> dropObservationIndexes(Database& db);
Expected<bool> createObservationIndexes(Database& db);

} // namespace gemba::store

namespace gemba::store {

// Whether the file's schema is exactly the one its user_version promises: the objects that
// `steps` 1..user_version make in a blank in-memory database (tables with their columns and
// constraints, indexes, triggers, views), compared by type, name, table and normalised SQL
// (comments, spacing and keyword case do not count; rootpages and order do not either, as a
// bulk import drops and recreates the observation indexes). sqlite_stat1 (ANALYZE, PRAGMA
// optimize) may be present or not. Anything else is a change made outside this program: an
// extra trigger would run on the user's own later edits (trusted_schema=OFF restricts the
// functions a schema may call, not triggers), a changed column default or index rewrites or
// hides data. Refused with ParseError naming the objects ("a trigger 'x' that file format 1
// does not have"); OutOfRange when user_version is past the last step. Reads only; safe on a
// read-only or immutable connection. Costs one in-memory migration (well under a millisecond
// for version 1). So a step must make the same schema whatever rows the file holds (a step
// that creates an object only when some row exists would be refused on the next open).
// `steps` is a parameter so tests can prove it follows a later step.
Expected<bool> checkSchema(Database& db, const std::vector<Migration>& steps = migrations());

} // namespace gemba::store
