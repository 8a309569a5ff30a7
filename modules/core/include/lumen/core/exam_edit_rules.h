#pragma once
// Which fields of an exam may still change in each status: what was ordered can change until
// the exam is done, the slot only while booked, clinical notes until the report is written,
// the fee at any time (a cancelled exam is refunded). Department, patient, HIS request and
// accession number never change; status changes only through transitions.
#include "lumen/core/exam_status.h"

#include <string_view>
#include <vector>

namespace lumen::core {

enum class ExamField {
    Modality,
    Items,
    RequestingDepartment,
    RequestingDoctor,
    PatientSource,
    ScheduledAt,
    Room,
    ClinicalDiagnosis,
    ClinicalHistory,
    Priority,
    FeeStatus,
};

const std::vector<ExamField>& allExamFields();
// Wire name, e.g. "scheduledAt".
std::string_view fieldName(ExamField field);
bool isEditable(ExamField field, ExamStatus status);
// When the field may change, for messages: "while the exam is booked".
std::string_view editableWhen(ExamField field);

} // namespace lumen::core
