#pragma once
// Appends entries to the HMAC-SM3 chained audit trail and verifies it.
#include "lumen/core/audit_entry.h"
#include "lumen/security/audit_chain.h"

#include <vector>

namespace lumen::store {
class Database;
class WriteQueue;
} // namespace lumen::store

namespace lumen::server {

class AuditLog
{
public:
    AuditLog(std::vector<unsigned char> key, store::WriteQueue& writer);

    // Links and appends inside the caller's write job, so a change and its audit entry
    // commit together or not at all. Fills seq, at (if empty) and the hashes.
    void appendInJob(store::Database& db, core::AuditEntry entry) const;
    // Appends on its own and waits until it is durable.
    void record(core::AuditEntry entry) const;
    security::ChainVerdict verify(store::Database& db) const;

    // Reads the chain key from `path`, creating a random one (mode 0600) when absent.
    static std::vector<unsigned char> loadOrCreateKey(const std::string& path);
    static std::vector<unsigned char> loadKey(const std::string& path);

private:
    std::vector<unsigned char> m_key;
    store::WriteQueue& m_writer;
};

} // namespace lumen::server
