#pragma once
// An exam room (or device) with what it can do and when it is open (000 §2.3.6.4: rooms,
// methods per room, opening segments to the minute, quotas per segment and source).
#include "lumen/scheduling/booking_context.h"
#include "lumen/scheduling/local_time.h"

#include <array>
#include <string>
#include <vector>

namespace lumen::scheduling {

inline constexpr int kNoLimit = -1;

// How many bookings a segment takes, per source, for one exam group or (groupId empty) for
// every exam in the segment. A booking counts in the segment where it starts.
struct SegmentQuota
{
    std::string id; // named in refusals; generated from room and segment when empty
    std::string groupId;
    int maxOutpatient = kNoLimit;
    int maxInpatient = kNoLimit;
    int maxTotal = kNoLimit;
};

// A stretch of opening time, e.g. 08:00-12:00; an exam must start and end inside one.
struct Segment
{
    int startMinute = 0;
    int endMinute = 0;
    std::vector<SegmentQuota> quotas;
};

struct Room
{
    std::string id;
    std::string name;
    std::string department;
    std::vector<std::string> methodIds;
    std::array<std::vector<Segment>, 7> hours; // indexed by Weekday
    int slotStepMinutes = 1;                   // start-time precision ("预约精准度")
    int bookableDaysAhead = 14;                // today counts as day 0
    int maxExamMinutes = 0;                    // 0: no limit
    bool closedOnHolidays = true;

    bool canPerform(const std::string& methodId) const;
    const std::vector<Segment>& segmentsOn(Weekday day) const { return hours[std::size_t(day)]; }
};

// Which per-source counter a booking uses: physical-exam patients book outpatient numbers,
// emergencies count only in the total.
enum class QuotaClass { Outpatient, Inpatient, TotalOnly };
QuotaClass quotaClassOf(PatientSource source);

// The quota's id, or "<room>/<weekday> HH:MM-HH:MM[/<group>]" when it has none.
std::string quotaLabel(const Room& room, Weekday day, const Segment& segment, const SegmentQuota& quota);

} // namespace lumen::scheduling
