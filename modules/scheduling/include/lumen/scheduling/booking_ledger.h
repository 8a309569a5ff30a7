#pragma once
// The bookings, indexed the way the rules read them: per room and day the busy intervals in
// start order (free gaps and segment quotas come from these), per patient the bookings.
// Stores and checks nothing else; Calendar decides what may go in.
#include "lumen/scheduling/booking.h"
#include "lumen/scheduling/room.h"

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace lumen::scheduling {

class BookingLedger
{
public:
    struct Busy
    {
        int startMinute = 0;
        int endMinute = 0;
        BookingId id = 0;
        QuotaClass quotaClass = QuotaClass::TotalOnly;
        std::string groupId;
    };
    using DayIndex = std::map<DayNumber, std::vector<Busy>>;

    // Replaces a booking with the same id.
    void insert(Booking booking);
    bool erase(BookingId id);

    const Booking* find(BookingId id) const;
    void setStatus(BookingId id, BookingStatus status);
    std::size_t size() const { return m_bookings.size(); }

    // Sorted by start; nullptr when nothing is booked in that room.
    const DayIndex* roomDays(const std::string& roomId) const;
    const std::vector<Busy>* busyOn(const std::string& roomId, DayNumber day) const;
    const std::vector<BookingId>& bookingsOfPatient(core::PatientId patient) const;
    // Bookings in the room from `fromDay` to `toDay` inclusive, in start order.
    std::vector<BookingId> bookingsInRoom(const std::string& roomId, DayNumber fromDay,
                                          DayNumber toDay) const;
    const std::unordered_map<BookingId, Booking>& all() const { return m_bookings; }

private:
    std::unordered_map<BookingId, Booking> m_bookings;
    std::unordered_map<std::string, DayIndex> m_roomDays;
    std::unordered_map<core::PatientId, std::vector<BookingId>> m_byPatient;
};

} // namespace lumen::scheduling
