#pragma once
// One-click stop and reopening of a room for a date range (000 §2.3.6.4 "检查房间一键停、开").
#include "lumen/scheduling/local_time.h"

#include <string>
#include <vector>

namespace lumen::scheduling {

struct RoomStop
{
    std::string id;
    std::string roomId;
    core::Date from; // inclusive
    core::Date to;   // inclusive
    std::string reason;
};

class RoomStops
{
public:
    void add(RoomStop stop);
    // Reopens the room from `from` to `to` inclusive: stops inside are removed, stops that
    // reach past either end are trimmed or split.
    void reopen(const std::string& roomId, const core::Date& from, const core::Date& to);

    const RoomStop* stopOn(const std::string& roomId, DayNumber day) const;
    const std::vector<RoomStop>& all() const { return m_stops; }

private:
    std::vector<RoomStop> m_stops;
};

} // namespace lumen::scheduling
