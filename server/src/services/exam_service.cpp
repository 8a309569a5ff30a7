#include "services/exam_service.h"

#include "local_date.h"
#include "lumen/core/accession_number.h"
#include "lumen/core/error.h"
#include "lumen/core/exam_edit_rules.h"
#include "lumen/core/exam_transitions.h"
#include "lumen/core/text_checks.h"
#include "lumen/protocol/exam_json.h"
#include "lumen/protocol/json_fields.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/patient_repository.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"
#include "services/exam_code_translation.h"
#include "services/exam_step.h"
#include "services/field_problems.h"

#include <nlohmann/json.hpp>

namespace lumen::server {

using core::Error;
using core::ErrorKind;
using core::ExamStatus;
using core::Permission;
using nlohmann::json;

namespace {

const Error examNotFound(ErrorKind::NotFound, "not_found", "No such exam.");

// A merged patient's exams follow the confidentiality of the patient it was merged into.
bool patientHidden(const Principal& who, store::PatientRepository& patients, core::PatientId id)
{
    const auto patient = patients.find(id);
    if (!patient)
        return true;
    if (who.can(Permission::PatientConfidential))
        return false;
    if (patient->confidential)
        return true;
    if (patient->mergedInto) {
        const auto target = patients.find(*patient->mergedInto);
        return target && target->confidential;
    }
    return false;
}

core::PatientId activePatient(store::PatientRepository& patients, core::PatientId id)
{
    const auto patient = patients.find(id);
    return patient && patient->mergedInto ? *patient->mergedInto : id;
}

std::string changedFields(const core::Exam& before, const core::Exam& after)
{
    const auto a = protocol::toJson(before);
    const auto b = protocol::toJson(after);
    std::string list;
    for (auto field : core::allExamFields()) {
        const std::string name(core::fieldName(field));
        if (a.at(name) != b.at(name))
            list += (list.empty() ? "" : ", ") + name;
    }
    return list;
}

struct TransitionRequest
{
    ExamStatus to = ExamStatus::Requested;
    std::optional<std::string> note;
    json slot = json::object(); // scheduledAt / room, applied like a PATCH
    std::optional<std::int64_t> version;
};

TransitionRequest parseTransition(const json& body)
{
    TransitionRequest r;
    for (const auto& [key, value] : body.items())
        if (key != "to" && key != "note" && key != "scheduledAt" && key != "room" && key != "version")
            throw Error(ErrorKind::BadRequest, "invalid_field", "Unknown field '" + key + "'.",
                        json{{"field", key}}.dump());
    const auto to = protocol::requireString(body, "to", 64);
    const auto status = core::examStatusFromCode(to);
    if (!status)
        throw Error(ErrorKind::BadRequest, "invalid_field",
                    "Field 'to' must be one of " + core::examStatusCodeList() + ".",
                    json{{"field", "to"}}.dump());
    r.to = *status;
    r.note = protocol::optionalString(body, "note", 4096);
    core::trimOptional(r.note);
    if (r.note && (core::characterCount(*r.note) > 500 || core::hasControlCharacters(*r.note, true)))
        throw Error(ErrorKind::BadRequest, "invalid_field",
                    "note: A note may have at most 500 characters without control characters.",
                    json{{"field", "note"}}.dump());
    for (const char* key : {"scheduledAt", "room"})
        if (body.contains(key)) {
            if (r.to != ExamStatus::Booked)
                throw Error(ErrorKind::BadRequest, "invalid_field",
                            std::string(key) + ": only a transition to booked sets the slot.",
                            json{{"field", key}}.dump());
            r.slot[key] = body[key];
        }
    r.version = protocol::optionalInteger(body, "version");
    return r;
}

} // namespace

ExamService::ExamService(const core::Clock& clock, store::ConnectionPool& readers, store::WriteQueue& writer,
                         const AuditLog& audit)
    : m_clock(clock), m_readers(readers), m_writer(writer), m_audit(audit)
{
}

core::AuditEntry ExamService::auditEntry(const Principal& who, std::string action, const core::Exam* exam,
                                         std::string detail) const
{
    return core::AuditEntry{0,
                            core::formatIsoTimestamp(m_clock.now()),
                            who.username,
                            who.clientAddress,
                            std::move(action),
                            "exam",
                            exam ? std::to_string(exam->id) : std::string("-"),
                            exam ? std::optional<std::int64_t>(exam->patientId) : std::nullopt,
                            std::move(detail),
                            "",
                            ""};
}

core::Exam ExamService::visibleExam(const Principal& who, store::Database& db, core::ExamId id) const
{
    auto exam = store::ExamRepository(db).find(id);
    store::PatientRepository patients(db);
    if (!exam || patientHidden(who, patients, exam->patientId))
        throw examNotFound;
    return *exam;
}

core::Exam ExamService::registerExam(const Principal& who, store::Database& db, core::Exam draft,
                                     bool departmentGiven, const std::string& nowIso) const
{
    store::PatientRepository patients(db);
    const auto patient = patients.find(draft.patientId);
    if (!patient || patientHidden(who, patients, draft.patientId))
        throw Error(ErrorKind::NotFound, "not_found", "patientId: No such patient.",
                    json{{"field", "patientId"}}.dump());
    if (patient->mergedInto) {
        // The patient the duplicate went into may itself be hidden from the caller.
        json details = {{"field", "patientId"}};
        std::string message = "patientId: This patient was merged into another patient";
        if (!patientHidden(who, patients, *patient->mergedInto)) {
            details["mergedInto"] = *patient->mergedInto;
            message += " (" + std::to_string(*patient->mergedInto) + ")";
        }
        throw Error(ErrorKind::Conflict, "patient_merged", message + "; register the exam for that patient.",
                    details.dump());
    }
    translateHisCodes(db, draft, departmentGiven);
    core::normalizeExam(draft);
    if (const auto problems = core::validateExam(draft); !problems.empty())
        throwFieldProblems(problems);

    store::ExamRepository exams(db);
    draft.status = ExamStatus::Requested;
    draft.scheduledAt.reset();
    draft.room.reset();
    draft.accessionNumber =
        exams.allocateAccessionNumber(core::accessionPrefix(draft.department, localDate(m_clock.now())));
    const auto id = exams.insert(draft, nowIso);
    auto stored = *exams.find(id);
    exams.appendEvent(
        {0, id, nowIso, who.username, who.displayName, std::nullopt, ExamStatus::Requested, std::nullopt});
    m_audit.appendInJob(db,
                        auditEntry(who, "exam.create", &stored,
                                   "accession " + stored.accessionNumber +
                                       (stored.hisRequestNo ? "; HIS request " + *stored.hisRequestNo : "")));
    return stored;
}

ExamCreateResult ExamService::create(const Principal& who, const json& body)
{
    who.require(Permission::ExamRegister);
    core::Exam draft;
    protocol::applyExamOrderJson(draft, body);
    if (draft.patientId <= 0)
        throw Error(ErrorKind::BadRequest, "missing_field", "patientId: The patient is required.",
                    json{{"field", "patientId"}}.dump());
    const bool departmentGiven = body.contains("department") && !body["department"].is_null();
    core::normalizeExam(draft);
    const auto nowIso = core::formatIsoTimestamp(m_clock.now());

    return m_writer
        .submit([&](store::Database& db) {
            // The HIS may send an order twice (retries, resends after a timeout): the second
            // time it gets the exam the first one created.
            if (draft.hisRequestNo) {
                store::ExamRepository exams(db);
                if (auto existing =
                        exams.findByHisRequest(draft.hisSystem.value_or(""), *draft.hisRequestNo)) {
                    store::PatientRepository patients(db);
                    const bool samePatient = activePatient(patients, existing->patientId) ==
                                             activePatient(patients, draft.patientId);
                    if (!samePatient || patientHidden(who, patients, existing->patientId))
                        throw Error(ErrorKind::Conflict, "duplicate_his_request",
                                    "hisRequestNo: HIS request " + *draft.hisRequestNo +
                                        " is already registered for another patient.",
                                    json{{"field", "hisRequestNo"}}.dump());
                    m_audit.appendInJob(db, auditEntry(who, "exam.read", &*existing,
                                                       "repeated HIS request " + *draft.hisRequestNo));
                    return ExamCreateResult{*existing, false};
                }
            }
            return ExamCreateResult{registerExam(who, db, draft, departmentGiven, nowIso), true};
        })
        .get();
}

core::Exam ExamService::get(const Principal& who, core::ExamId id)
{
    who.require(Permission::ExamRead);
    core::Exam exam;
    {
        auto db = m_readers.lease();
        exam = visibleExam(who, *db, id);
    }
    m_audit.record(auditEntry(who, "exam.read", &exam, ""));
    return exam;
}

ExamPage ExamService::search(const Principal& who, store::ExamSearch query)
{
    who.require(Permission::ExamRead);
    query.includeConfidential = who.can(Permission::PatientConfidential);
    const int limit = query.limit;
    // One extra row tells whether another page exists without counting all matches.
    ++query.limit;
    ExamPage page;
    {
        auto db = m_readers.lease();
        page.items = store::ExamRepository(*db).search(query);
    }
    if (int(page.items.size()) > limit) {
        page.items.pop_back();
        page.hasMore = true;
    }
    std::string ids;
    for (const auto& e : page.items)
        ids += (ids.empty() ? "" : ",") + std::to_string(e.id);
    auto entry = auditEntry(who, "exam.search", nullptr, "ids=" + ids);
    entry.patientId = query.patientId;
    m_audit.record(std::move(entry));
    return page;
}

core::Exam ExamService::update(const Principal& who, core::ExamId id, const json& body)
{
    who.require(Permission::ExamRegister);
    const auto expectedVersion = protocol::optionalInteger(body, "version");
    // Reject bad types before touching the database.
    {
        core::Exam probe;
        protocol::applyExamChangesJson(probe, body, {"version"});
    }
    const auto nowIso = core::formatIsoTimestamp(m_clock.now());
    return m_writer
        .submit([&](store::Database& db) {
            const auto before = visibleExam(who, db, id);
            if (expectedVersion && *expectedVersion != before.version)
                throw Error(ErrorKind::Conflict, "conflict",
                            "The exam was changed by someone else; reload and try again.");
            core::Exam after = before;
            protocol::applyExamChangesJson(after, body, {"version"});
            // Only new items are looked up: a dictionary row removed since registration must not
            // block unrelated edits such as the fee.
            if (body.contains("items"))
                translateHisCodes(db, after, true);
            core::normalizeExam(after);
            const auto beforeJson = protocol::toJson(before);
            const auto afterJson = protocol::toJson(after);
            for (auto field : core::allExamFields()) {
                const std::string name(core::fieldName(field));
                if (beforeJson.at(name) != afterJson.at(name) && !core::isEditable(field, before.status))
                    throw Error(ErrorKind::Conflict, "field_locked",
                                name + ": The exam is " + std::string(core::toCode(before.status)) +
                                    "; this field may change only " + std::string(core::editableWhen(field)) +
                                    ".",
                                json{{"field", name}, {"status", core::toCode(before.status)}}.dump());
            }
            if (before.status == ExamStatus::Booked && !after.scheduledAt)
                throw Error(
                    ErrorKind::BadRequest, "missing_field",
                    "scheduledAt: A booked exam keeps its time; release the booking with a transition "
                    "to requested.",
                    json{{"field", "scheduledAt"}}.dump());
            if (const auto problems = core::validateExam(after); !problems.empty())
                throwFieldProblems(problems);
            // A request that changes nothing writes nothing: no new version, no audit entry.
            if (protocol::toJson(after) == beforeJson)
                return before;
            store::ExamRepository exams(db);
            if (!exams.update(after, nowIso))
                throw Error(ErrorKind::Conflict, "conflict",
                            "The exam was changed by someone else; reload and try again.");
            auto stored = *exams.find(id);
            m_audit.appendInJob(
                db, auditEntry(who, "exam.update", &stored, "changed: " + changedFields(before, stored)));
            return stored;
        })
        .get();
}

core::Exam ExamService::transition(const Principal& who, core::ExamId id, const json& body)
{
    who.require(Permission::ExamRead);
    const auto request = parseTransition(body);
    // Reject a malformed slot before touching the database.
    {
        core::Exam probe;
        protocol::applyExamChangesJson(probe, request.slot);
    }
    const auto nowIso = core::formatIsoTimestamp(m_clock.now());
    return m_writer
        .submit([&](store::Database& db) {
            const auto before = visibleExam(who, db, id);
            if (request.version && *request.version != before.version)
                throw Error(ErrorKind::Conflict, "conflict",
                            "The exam was changed by someone else; reload and try again.");
            if (const auto refusal = core::whyTransitionRefused(before.status, before.priority, request.to)) {
                json allowed = json::array();
                for (auto s : core::nextExamStatuses(before.status))
                    allowed.push_back(core::toCode(s));
                throw Error(ErrorKind::Conflict, "illegal_transition", *refusal,
                            json{{"from", core::toCode(before.status)},
                                 {"to", core::toCode(request.to)},
                                 {"allowed", allowed}}
                                .dump());
            }
            const auto& rule = *core::findExamTransition(before.status, request.to);
            bool permitted = false;
            std::string needed;
            for (auto p : rule.anyOf) {
                permitted = permitted || who.can(p);
                needed += (needed.empty() ? "" : " or ") + std::string(core::toString(p));
            }
            if (!permitted)
                throw Error(ErrorKind::Forbidden, "forbidden",
                            "Your roles do not allow moving an exam from " +
                                std::string(core::toCode(rule.from)) + " to " +
                                std::string(core::toCode(rule.to)) + " (needs " + needed + ").");
            if (rule.noteRequired && !request.note)
                throw Error(ErrorKind::BadRequest, "missing_field",
                            "note: Say why the exam is " + std::string(core::toCode(request.to)) + ".",
                            json{{"field", "note"}}.dump());

            core::Exam after = before;
            after.status = request.to;
            if (request.to == ExamStatus::Booked) {
                protocol::applyExamChangesJson(after, request.slot);
                core::normalizeExam(after);
                if (!after.scheduledAt)
                    throw Error(ErrorKind::BadRequest, "missing_field", "scheduledAt: Booking needs a time.",
                                json{{"field", "scheduledAt"}}.dump());
                if (const auto problems = core::validateExam(after); !problems.empty())
                    throwFieldProblems(problems);
            } else if (before.status == ExamStatus::Booked && request.to == ExamStatus::Requested) {
                // Releasing the booking gives the slot back.
                after.scheduledAt.reset();
                after.room.reset();
            }
            if (m_stepHook)
                m_stepHook(db, who, before, after);
            return writeExamStep(db, m_audit, before, after,
                                 {who.username, who.displayName, who.clientAddress}, request.note, nowIso);
        })
        .get();
}

std::vector<core::ExamEvent> ExamService::timeline(const Principal& who, core::ExamId id)
{
    who.require(Permission::ExamRead);
    core::Exam exam;
    std::vector<core::ExamEvent> events;
    {
        auto db = m_readers.lease();
        exam = visibleExam(who, *db, id);
        events = store::ExamRepository(*db).timeline(id);
    }
    m_audit.record(auditEntry(who, "exam.timeline", &exam, ""));
    return events;
}

} // namespace lumen::server
