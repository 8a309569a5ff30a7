#include "lumen/client/booking_statistics.h"

#include "lumen/core/error.h"

#include <nlohmann/json.hpp>

namespace lumen::client {

using nlohmann::json;

namespace {

[[noreturn]] void invalid(const char* field, const char* what)
{
    throw core::Error(core::ErrorKind::BadRequest, "invalid_field",
                      std::string("Field '") + field + "' " + what + ".");
}

const json& member(const json& j, const char* field)
{
    if (!j.is_object())
        invalid(field, "belongs to an object that is missing");
    const auto it = j.find(field);
    if (it == j.end())
        throw core::Error(core::ErrorKind::BadRequest, "missing_field",
                          std::string("Field '") + field + "' is required.");
    return *it;
}

double number(const json& j, const char* field)
{
    const auto it = j.find(field);
    if (it == j.end() || it->is_null())
        return 0;
    if (!it->is_number())
        invalid(field, "must be a number");
    return it->get<double>();
}

std::int64_t integer(const json& j, const char* field)
{
    const auto it = j.find(field);
    if (it == j.end() || it->is_null())
        return 0;
    if (!it->is_number_integer())
        invalid(field, "must be an integer");
    return it->get<std::int64_t>();
}

QString text(const json& j, const char* field)
{
    const auto it = j.find(field);
    if (it == j.end() || it->is_null())
        return {};
    if (!it->is_string())
        invalid(field, "must be a string");
    return QString::fromStdString(it->get<std::string>());
}

QDate date(const json& j, const char* field)
{
    const QDate d = QDate::fromString(text(j, field), Qt::ISODate);
    if (!d.isValid())
        invalid(field, "must be a date YYYY-MM-DD");
    return d;
}

BookingCounts counts(const json& j)
{
    if (!j.is_object())
        invalid("total", "must be an object");
    BookingCounts c;
    c.booked = int(integer(j, "booked"));
    c.attended = int(integer(j, "attended"));
    c.noShow = int(integer(j, "noShow"));
    c.cancelled = int(integer(j, "cancelled"));
    c.pending = int(integer(j, "pending"));
    c.bookedMinutes = integer(j, "bookedMinutes");
    return c;
}

const json& array(const json& j, const char* field)
{
    const json& a = member(j, field);
    if (!a.is_array())
        invalid(field, "must be an array");
    return a;
}

} // namespace

BookingStatistics bookingStatisticsFromJson(const json& j)
{
    BookingStatistics s;
    if (!j.is_object())
        invalid("statistics", "must be an object");
    s.from = date(j, "from");
    s.to = date(j, "to");
    s.total = counts(member(j, "total"));
    s.attendanceRate = number(j, "attendanceRate");
    s.noShowRate = number(j, "noShowRate");
    s.cancelRate = number(j, "cancelRate");
    if (const auto it = j.find("leadTimeDays"); it != j.end() && !it->is_null()) {
        if (!it->is_object())
            invalid("leadTimeDays", "must be an object or null");
        s.leadTime =
            LeadTimeDays{number(*it, "mean"), number(*it, "median"), number(*it, "p90"), number(*it, "max")};
    }
    for (const auto& d : array(j, "byDay"))
        s.byDay.push_back({date(d, "date"), counts(d)});
    for (const auto& r : array(j, "byRoom")) {
        RoomStatistics room;
        room.roomId = text(r, "roomId");
        room.roomName = text(r, "roomName");
        room.counts = counts(r);
        room.openMinutes = integer(r, "openMinutes");
        room.usage = number(r, "usage");
        s.byRoom.push_back(room);
    }
    for (const auto& c : array(j, "byChannel"))
        s.byChannel.push_back({text(c, "channel"), int(integer(c, "booked"))});
    return s;
}

} // namespace lumen::client
