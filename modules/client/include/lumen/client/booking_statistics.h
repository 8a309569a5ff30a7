#pragma once
// The desk's booking statistics (server/API.md "Scheduling and bookings", Statistics): counts
// by day, room and channel, rates, lead time and room usage over a range of local dates.
#include <nlohmann/json_fwd.hpp>

#include <QDate>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace lumen::client {

// The counts of one group of bookings. `booked` counts every booking made, cancelled ones too.
struct BookingCounts
{
    int booked = 0;
    int attended = 0;
    int noShow = 0;
    int cancelled = 0;
    int pending = 0; // still booked: the day has not been decided yet
    std::int64_t bookedMinutes = 0;
};

struct DayStatistics
{
    QDate date;
    BookingCounts counts;
};

struct RoomStatistics
{
    QString roomId;
    QString roomName;
    BookingCounts counts;
    std::int64_t openMinutes = 0;
    double usage = 0; // booked minutes over open minutes, 0..1 (above 1 when overbooked)
};

struct ChannelStatistics
{
    QString channel; // registration_desk, clinic, service_desk, kiosk, internet...
    int booked = 0;
};

struct LeadTimeDays
{
    double mean = 0;
    double median = 0;
    double p90 = 0;
    double max = 0;
};

// GET /scheduling/statistics
struct BookingStatistics
{
    QDate from;
    QDate to;
    BookingCounts total;
    double attendanceRate = 0; // of attended + no-show, 0..1
    double noShowRate = 0;
    double cancelRate = 0;                // of every booking made
    std::optional<LeadTimeDays> leadTime; // none when no booking has a known booking day
    std::vector<DayStatistics> byDay;     // every day of the range, empty days included
    std::vector<RoomStatistics> byRoom;   // every configured room
    std::vector<ChannelStatistics> byChannel;
};

// Throws core::Error on a document that does not have the documented shape.
BookingStatistics bookingStatisticsFromJson(const nlohmann::json& json);

} // namespace lumen::client
