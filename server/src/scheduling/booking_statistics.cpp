#include "scheduling/booking_statistics.h"

#include "lumen/core/date.h"
#include "lumen/scheduling/scheduling_engine.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace lumen::server {

using nlohmann::json;
namespace sch = lumen::scheduling;

namespace {

struct Counts
{
    int booked = 0; // every booking, cancelled ones included
    int attended = 0;
    int noShow = 0;
    int cancelled = 0;
    int pending = 0; // still booked
    long long bookedMinutes = 0;

    void add(const store::BookingRow& b)
    {
        ++booked;
        if (b.status == "checked_in")
            ++attended;
        else if (b.status == "no_show")
            ++noShow;
        else if (b.status == "cancelled")
            ++cancelled;
        else
            ++pending;
        if (b.status != "cancelled")
            bookedMinutes += b.endMinute - b.startMinute;
    }
    json toJson() const
    {
        return {{"booked", booked},       {"attended", attended}, {"noShow", noShow},
                {"cancelled", cancelled}, {"pending", pending},   {"bookedMinutes", bookedMinutes}};
    }
};

double rate(int part, int whole)
{
    return whole == 0 ? 0.0 : double(part) / double(whole);
}

// Minutes the room is open on the day: its segments, unless a holiday closes it or it is stopped.
int openMinutes(const sch::Room& room, const sch::Calendar& calendar, sch::DayNumber day)
{
    if (room.closedOnHolidays && calendar.config().holidays.holidayOn(day))
        return 0;
    if (calendar.stops().stopOn(room.id, day))
        return 0;
    int minutes = 0;
    for (const auto& segment : room.segmentsOn(calendar.config().holidays.scheduleWeekday(day)))
        minutes += segment.endMinute - segment.startMinute;
    return minutes;
}

} // namespace

json bookingStatistics(const std::vector<store::BookingRow>& bookings, const sch::Calendar& calendar,
                       const core::Date& from, const core::Date& to)
{
    Counts total;
    std::map<std::string, Counts> byDay, byRoom;
    std::map<std::string, int> byChannel;
    std::vector<int> leadDays;
    for (const auto& b : bookings) {
        total.add(b);
        byDay[b.date].add(b);
        byRoom[b.roomId].add(b);
        ++byChannel[b.channel];
        // Booking day in the hospital's time, to the slot's day.
        const auto created = core::parseIsoTimestamp(b.createdAt);
        const auto slot = core::parseIsoDate(b.date);
        if (created && slot) {
            const auto local = sch::localMinuteAt(*created, calendar.config().utcOffsetMinutes);
            leadDays.push_back(sch::dayNumber(*slot) - sch::dayOfMinute(local));
        }
    }
    json days = json::array();
    for (auto d = sch::dayNumber(from); d <= sch::dayNumber(to); ++d) {
        const auto date = core::formatIsoDate(sch::dateOf(d));
        auto row = byDay[date].toJson();
        row["date"] = date;
        days.push_back(row);
    }
    json rooms = json::array();
    for (const auto& room : calendar.config().rooms) {
        long long open = 0;
        for (auto d = sch::dayNumber(from); d <= sch::dayNumber(to); ++d)
            open += openMinutes(room, calendar, d);
        const auto& counts = byRoom[room.id];
        auto row = counts.toJson();
        row["roomId"] = room.id;
        row["roomName"] = room.name;
        row["openMinutes"] = open;
        row["usage"] = open == 0 ? 0.0 : double(counts.bookedMinutes) / double(open);
        rooms.push_back(row);
    }
    json channels = json::array();
    for (const auto& [channel, count] : byChannel)
        channels.push_back({{"channel", channel}, {"booked", count}});
    std::sort(leadDays.begin(), leadDays.end());
    json lead = nullptr;
    if (!leadDays.empty()) {
        double sum = 0;
        for (int d : leadDays)
            sum += d;
        lead = {{"mean", sum / double(leadDays.size())},
                {"median", leadDays[leadDays.size() / 2]},
                {"p90", leadDays[std::min(leadDays.size() - 1, leadDays.size() * 9 / 10)]},
                {"max", leadDays.back()}};
    }
    const int decided = total.attended + total.noShow;
    return {{"from", core::formatIsoDate(from)},
            {"to", core::formatIsoDate(to)},
            {"total", total.toJson()},
            {"attendanceRate", rate(total.attended, decided)},
            {"noShowRate", rate(total.noShow, decided)},
            {"cancelRate", rate(total.cancelled, total.booked)},
            {"leadTimeDays", lead},
            {"byDay", days},
            {"byRoom", rooms},
            {"byChannel", channels}};
}

} // namespace lumen::server
