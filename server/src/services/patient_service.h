#pragma once
// Patient registration, search, change history and reversible merges, with the permission
// checks, validation, duplicate detection and audit entries each action needs.
#include "lumen/core/clock.h"
#include "lumen/core/patient.h"
#include "lumen/store/patient_repository.h"
#include "services/principal.h"

#include <nlohmann/json_fwd.hpp>

namespace lumen::store {
class ConnectionPool;
class Database;
class WriteQueue;
} // namespace lumen::store

namespace lumen::server {

class AuditLog;

struct SearchPage
{
    std::vector<core::Patient> items;
    bool hasMore = false;
};

struct MergeResult
{
    std::int64_t mergeId = 0;
    core::Patient target;
    core::Patient source;
};

class PatientService
{
public:
    PatientService(const core::Clock& clock, store::ConnectionPool& readers, store::WriteQueue& writer,
                   const AuditLog& audit);

    SearchPage search(const Principal& who, const std::string& query, int limit, int offset);
    core::Patient get(const Principal& who, core::PatientId id);
    core::Patient create(const Principal& who, const nlohmann::json& body);
    core::Patient update(const Principal& who, core::PatientId id, const nlohmann::json& body);
    std::vector<store::PatientHistoryEntry> history(const Principal& who, core::PatientId id);
    MergeResult merge(const Principal& who, core::PatientId targetId, core::PatientId sourceId);
    core::Patient unmerge(const Principal& who, core::PatientId targetId, core::PatientId sourceId);

    // The same changes inside the caller's write job, for callers that change several things
    // in one transaction (HL7 messages). The caller checks permissions and decides identity:
    // createInJob registers without the same-name-and-birth-date prompt.
    core::Patient createInJob(store::Database& db, const Principal& who, core::Patient patient,
                              const std::string& nowIso) const;
    // `before` is the stored patient; `after` the wanted state. Writes nothing when equal.
    core::Patient updateInJob(store::Database& db, const Principal& who, const core::Patient& before,
                              core::Patient after, const std::string& nowIso) const;
    MergeResult mergeInJob(store::Database& db, const Principal& who, core::PatientId targetId,
                           core::PatientId sourceId, const std::string& nowIso) const;

private:
    core::AuditEntry auditEntry(const Principal& who, std::string action, core::PatientId patient,
                                std::string detail) const;
    // Loads a patient the caller may see, else 404 (confidential patients are not revealed).
    core::Patient visiblePatient(const Principal& who, store::PatientRepository& repo,
                                 core::PatientId id) const;
    void linkArchivedStudies(store::Database& db, const Principal& who, const core::Patient& patient,
                             const std::string& nowIso) const;
    void validateForStorage(const Principal& who, core::Patient& patient) const;
    void checkIdentifiersFree(const Principal& who, store::PatientRepository& repo,
                              const core::Patient& patient) const;
    core::Patient insertRow(store::Database& db, const Principal& who, const core::Patient& patient,
                            const std::string& nowIso) const;

    const core::Clock& m_clock;
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
};

} // namespace lumen::server
