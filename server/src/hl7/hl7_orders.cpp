#include "hl7/hl7_orders.h"

#include "hl7/hl7_failure.h"
#include "hl7/hl7_patient.h"
#include "lumen/core/exam_edit_rules.h"
#include "lumen/core/exam_transitions.h"
#include "lumen/core/text_checks.h"
#include "lumen/store/exam_repository.h"
#include "lumen/store/patient_repository.h"
#include "services/audit_log.h"
#include "services/exam_code_translation.h"
#include "services/exam_service.h"

#include <algorithm>

namespace lumen::server {

using hl7::AckCode;
using hl7::ErrorCode;

namespace {

struct OrderGroup
{
    const hl7::Segment* orc = nullptr;
    std::vector<const hl7::Segment*> obrs;
    const hl7::Segment* tq1 = nullptr;
    std::vector<const hl7::Segment*> dg1s;
};

std::vector<OrderGroup> orderGroups(const hl7::Message& message)
{
    std::vector<OrderGroup> groups;
    for (const auto& s : message.segments()) {
        if (s.name() == "ORC") {
            groups.push_back({&s, {}, nullptr, {}});
            continue;
        }
        const bool inOrder = s.name() == "OBR" || s.name() == "TQ1" || s.name() == "DG1";
        if (!inOrder)
            continue;
        if (groups.empty()) {
            if (s.name() == "DG1")
                continue; // a patient-level diagnosis before the orders
            throw Hl7Failure(AckCode::Reject, ErrorCode::SegmentSequence, s.name() + " before any ORC",
                             s.name());
        }
        auto& g = groups.back();
        if (s.name() == "OBR")
            g.obrs.push_back(&s);
        else if (s.name() == "TQ1" && !g.tq1)
            g.tq1 = &s;
        else if (s.name() == "DG1")
            g.dg1s.push_back(&s);
    }
    if (groups.empty())
        throw Hl7Failure(AckCode::Reject, ErrorCode::SegmentSequence, "the order message has no ORC segment",
                         "ORC");
    return groups;
}

// A doctor's name from an XCN (id^family^given), else the ID.
std::optional<std::string> doctorName(const hl7::Segment& s, int field)
{
    const auto family = s.value(field, 0, 2, 1);
    const auto given = s.value(field, 0, 3);
    const bool ascii = std::all_of(family.begin(), family.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    std::string name = ascii && !family.empty() && !given.empty() ? family + " " + given : family + given;
    if (name.empty())
        name = s.value(field, 0, 1);
    if (name.empty())
        return std::nullopt;
    return name;
}

std::optional<std::string> textOf(const hl7::Segment& s, int field)
{
    auto text = s.value(field, 0, 2);
    if (text.empty())
        text = s.value(field, 0, 1);
    if (text.empty())
        return std::nullopt;
    return text;
}

std::string placerNumber(const OrderGroup& g)
{
    auto placer = g.orc->value(2, 0, 1);
    if (placer.empty() && !g.obrs.empty())
        placer = g.obrs.front()->value(2, 0, 1);
    if (placer.empty())
        throw hl7Error(ErrorCode::RequiredFieldMissing, "ORC-2: the placer order number is missing", "ORC",
                       2);
    if (!core::isPlainIdentifier(placer))
        throw hl7Error(ErrorCode::DataType,
                       "ORC-2: placer order number '" + placer +
                           "' must be letters, digits and - _ / . (at most 64)",
                       "ORC", 2);
    return placer;
}

struct OrderDraft
{
    core::Exam exam;
    bool sourceGiven = false;   // PV1-2 was sent
    bool priorityGiven = false; // TQ1-9, OBR-27 or ORC-7 was sent
};

// The order as the message states it; fields it leaves empty stay unset.
OrderDraft draftOf(const OrderGroup& g, const hl7::Message& message, const Hl7Context& ctx,
                   core::PatientId patient)
{
    OrderDraft draft;
    core::Exam& exam = draft.exam;
    exam.patientId = patient;
    exam.hisSystem = ctx.hisSystem;
    exam.hisRequestNo = placerNumber(g);
    for (const auto* obr : g.obrs) {
        const auto code = obr->value(4, 0, 1);
        if (code.empty())
            throw hl7Error(ErrorCode::RequiredFieldMissing, "OBR-4: the ordered item code is missing", "OBR",
                           4);
        core::ExamItem item;
        item.hisItemCode = code;
        if (std::find(exam.items.begin(), exam.items.end(), item) == exam.items.end())
            exam.items.push_back(item);
    }
    const hl7::Segment* obr = g.obrs.empty() ? nullptr : g.obrs.front();
    exam.requestingDoctor = doctorName(*g.orc, 12);
    if (!exam.requestingDoctor && obr)
        exam.requestingDoctor = doctorName(*obr, 16);
    exam.requestingDepartment = textOf(*g.orc, 17);
    if (const auto* pv1 = message.first("PV1"); pv1 && !pv1->value(2).empty()) {
        exam.patientSource = patientSourceFromClass(pv1->value(2));
        draft.sourceGiven = true;
    }
    std::string priority = g.tq1 ? g.tq1->value(9, 0, 1) : std::string();
    if (priority.empty() && obr)
        priority = obr->value(27, 0, 6);
    if (priority.empty())
        priority = g.orc->value(7, 0, 6);
    exam.priority = priorityFromCode(priority);
    draft.priorityGiven = !priority.empty();
    std::string diagnosis;
    for (const auto* dg1 : g.dg1s) {
        auto text = dg1->value(3, 0, 2);
        if (text.empty())
            text = dg1->value(4);
        if (text.empty())
            text = dg1->value(3, 0, 1);
        if (!text.empty() && diagnosis.find(text) == std::string::npos)
            diagnosis += (diagnosis.empty() ? "" : "; ") + text;
    }
    if (diagnosis.empty() && obr)
        diagnosis = obr->value(31, 0, 2).empty() ? obr->value(31, 0, 1) : obr->value(31, 0, 2);
    if (!diagnosis.empty())
        exam.clinicalDiagnosis = diagnosis;
    if (obr)
        if (const auto history = obr->value(13); !history.empty())
            exam.clinicalHistory = history;
    return draft;
}

core::AuditEntry examAudit(const Hl7Context& ctx, std::string action, const core::Exam& exam,
                           std::string detail)
{
    return core::AuditEntry{0,
                            ctx.nowIso,
                            ctx.who.username,
                            ctx.who.clientAddress,
                            std::move(action),
                            "exam",
                            std::to_string(exam.id),
                            exam.patientId,
                            std::move(detail),
                            "",
                            ""};
}

std::string registerOrder(store::Database& db, const Hl7Context& ctx, core::Exam draft)
{
    store::ExamRepository exams(db);
    if (const auto existing = exams.findByHisRequest(draft.hisSystem.value_or(""), *draft.hisRequestNo)) {
        store::PatientRepository patients(db);
        const auto owner = patients.find(existing->patientId);
        const auto active = owner && owner->mergedInto ? *owner->mergedInto : existing->patientId;
        if (active != draft.patientId)
            throw hl7Error(ErrorCode::DuplicateKeyIdentifier,
                           "ORC-2: order " + *draft.hisRequestNo +
                               " is already registered for another patient",
                           "ORC", 2);
        return "order " + *draft.hisRequestNo + " already registered as exam " + std::to_string(existing->id);
    }
    const auto stored = ctx.exams.registerExam(ctx.who, db, draft, false, ctx.nowIso);
    return "exam " + std::to_string(stored.id) + " registered (" + stored.accessionNumber + ")";
}

core::Exam existingOrder(store::Database& db, const core::Exam& draft)
{
    const auto existing =
        store::ExamRepository(db).findByHisRequest(draft.hisSystem.value_or(""), *draft.hisRequestNo);
    if (!existing)
        throw hl7Error(ErrorCode::UnknownKeyIdentifier,
                       "ORC-2: order " + *draft.hisRequestNo + " is not registered", "ORC", 2);
    return *existing;
}

std::string changeOrder(store::Database& db, const Hl7Context& ctx, const OrderDraft& change)
{
    core::Exam draft = change.exam;
    const auto before = existingOrder(db, draft);
    core::Exam after = before;
    if (!draft.items.empty()) {
        draft.department = before.department;
        translateHisCodes(db, draft, true);
        after.items = draft.items;
    }
    if (draft.requestingDoctor)
        after.requestingDoctor = draft.requestingDoctor;
    if (draft.requestingDepartment)
        after.requestingDepartment = draft.requestingDepartment;
    if (draft.clinicalDiagnosis)
        after.clinicalDiagnosis = draft.clinicalDiagnosis;
    if (draft.clinicalHistory)
        after.clinicalHistory = draft.clinicalHistory;
    if (change.sourceGiven)
        after.patientSource = draft.patientSource;
    if (change.priorityGiven)
        after.priority = draft.priority;
    core::normalizeExam(after);
    const std::vector<std::pair<core::ExamField, bool>> changes{
        {core::ExamField::Items, after.items != before.items},
        {core::ExamField::RequestingDoctor, after.requestingDoctor != before.requestingDoctor},
        {core::ExamField::RequestingDepartment, after.requestingDepartment != before.requestingDepartment},
        {core::ExamField::ClinicalDiagnosis, after.clinicalDiagnosis != before.clinicalDiagnosis},
        {core::ExamField::ClinicalHistory, after.clinicalHistory != before.clinicalHistory},
        {core::ExamField::PatientSource, after.patientSource != before.patientSource},
        {core::ExamField::Priority, after.priority != before.priority}};
    std::string changed;
    for (const auto& [field, differs] : changes) {
        if (!differs)
            continue;
        if (!core::isEditable(field, before.status))
            throw hl7Error(ErrorCode::ApplicationInternalError,
                           "ORC-1 XO: " + std::string(core::fieldName(field)) + " may change only " +
                               std::string(core::editableWhen(field)) + "; the exam is " +
                               std::string(core::toCode(before.status)),
                           "ORC", 1);
        changed += (changed.empty() ? "" : ", ") + std::string(core::fieldName(field));
    }
    if (changed.empty())
        return "exam " + std::to_string(before.id) + " unchanged";
    if (const auto problems = core::validateExam(after); !problems.empty())
        throw hl7Error(ErrorCode::DataType, problems.front().field + ": " + problems.front().message);
    store::ExamRepository exams(db);
    if (!exams.update(after, ctx.nowIso))
        throw hl7Error(ErrorCode::ApplicationRecordLocked,
                       "the exam changed meanwhile; send the message again");
    ctx.audit.appendInJob(db, examAudit(ctx, "exam.update", after, changed));
    return "exam " + std::to_string(before.id) + " changed: " + changed;
}

std::string cancelOrder(store::Database& db, const Hl7Context& ctx, const core::Exam& draft)
{
    const auto before = existingOrder(db, draft);
    if (before.status == core::ExamStatus::Cancelled)
        return "exam " + std::to_string(before.id) + " already cancelled";
    if (const auto why =
            core::whyTransitionRefused(before.status, before.priority, core::ExamStatus::Cancelled))
        throw hl7Error(ErrorCode::ApplicationInternalError, "ORC-1 CA: " + *why, "ORC", 1);
    core::Exam after = before;
    after.status = core::ExamStatus::Cancelled;
    store::ExamRepository exams(db);
    if (!exams.update(after, ctx.nowIso))
        throw hl7Error(ErrorCode::ApplicationRecordLocked,
                       "the exam changed meanwhile; send the message again");
    exams.appendEvent({0, before.id, ctx.nowIso, ctx.who.username, ctx.who.displayName, before.status,
                       core::ExamStatus::Cancelled, std::string("HIS cancelled the order (HL7 ORC-1 CA)")});
    ctx.audit.appendInJob(db, examAudit(ctx, "exam.transition", after,
                                        std::string(core::toCode(before.status)) + " -> cancelled"));
    return "exam " + std::to_string(before.id) + " cancelled";
}

} // namespace

core::PatientSource patientSourceFromClass(std::string_view patientClass)
{
    if (patientClass == "I")
        return core::PatientSource::Inpatient;
    if (patientClass == "E")
        return core::PatientSource::Emergency;
    if (patientClass == "P")
        return core::PatientSource::PhysicalExam;
    return core::PatientSource::Outpatient;
}

core::ExamPriority priorityFromCode(std::string_view code)
{
    if (code == "S")
        return core::ExamPriority::Emergency;
    if (code == "A" || code == "P" || code == "C" || code == "T")
        return core::ExamPriority::Urgent;
    return core::ExamPriority::Routine;
}

std::string applyOrders(store::Database& db, const Hl7Context& ctx, const hl7::Message& message)
{
    const auto* pid = message.first("PID");
    if (!pid)
        throw Hl7Failure(AckCode::Reject, ErrorCode::SegmentSequence, "the order message has no PID segment",
                         "PID");
    const auto ids = patientIdentifiers(*pid);
    store::PatientRepository patients(db);
    const auto patient = findPatient(patients, ids, true, "PID", 3);
    if (!patient)
        throw hl7Error(ErrorCode::UnknownKeyIdentifier,
                       "PID-3: the patient is not registered; send ADT^A04 (or A01) first", "PID", 3);
    std::string summary;
    for (const auto& group : orderGroups(message)) {
        const auto control = group.orc->value(1);
        const auto draft = draftOf(group, message, ctx, *patient);
        std::string done;
        if (control == "NW") {
            if (draft.exam.items.empty())
                throw hl7Error(ErrorCode::RequiredFieldMissing, "a new order needs an OBR with OBR-4", "OBR",
                               4);
            done = registerOrder(db, ctx, draft.exam);
        } else if (control == "XO")
            done = changeOrder(db, ctx, draft);
        else if (control == "CA" || control == "DC")
            done = cancelOrder(db, ctx, draft.exam);
        else
            throw hl7Error(ErrorCode::TableValueNotFound,
                           "ORC-1: order control '" + control + "' is not supported (NW, XO, CA, DC)", "ORC",
                           1);
        summary += (summary.empty() ? "" : "; ") + done;
    }
    return summary;
}

} // namespace lumen::server
