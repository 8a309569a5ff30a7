#pragma once
// A taken slot and the request that asks for one.
#include "lumen/scheduling/booking_context.h"
#include "lumen/scheduling/exam_catalogue.h"
#include "lumen/scheduling/local_time.h"

#include <cstdint>
#include <string>

namespace lumen::scheduling {

using BookingId = std::int64_t;

// Cancelled bookings leave the ledger (the store keeps their history); checked-in and
// no-show ones stay, because they used the slot and its quota.
enum class BookingStatus { Booked, CheckedIn, NoShow };
std::string_view toCode(BookingStatus status);

struct SlotChoice
{
    std::string roomId;
    core::Date date;
    int startMinute = 0;
};

struct BookingRequest
{
    RequestContext context;
    ExamRequest exam;
    SlotChoice slot;
};

struct Booking
{
    BookingId id = 0;
    RequestContext context;
    ExamRequest exam;
    std::string roomId;
    core::Date date;
    int startMinute = 0;
    int endMinute = 0;
    std::string groupId; // the method's quota group when booked
    std::string precautions;
    BookingStatus status = BookingStatus::Booked;

    DayNumber day() const { return dayNumber(date); }
    LocalMinute start() const { return localMinute(day(), startMinute); }
    LocalMinute end() const { return localMinute(day(), endMinute); }
};

} // namespace lumen::scheduling
