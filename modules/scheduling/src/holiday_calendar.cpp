#include "lumen/scheduling/holiday_calendar.h"

namespace lumen::scheduling {

void HolidayCalendar::addHoliday(Holiday holiday)
{
    const auto day = dayNumber(holiday.date);
    m_holidays.insert_or_assign(day, std::move(holiday));
}

void HolidayCalendar::addSwappedWorkday(SwappedWorkday swapped)
{
    m_swapped.insert_or_assign(dayNumber(swapped.date), swapped);
}

void HolidayCalendar::removeHoliday(const core::Date& date)
{
    m_holidays.erase(dayNumber(date));
}

const Holiday* HolidayCalendar::holidayOn(DayNumber day) const
{
    const auto it = m_holidays.find(day);
    return it == m_holidays.end() ? nullptr : &it->second;
}

Weekday HolidayCalendar::scheduleWeekday(DayNumber day) const
{
    const auto it = m_swapped.find(day);
    return it == m_swapped.end() ? weekdayOf(day) : it->second.worksAs;
}

std::string holidayRuleId(const Holiday& holiday)
{
    return "holiday:" + core::formatIsoDate(holiday.date);
}

} // namespace lumen::scheduling
