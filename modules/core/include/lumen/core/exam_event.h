#pragma once
// One step of an exam's timeline (its closed loop): who moved it from which status to which,
// when by the server's clock, and why when a reason was given or required.
#include "lumen/core/exam.h"

#include <cstdint>
#include <optional>
#include <string>

namespace lumen::core {

struct ExamEvent
{
    std::int64_t id = 0;
    ExamId examId = 0;
    std::string at;                 // UTC timestamp from the server's clock
    std::string user;               // username
    std::string userDisplayName;    // the name people know, e.g. 王护士
    std::optional<ExamStatus> from; // absent for the registration that opened the loop
    ExamStatus to = ExamStatus::Requested;
    std::optional<std::string> note;
};

} // namespace lumen::core
