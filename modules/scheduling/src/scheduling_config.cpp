#include "lumen/scheduling/scheduling_config.h"

#include <set>

namespace lumen::scheduling {

const Room* SchedulingConfig::room(const std::string& id) const
{
    const int index = roomIndex(id);
    return index < 0 ? nullptr : &rooms[std::size_t(index)];
}

int SchedulingConfig::roomIndex(const std::string& id) const
{
    for (std::size_t i = 0; i < rooms.size(); ++i)
        if (rooms[i].id == id)
            return int(i);
    return -1;
}

namespace {
void checkSelector(const SchedulingConfig& config, const ExamSelector& selector, const std::string& ruleId,
                   std::vector<std::string>& problems)
{
    for (const auto& id : selector.methodIds)
        if (!config.catalogue.method(id))
            problems.push_back("Rule " + ruleId + " names unknown exam method " + id + ".");
    for (const auto& id : selector.bodyPartIds)
        if (!config.catalogue.bodyPart(id))
            problems.push_back("Rule " + ruleId + " names unknown body part " + id + ".");
}

void checkRooms(const SchedulingConfig& config, const std::vector<std::string>& roomIds,
                const std::string& ruleId, std::vector<std::string>& problems)
{
    for (const auto& id : roomIds)
        if (!config.room(id))
            problems.push_back("Rule " + ruleId + " names unknown room " + id + ".");
}
} // namespace

std::vector<std::string> validateConfig(const SchedulingConfig& config)
{
    std::vector<std::string> problems;
    std::set<std::string> roomIds;
    for (const auto& room : config.rooms) {
        if (!roomIds.insert(room.id).second)
            problems.push_back("Room id " + room.id + " is used twice.");
        if (room.slotStepMinutes < 1)
            problems.push_back("Room " + room.id + " has a slot step below one minute.");
        for (const auto& method : room.methodIds)
            if (!config.catalogue.method(method))
                problems.push_back("Room " + room.id + " names unknown exam method " + method + ".");
        for (std::size_t day = 0; day < room.hours.size(); ++day) {
            int previousEnd = 0;
            for (const auto& segment : room.hours[day]) {
                if (segment.startMinute < 0 || segment.endMinute > kMinutesPerDay ||
                    segment.startMinute >= segment.endMinute)
                    problems.push_back("Room " + room.id + " has an empty or out-of-day segment on " +
                                       std::string(weekdayName(Weekday(day))) + ".");
                else if (segment.startMinute < previousEnd)
                    problems.push_back("Room " + room.id + " has overlapping or unordered segments on " +
                                       std::string(weekdayName(Weekday(day))) + ".");
                previousEnd = segment.endMinute;
            }
        }
    }
    const auto& rules = config.rules;
    for (const auto& rule : rules.itemRules) {
        checkSelector(config, rule.exams, rule.id, problems);
        checkRooms(config, rule.allowedRoomIds, rule.id, problems);
    }
    for (const auto& rule : rules.timeRules) {
        checkSelector(config, rule.exams, rule.id, problems);
        checkRooms(config, rule.roomIds, rule.id, problems);
    }
    for (const auto& rule : rules.requestRules) {
        checkSelector(config, rule.exams, rule.id, problems);
        checkRooms(config, rule.roomIds, rule.id, problems);
    }
    for (const auto& rule : rules.fastingRules)
        checkSelector(config, rule.exams, rule.id, problems);
    for (const auto& rule : rules.exclusionRules) {
        checkSelector(config, rule.first, rule.id, problems);
        checkSelector(config, rule.second, rule.id, problems);
    }
    for (const auto& rule : rules.orderRules) {
        checkSelector(config, rule.before, rule.id, problems);
        checkSelector(config, rule.after, rule.id, problems);
    }
    for (const auto& rule : rules.sameDayRules) {
        checkSelector(config, rule.first, rule.id, problems);
        checkSelector(config, rule.second, rule.id, problems);
    }
    return problems;
}

} // namespace lumen::scheduling
