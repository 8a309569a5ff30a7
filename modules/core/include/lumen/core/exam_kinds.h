#pragma once
// The closed vocabularies of an exam order, with the codes the wire and the database use.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lumen::core {

// The medical-technology department that performs the exam (req: 000 §2.3.6 radiology,
// ultrasound, endoscopy, ECG).
enum class Department { Radiology, Ultrasound, Endoscopy, Ecg, Other };
// Where the patient comes from; booking quotas and rules differ per source.
enum class PatientSource { Outpatient, Inpatient, Emergency, PhysicalExam };
enum class ExamPriority { Routine, Urgent, Emergency };
enum class FeeStatus { Unpaid, Paid, Refunded, Exempt };

const std::vector<Department>& allDepartments();
const std::vector<PatientSource>& allPatientSources();
const std::vector<ExamPriority>& allExamPriorities();
const std::vector<FeeStatus>& allFeeStatuses();

// Wire/database codes: "radiology", "physical_exam", "emergency", "refunded"...
std::string_view toCode(Department department);
std::string_view toCode(PatientSource source);
std::string_view toCode(ExamPriority priority);
std::string_view toCode(FeeStatus status);
std::optional<Department> departmentFromCode(std::string_view code);
std::optional<PatientSource> patientSourceFromCode(std::string_view code);
std::optional<ExamPriority> examPriorityFromCode(std::string_view code);
std::optional<FeeStatus> feeStatusFromCode(std::string_view code);

// The codes joined for messages, e.g. "routine, urgent, emergency".
std::string departmentCodeList();
std::string patientSourceCodeList();
std::string examPriorityCodeList();
std::string feeStatusCodeList();

} // namespace lumen::core
