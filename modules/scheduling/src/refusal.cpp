#include "lumen/scheduling/refusal.h"

namespace lumen::scheduling {

std::string_view toCode(ReasonCode code)
{
    switch (code) {
    case ReasonCode::UnknownExamMethod:
        return "unknown_exam_method";
    case ReasonCode::UnknownBodyPart:
        return "unknown_body_part";
    case ReasonCode::UnknownRoom:
        return "unknown_room";
    case ReasonCode::UnknownBooking:
        return "unknown_booking";
    case ReasonCode::BookingNotChangeable:
        return "booking_not_changeable";
    case ReasonCode::PatientBlacklisted:
        return "patient_blacklisted";
    case ReasonCode::RoomCannotPerformMethod:
        return "room_cannot_perform_method";
    case ReasonCode::ExamTooLongForRoom:
        return "exam_too_long_for_room";
    case ReasonCode::ItemRoomNotAllowed:
        return "item_room_not_allowed";
    case ReasonCode::ItemChannelNotAllowed:
        return "item_channel_not_allowed";
    case ReasonCode::RequestDepartmentNotAllowed:
        return "request_department_not_allowed";
    case ReasonCode::RequestSourceNotAllowed:
        return "request_source_not_allowed";
    case ReasonCode::RequestSexNotAllowed:
        return "request_sex_not_allowed";
    case ReasonCode::RequestAgeNotAllowed:
        return "request_age_not_allowed";
    case ReasonCode::RequestPriorityTooLow:
        return "request_priority_too_low";
    case ReasonCode::Holiday:
        return "holiday";
    case ReasonCode::RoomStopped:
        return "room_stopped";
    case ReasonCode::RoomClosedThatDay:
        return "room_closed_that_day";
    case ReasonCode::BeyondBookingHorizon:
        return "beyond_booking_horizon";
    case ReasonCode::TimeWeekdayNotAllowed:
        return "time_weekday_not_allowed";
    case ReasonCode::SlotInPast:
        return "slot_in_past";
    case ReasonCode::OutsideOpeningHours:
        return "outside_opening_hours";
    case ReasonCode::MisalignedStart:
        return "misaligned_start";
    case ReasonCode::TimeOfDayNotAllowed:
        return "time_of_day_not_allowed";
    case ReasonCode::FastingNeedsMorning:
        return "fasting_needs_morning";
    case ReasonCode::SlotTaken:
        return "slot_taken";
    case ReasonCode::OutpatientQuotaFull:
        return "outpatient_quota_full";
    case ReasonCode::InpatientQuotaFull:
        return "inpatient_quota_full";
    case ReasonCode::TotalQuotaFull:
        return "total_quota_full";
    case ReasonCode::PatientAlreadyBusy:
        return "patient_already_busy";
    case ReasonCode::RelationExclusion:
        return "relation_exclusion";
    case ReasonCode::RelationOrder:
        return "relation_order";
    case ReasonCode::PreferenceNotMet:
        return "preference_not_met";
    case ReasonCode::NoFeasibleCombination:
        return "no_feasible_combination";
    }
    return "unknown";
}

} // namespace lumen::scheduling
