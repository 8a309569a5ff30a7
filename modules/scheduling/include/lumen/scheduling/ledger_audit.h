#pragma once
// An independent recount of the invariants booking must keep: no room or patient booked
// twice at once, no segment quota exceeded. Written apart from the booking code so tests
// (and a store after loading) can check it; violations are sentences, empty when sound.
#include "lumen/scheduling/booking_ledger.h"
#include "lumen/scheduling/scheduling_config.h"

#include <string>
#include <vector>

namespace lumen::scheduling {

struct LedgerViolations
{
    std::vector<std::string> doubleBookings; // room or patient overlaps
    std::vector<std::string> quotaOverruns;
    bool empty() const { return doubleBookings.empty() && quotaOverruns.empty(); }
};

LedgerViolations auditLedger(const SchedulingConfig& config, const BookingLedger& ledger);

} // namespace lumen::scheduling
