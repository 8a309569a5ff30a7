#include "lumen/scheduling/room.h"

#include <algorithm>

namespace lumen::scheduling {

bool Room::canPerform(const std::string& methodId) const
{
    return std::find(methodIds.begin(), methodIds.end(), methodId) != methodIds.end();
}

QuotaClass quotaClassOf(PatientSource source)
{
    switch (source) {
    case PatientSource::Outpatient:
    case PatientSource::PhysicalExam:
        return QuotaClass::Outpatient;
    case PatientSource::Inpatient:
        return QuotaClass::Inpatient;
    case PatientSource::Emergency:
        break;
    }
    return QuotaClass::TotalOnly;
}

std::string quotaLabel(const Room& room, Weekday day, const Segment& segment, const SegmentQuota& quota)
{
    if (!quota.id.empty())
        return quota.id;
    std::string label = room.id + "/" + std::string(weekdayName(day)) + " " +
                        formatClock(segment.startMinute) + "-" + formatClock(segment.endMinute);
    if (!quota.groupId.empty())
        label += "/" + quota.groupId;
    return label;
}

} // namespace lumen::scheduling
