#pragma once
// The booking rules a department maintains (000 §2.3.6.2, §2.3.6.4). Each rule has an id
// that refusals name, and an ExamSelector saying which exams it is about.
#include "lumen/scheduling/booking_context.h"
#include "lumen/scheduling/local_time.h"

#include <optional>
#include <string>
#include <vector>

namespace lumen::scheduling {

// Which exams a rule concerns. Each non-empty list must match: the method, the method's
// quota group, or one of the exam's body parts. All lists empty: every exam.
struct ExamSelector
{
    std::vector<std::string> methodIds;
    std::vector<std::string> groupIds;
    std::vector<std::string> bodyPartIds;

    bool matches(const std::string& methodId, const std::string& groupId,
                 const std::vector<std::string>& bodyPartIds) const;
};

// Item rule: which rooms and which booking channels an exam may use, and how far ahead.
struct ItemRule
{
    std::string id;
    ExamSelector exams;
    std::vector<std::string> allowedRoomIds;     // empty: any room that can do the method
    std::vector<BookingChannel> allowedChannels; // empty: every channel
    int maxDaysAhead = 0;                        // 0: the room's own limit
};

// Time rule: on which weekdays and at which times of day an exam may start, in the rule's
// rooms (all rooms when empty).
struct TimeRule
{
    std::string id;
    ExamSelector exams;
    std::vector<std::string> roomIds;
    std::vector<Weekday> weekdays; // empty: every day
    std::vector<DayPart> dayParts; // empty: all day
    int fromMinute = 0;            // start at or after
    int toMinute = kMinutesPerDay; // start before
};

// Request rule: who may book the exam in the rule's rooms (all rooms when empty). Every
// condition that is set must hold.
struct RequestRule
{
    std::string id;
    ExamSelector exams;
    std::vector<std::string> roomIds;
    std::vector<std::string> departments; // requesting departments
    std::vector<PatientSource> sources;
    std::vector<core::Sex> sexes;
    std::optional<int> minAgeYears; // inclusive
    std::optional<int> maxAgeYears; // inclusive
    Priority minimumPriority = Priority::Routine;
};

// Fasting exams start in the morning, before the patient would eat.
struct FastingRule
{
    std::string id;
    ExamSelector exams;
    int latestStartMinute = 10 * 60 + 30;
};

// Two exams of one patient at least `minGapMinutes` apart, in either order (e.g. no
// thyroid iodine scan within 30 days of iodinated contrast).
struct ExclusionRule
{
    std::string id;
    ExamSelector first;
    ExamSelector second;
    int minGapMinutes = 0;
};

// `after` starts no sooner than `minGapMinutes` after `before` ends (e.g. a barium study
// after the abdominal ultrasound and CT, whose images the barium would spoil).
struct OrderRule
{
    std::string id;
    ExamSelector before;
    ExamSelector after;
    int minGapMinutes = 0;
};

// Soft: the two exams are better on the same day; a split costs a penalty in the ranking.
struct SameDayRule
{
    std::string id;
    ExamSelector first;
    ExamSelector second;
};

struct RuleSet
{
    std::vector<ItemRule> itemRules;
    std::vector<TimeRule> timeRules;
    std::vector<RequestRule> requestRules;
    std::vector<FastingRule> fastingRules;
    std::vector<ExclusionRule> exclusionRules;
    std::vector<OrderRule> orderRules;
    std::vector<SameDayRule> sameDayRules;
};

} // namespace lumen::scheduling
