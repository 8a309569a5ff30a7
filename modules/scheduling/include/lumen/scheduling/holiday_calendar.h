#pragma once
// Public holidays and the weekend days worked in exchange (调休), which follow another
// weekday's opening hours.
#include "lumen/scheduling/local_time.h"

#include <map>
#include <string>

namespace lumen::scheduling {

struct Holiday
{
    core::Date date;
    std::string name;
};

struct SwappedWorkday
{
    core::Date date;
    Weekday worksAs = Weekday::Monday;
};

class HolidayCalendar
{
public:
    void addHoliday(Holiday holiday);
    void addSwappedWorkday(SwappedWorkday day);
    void removeHoliday(const core::Date& date);

    const Holiday* holidayOn(DayNumber day) const;
    // The weekday whose opening hours apply on `day`.
    Weekday scheduleWeekday(DayNumber day) const;

    const std::map<DayNumber, Holiday>& holidays() const { return m_holidays; }
    const std::map<DayNumber, SwappedWorkday>& swappedWorkdays() const { return m_swapped; }

private:
    std::map<DayNumber, Holiday> m_holidays;
    std::map<DayNumber, SwappedWorkday> m_swapped;
};

// "holiday:2026-10-01", the rule id named when a holiday blocks a day.
std::string holidayRuleId(const Holiday& holiday);

} // namespace lumen::scheduling
