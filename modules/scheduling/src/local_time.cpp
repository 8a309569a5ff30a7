#include "lumen/scheduling/local_time.h"

#include <chrono>
#include <cstdio>

namespace lumen::scheduling {

DayNumber dayNumber(const core::Date& date)
{
    const std::chrono::sys_days days{std::chrono::year{date.year} / std::chrono::month{unsigned(date.month)} /
                                     std::chrono::day{unsigned(date.day)}};
    return DayNumber(days.time_since_epoch().count());
}

core::Date dateOf(DayNumber day)
{
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
    return core::Date{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

Weekday weekdayOf(DayNumber day)
{
    // 1970-01-01 was a Thursday.
    const int sinceMonday = ((day + 3) % 7 + 7) % 7;
    return Weekday(sinceMonday);
}

std::string_view weekdayName(Weekday day)
{
    static constexpr std::string_view names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                 "Friday", "Saturday", "Sunday"};
    return names[int(day)];
}

std::string formatClock(int minuteOfDay)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (minuteOfDay / 60) % 100, minuteOfDay % 60);
    return buf;
}

std::string formatLocalMinute(LocalMinute minute)
{
    return core::formatIsoDate(dateOf(dayOfMinute(minute))) + " " + formatClock(minuteOfDay(minute));
}

} // namespace lumen::scheduling
