#include "window_finder.h"

#include "minute_ranges.h"

#include <algorithm>

namespace lumen::scheduling {

namespace {
Refusal preferenceRefusal(const ExamPlan& plan, std::string ruleId, std::string message)
{
    return Refusal{ReasonCode::PreferenceNotMet, std::move(ruleId), std::move(message), plan.exam.examId};
}

// Days the patient's preferences leave, with the others tallied once each.
std::vector<DayNumber> candidateDays(const ExamPlan& plan, const WindowSearch& search, RefusalTally& tally)
{
    std::vector<DayNumber> days;
    const auto* prefs = search.preferences;
    for (DayNumber day = search.fromDay; day <= search.toDay; ++day) {
        if (prefs && prefs->date && dayNumber(*prefs->date) != day)
            continue; // the caller narrows the range to the chosen date
        const bool weekend = isWeekend(weekdayOf(day));
        if (prefs && prefs->days == Preferences::Days::WeekdaysOnly && weekend) {
            tally.add(preferenceRefusal(plan, "preference:weekdays", "The patient asked for a weekday."));
            continue;
        }
        if (prefs && prefs->days == Preferences::Days::WeekendsOnly && !weekend) {
            tally.add(preferenceRefusal(plan, "preference:weekends", "The patient asked for a weekend day."));
            continue;
        }
        days.push_back(day);
    }
    return days;
}

// Starts outside the preferred part of the day, as a block.
void addDayPartPreference(const ExamPlan& plan, const SchedulingConfig& config, const Preferences* prefs,
                          DayNumber day, std::vector<StartBlock>& blocks)
{
    if (!prefs || !prefs->dayPart)
        return;
    const auto& parts = config.dayParts;
    const int from = *prefs->dayPart == DayPart::Morning     ? 0
                     : *prefs->dayPart == DayPart::Afternoon ? parts.afternoonStartMinute
                                                             : parts.eveningStartMinute;
    const int to = *prefs->dayPart == DayPart::Morning     ? parts.afternoonStartMinute
                   : *prefs->dayPart == DayPart::Afternoon ? parts.eveningStartMinute
                                                           : kMinutesPerDay;
    const auto refusal =
        preferenceRefusal(plan, "preference:" + std::string(toCode(*prefs->dayPart)),
                          "The patient asked for the " + std::string(toCode(*prefs->dayPart)) + ".");
    const LocalMinute dayStart = localMinute(day, 0);
    blocks.push_back({dayStart, dayStart + from, refusal});
    blocks.push_back({dayStart + to, dayStart + kMinutesPerDay, refusal});
}

// Days on which the patient already has an exam that a same-day rule pairs with this one.
std::vector<DayNumber> sameDayPartnerDays(const SlotRules& rules, const ExamPlan& plan,
                                          core::PatientId patient, BookingId ignore)
{
    std::vector<DayNumber> days;
    const auto& ledger = rules.ledger();
    for (const auto id : ledger.bookingsOfPatient(patient)) {
        const auto* other = ledger.find(id);
        if (!other || id == ignore || other->status == BookingStatus::NoShow)
            continue;
        for (const auto& rule : rules.config().rules.sameDayRules) {
            auto otherMatches = [other](const ExamSelector& s) {
                return s.matches(other->exam.methodId, other->groupId, other->exam.bodyPartIds);
            };
            if ((plan.matches(rule.first) && otherMatches(rule.second)) ||
                (plan.matches(rule.second) && otherMatches(rule.first)))
                days.push_back(other->day());
        }
    }
    return days;
}
} // namespace

std::vector<Window> findWindows(const SlotRules& rules, const ExamPlan& plan, const RequestContext& context,
                                const WindowSearch& search, LocalMinute now, RefusalTally& tally)
{
    const auto& config = rules.config();
    const auto& ledger = rules.ledger();
    const DayNumber today = dayOfMinute(now);
    const LocalMinute length = plan.durationMinutes;
    const auto days = candidateDays(plan, search, tally);
    const auto patientBlocks = rules.patientBlocks(plan, context.patient.id, search.ignoreBooking);
    const auto partnerDays = sameDayPartnerDays(rules, plan, context.patient.id, search.ignoreBooking);

    std::vector<Window> windows;
    std::vector<Refusal> refusals;
    std::vector<StartBlock> dayBlocks;
    std::vector<MinuteRange> starts;
    for (std::size_t roomIndex = 0; roomIndex < config.rooms.size(); ++roomIndex) {
        const Room& room = config.rooms[roomIndex];
        refusals.clear();
        rules.checkRoom(plan, context, room, today, refusals);
        if (!refusals.empty()) {
            for (const auto& r : refusals)
                tally.add(r);
            continue;
        }
        const auto* roomDays = ledger.roomDays(room.id);
        const int step = std::max(1, room.slotStepMinutes);
        for (const DayNumber day : days) {
            refusals.clear();
            rules.checkDay(plan, room, day, now, refusals);
            if (!refusals.empty()) {
                for (const auto& r : refusals)
                    tally.add(r);
                continue;
            }
            const Weekday scheduleDay = config.holidays.scheduleWeekday(day);
            dayBlocks.clear();
            rules.addDayBlocks(plan, room, day, search.earliestStart, dayBlocks);
            addDayPartPreference(plan, config, search.preferences, day, dayBlocks);
            const std::vector<BookingLedger::Busy>* busy = nullptr;
            if (roomDays)
                if (const auto it = roomDays->find(day); it != roomDays->end())
                    busy = &it->second;
            const LocalMinute dayStart = localMinute(day, 0);
            const long long penalty =
                !partnerDays.empty() &&
                        std::find(partnerDays.begin(), partnerDays.end(), day) == partnerDays.end()
                    ? config.recommendation.sameDayMissCostMinutes
                    : 0;

            const auto& segments = room.segmentsOn(scheduleDay);
            for (std::size_t s = 0; s < segments.size(); ++s) {
                const Segment& segment = segments[s];
                if (segment.endMinute - segment.startMinute < length) {
                    tally.add({ReasonCode::OutsideOpeningHours, room.id,
                               "The exam takes " + describeMinutes(int(length)) +
                                   ", longer than the opening segment " + formatClock(segment.startMinute) +
                                   "-" + formatClock(segment.endMinute) + " of room " + room.id + ".",
                               plan.exam.examId});
                    continue;
                }
                const auto quota = rules.checkQuota(plan, context, room, scheduleDay, segment, busy);
                if (quota.refusal) {
                    tally.add(*quota.refusal);
                    continue;
                }
                const LocalMinute segmentStart = dayStart + segment.startMinute;
                starts.assign(1, MinuteRange{segmentStart, dayStart + segment.endMinute - length + 1});
                const Refusal* emptiedBy = nullptr;
                auto cut = [&](const StartBlock& block) {
                    subtractRange(starts, block.from, block.to);
                    if (starts.empty())
                        emptiedBy = &block.reason;
                    return starts.empty();
                };
                for (const auto& block : dayBlocks)
                    if (cut(block))
                        break;
                if (!emptiedBy)
                    for (const auto& block : patientBlocks)
                        if (cut(block))
                            break;
                if (emptiedBy) {
                    tally.add(*emptiedBy);
                    continue;
                }
                if (busy)
                    for (const auto& b : *busy) {
                        if (b.endMinute <= segment.startMinute)
                            continue;
                        if (b.startMinute >= segment.endMinute)
                            break;
                        subtractRange(starts, dayStart + b.startMinute - length + 1, dayStart + b.endMinute);
                    }
                bool emitted = false;
                for (const auto& range : starts) {
                    Window w;
                    w.roomIndex = int(roomIndex);
                    w.day = day;
                    w.segmentIndex = int(s);
                    w.step = step;
                    w.earliest = segmentStart + (range.from - segmentStart + step - 1) / step * step;
                    w.latest = segmentStart + (range.to - 1 - segmentStart) / step * step;
                    w.quotaRemaining = quota.remaining;
                    w.penalty = penalty;
                    if (w.earliest <= w.latest) {
                        windows.push_back(w);
                        emitted = true;
                    }
                }
                if (!emitted)
                    tally.add({ReasonCode::SlotTaken, room.id,
                               "Room " + room.id + " has no free time long enough in " +
                                   formatClock(segment.startMinute) + "-" + formatClock(segment.endMinute) +
                                   " on " + core::formatIsoDate(dateOf(day)) + ".",
                               plan.exam.examId});
            }
        }
    }
    std::sort(windows.begin(), windows.end(), [](const Window& a, const Window& b) {
        return a.earliest != b.earliest ? a.earliest < b.earliest : a.roomIndex < b.roomIndex;
    });
    return windows;
}

} // namespace lumen::scheduling
