#pragma once
// Where an exam stands in its closed loop, from the request to the report reaching the clinic
// (req: 000 §2.3.2.1 registered, examined, reported, approved, printed, sent to clinic).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lumen::core {

enum class ExamStatus {
    Requested,        // ordered (HIS or desk), no slot yet
    Booked,           // has a time (and usually a room)
    CheckedIn,        // the patient has arrived and waits
    Called,           // called to the room by the queue
    InProgress,       // the modality started the exam (MPPS IN PROGRESS)
    Examined,         // the exam was performed
    ImagesReceived,   // the archive holds the exam's images
    Reported,         // a report was written
    Approved,         // the report was approved by a senior doctor
    Printed,          // the report was printed for the patient
    ReleasedToClinic, // the report was sent to the requesting clinic
    Cancelled,
    NoShow,
};

const std::vector<ExamStatus>& allExamStatuses();
// Wire/database code, e.g. "checked_in", "released_to_clinic", "no_show".
std::string_view toCode(ExamStatus status);
std::optional<ExamStatus> examStatusFromCode(std::string_view code);
std::string examStatusCodeList();
// Cancelled and no-show end the loop without an exam.
bool isTerminal(ExamStatus status);

} // namespace lumen::core
