#pragma once
// Why a slot, an exam or a request was refused: a stable code for machines, the id of the
// rule (room, quota, holiday, stop...) that blocked it, and an English sentence. Clients
// translate by code.
#include <string>
#include <string_view>

namespace lumen::scheduling {

enum class ReasonCode {
    // The request itself
    UnknownExamMethod,
    UnknownBodyPart,
    UnknownRoom,
    UnknownBooking,
    BookingNotChangeable,
    PatientBlacklisted,
    // Room and item rules
    RoomCannotPerformMethod,
    ExamTooLongForRoom,
    ItemRoomNotAllowed,
    ItemChannelNotAllowed,
    // Request rules
    RequestDepartmentNotAllowed,
    RequestSourceNotAllowed,
    RequestSexNotAllowed,
    RequestAgeNotAllowed,
    RequestPriorityTooLow,
    // Days
    Holiday,
    RoomStopped,
    RoomClosedThatDay,
    BeyondBookingHorizon,
    TimeWeekdayNotAllowed,
    // Times
    SlotInPast,
    OutsideOpeningHours,
    MisalignedStart,
    TimeOfDayNotAllowed,
    FastingNeedsMorning,
    SlotTaken,
    OutpatientQuotaFull,
    InpatientQuotaFull,
    TotalQuotaFull,
    // The patient's other exams
    PatientAlreadyBusy,
    RelationExclusion,
    RelationOrder,
    // Recommendation
    PreferenceNotMet,
    NoFeasibleCombination,
};

// snake_case, e.g. "fasting_needs_morning".
std::string_view toCode(ReasonCode code);

struct Refusal
{
    ReasonCode code = ReasonCode::SlotTaken;
    std::string ruleId;
    std::string message;
    std::string examId; // the exam it is about, when the request had several

    std::string_view codeText() const { return toCode(code); }
};

} // namespace lumen::scheduling
