#pragma once
// The exam dictionary (HIS exam item / body part codes -> Lumen terms) in SQLite.
#include "lumen/core/his_code_mapping.h"

#include <optional>
#include <string>
#include <vector>

namespace lumen::store {

class Database;

struct HisCodeMappingSearch
{
    std::optional<core::HisCodeKind> kind;
    std::optional<std::string> hisSystem; // '' lists the rows that hold for every HIS
    std::optional<std::string> hisCode;
    int limit = 200;
    int offset = 0;
};

class HisCodeMappingRepository
{
public:
    explicit HisCodeMappingRepository(Database& db) : m_db(db) {}

    std::optional<core::HisCodeMapping> find(std::int64_t id);
    // The row for exactly this HIS, else the row every HIS shares ('').
    std::optional<core::HisCodeMapping> lookup(const std::string& hisSystem, core::HisCodeKind kind,
                                               const std::string& hisCode);
    std::vector<core::HisCodeMapping> search(const HisCodeMappingSearch& search);
    std::int64_t insert(const core::HisCodeMapping& mapping, const std::string& nowIso);
    // Writes when the stored version equals mapping.version; bumps it. False when stale or missing.
    bool update(const core::HisCodeMapping& mapping, const std::string& nowIso);
    bool remove(std::int64_t id);

private:
    Database& m_db;
};

} // namespace lumen::store
