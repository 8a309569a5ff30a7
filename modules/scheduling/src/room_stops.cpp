#include "lumen/scheduling/room_stops.h"

namespace lumen::scheduling {

void RoomStops::add(RoomStop stop)
{
    m_stops.push_back(std::move(stop));
}

void RoomStops::reopen(const std::string& roomId, const core::Date& from, const core::Date& to)
{
    const DayNumber openFrom = dayNumber(from);
    const DayNumber openTo = dayNumber(to);
    std::vector<RoomStop> kept;
    for (auto& stop : m_stops) {
        const DayNumber stopFrom = dayNumber(stop.from);
        const DayNumber stopTo = dayNumber(stop.to);
        if (stop.roomId != roomId || stopTo < openFrom || stopFrom > openTo) {
            kept.push_back(std::move(stop));
            continue;
        }
        if (stopFrom < openFrom) {
            RoomStop before = stop;
            before.to = dateOf(openFrom - 1);
            kept.push_back(std::move(before));
        }
        if (stopTo > openTo) {
            RoomStop after = stop;
            after.id = stop.id + "/" + core::formatIsoDate(dateOf(openTo + 1));
            after.from = dateOf(openTo + 1);
            kept.push_back(std::move(after));
        }
    }
    m_stops = std::move(kept);
}

const RoomStop* RoomStops::stopOn(const std::string& roomId, DayNumber day) const
{
    for (const auto& stop : m_stops)
        if (stop.roomId == roomId && dayNumber(stop.from) <= day && day <= dayNumber(stop.to))
            return &stop;
    return nullptr;
}

} // namespace lumen::scheduling
