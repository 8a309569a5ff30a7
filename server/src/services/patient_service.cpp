#include "services/patient_service.h"

#include "lumen/core/error.h"
#include "lumen/protocol/json_fields.h"
#include "lumen/protocol/patient_json.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/dicom_index_repository.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"

#include <nlohmann/json.hpp>

namespace lumen::server {

using core::Error;
using core::ErrorKind;
using core::Permission;
using nlohmann::json;

namespace {
std::string snapshot(const core::Patient& p)
{
    return protocol::toJson(p).dump();
}

std::vector<std::string> identifierValues(const core::Patient& p)
{
    std::vector<std::string> values;
    for (const auto& id : p.identifiers)
        if (id)
            values.push_back(*id);
    return values;
}

const Error notFound(ErrorKind::NotFound, "not_found", "No such patient.");
} // namespace

PatientService::PatientService(const core::Clock& clock, store::ConnectionPool& readers,
                               store::WriteQueue& writer, const AuditLog& audit)
    : m_clock(clock), m_readers(readers), m_writer(writer), m_audit(audit)
{
}

core::AuditEntry PatientService::auditEntry(const Principal& who, std::string action, core::PatientId patient,
                                            std::string detail) const
{
    return core::AuditEntry{0,
                            core::formatIsoTimestamp(m_clock.now()),
                            who.username,
                            who.clientAddress,
                            std::move(action),
                            "patient",
                            patient ? std::to_string(patient) : std::string("-"),
                            patient ? std::optional<std::int64_t>(patient) : std::nullopt,
                            std::move(detail),
                            "",
                            ""};
}

core::Patient PatientService::visiblePatient(const Principal& who, store::PatientRepository& repo,
                                             core::PatientId id) const
{
    auto patient = repo.find(id);
    if (!patient || (patient->confidential && !who.can(Permission::PatientConfidential)))
        throw notFound;
    return *patient;
}

void PatientService::linkArchivedStudies(store::Database& db, const Principal& who,
                                         const core::Patient& patient, const std::string& nowIso) const
{
    // Images that arrived before the patient was registered (or got this identifier) belong to
    // the patient from now on, including the patient's confidentiality.
    const int linked =
        store::DicomIndexRepository(db).linkUnmatchedStudies(patient.id, identifierValues(patient), nowIso);
    if (linked > 0)
        m_audit.appendInJob(db,
                            auditEntry(who, "archive.match", patient.id,
                                       std::to_string(linked) + " archived studies linked by identifier"));
}

SearchPage PatientService::search(const Principal& who, const std::string& query, int limit, int offset)
{
    who.require(Permission::PatientRead);
    SearchPage page;
    {
        auto db = m_readers.lease();
        store::PatientRepository repo(*db);
        // One extra row tells whether another page exists without counting all matches.
        page.items = repo.search({query, limit + 1, offset, who.can(Permission::PatientConfidential)});
    }
    if (int(page.items.size()) > limit) {
        page.items.pop_back();
        page.hasMore = true;
    }
    std::string ids;
    for (const auto& p : page.items)
        ids += (ids.empty() ? "" : ",") + std::to_string(p.id);
    m_audit.record(auditEntry(who, "patient.search", 0, "q=" + query + "; ids=" + ids));
    return page;
}

core::Patient PatientService::get(const Principal& who, core::PatientId id)
{
    who.require(Permission::PatientRead);
    core::Patient patient;
    {
        auto db = m_readers.lease();
        store::PatientRepository repo(*db);
        patient = visiblePatient(who, repo, id);
    }
    m_audit.record(auditEntry(who, "patient.read", id, ""));
    return patient;
}

void PatientService::validateForStorage(const Principal& who, core::Patient& patient) const
{
    core::normalizePatient(patient);
    const auto problems = core::validatePatient(patient, core::toDate(m_clock.now()));
    if (!problems.empty()) {
        json list = json::array();
        for (const auto& p : problems)
            list.push_back({{"field", p.field}, {"code", p.code}, {"message", p.message}});
        const auto& first = problems.front();
        const json details = {{"field", first.field}, {"problems", list}};
        if (first.code == "inconsistent_national_id")
            throw Error(ErrorKind::Unprocessable, "inconsistent_national_id",
                        first.field + ": " + first.message, details.dump());
        throw Error(ErrorKind::BadRequest, first.code == "required" ? "missing_field" : "invalid_field",
                    first.field + ": " + first.message, details.dump());
    }
    if (patient.confidential && !who.can(Permission::PatientConfidential))
        throw Error(ErrorKind::Forbidden, "forbidden",
                    "Only designated senior doctors may mark a patient confidential.");
}

void PatientService::checkIdentifiersFree(const Principal& who, store::PatientRepository& repo,
                                          const core::Patient& patient) const
{
    for (auto kind : core::allIdentifierKinds) {
        const auto& value = patient.identifier(kind);
        if (!value)
            continue;
        const auto holder = repo.findByIdentifier(kind, *value);
        if (holder && *holder != patient.id) {
            const std::string field(core::fieldName(kind));
            const auto other = repo.find(*holder);
            // Uniqueness must be enforced, but a confidential holder stays anonymous.
            if (other && other->confidential && !who.can(Permission::PatientConfidential))
                throw Error(ErrorKind::Conflict, "duplicate_identifier",
                            field + ": " + *value + " already belongs to another patient.",
                            json{{"field", field}}.dump());
            throw Error(ErrorKind::Conflict, "duplicate_identifier",
                        field + ": " + *value + " already belongs to patient " + std::to_string(*holder) +
                            ".",
                        json{{"field", field}, {"patientId", *holder}}.dump());
        }
    }
}

core::Patient PatientService::create(const Principal& who, const json& body)
{
    who.require(Permission::PatientWrite);
    core::Patient patient;
    protocol::applyPatientJson(patient, body, {"confirmDuplicate"});
    const bool confirmDuplicate = protocol::optionalBool(body, "confirmDuplicate").value_or(false);
    const bool sexGiven = body.contains("sex") && !body["sex"].is_null();
    validateForStorage(who, patient);
    // Sex may be left out only when the national ID supplies it; "U" must be said explicitly.
    if (!sexGiven && patient.sex == core::Sex::Unknown)
        throw Error(ErrorKind::BadRequest, "missing_field",
                    "sex: Sex is required (M, F, O or U) unless a national ID number supplies it.",
                    json{{"field", "sex"}}.dump());
    const auto nowIso = core::formatIsoTimestamp(m_clock.now());

    return m_writer
        .submit([&](store::Database& db) {
            store::PatientRepository repo(db);
            checkIdentifiersFree(who, repo, patient);
            if (!confirmDuplicate && patient.birthDate) {
                const auto same = repo.findByNameAndBirthDate(patient.name, *patient.birthDate);
                json candidates = json::array();
                for (const auto& c : same)
                    if (!c.confidential || who.can(Permission::PatientConfidential))
                        candidates.push_back(protocol::toJson(c));
                // Only visible candidates are offered; hidden ones are not revealed by a prompt.
                if (!candidates.empty())
                    throw Error(
                        ErrorKind::Conflict, "possible_duplicate",
                        "A patient with the same name and birth date is already registered; confirm to "
                        "register another.",
                        json{{"candidates", candidates}}.dump());
            }
            return insertRow(db, who, patient, nowIso);
        })
        .get();
}

core::Patient PatientService::insertRow(store::Database& db, const Principal& who,
                                        const core::Patient& patient, const std::string& nowIso) const
{
    store::PatientRepository repo(db);
    const auto id = repo.insert(patient, nowIso);
    auto stored = *repo.find(id);
    repo.appendHistory({0, id, nowIso, who.username, "create", std::nullopt, snapshot(stored)});
    m_audit.appendInJob(db, auditEntry(who, "patient.create", id, ""));
    linkArchivedStudies(db, who, stored, nowIso);
    return stored;
}

core::Patient PatientService::createInJob(store::Database& db, const Principal& who, core::Patient patient,
                                          const std::string& nowIso) const
{
    validateForStorage(who, patient);
    store::PatientRepository repo(db);
    checkIdentifiersFree(who, repo, patient);
    return insertRow(db, who, patient, nowIso);
}

core::Patient PatientService::update(const Principal& who, core::PatientId id, const json& body)
{
    who.require(Permission::PatientWrite);
    const auto expectedVersion = protocol::optionalInteger(body, "version");
    // Reject bad types before touching the database.
    {
        core::Patient probe;
        protocol::applyPatientJson(probe, body, {"version"});
    }
    const auto nowIso = core::formatIsoTimestamp(m_clock.now());
    return m_writer
        .submit([&](store::Database& db) {
            store::PatientRepository repo(db);
            const auto before = visiblePatient(who, repo, id);
            if (before.mergedInto)
                throw Error(ErrorKind::Conflict, "conflict",
                            "This patient was merged into patient " + std::to_string(*before.mergedInto) +
                                "; edit that patient or unmerge first.");
            if (expectedVersion && *expectedVersion != before.version)
                throw Error(ErrorKind::Conflict, "conflict",
                            "The patient was changed by someone else; reload and try again.");
            core::Patient after = before;
            protocol::applyPatientJson(after, body, {"version"});
            return updateInJob(db, who, before, std::move(after), nowIso);
        })
        .get();
}

core::Patient PatientService::updateInJob(store::Database& db, const Principal& who,
                                          const core::Patient& before, core::Patient after,
                                          const std::string& nowIso) const
{
    store::PatientRepository repo(db);
    if (before.confidential != after.confidential)
        who.require(Permission::PatientConfidential);
    validateForStorage(who, after);
    // A request that changes nothing writes nothing: no new version, no history entry.
    if (protocol::toJson(after) == protocol::toJson(before))
        return before;
    checkIdentifiersFree(who, repo, after);
    if (!repo.update(after, nowIso))
        throw Error(ErrorKind::Conflict, "conflict",
                    "The patient was changed by someone else; reload and try again.");
    auto stored = *repo.find(before.id);
    repo.appendHistory({0, before.id, nowIso, who.username, "update", snapshot(before), snapshot(stored)});
    m_audit.appendInJob(db, auditEntry(who, "patient.update", before.id, ""));
    linkArchivedStudies(db, who, stored, nowIso);
    return stored;
}

std::vector<store::PatientHistoryEntry> PatientService::history(const Principal& who, core::PatientId id)
{
    who.require(Permission::PatientRead);
    std::vector<store::PatientHistoryEntry> entries;
    {
        auto db = m_readers.lease();
        store::PatientRepository repo(*db);
        visiblePatient(who, repo, id);
        entries = repo.history(id);
    }
    m_audit.record(auditEntry(who, "patient.history", id, ""));
    return entries;
}

MergeResult PatientService::merge(const Principal& who, core::PatientId targetId, core::PatientId sourceId)
{
    who.require(Permission::PatientMerge);
    if (targetId == sourceId)
        throw Error(ErrorKind::BadRequest, "invalid_field",
                    "sourceId: a patient cannot be merged into itself.");
    const auto nowIso = core::formatIsoTimestamp(m_clock.now());
    return m_writer
        .submit([&](store::Database& db) { return mergeInJob(db, who, targetId, sourceId, nowIso); })
        .get();
}

MergeResult PatientService::mergeInJob(store::Database& db, const Principal& who, core::PatientId targetId,
                                       core::PatientId sourceId, const std::string& nowIso) const
{
    if (targetId == sourceId)
        throw Error(ErrorKind::BadRequest, "invalid_field",
                    "sourceId: a patient cannot be merged into itself.");
    store::PatientRepository repo(db);
    const auto target = visiblePatient(who, repo, targetId);
    const auto source = visiblePatient(who, repo, sourceId);
    if (target.mergedInto || source.mergedInto)
        throw Error(ErrorKind::Conflict, "conflict",
                    "One of the two patients is already merged into another.");
    if (repo.countMergedInto(sourceId) > 0)
        throw Error(ErrorKind::Conflict, "conflict",
                    "Other patients were merged into the duplicate; unmerge them first.");
    repo.setMergedInto(sourceId, targetId, nowIso);
    const auto mergeId = repo.insertMerge({0, targetId, sourceId, nowIso, who.username});
    MergeResult result{mergeId, *repo.find(targetId), *repo.find(sourceId)};
    repo.appendHistory(
        {0, sourceId, nowIso, who.username, "merge", snapshot(source), snapshot(result.source)});
    repo.appendHistory(
        {0, targetId, nowIso, who.username, "merge", std::nullopt, json{{"mergedFrom", sourceId}}.dump()});
    m_audit.appendInJob(
        db, auditEntry(who, "patient.merge", targetId,
                       "merged patient " + std::to_string(sourceId) + " into " + std::to_string(targetId)));
    return result;
}

core::Patient PatientService::unmerge(const Principal& who, core::PatientId targetId,
                                      core::PatientId sourceId)
{
    who.require(Permission::PatientMerge);
    const auto nowIso = core::formatIsoTimestamp(m_clock.now());
    return m_writer
        .submit([&](store::Database& db) {
            store::PatientRepository repo(db);
            const auto source = visiblePatient(who, repo, sourceId);
            visiblePatient(who, repo, targetId);
            const auto merge = repo.openMergeOf(sourceId);
            if (!merge || merge->targetId != targetId || source.mergedInto != targetId)
                throw Error(ErrorKind::Conflict, "conflict",
                            "Patient " + std::to_string(sourceId) + " is not merged into patient " +
                                std::to_string(targetId) + ".");
            repo.setMergedInto(sourceId, std::nullopt, nowIso);
            repo.closeMerge(merge->id, nowIso, who.username);
            auto restored = *repo.find(sourceId);
            repo.appendHistory(
                {0, sourceId, nowIso, who.username, "unmerge", snapshot(source), snapshot(restored)});
            repo.appendHistory({0, targetId, nowIso, who.username, "unmerge", std::nullopt,
                                json{{"unmergedFrom", sourceId}}.dump()});
            m_audit.appendInJob(db, auditEntry(who, "patient.unmerge", targetId,
                                               "unmerged patient " + std::to_string(sourceId) + " from " +
                                                   std::to_string(targetId)));
            return restored;
        })
        .get();
}

} // namespace lumen::server
