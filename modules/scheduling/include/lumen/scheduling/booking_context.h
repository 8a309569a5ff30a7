#pragma once
// Who asks for a slot and through which door: the facts that item and request rules test.
#include "lumen/core/date.h"
#include "lumen/core/exam_kinds.h"
#include "lumen/core/patient.h"
#include "lumen/core/sex.h"

#include <optional>
#include <string>
#include <string_view>

namespace lumen::scheduling {

// Where the booking is made (000 §2.3.6.3).
enum class BookingChannel { Clinic, RegistrationDesk, ServiceDesk, Kiosk, Internet };
// The exam's own vocabulary (core/exam_kinds.h): the same values and wire codes everywhere.
using PatientSource = core::PatientSource;
// Ordered: a rule's minimum priority admits everything at or above it.
using Priority = core::ExamPriority;
enum class DayPart { Morning, Afternoon, Evening };

std::string_view toCode(BookingChannel channel);
using core::toCode;
std::string_view toCode(DayPart part);
std::optional<BookingChannel> channelFromCode(std::string_view code);
inline std::optional<PatientSource> sourceFromCode(std::string_view code)
{
    return core::patientSourceFromCode(code);
}
inline std::optional<Priority> priorityFromCode(std::string_view code)
{
    return core::examPriorityFromCode(code);
}
std::optional<DayPart> dayPartFromCode(std::string_view code);

// Channels where the patient books alone; the no-show blacklist closes exactly these.
bool isSelfService(BookingChannel channel);

struct PatientProfile
{
    core::PatientId id = 0;
    core::Sex sex = core::Sex::Unknown;
    std::optional<core::Date> birthDate;
    PatientSource source = PatientSource::Outpatient;
};

struct RequestContext
{
    PatientProfile patient;
    std::string requestingDepartment;
    Priority priority = Priority::Routine;
    BookingChannel channel = BookingChannel::RegistrationDesk;
};

// Completed years on `on`; nullopt without a birth date.
std::optional<int> ageInYears(const std::optional<core::Date>& birthDate, const core::Date& on);

} // namespace lumen::scheduling
