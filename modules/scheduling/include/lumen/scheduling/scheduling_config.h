#pragma once
// Everything a department configures, as one value: catalogue, rooms, holidays, rules and
// policies. Shared read-only between calendars; a change is a new value swapped in.
#include "lumen/scheduling/exam_catalogue.h"
#include "lumen/scheduling/holiday_calendar.h"
#include "lumen/scheduling/room.h"
#include "lumen/scheduling/rules.h"

#include <string>
#include <vector>

namespace lumen::scheduling {

// Where morning ends and evening begins, for time rules and preferences.
struct DayPartBoundaries
{
    int afternoonStartMinute = 12 * 60;
    int eveningStartMinute = 18 * 60;
};

// How combinations are ranked: every cost is in minutes of waiting.
struct RecommendationPolicy
{
    int extraVisitCostMinutes = 2 * kMinutesPerDay; // one more trip to the hospital
    int sameDayMissCostMinutes = kMinutesPerDay;    // a SameDayRule pair split over two days
    int searchDays = 14;                            // days looked at, today included
    int freeChoiceDays = 7;                         // "近一周可选时间段"
    int singleExamResults = 5;
    int combinationResults = 3;
    long maxSearchNodes = 200000; // bounds the combination search on pathological calendars
};

struct NoShowPolicy
{
    int consecutiveNoShowsToBlacklist = 3;
    int autoRestoreAfterDays = 90; // 0: only by hand
};

struct SchedulingConfig
{
    ExamCatalogue catalogue;
    std::vector<Room> rooms;
    HolidayCalendar holidays;
    RuleSet rules;
    DayPartBoundaries dayParts;
    RecommendationPolicy recommendation;
    NoShowPolicy noShow;
    int utcOffsetMinutes = 8 * 60; // China Standard Time, no daylight saving

    const Room* room(const std::string& id) const;
    int roomIndex(const std::string& id) const; // -1 when unknown
};

// Problems that would make rules misbehave (unknown ids, overlapping or empty segments...),
// one sentence each; empty when the configuration is sound.
std::vector<std::string> validateConfig(const SchedulingConfig& config);

} // namespace lumen::scheduling
