#include "lumen/core/exam_status.h"

namespace lumen::core {

const std::vector<ExamStatus>& allExamStatuses()
{
    static const std::vector<ExamStatus> all = {
        ExamStatus::Requested,  ExamStatus::Booked,   ExamStatus::CheckedIn,        ExamStatus::Called,
        ExamStatus::InProgress, ExamStatus::Examined, ExamStatus::ImagesReceived,   ExamStatus::Reported,
        ExamStatus::Approved,   ExamStatus::Printed,  ExamStatus::ReleasedToClinic, ExamStatus::Cancelled,
        ExamStatus::NoShow};
    return all;
}

std::string_view toCode(ExamStatus status)
{
    switch (status) {
    case ExamStatus::Requested:
        return "requested";
    case ExamStatus::Booked:
        return "booked";
    case ExamStatus::CheckedIn:
        return "checked_in";
    case ExamStatus::Called:
        return "called";
    case ExamStatus::InProgress:
        return "in_progress";
    case ExamStatus::Examined:
        return "examined";
    case ExamStatus::ImagesReceived:
        return "images_received";
    case ExamStatus::Reported:
        return "reported";
    case ExamStatus::Approved:
        return "approved";
    case ExamStatus::Printed:
        return "printed";
    case ExamStatus::ReleasedToClinic:
        return "released_to_clinic";
    case ExamStatus::Cancelled:
        return "cancelled";
    case ExamStatus::NoShow:
        break;
    }
    return "no_show";
}

std::optional<ExamStatus> examStatusFromCode(std::string_view code)
{
    for (ExamStatus s : allExamStatuses())
        if (toCode(s) == code)
            return s;
    return std::nullopt;
}

std::string examStatusCodeList()
{
    std::string list;
    for (ExamStatus s : allExamStatuses())
        list += (list.empty() ? "" : ", ") + std::string(toCode(s));
    return list;
}

bool isTerminal(ExamStatus status)
{
    return status == ExamStatus::Cancelled || status == ExamStatus::NoShow;
}

} // namespace lumen::core
