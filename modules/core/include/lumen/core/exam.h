#pragma once
// An exam (order) for one patient: what is to be done where, who asked for it and why, and
// where it stands. A combined exam lists several items (method + body part), e.g. a chest and
// an abdominal CT ordered together.
#include "lumen/core/exam_kinds.h"
#include "lumen/core/exam_status.h"
#include "lumen/core/patient.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lumen::core {

using ExamId = std::int64_t;

struct ExamItem
{
    std::string method;   // Lumen exam method, e.g. "CT平扫"
    std::string bodyPart; // Lumen body part, e.g. "胸部"
    // The HIS codes the item was ordered with, when it came from the HIS (see the dictionary).
    std::optional<std::string> hisItemCode;
    std::optional<std::string> hisBodyPartCode;
    bool operator==(const ExamItem&) const = default;
};

inline constexpr std::size_t maxExamItems = 20;

struct Exam
{
    ExamId id = 0;
    PatientId patientId = 0;
    std::string accessionNumber;
    ExamStatus status = ExamStatus::Requested;
    Department department = Department::Radiology;
    std::string modality; // DICOM modality code: CT, MR, DX, US, ES, ECG...
    std::vector<ExamItem> items;
    std::optional<std::string> requestingDepartment;
    std::optional<std::string> requestingDoctor;
    std::optional<std::string> clinicalDiagnosis;
    std::optional<std::string> clinicalHistory;
    PatientSource patientSource = PatientSource::Outpatient;
    ExamPriority priority = ExamPriority::Routine;
    // A request number is unique per sending HIS; several HIS (e.g. the hospital's and the
    // physical-exam centre's) may use the same numbers.
    std::optional<std::string> hisSystem;
    std::optional<std::string> hisRequestNo;
    FeeStatus feeStatus = FeeStatus::Unpaid;
    std::optional<std::string> scheduledAt; // UTC timestamp, set by booking
    std::optional<std::string> room;
    std::string createdAt;
    std::string updatedAt;
    std::int64_t version = 0;
};

// The modality a department implies (US, ES, ECG), if it implies one.
std::optional<std::string> impliedModality(Department department);
// Whether `modality` is one the department performs (any DICOM-style code for "other").
bool departmentPerforms(Department department, const std::string& modality);

// Trims text, turns empty text into "not set", upper-cases the modality and fills it in
// when the department implies it.
void normalizeExam(Exam& exam);
// Problems after normalisation, each naming its field ("items[1].bodyPart"); empty when the
// exam may be stored.
std::vector<FieldProblem> validateExam(const Exam& exam);

} // namespace lumen::core
