#pragma once
// Numbered schema migrations (migrations/NNNN_name.sql, embedded at build time), each applied
// in its own transaction and recorded in PRAGMA user_version.
#include <climits>

namespace lumen::store {

class Database;

int latestSchemaVersion();
// Brings the schema from its current version up to `targetVersion` (default: latest).
// Returns the number of migrations applied. Throws StoreError when the database is newer
// than this build knows.
int applyMigrations(Database& db, int targetVersion = INT_MAX);

} // namespace lumen::store
