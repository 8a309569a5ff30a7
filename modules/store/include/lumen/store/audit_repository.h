#pragma once
// Append-only storage of audit entries and the recorded head of their hash chain.
#include "lumen/core/audit_entry.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lumen::store {

class Database;

struct AuditQuery
{
    std::optional<std::string> user;
    std::optional<std::int64_t> patientId;
    std::optional<std::string> action;
    std::optional<std::string> from; // inclusive ISO timestamp
    std::optional<std::string> to;   // exclusive ISO timestamp
    int limit = 100;
    int offset = 0;
};

struct ChainHead
{
    std::int64_t seq = 0;
    std::string hash;
};

class AuditRepository
{
public:
    explicit AuditRepository(Database& db) : m_db(db) {}

    // The head recorded in `meta` (seq 0 and "" for an empty trail).
    ChainHead head();
    // Inserts the entry (seq and hashes already set) and moves the recorded head to it.
    void append(const core::AuditEntry& entry);
    std::vector<core::AuditEntry> query(const AuditQuery& query);
    // Calls `visit` for every entry in seq order until it returns false.
    void forEach(const std::function<bool(const core::AuditEntry&)>& visit);

private:
    Database& m_db;
};

} // namespace lumen::store
