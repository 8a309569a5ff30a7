#include "lumen/store/audit_repository.h"

#include "lumen/store/database.h"

namespace lumen::store {

namespace {
constexpr std::string_view columns =
    "SELECT seq, at, user, client_address, action, object_type, object_id, patient_id, detail, prev_hash, hash "
    "FROM audit_log ";

core::AuditEntry readEntry(const Statement& st)
{
    return core::AuditEntry{st.integer(0), st.text(1), st.text(2),           st.text(3), st.text(4), st.text(5),
                            st.text(6),    st.optionalInteger(7), st.text(8), st.text(9), st.text(10)};
}
} // namespace

ChainHead AuditRepository::head()
{
    auto& st = m_db.cached("SELECT value FROM meta WHERE key = 'audit_head'");
    ChainHead head;
    if (st.step()) {
        const auto value = st.text(0);
        const auto colon = value.find(':');
        head.seq = std::stoll(value.substr(0, colon));
        head.hash = value.substr(colon + 1);
    }
    st.reset();
    return head;
}

void AuditRepository::append(const core::AuditEntry& e)
{
    auto& st = m_db.cached("INSERT INTO audit_log (seq, at, user, client_address, action, object_type, object_id, "
                           "patient_id, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    st.bind(1, e.seq)
        .bind(2, e.at)
        .bind(3, e.user)
        .bind(4, e.clientAddress)
        .bind(5, e.action)
        .bind(6, e.objectType)
        .bind(7, e.objectId)
        .bind(8, e.patientId)
        .bind(9, e.detail)
        .bind(10, e.prevHash)
        .bind(11, e.hash);
    st.run();
    auto& headSt = m_db.cached("INSERT INTO meta (key, value) VALUES ('audit_head', ?1) "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    headSt.bind(1, std::to_string(e.seq) + ":" + e.hash);
    headSt.run();
}

std::vector<core::AuditEntry> AuditRepository::query(const AuditQuery& q)
{
    auto st = m_db.prepare(std::string(columns) +
                           "WHERE (?1 IS NULL OR user = ?1) AND (?2 IS NULL OR patient_id = ?2) AND "
                           "(?3 IS NULL OR action = ?3) AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < ?5) "
                           "ORDER BY seq DESC LIMIT ?6 OFFSET ?7");
    st.bind(1, q.user).bind(2, q.patientId).bind(3, q.action).bind(4, q.from).bind(5, q.to).bind(6, q.limit).bind(7, q.offset);
    std::vector<core::AuditEntry> out;
    while (st.step())
        out.push_back(readEntry(st));
    return out;
}

void AuditRepository::forEach(const std::function<bool(const core::AuditEntry&)>& visit)
{
    auto st = m_db.prepare(std::string(columns) + "ORDER BY seq");
    while (st.step())
        if (!visit(readEntry(st)))
            break;
}

} // namespace lumen::store
