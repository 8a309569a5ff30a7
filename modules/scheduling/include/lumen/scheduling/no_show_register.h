#pragma once
// The no-show blacklist (000 §2.3.6.4 "患者爽约黑名单"): after N consecutive no-shows the
// patient may not book through self-service channels until restored by hand or by time.
#include "lumen/core/patient.h"
#include "lumen/scheduling/local_time.h"
#include "lumen/scheduling/scheduling_config.h"

#include <optional>
#include <unordered_map>

namespace lumen::scheduling {

struct NoShowRecord
{
    core::PatientId patientId = 0;
    int consecutiveNoShows = 0;
    std::optional<LocalMinute> blacklistedAt;
};

class NoShowRegister
{
public:
    void recordNoShow(core::PatientId patient, LocalMinute now, const NoShowPolicy& policy);
    // Attending breaks the run of no-shows.
    void recordAttendance(core::PatientId patient);
    // Manual restore: off the list and the count starts again.
    void restore(core::PatientId patient);

    bool isBlacklisted(core::PatientId patient, LocalMinute now, const NoShowPolicy& policy) const;
    // When an automatic restore will happen; nullopt when not listed or manual only.
    std::optional<LocalMinute> restoresAt(core::PatientId patient, const NoShowPolicy& policy) const;

    const NoShowRecord* record(core::PatientId patient) const;
    void load(NoShowRecord record);
    const std::unordered_map<core::PatientId, NoShowRecord>& all() const { return m_records; }

private:
    std::unordered_map<core::PatientId, NoShowRecord> m_records;
};

} // namespace lumen::scheduling
