#include "lumen/core/exam_kinds.h"

namespace lumen::core {

namespace {
template <class Enum> std::optional<Enum> fromCode(const std::vector<Enum>& all, std::string_view code)
{
    for (Enum value : all)
        if (toCode(value) == code)
            return value;
    return std::nullopt;
}

template <class Enum> std::string codeList(const std::vector<Enum>& all)
{
    std::string list;
    for (Enum value : all)
        list += (list.empty() ? "" : ", ") + std::string(toCode(value));
    return list;
}
} // namespace

const std::vector<Department>& allDepartments()
{
    static const std::vector<Department> all = {Department::Radiology, Department::Ultrasound,
                                                Department::Endoscopy, Department::Ecg, Department::Other};
    return all;
}

const std::vector<PatientSource>& allPatientSources()
{
    static const std::vector<PatientSource> all = {PatientSource::Outpatient, PatientSource::Inpatient,
                                                   PatientSource::Emergency, PatientSource::PhysicalExam};
    return all;
}

const std::vector<ExamPriority>& allExamPriorities()
{
    static const std::vector<ExamPriority> all = {ExamPriority::Routine, ExamPriority::Urgent,
                                                  ExamPriority::Emergency};
    return all;
}

const std::vector<FeeStatus>& allFeeStatuses()
{
    static const std::vector<FeeStatus> all = {FeeStatus::Unpaid, FeeStatus::Paid, FeeStatus::Refunded,
                                               FeeStatus::Exempt};
    return all;
}

std::string_view toCode(Department department)
{
    switch (department) {
    case Department::Radiology:
        return "radiology";
    case Department::Ultrasound:
        return "ultrasound";
    case Department::Endoscopy:
        return "endoscopy";
    case Department::Ecg:
        return "ecg";
    case Department::Other:
        break;
    }
    return "other";
}

std::string_view toCode(PatientSource source)
{
    switch (source) {
    case PatientSource::Outpatient:
        return "outpatient";
    case PatientSource::Inpatient:
        return "inpatient";
    case PatientSource::Emergency:
        return "emergency";
    case PatientSource::PhysicalExam:
        break;
    }
    return "physical_exam";
}

std::string_view toCode(ExamPriority priority)
{
    switch (priority) {
    case ExamPriority::Routine:
        return "routine";
    case ExamPriority::Urgent:
        return "urgent";
    case ExamPriority::Emergency:
        break;
    }
    return "emergency";
}

std::string_view toCode(FeeStatus status)
{
    switch (status) {
    case FeeStatus::Unpaid:
        return "unpaid";
    case FeeStatus::Paid:
        return "paid";
    case FeeStatus::Refunded:
        return "refunded";
    case FeeStatus::Exempt:
        break;
    }
    return "exempt";
}

std::optional<Department> departmentFromCode(std::string_view code)
{
    return fromCode(allDepartments(), code);
}
std::optional<PatientSource> patientSourceFromCode(std::string_view code)
{
    return fromCode(allPatientSources(), code);
}
std::optional<ExamPriority> examPriorityFromCode(std::string_view code)
{
    return fromCode(allExamPriorities(), code);
}
std::optional<FeeStatus> feeStatusFromCode(std::string_view code)
{
    return fromCode(allFeeStatuses(), code);
}

std::string departmentCodeList()
{
    return codeList(allDepartments());
}
std::string patientSourceCodeList()
{
    return codeList(allPatientSources());
}
std::string examPriorityCodeList()
{
    return codeList(allExamPriorities());
}
std::string feeStatusCodeList()
{
    return codeList(allFeeStatuses());
}

} // namespace lumen::core
