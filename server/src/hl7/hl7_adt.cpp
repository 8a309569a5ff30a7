#include "hl7/hl7_adt.h"

#include "hl7/hl7_failure.h"
#include "hl7/hl7_patient.h"
#include "lumen/protocol/patient_json.h"
#include "lumen/store/patient_repository.h"
#include "services/patient_service.h"

namespace lumen::server {

using hl7::AckCode;
using hl7::ErrorCode;

namespace {

const hl7::Segment& requirePid(const hl7::Message& message)
{
    const auto* pid = message.first("PID");
    if (!pid)
        throw Hl7Failure(AckCode::Reject, ErrorCode::SegmentSequence, "the message has no PID segment",
                         "PID");
    return *pid;
}

std::vector<Hl7Identifier> requireIdentifiers(const hl7::Segment& segment, std::vector<Hl7Identifier> ids,
                                              int field)
{
    if (ids.empty())
        throw hl7Error(ErrorCode::RequiredFieldMissing,
                       segment.name() + "-" + std::to_string(field) +
                           ": no patient identifier of a type Lumen keeps (see server/HL7.md)",
                       segment.name(), field);
    return ids;
}

} // namespace

std::string applyPatientUpdate(store::Database& db, const Hl7Context& ctx, const hl7::Message& message)
{
    const auto& pid = requirePid(message);
    const auto ids = requireIdentifiers(pid, patientIdentifiers(pid), 3);
    auto patch = patientPatch(pid);
    store::PatientRepository repo(db);
    const auto found = findPatient(repo, ids, true, "PID", 3);
    if (!found) {
        core::Patient patient;
        protocol::applyPatientJson(patient, patch);
        const auto stored = ctx.patients.createInJob(db, ctx.who, patient, ctx.nowIso);
        return "patient " + std::to_string(stored.id) + " registered";
    }
    const auto before = *repo.find(*found);
    // Identifiers still held by a duplicate merged into this patient stay with the duplicate.
    for (const auto& id : ids) {
        const auto holder = repo.findByIdentifier(id.kind, id.value);
        if (holder && *holder != before.id)
            if (const auto p = repo.find(*holder); p && p->mergedInto == before.id)
                patch.erase(std::string(core::fieldName(id.kind)));
    }
    core::Patient after = before;
    protocol::applyPatientJson(after, patch);
    const auto stored = ctx.patients.updateInJob(db, ctx.who, before, after, ctx.nowIso);
    return "patient " + std::to_string(stored.id) +
           (stored.version == before.version ? " unchanged" : " updated");
}

std::string applyPatientMerge(store::Database& db, const Hl7Context& ctx, const hl7::Message& message)
{
    store::PatientRepository repo(db);
    std::string summary;
    const hl7::Segment* pid = nullptr;
    int pairs = 0;
    // A40 repeats PID + MRG for each pair of patients.
    for (const auto& segment : message.segments()) {
        if (segment.name() == "PID")
            pid = &segment;
        if (segment.name() != "MRG")
            continue;
        if (!pid)
            throw Hl7Failure(AckCode::Reject, ErrorCode::SegmentSequence, "MRG without a PID before it",
                             "MRG");
        ++pairs;
        const auto targetIds = requireIdentifiers(*pid, patientIdentifiers(*pid), 3);
        const auto sourceIds = requireIdentifiers(segment, identifiersIn(segment, 1), 1);
        const auto target = findPatient(repo, targetIds, true, "PID", 3);
        if (!target)
            throw hl7Error(ErrorCode::UnknownKeyIdentifier, "PID-3: the surviving patient is not registered",
                           "PID", 3);
        const auto source = findPatient(repo, sourceIds, false, "MRG", 1);
        if (!source)
            throw hl7Error(ErrorCode::UnknownKeyIdentifier, "MRG-1: the patient to merge is not registered",
                           "MRG", 1);
        const auto sourcePatient = *repo.find(*source);
        // Sent again (or merged by hand already): nothing left to do.
        if (*source == *target || sourcePatient.mergedInto == *target) {
            summary += (summary.empty() ? "" : "; ") + std::string("patient ") + std::to_string(*source) +
                       " already merged into " + std::to_string(*target);
            continue;
        }
        ctx.patients.mergeInJob(db, ctx.who, *target, *source, ctx.nowIso);
        summary += (summary.empty() ? "" : "; ") + std::string("patient ") + std::to_string(*source) +
                   " merged into " + std::to_string(*target);
        pid = nullptr;
    }
    if (pairs == 0)
        throw Hl7Failure(AckCode::Reject, ErrorCode::SegmentSequence, "ADT^A40 needs PID and MRG segments",
                         "MRG");
    return summary;
}

} // namespace lumen::server
