#include "services/audit_service.h"

#include "lumen/core/date.h"
#include "lumen/store/connection_pool.h"
#include "services/audit_log.h"

namespace lumen::server {

namespace {
core::AuditEntry entry(const Principal& who, std::string action, std::string detail)
{
    return core::AuditEntry{0,
                            core::formatIsoTimestamp(std::chrono::system_clock::now()),
                            who.username,
                            who.clientAddress,
                            std::move(action),
                            "audit",
                            "-",
                            std::nullopt,
                            std::move(detail),
                            "",
                            ""};
}
} // namespace

std::vector<core::AuditEntry> AuditService::search(const Principal& who, const store::AuditQuery& query)
{
    who.require(core::Permission::AuditRead);
    std::vector<core::AuditEntry> items;
    {
        auto db = m_readers.lease();
        items = store::AuditRepository(*db).query(query);
    }
    m_audit.record(entry(who, "audit.search",
                         "user=" + query.user.value_or("*") +
                             " patient=" + (query.patientId ? std::to_string(*query.patientId) : "*") +
                             " action=" + query.action.value_or("*")));
    return items;
}

security::ChainVerdict AuditService::verify(const Principal& who)
{
    who.require(core::Permission::AuditRead);
    security::ChainVerdict verdict;
    {
        auto db = m_readers.lease();
        verdict = m_audit.verify(*db);
    }
    m_audit.record(entry(who, "audit.verify", verdict.ok ? "ok" : "broken: " + verdict.reason));
    return verdict;
}

} // namespace lumen::server
