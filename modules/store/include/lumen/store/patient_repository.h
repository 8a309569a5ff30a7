#pragma once
// Patients, their change history and merges in SQLite. Callers own transactions.
#include "lumen/core/patient.h"

#include <optional>
#include <string>
#include <vector>

namespace lumen::store {

class Database;

struct PatientSearch
{
    std::string query;  // identifier or phone (exact) or name prefix; empty lists all
    int limit = 50;
    int offset = 0;
    bool includeConfidential = false;
};

struct PatientHistoryEntry
{
    std::int64_t id = 0;
    core::PatientId patientId = 0;
    std::string at;
    std::string user;
    std::string action; // create, update, merge, unmerge
    std::optional<std::string> beforeJson;
    std::optional<std::string> afterJson;
};

struct PatientMerge
{
    std::int64_t id = 0;
    core::PatientId targetId = 0;
    core::PatientId sourceId = 0;
    std::string mergedAt;
    std::string mergedBy;
};

class PatientRepository
{
public:
    explicit PatientRepository(Database& db) : m_db(db) {}

    std::optional<core::Patient> find(core::PatientId id);
    // Active (unmerged) patients matching the search; a hit on a merged patient yields the
    // patient it was merged into. Ordered by name, then id.
    std::vector<core::Patient> search(const PatientSearch& search);
    std::vector<core::Patient> findByNameAndBirthDate(const std::string& name, const core::Date& birthDate);
    // The patient holding `value` as an identifier of `kind`, if any.
    std::optional<core::PatientId> findByIdentifier(core::IdentifierKind kind, const std::string& value);
    std::int64_t count();

    // Stores a new patient (version 1); returns its id.
    core::PatientId insert(const core::Patient& patient, const std::string& nowIso);
    // Writes all fields when the stored version equals patient.version; bumps the version.
    // Returns false when the row is stale or missing.
    bool update(const core::Patient& patient, const std::string& nowIso);
    void setMergedInto(core::PatientId sourceId, std::optional<core::PatientId> targetId, const std::string& nowIso);
    std::int64_t countMergedInto(core::PatientId targetId);

    void appendHistory(const PatientHistoryEntry& entry);
    std::vector<PatientHistoryEntry> history(core::PatientId patientId, int limit = 200);

    std::int64_t insertMerge(const PatientMerge& merge);
    std::optional<PatientMerge> openMergeOf(core::PatientId sourceId);
    void closeMerge(std::int64_t mergeId, const std::string& nowIso, const std::string& user);

private:
    Database& m_db;
};

} // namespace lumen::store
