#include "lumen/scheduling/ledger_audit.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace lumen::scheduling {

namespace {
std::string describe(const Booking& b)
{
    return "booking " + std::to_string(b.id) + " (" + b.roomId + " " + formatLocalMinute(b.start()) + "-" +
           formatClock(b.endMinute) + ")";
}

// Pairs of overlapping bookings in each group, found by a sweep over start-sorted lists.
template <class Key>
void findOverlaps(const std::map<Key, std::vector<const Booking*>>& groups, const std::string& what,
                  std::vector<std::string>& out)
{
    for (auto [key, list] : groups) {
        std::sort(list.begin(), list.end(),
                  [](const Booking* a, const Booking* b) { return a->start() < b->start(); });
        for (std::size_t i = 0; i < list.size(); ++i)
            for (std::size_t j = i + 1; j < list.size() && list[j]->start() < list[i]->end(); ++j)
                out.push_back(what + ": " + describe(*list[i]) + " overlaps " + describe(*list[j]) + ".");
    }
}
} // namespace

LedgerViolations auditLedger(const SchedulingConfig& config, const BookingLedger& ledger)
{
    LedgerViolations violations;
    std::map<std::pair<std::string, DayNumber>, std::vector<const Booking*>> byRoomDay;
    std::map<core::PatientId, std::vector<const Booking*>> byPatient;
    for (const auto& [id, booking] : ledger.all()) {
        byRoomDay[{booking.roomId, booking.day()}].push_back(&booking);
        if (booking.status != BookingStatus::NoShow)
            byPatient[booking.context.patient.id].push_back(&booking);
    }
    findOverlaps(byRoomDay, "room double-booked", violations.doubleBookings);
    findOverlaps(byPatient, "patient in two places", violations.doubleBookings);

    for (const auto& entry : byRoomDay) {
        const auto& key = entry.first; // a plain reference: clang 14 cannot capture bindings
        const auto& list = entry.second;
        const Room* room = config.room(key.first);
        if (!room)
            continue;
        const Weekday scheduleDay = config.holidays.scheduleWeekday(key.second);
        for (const auto& segment : room->segmentsOn(scheduleDay))
            for (const auto& quota : segment.quotas) {
                int total = 0, outpatient = 0, inpatient = 0;
                for (const Booking* b : list) {
                    if (b->startMinute < segment.startMinute || b->startMinute >= segment.endMinute)
                        continue;
                    if (!quota.groupId.empty() && b->groupId != quota.groupId)
                        continue;
                    ++total;
                    const auto quotaClass = quotaClassOf(b->context.patient.source);
                    outpatient += quotaClass == QuotaClass::Outpatient;
                    inpatient += quotaClass == QuotaClass::Inpatient;
                }
                const auto over = [&](int count, int limit, const char* what) {
                    if (limit != kNoLimit && count > limit)
                        violations.quotaOverruns.push_back(
                            "quota " + quotaLabel(*room, scheduleDay, segment, quota) + " on " +
                            core::formatIsoDate(dateOf(key.second)) + ": " + std::to_string(count) + " " +
                            what + " bookings, limit " + std::to_string(limit) + ".");
                };
                over(total, quota.maxTotal, "total");
                over(outpatient, quota.maxOutpatient, "outpatient");
                over(inpatient, quota.maxInpatient, "inpatient");
            }
    }
    return violations;
}

} // namespace lumen::scheduling
