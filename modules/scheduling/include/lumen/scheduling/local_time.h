#pragma once
// Hospital-local calendar arithmetic: days as numbers and times as minutes, so that
// relations such as "not within 48 hours" are plain subtractions.
#include "lumen/core/date.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace lumen::scheduling {

inline constexpr int kMinutesPerDay = 24 * 60;

// Days since 1970-01-01 in the hospital's local calendar.
using DayNumber = int;
// Minutes since 1970-01-01 00:00 local time.
using LocalMinute = std::int64_t;

enum class Weekday { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday };

DayNumber dayNumber(const core::Date& date);
core::Date dateOf(DayNumber day);
Weekday weekdayOf(DayNumber day);
std::string_view weekdayName(Weekday day);
inline bool isWeekend(Weekday day)
{
    return day == Weekday::Saturday || day == Weekday::Sunday;
}

inline LocalMinute localMinute(DayNumber day, int minuteOfDay)
{
    return LocalMinute(day) * kMinutesPerDay + minuteOfDay;
}
inline DayNumber dayOfMinute(LocalMinute minute)
{
    // Floor division, so minutes before 1970 still land on the right day.
    return DayNumber(minute >= 0 ? minute / kMinutesPerDay : (minute - kMinutesPerDay + 1) / kMinutesPerDay);
}
inline int minuteOfDay(LocalMinute minute)
{
    return int(minute - LocalMinute(dayOfMinute(minute)) * kMinutesPerDay);
}

// "08:30" for 510.
std::string formatClock(int minuteOfDay);
// "2026-12-01 08:30".
std::string formatLocalMinute(LocalMinute minute);

} // namespace lumen::scheduling
