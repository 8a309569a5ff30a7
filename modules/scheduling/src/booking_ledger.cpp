#include "lumen/scheduling/booking_ledger.h"

#include <algorithm>

namespace lumen::scheduling {

void BookingLedger::insert(Booking booking)
{
    erase(booking.id);
    auto& busy = m_roomDays[booking.roomId][booking.day()];
    const Busy entry{booking.startMinute, booking.endMinute, booking.id,
                     quotaClassOf(booking.context.patient.source), booking.groupId};
    const auto at = std::upper_bound(busy.begin(), busy.end(), entry.startMinute,
                                     [](int start, const Busy& b) { return start < b.startMinute; });
    busy.insert(at, entry);
    m_byPatient[booking.context.patient.id].push_back(booking.id);
    const auto id = booking.id;
    m_bookings.emplace(id, std::move(booking));
}

bool BookingLedger::erase(BookingId id)
{
    const auto it = m_bookings.find(id);
    if (it == m_bookings.end())
        return false;
    const auto& booking = it->second;
    auto& days = m_roomDays[booking.roomId];
    auto& busy = days[booking.day()];
    std::erase_if(busy, [id](const Busy& b) { return b.id == id; });
    if (busy.empty())
        days.erase(booking.day());
    auto& ofPatient = m_byPatient[booking.context.patient.id];
    std::erase(ofPatient, id);
    if (ofPatient.empty())
        m_byPatient.erase(booking.context.patient.id);
    m_bookings.erase(it);
    return true;
}

const Booking* BookingLedger::find(BookingId id) const
{
    const auto it = m_bookings.find(id);
    return it == m_bookings.end() ? nullptr : &it->second;
}

void BookingLedger::setStatus(BookingId id, BookingStatus status)
{
    if (const auto it = m_bookings.find(id); it != m_bookings.end())
        it->second.status = status;
}

const BookingLedger::DayIndex* BookingLedger::roomDays(const std::string& roomId) const
{
    const auto it = m_roomDays.find(roomId);
    return it == m_roomDays.end() ? nullptr : &it->second;
}

const std::vector<BookingLedger::Busy>* BookingLedger::busyOn(const std::string& roomId, DayNumber day) const
{
    const auto* days = roomDays(roomId);
    if (!days)
        return nullptr;
    const auto it = days->find(day);
    return it == days->end() ? nullptr : &it->second;
}

const std::vector<BookingId>& BookingLedger::bookingsOfPatient(core::PatientId patient) const
{
    static const std::vector<BookingId> none;
    const auto it = m_byPatient.find(patient);
    return it == m_byPatient.end() ? none : it->second;
}

std::vector<BookingId> BookingLedger::bookingsInRoom(const std::string& roomId, DayNumber fromDay,
                                                     DayNumber toDay) const
{
    std::vector<BookingId> ids;
    const auto* days = roomDays(roomId);
    if (!days)
        return ids;
    for (auto it = days->lower_bound(fromDay); it != days->end() && it->first <= toDay; ++it)
        for (const auto& busy : it->second)
            ids.push_back(busy.id);
    return ids;
}

} // namespace lumen::scheduling
