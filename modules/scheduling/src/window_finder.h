#pragma once
// Feasible start windows of one exam on its own: per room, day and opening segment, the
// free gaps of the room left after every rule has cut its forbidden starts. Works on
// interval lists, never minute by minute.
#include "refusal_tally.h"
#include "slot_rules.h"

#include "lumen/scheduling/recommendation.h"

#include <climits>
#include <vector>

namespace lumen::scheduling {

struct Window
{
    int roomIndex = 0;
    DayNumber day = 0;
    int segmentIndex = 0;
    LocalMinute earliest = 0; // first feasible start
    LocalMinute latest = 0;   // last feasible start
    int step = 1;
    int quotaRemaining = INT_MAX;
    long long penalty = 0; // soft costs fixed by the day alone (same-day rules with booked exams)

    // The first start on the step grid at or after `notBefore`; -1 when past `latest`.
    LocalMinute firstStartFrom(LocalMinute notBefore) const
    {
        if (notBefore <= earliest)
            return earliest;
        const LocalMinute steps = (notBefore - earliest + step - 1) / step;
        const LocalMinute start = earliest + steps * step;
        return start <= latest ? start : -1;
    }
};

struct WindowSearch
{
    DayNumber fromDay = 0;
    DayNumber toDay = 0;           // inclusive
    LocalMinute earliestStart = 0; // now, or later when rescheduling
    const Preferences* preferences = nullptr;
    BookingId ignoreBooking = 0; // a booking being moved does not block itself
};

// Windows ordered by earliest start, then room. Reasons for dropped candidates go to `tally`.
std::vector<Window> findWindows(const SlotRules& rules, const ExamPlan& plan, const RequestContext& context,
                                const WindowSearch& search, LocalMinute now, RefusalTally& tally);

} // namespace lumen::scheduling
