#include "lumen/core/exam_edit_rules.h"

namespace lumen::core {

namespace {
using S = ExamStatus;

bool beforeExamDone(S s)
{
    return s == S::Requested || s == S::Booked || s == S::CheckedIn || s == S::Called;
}
bool beforeReport(S s)
{
    return beforeExamDone(s) || s == S::InProgress || s == S::Examined || s == S::ImagesReceived;
}
} // namespace

const std::vector<ExamField>& allExamFields()
{
    static const std::vector<ExamField> all = {ExamField::Modality,
                                               ExamField::Items,
                                               ExamField::RequestingDepartment,
                                               ExamField::RequestingDoctor,
                                               ExamField::PatientSource,
                                               ExamField::ScheduledAt,
                                               ExamField::Room,
                                               ExamField::ClinicalDiagnosis,
                                               ExamField::ClinicalHistory,
                                               ExamField::Priority,
                                               ExamField::FeeStatus};
    return all;
}

std::string_view fieldName(ExamField field)
{
    switch (field) {
    case ExamField::Modality:
        return "modality";
    case ExamField::Items:
        return "items";
    case ExamField::RequestingDepartment:
        return "requestingDepartment";
    case ExamField::RequestingDoctor:
        return "requestingDoctor";
    case ExamField::PatientSource:
        return "patientSource";
    case ExamField::ScheduledAt:
        return "scheduledAt";
    case ExamField::Room:
        return "room";
    case ExamField::ClinicalDiagnosis:
        return "clinicalDiagnosis";
    case ExamField::ClinicalHistory:
        return "clinicalHistory";
    case ExamField::Priority:
        return "priority";
    case ExamField::FeeStatus:
        break;
    }
    return "feeStatus";
}

bool isEditable(ExamField field, ExamStatus status)
{
    switch (field) {
    case ExamField::Modality:
    case ExamField::Items:
    case ExamField::RequestingDepartment:
    case ExamField::RequestingDoctor:
    case ExamField::PatientSource:
        return beforeExamDone(status);
    // The slot is set by booking and released by going back to requested.
    case ExamField::ScheduledAt:
        return status == S::Booked;
    // A waiting patient may be sent to another room.
    case ExamField::Room:
        return status == S::Booked || status == S::CheckedIn;
    case ExamField::ClinicalDiagnosis:
    case ExamField::ClinicalHistory:
    case ExamField::Priority:
        return beforeReport(status);
    case ExamField::FeeStatus:
        return true;
    }
    return false;
}

std::string_view editableWhen(ExamField field)
{
    switch (field) {
    case ExamField::Modality:
    case ExamField::Items:
    case ExamField::RequestingDepartment:
    case ExamField::RequestingDoctor:
    case ExamField::PatientSource:
        return "until the exam is done (requested, booked, checked_in, called)";
    case ExamField::ScheduledAt:
        return "while the exam is booked";
    case ExamField::Room:
        return "while the exam is booked or checked_in";
    case ExamField::ClinicalDiagnosis:
    case ExamField::ClinicalHistory:
    case ExamField::Priority:
        return "until the report is written";
    case ExamField::FeeStatus:
        break;
    }
    return "always";
}

} // namespace lumen::core
