#include "lumen/store/migrations.h"

#include "lumen/store/database.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lumen::store {

std::vector<std::pair<std::string_view, std::string_view>> embeddedMigrations(); // generated

namespace {
struct Migration
{
    int version;
    std::string_view name;
    std::string_view sql;
};

std::vector<Migration> migrations()
{
    std::vector<Migration> list;
    for (const auto& [name, sql] : embeddedMigrations())
        list.push_back({std::stoi(std::string(name.substr(0, 4))), name, sql});
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    // user_version records only the highest number applied, so a gap (say 0006 built without
    // 0005) would skip the missing migration forever once the next one ran.
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].version != int(i) + 1)
            throw StoreError("migrations must be numbered 1, 2, 3... without gaps; found " +
                                 std::string(list[i].name) + " where number " + std::to_string(i + 1) +
                                 " belongs",
                             0, false);
    return list;
}
} // namespace

int latestSchemaVersion()
{
    const auto list = migrations();
    return list.empty() ? 0 : list.back().version;
}

int applyMigrations(Database& db, int targetVersion)
{
    const int current = db.userVersion();
    if (current > latestSchemaVersion())
        throw StoreError("database schema version " + std::to_string(current) +
                             " is newer than this build supports (" + std::to_string(latestSchemaVersion()) +
                             ")",
                         0, false);
    int applied = 0;
    for (const auto& m : migrations()) {
        if (m.version <= current || m.version > targetVersion)
            continue;
        Transaction tx(db);
        try {
            db.exec(m.sql);
            db.exec("PRAGMA user_version = " + std::to_string(m.version));
        } catch (const StoreError& e) {
            throw StoreError("migration " + std::string(m.name) + " failed: " + e.what(), e.sqliteCode(),
                             false);
        }
        tx.commit();
        ++applied;
    }
    return applied;
}

} // namespace lumen::store
