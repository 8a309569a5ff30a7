#include "slot_rules.h"

#include "minute_ranges.h"

#include <algorithm>

namespace lumen::scheduling {

namespace {
constexpr LocalMinute kFarPast = -(LocalMinute(1) << 50);
constexpr LocalMinute kFarFuture = LocalMinute(1) << 50;

template <class T> bool contains(const std::vector<T>& list, const T& value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

template <class T, class Describe> std::string joinList(const std::vector<T>& list, Describe describe)
{
    std::string text;
    for (const auto& item : list)
        text += (text.empty() ? "" : ", ") + std::string(describe(item));
    return text;
}

bool inRoomScope(const std::vector<std::string>& roomIds, const Room& room)
{
    return roomIds.empty() || contains(roomIds, room.id);
}

Refusal refusal(ReasonCode code, std::string ruleId, std::string message, const ExamPlan& plan)
{
    return Refusal{code, std::move(ruleId), std::move(message), plan.exam.examId};
}

// The start minutes of one day a time rule allows, as ranges within the day.
std::vector<MinuteRange> allowedByTimeRule(const TimeRule& rule, const DayPartBoundaries& parts)
{
    std::vector<MinuteRange> allowed;
    if (rule.dayParts.empty()) {
        allowed.push_back({0, kMinutesPerDay});
    } else {
        // Day parts in day order, so the ranges stay ordered.
        for (const auto part : {DayPart::Morning, DayPart::Afternoon, DayPart::Evening}) {
            if (!contains(rule.dayParts, part))
                continue;
            const MinuteRange range = part == DayPart::Morning ? MinuteRange{0, parts.afternoonStartMinute}
                                      : part == DayPart::Afternoon
                                          ? MinuteRange{parts.afternoonStartMinute, parts.eveningStartMinute}
                                          : MinuteRange{parts.eveningStartMinute, kMinutesPerDay};
            if (!allowed.empty() && allowed.back().to == range.from)
                allowed.back().to = range.to;
            else
                allowed.push_back(range);
        }
    }
    subtractRange(allowed, 0, rule.fromMinute);
    subtractRange(allowed, rule.toMinute, kMinutesPerDay);
    return allowed;
}

std::string describeTimeRule(const TimeRule& rule)
{
    std::string text;
    if (!rule.dayParts.empty())
        text = "in the " + joinList(rule.dayParts, [](DayPart p) { return toCode(p); });
    if (rule.fromMinute > 0 || rule.toMinute < kMinutesPerDay)
        text += std::string(text.empty() ? "" : ", ") + "between " + formatClock(rule.fromMinute) + " and " +
                formatClock(rule.toMinute);
    return text;
}

std::string describeBooking(const Booking& booking)
{
    return booking.exam.examId + " (" + booking.exam.methodId + ", " + booking.roomId + " " +
           formatLocalMinute(booking.start()) + ")";
}
} // namespace

std::string describeMinutes(int minutes)
{
    if (minutes % kMinutesPerDay == 0 && minutes > 0)
        return std::to_string(minutes / kMinutesPerDay) + (minutes == kMinutesPerDay ? " day" : " days");
    if (minutes % 60 == 0 && minutes > 0)
        return std::to_string(minutes / 60) + (minutes == 60 ? " hour" : " hours");
    return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

std::optional<Refusal> SlotRules::checkPatient(const RequestContext& context, LocalMinute now) const
{
    if (!isSelfService(context.channel) || !m_noShows.isBlacklisted(context.patient.id, now, m_config.noShow))
        return std::nullopt;
    const auto until = m_noShows.restoresAt(context.patient.id, m_config.noShow);
    return Refusal{
        ReasonCode::PatientBlacklisted, "no_show_blacklist",
        "The patient is on the no-show blacklist and may not book through the " +
            std::string(toCode(context.channel)) + " channel " +
            (until ? "until " + formatLocalMinute(*until) : std::string("until restored by staff")) +
            "; a desk can still book.",
        ""};
}

void SlotRules::checkExam(const ExamPlan& plan, const RequestContext& context,
                          std::vector<Refusal>& out) const
{
    for (const auto* rule : plan.itemRules)
        if (!rule->allowedChannels.empty() && !contains(rule->allowedChannels, context.channel))
            out.push_back(refusal(ReasonCode::ItemChannelNotAllowed, rule->id,
                                  "Item rule " + rule->id + " does not allow booking " + plan.exam.methodId +
                                      " through the " + std::string(toCode(context.channel)) +
                                      " channel; allowed: " +
                                      joinList(rule->allowedChannels, [](auto c) { return toCode(c); }) + ".",
                                  plan));
}

void SlotRules::checkRoom(const ExamPlan& plan, const RequestContext& context, const Room& room,
                          DayNumber today, std::vector<Refusal>& out) const
{
    if (!room.canPerform(plan.exam.methodId)) {
        out.push_back(refusal(ReasonCode::RoomCannotPerformMethod, room.id,
                              "Room " + room.id + " does not perform " + plan.exam.methodId + ".", plan));
        return;
    }
    if (room.maxExamMinutes > 0 && plan.durationMinutes > room.maxExamMinutes)
        out.push_back(refusal(ReasonCode::ExamTooLongForRoom, room.id,
                              "The exam takes " + describeMinutes(plan.durationMinutes) + "; room " +
                                  room.id + " takes exams of at most " +
                                  describeMinutes(room.maxExamMinutes) + ".",
                              plan));
    for (const auto* rule : plan.itemRules)
        if (!rule->allowedRoomIds.empty() && !contains(rule->allowedRoomIds, room.id))
            out.push_back(refusal(ReasonCode::ItemRoomNotAllowed, rule->id,
                                  "Item rule " + rule->id + " books " + plan.exam.methodId + " only in " +
                                      joinList(rule->allowedRoomIds, [](const auto& r) { return r; }) +
                                      ", not " + room.id + ".",
                                  plan));
    const auto& patient = context.patient;
    for (const auto* rule : plan.requestRules) {
        if (!inRoomScope(rule->roomIds, room))
            continue;
        const std::string where = " for " + plan.exam.methodId + " in room " + room.id + ".";
        if (!rule->departments.empty() && !contains(rule->departments, context.requestingDepartment))
            out.push_back(refusal(ReasonCode::RequestDepartmentNotAllowed, rule->id,
                                  "Request rule " + rule->id + " admits requests only from " +
                                      joinList(rule->departments, [](const auto& d) { return d; }) + where,
                                  plan));
        if (!rule->sources.empty() && !contains(rule->sources, patient.source))
            out.push_back(refusal(ReasonCode::RequestSourceNotAllowed, rule->id,
                                  "Request rule " + rule->id + " admits only " +
                                      joinList(rule->sources, [](auto s) { return toCode(s); }) +
                                      " patients" + where,
                                  plan));
        if (!rule->sexes.empty() && !contains(rule->sexes, patient.sex))
            out.push_back(refusal(ReasonCode::RequestSexNotAllowed, rule->id,
                                  "Request rule " + rule->id + " admits only patients of sex " +
                                      joinList(rule->sexes, [](auto s) { return core::toCode(s); }) + where,
                                  plan));
        if (rule->minAgeYears || rule->maxAgeYears) {
            const auto age = ageInYears(patient.birthDate, dateOf(today));
            const bool fits = age && (!rule->minAgeYears || *age >= *rule->minAgeYears) &&
                              (!rule->maxAgeYears || *age <= *rule->maxAgeYears);
            if (!fits)
                out.push_back(refusal(ReasonCode::RequestAgeNotAllowed, rule->id,
                                      "Request rule " + rule->id + " admits only ages " +
                                          (rule->minAgeYears ? std::to_string(*rule->minAgeYears) : "0") +
                                          " to " +
                                          (rule->maxAgeYears ? std::to_string(*rule->maxAgeYears) : "any") +
                                          (age ? "; the patient is " + std::to_string(*age)
                                               : std::string("; the birth date is unknown")) +
                                          where,
                                      plan));
        }
        if (context.priority < rule->minimumPriority)
            out.push_back(refusal(ReasonCode::RequestPriorityTooLow, rule->id,
                                  "Request rule " + rule->id + " admits only priority " +
                                      std::string(toCode(rule->minimumPriority)) + " or higher" + where,
                                  plan));
    }
}

void SlotRules::checkDay(const ExamPlan& plan, const Room& room, DayNumber day, LocalMinute now,
                         std::vector<Refusal>& out) const
{
    const DayNumber today = dayOfMinute(now);
    const auto date = core::formatIsoDate(dateOf(day));
    if (day < today) {
        out.push_back(refusal(ReasonCode::SlotInPast, "", date + " has passed.", plan));
        return;
    }
    if (day - today >= room.bookableDaysAhead)
        out.push_back(refusal(ReasonCode::BeyondBookingHorizon, room.id,
                              "Room " + room.id + " books at most " + std::to_string(room.bookableDaysAhead) +
                                  " days ahead; " + date + " is further.",
                              plan));
    for (const auto* rule : plan.itemRules)
        if (rule->maxDaysAhead > 0 && day - today >= rule->maxDaysAhead)
            out.push_back(refusal(ReasonCode::BeyondBookingHorizon, rule->id,
                                  "Item rule " + rule->id + " books " + plan.exam.methodId + " at most " +
                                      std::to_string(rule->maxDaysAhead) + " days ahead; " + date +
                                      " is further.",
                                  plan));
    if (room.closedOnHolidays)
        if (const auto* holiday = m_config.holidays.holidayOn(day))
            out.push_back(refusal(ReasonCode::Holiday, holidayRuleId(*holiday),
                                  date + " is a holiday (" + holiday->name + ").", plan));
    if (const auto* stop = m_stops.stopOn(room.id, day))
        out.push_back(refusal(ReasonCode::RoomStopped, stop->id,
                              "Room " + room.id + " is stopped from " + core::formatIsoDate(stop->from) +
                                  " to " + core::formatIsoDate(stop->to) +
                                  (stop->reason.empty() ? "" : ": " + stop->reason) + ".",
                              plan));
    const Weekday scheduleDay = m_config.holidays.scheduleWeekday(day);
    for (const auto* rule : plan.timeRules)
        if (inRoomScope(rule->roomIds, room) && !rule->weekdays.empty() &&
            !contains(rule->weekdays, scheduleDay))
            out.push_back(refusal(ReasonCode::TimeWeekdayNotAllowed, rule->id,
                                  "Time rule " + rule->id + " allows " + plan.exam.methodId + " only on " +
                                      joinList(rule->weekdays, weekdayName) + "; " + date + " is a " +
                                      std::string(weekdayName(scheduleDay)) + ".",
                                  plan));
    if (room.segmentsOn(scheduleDay).empty())
        out.push_back(refusal(
            ReasonCode::RoomClosedThatDay, room.id,
            "Room " + room.id + " is closed on " + std::string(weekdayName(scheduleDay)) + "s.", plan));
}

void SlotRules::addDayBlocks(const ExamPlan& plan, const Room& room, DayNumber day, LocalMinute earliestStart,
                             std::vector<StartBlock>& out) const
{
    const LocalMinute dayStart = localMinute(day, 0);
    if (earliestStart > dayStart)
        out.push_back({dayStart, earliestStart,
                       refusal(ReasonCode::SlotInPast, "",
                               "Starts before " + formatLocalMinute(earliestStart) + " have passed.", plan)});
    for (const auto* rule : plan.timeRules) {
        if (!inRoomScope(rule->roomIds, room))
            continue;
        std::vector<MinuteRange> forbidden{{0, kMinutesPerDay}};
        for (const auto& allowed : allowedByTimeRule(*rule, m_config.dayParts))
            subtractRange(forbidden, allowed.from, allowed.to);
        for (const auto& range : forbidden)
            out.push_back({dayStart + range.from, dayStart + range.to,
                           refusal(ReasonCode::TimeOfDayNotAllowed, rule->id,
                                   "Time rule " + rule->id + " lets " + plan.exam.methodId + " start only " +
                                       describeTimeRule(*rule) + ".",
                                   plan)});
    }
    for (const auto* rule : plan.fastingRules)
        out.push_back(
            {dayStart + rule->latestStartMinute + 1, dayStart + kMinutesPerDay,
             refusal(ReasonCode::FastingNeedsMorning, rule->id,
                     "Fasting rule " + rule->id + ": this exam needs an empty stomach and must start by " +
                         formatClock(rule->latestStartMinute) + ".",
                     plan)});
}

std::vector<StartBlock> SlotRules::patientBlocks(const ExamPlan& plan, core::PatientId patient,
                                                 BookingId ignore) const
{
    std::vector<StartBlock> blocks;
    const LocalMinute length = plan.durationMinutes;
    const auto& rules = m_config.rules;
    for (const auto id : m_ledger.bookingsOfPatient(patient)) {
        const auto* other = m_ledger.find(id);
        // A missed exam never happened, so it neither occupies the patient nor relates.
        if (!other || id == ignore || other->status == BookingStatus::NoShow)
            continue;
        const LocalMinute start = other->start();
        const LocalMinute end = other->end();
        auto otherMatches = [other](const ExamSelector& s) {
            return s.matches(other->exam.methodId, other->groupId, other->exam.bodyPartIds);
        };
        blocks.push_back({start - length + 1, end,
                          refusal(ReasonCode::PatientAlreadyBusy, "booking:" + std::to_string(id),
                                  "The patient already has exam " + describeBooking(*other) + " until " +
                                      formatClock(other->endMinute) + ".",
                                  plan)});
        for (const auto& rule : rules.exclusionRules) {
            const bool applies = (plan.matches(rule.first) && otherMatches(rule.second)) ||
                                 (plan.matches(rule.second) && otherMatches(rule.first));
            if (applies)
                blocks.push_back(
                    {start - length - rule.minGapMinutes + 1, end + rule.minGapMinutes,
                     refusal(ReasonCode::RelationExclusion, rule.id,
                             "Exclusion rule " + rule.id + ": this exam and " + describeBooking(*other) +
                                 " must be at least " + describeMinutes(rule.minGapMinutes) + " apart.",
                             plan)});
        }
        for (const auto& rule : rules.orderRules) {
            if (otherMatches(rule.before) && plan.matches(rule.after))
                blocks.push_back({kFarPast, end + rule.minGapMinutes,
                                  refusal(ReasonCode::RelationOrder, rule.id,
                                          "Order rule " + rule.id + ": this exam must start at least " +
                                              describeMinutes(rule.minGapMinutes) + " after " +
                                              describeBooking(*other) + " ends.",
                                          plan)});
            if (plan.matches(rule.before) && otherMatches(rule.after))
                blocks.push_back({start - length - rule.minGapMinutes + 1, kFarFuture,
                                  refusal(ReasonCode::RelationOrder, rule.id,
                                          "Order rule " + rule.id + ": this exam must end at least " +
                                              describeMinutes(rule.minGapMinutes) + " before " +
                                              describeBooking(*other) + " starts.",
                                          plan)});
        }
    }
    return blocks;
}

QuotaCheck SlotRules::checkQuota(const ExamPlan& plan, const RequestContext& context, const Room& room,
                                 Weekday scheduleDay, const Segment& segment,
                                 const std::vector<BookingLedger::Busy>* busy) const
{
    QuotaCheck result;
    if (segment.quotas.empty())
        return result;
    const QuotaClass quotaClass = quotaClassOf(context.patient.source);
    for (const auto& quota : segment.quotas) {
        if (!quota.groupId.empty() && quota.groupId != plan.groupId)
            continue;
        int total = 0;
        int sameClass = 0;
        if (busy)
            for (const auto& b : *busy) {
                if (b.startMinute < segment.startMinute)
                    continue;
                if (b.startMinute >= segment.endMinute)
                    break;
                if (!quota.groupId.empty() && b.groupId != quota.groupId)
                    continue;
                ++total;
                sameClass += b.quotaClass == quotaClass ? 1 : 0;
            }
        const int classLimit = quotaClass == QuotaClass::Outpatient  ? quota.maxOutpatient
                               : quotaClass == QuotaClass::Inpatient ? quota.maxInpatient
                                                                     : kNoLimit;
        const auto label = [&] { return quotaLabel(room, scheduleDay, segment, quota); };
        if (quota.maxTotal != kNoLimit && total >= quota.maxTotal) {
            result.refusal = refusal(ReasonCode::TotalQuotaFull, label(),
                                     "Quota " + label() + ": all " + std::to_string(quota.maxTotal) +
                                         " bookings of the segment are taken.",
                                     plan);
            return result;
        }
        if (classLimit != kNoLimit && sameClass >= classLimit) {
            const bool outpatient = quotaClass == QuotaClass::Outpatient;
            result.refusal = refusal(
                outpatient ? ReasonCode::OutpatientQuotaFull : ReasonCode::InpatientQuotaFull, label(),
                "Quota " + label() + ": all " + std::to_string(classLimit) + " " +
                    (outpatient ? "outpatient" : "inpatient") + " bookings of the segment are taken.",
                plan);
            return result;
        }
        if (quota.maxTotal != kNoLimit)
            result.remaining = std::min(result.remaining, quota.maxTotal - total);
        if (classLimit != kNoLimit)
            result.remaining = std::min(result.remaining, classLimit - sameClass);
    }
    return result;
}

} // namespace lumen::scheduling
