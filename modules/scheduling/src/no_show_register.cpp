#include "lumen/scheduling/no_show_register.h"

namespace lumen::scheduling {

void NoShowRegister::recordNoShow(core::PatientId patient, LocalMinute now, const NoShowPolicy& policy)
{
    auto& record = m_records[patient];
    record.patientId = patient;
    // A blacklisting that has run out starts the count again.
    if (record.blacklistedAt && !isBlacklisted(patient, now, policy)) {
        record.blacklistedAt.reset();
        record.consecutiveNoShows = 0;
    }
    ++record.consecutiveNoShows;
    if (!record.blacklistedAt && policy.consecutiveNoShowsToBlacklist > 0 &&
        record.consecutiveNoShows >= policy.consecutiveNoShowsToBlacklist)
        record.blacklistedAt = now;
}

void NoShowRegister::recordAttendance(core::PatientId patient)
{
    const auto it = m_records.find(patient);
    if (it != m_records.end())
        it->second.consecutiveNoShows = 0;
}

void NoShowRegister::restore(core::PatientId patient)
{
    m_records.erase(patient);
}

bool NoShowRegister::isBlacklisted(core::PatientId patient, LocalMinute now, const NoShowPolicy& policy) const
{
    const auto* r = record(patient);
    if (!r || !r->blacklistedAt)
        return false;
    const auto until = restoresAt(patient, policy);
    return !until || now < *until;
}

std::optional<LocalMinute> NoShowRegister::restoresAt(core::PatientId patient,
                                                      const NoShowPolicy& policy) const
{
    const auto* r = record(patient);
    if (!r || !r->blacklistedAt || policy.autoRestoreAfterDays <= 0)
        return std::nullopt;
    return *r->blacklistedAt + LocalMinute(policy.autoRestoreAfterDays) * kMinutesPerDay;
}

const NoShowRecord* NoShowRegister::record(core::PatientId patient) const
{
    const auto it = m_records.find(patient);
    return it == m_records.end() ? nullptr : &it->second;
}

void NoShowRegister::load(NoShowRecord record)
{
    const auto id = record.patientId;
    m_records.insert_or_assign(id, record);
}

} // namespace lumen::scheduling
