#pragma once
// ORM^O01 / OMG^O19: each ORC (with its OBR, TQ1, DG1) is an order of the patient in PID.
// ORC-1 NW registers it, XO changes it, CA (or DC) cancels it; the placer order number is the
// HIS request number, so a resent NW registers nothing new. Run inside the message's write job.
#include "hl7/hl7_context.h"
#include "lumen/core/exam_kinds.h"
#include "lumen/hl7/message.h"

#include <optional>
#include <string_view>

namespace lumen::store {
class Database;
}

namespace lumen::server {

// PV1-2: O outpatient, I inpatient, E emergency, P physical exam (a Chinese HIS convention; in
// HL7 table 0004 P is "preadmit"); anything else outpatient.
core::PatientSource patientSourceFromClass(std::string_view patientClass);
// TQ1-9 / OBR-27.6 / ORC-7.6 (HL7 table 0027): S emergency; A, P, C, T urgent; else routine.
core::ExamPriority priorityFromCode(std::string_view code);

std::string applyOrders(store::Database& db, const Hl7Context& ctx, const hl7::Message& message);

} // namespace lumen::server
