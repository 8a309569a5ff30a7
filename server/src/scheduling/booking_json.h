#pragma once
// The JSON of bookings, refusals, recommendations, free windows and room-stop notices
// (server/API.md "Scheduling and bookings").
#include "lumen/scheduling/calendar.h"
#include "lumen/store/booking_repository.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace lumen::store {
class Database;
}

namespace lumen::server {

nlohmann::json refusalsJson(const std::vector<scheduling::Refusal>& refusals);
nlohmann::json bookingJson(const store::BookingRow& row, const std::string& accessionNumber,
                           const std::string& patientName, const std::string& roomName);
nlohmann::json recommendationJson(const scheduling::Recommendation& answer,
                                  const scheduling::SchedulingConfig& config);
nlohmann::json windowsJson(const std::vector<scheduling::ExamWindows>& exams);
// Notices name the patient and phone, read from `db`, so the desk can call them.
nlohmann::json roomStopJson(const scheduling::RoomStopResult& result, store::Database& db,
                            const std::function<std::string(const std::string&)>& roomName);

} // namespace lumen::server
