#pragma once
// Calendar dates and UTC timestamps as the wire and the database spell them.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace lumen::core {

struct Date
{
    int year = 0;
    int month = 0;
    int day = 0;
    auto operator<=>(const Date&) const = default;
};

bool isValidDate(int year, int month, int day);
// Parses exactly YYYY-MM-DD; nullopt when malformed or not a real day.
std::optional<Date> parseIsoDate(std::string_view text);
std::string formatIsoDate(const Date& date);
Date toDate(std::chrono::system_clock::time_point t);

// 2026-11-22T10:00:00Z (second precision, UTC).
std::string formatIsoTimestamp(std::chrono::system_clock::time_point t);
// Accepts YYYY-MM-DDTHH:MM:SSZ or a bare date (midnight UTC).
std::optional<std::chrono::system_clock::time_point> parseIsoTimestamp(std::string_view text);

} // namespace lumen::core
