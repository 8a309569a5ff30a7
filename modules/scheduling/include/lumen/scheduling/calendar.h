#pragma once
// The appointment book of a department as one value: configuration, bookings, room stops and
// the no-show blacklist. Every change checks all rules and takes or releases slots in the same
// call, so a caller that serialises calls (a lock, a database transaction) gets atomic
// booking; SchedulingEngine is that caller for in-process use. Not thread-safe by itself.
#include "lumen/scheduling/booking_ledger.h"
#include "lumen/scheduling/no_show_register.h"
#include "lumen/scheduling/recommendation.h"
#include "lumen/scheduling/room_stops.h"
#include "lumen/scheduling/scheduling_config.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

namespace lumen::scheduling {

struct BookingOutcome
{
    std::optional<Booking> booking;
    std::vector<Refusal> refusals;
    bool ok() const { return booking.has_value(); }
};

struct MultiBookingOutcome
{
    std::vector<Booking> bookings; // all of them, or none
    std::vector<Refusal> refusals;
    bool ok() const { return refusals.empty(); }
};

// One line of the list to notify after a room stop.
struct RescheduleNotice
{
    BookingId bookingId = 0;
    core::PatientId patientId = 0;
    std::string examId;
    SlotChoice oldSlot;
    std::optional<SlotChoice> newSlot; // nullopt: no slot found, the booking stays for staff to handle
    int newEndMinute = 0;
    std::vector<Refusal> reasons; // why no slot was found
};

struct RoomStopResult
{
    RoomStop stop;
    std::vector<RescheduleNotice> notices; // in the order of the old start times
};

class Calendar
{
public:
    explicit Calendar(std::shared_ptr<const SchedulingConfig> config);

    const SchedulingConfig& config() const { return *m_config; }
    const std::shared_ptr<const SchedulingConfig>& sharedConfig() const { return m_config; }
    // Bookings stay as they are; the new rules apply to what is asked from now on.
    void setConfig(std::shared_ptr<const SchedulingConfig> config) { m_config = std::move(config); }

    // Every rule that refuses this exact slot; empty when it can be booked.
    std::vector<Refusal> check(const BookingRequest& request, LocalMinute now) const;
    BookingOutcome book(const BookingRequest& request, LocalMinute now);
    // All or nothing: a recommended combination, each exam checked against the ones before.
    MultiBookingOutcome bookAll(const std::vector<BookingRequest>& requests, LocalMinute now);
    // Releases the old slot and takes the new one, or leaves everything as it was. The rules
    // are checked for `channel` (who changes it), which the booking then records.
    BookingOutcome change(BookingId id, const SlotChoice& slot, BookingChannel channel, LocalMinute now);
    // Only bookings not yet checked in can be changed or cancelled.
    std::optional<Refusal> cancel(BookingId id);
    std::optional<Refusal> checkIn(BookingId id);
    std::optional<Refusal> markNoShow(BookingId id, LocalMinute now);
    void restoreBookingRights(core::PatientId patient);

    Recommendation recommend(const RecommendationRequest& request, LocalMinute now) const;
    // Every feasible start window of the coming week, per exam, for the patient's free choice.
    std::vector<ExamWindows> feasibleWindows(const RecommendationRequest& request, LocalMinute now) const;

    // Stops the room and moves each booking not yet begun in the range to the earliest
    // feasible slot from its old time on, earliest booking first.
    RoomStopResult stopRoom(RoomStop stop, LocalMinute now);
    // The same on a copy: what stopping would do, with nothing changed.
    RoomStopResult previewRoomStop(const RoomStop& stop, LocalMinute now) const;
    void reopenRoom(const std::string& roomId, const core::Date& from, const core::Date& to);

    // Loading from a store: taken as they are, without rule checks.
    void load(Booking booking);
    void load(RoomStop stop);
    void load(NoShowRecord record);
    // A slot given by hand (an extra patient squeezed in, 加号): taken without rule checks,
    // with the next id, so that later bookings see the room busy. Returns the id.
    BookingId loadNew(Booking booking)
    {
        booking.id = m_nextId;
        load(std::move(booking));
        return m_nextId - 1;
    }
    // New bookings get ids from `next` on (a store keeps the ids of cancelled bookings too).
    void reserveIdsBelow(BookingId next) { m_nextId = std::max(m_nextId, next); }

    const BookingLedger& ledger() const { return m_ledger; }
    const RoomStops& stops() const { return m_stops; }
    const NoShowRegister& noShows() const { return m_noShows; }

private:
    BookingOutcome tryBook(const BookingRequest& request, LocalMinute now, BookingId id);

    std::shared_ptr<const SchedulingConfig> m_config;
    BookingLedger m_ledger;
    RoomStops m_stops;
    NoShowRegister m_noShows;
    BookingId m_nextId = 1;
};

} // namespace lumen::scheduling
