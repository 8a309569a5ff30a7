#pragma once
// A small but rich department calendar for the scheduling tests: ultrasound, CT, MR, barium
// and DR rooms with segments, quotas, a holiday, a swapped workday and every rule kind.
// "Now" is Monday 2026-11-30 07:00 local time.
#include "lumen/scheduling/calendar.h"

#include <memory>
#include <string>
#include <vector>

namespace lumen::scheduling::testing {

inline const core::Date kMonday{2026, 11, 30};
inline const core::Date kTuesday{2026, 12, 1};
inline const core::Date kHoliday{2026, 12, 3}; // Thursday
inline const core::Date kSaturday{2026, 12, 5};
inline const core::Date kSwappedSunday{2026, 12, 6}; // worked as a Friday
inline const core::Date kPlainSunday{2026, 12, 13};

inline int at(int hour, int minute = 0)
{
    return hour * 60 + minute;
}

LocalMinute mondayAt(int hour, int minute = 0);
inline LocalMinute fixtureNow()
{
    return mondayAt(7);
}

SchedulingConfig richConfig();
inline std::shared_ptr<const SchedulingConfig> richConfigPtr()
{
    return std::make_shared<const SchedulingConfig>(richConfig());
}

RequestContext outpatient(core::PatientId id, BookingChannel channel = BookingChannel::RegistrationDesk);
RequestContext patientOf(core::PatientId id, PatientSource source,
                         BookingChannel channel = BookingChannel::RegistrationDesk);

ExamRequest exam(std::string examId, std::string methodId, std::vector<std::string> bodyParts);
BookingRequest request(const RequestContext& context, const ExamRequest& exam, std::string roomId,
                       const core::Date& date, int startMinute);

// The codes of the refusals, for readable comparisons.
std::vector<std::string> codes(const std::vector<Refusal>& refusals);
// True when one refusal has this code and rule id.
bool hasRefusal(const std::vector<Refusal>& refusals, ReasonCode code, const std::string& ruleId);

} // namespace lumen::scheduling::testing
