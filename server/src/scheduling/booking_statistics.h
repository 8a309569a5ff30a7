#pragma once
// The desk's booking statistics (000 §2.3.6 预约统计): counts by day, room and channel, lead
// time from booking to slot, attendance / no-show / cancellation rates and slot usage, computed
// from the stored bookings and the configuration's opening hours.
#include "lumen/scheduling/calendar.h"
#include "lumen/store/booking_repository.h"

#include <nlohmann/json_fwd.hpp>

#include <vector>

namespace lumen::server {

nlohmann::json bookingStatistics(const std::vector<store::BookingRow>& bookings,
                                 const scheduling::Calendar& calendar, const core::Date& from,
                                 const core::Date& to);

} // namespace lumen::server
