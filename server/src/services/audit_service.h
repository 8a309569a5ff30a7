#pragma once
// Administrators' view of the audit trail: search and chain verification.
#include "lumen/security/audit_chain.h"
#include "lumen/store/audit_repository.h"
#include "services/principal.h"

namespace lumen::store {
class ConnectionPool;
}

namespace lumen::server {

class AuditLog;

class AuditService
{
public:
    AuditService(store::ConnectionPool& readers, const AuditLog& audit) : m_readers(readers), m_audit(audit)
    {
    }

    std::vector<core::AuditEntry> search(const Principal& who, const store::AuditQuery& query);
    security::ChainVerdict verify(const Principal& who);

private:
    store::ConnectionPool& m_readers;
    const AuditLog& m_audit;
};

} // namespace lumen::server
