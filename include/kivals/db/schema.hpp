#pragma once

#include <kivals/db/db.hpp>

#include <span>

namespace kivals::db {

// One numbered step of the schema; `version` is what PRAGMA user_version holds after it.
struct Migration {
    int version;
    const char* name;
    const char* sql;
};

// Return every migration, in order.
std::span<const Migration> migrations();

// Return the schema version this binary writes (the last migration's number).
int latest_schema_version();

// Read PRAGMA user_version.
int schema_version(Db& db);

// Apply every migration newer than the database, each in its own transaction.
// Return how many were applied. A database newer than this binary is refused.
int migrate(Db& db);

// Refuse a database that is not at exactly this binary's schema version, with a
// message that says what to do (run `kivals init`, or upgrade kivals).
void require_current_schema(Db& db);

} // namespace kivals::db
