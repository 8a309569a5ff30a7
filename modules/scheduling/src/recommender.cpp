#include "recommender.h"

#include "combination_search.h"
#include "window_finder.h"

#include <algorithm>

namespace lumen::scheduling {

namespace {
struct PreparedRequest
{
    std::vector<ExamPlan> plans;
    std::vector<Refusal> refusals;
    DayNumber fromDay = 0;
    DayNumber toDay = 0;
};

// Blacklist, catalogue, channel rules and the day range: what refuses a request before any
// slot is looked at.
PreparedRequest prepare(const SlotRules& rules, const RecommendationRequest& request, LocalMinute now,
                        int days)
{
    PreparedRequest prepared;
    if (auto blacklisted = rules.checkPatient(request.context, now)) {
        prepared.refusals.push_back(std::move(*blacklisted));
        return prepared;
    }
    for (std::size_t i = 0; i < request.exams.size(); ++i)
        if (auto plan = resolveExam(rules.config(), request.exams[i], i, prepared.refusals)) {
            rules.checkExam(*plan, request.context, prepared.refusals);
            prepared.plans.push_back(std::move(*plan));
        }
    const DayNumber today = dayOfMinute(now);
    prepared.fromDay = today;
    prepared.toDay = today + std::max(1, days) - 1;
    if (const auto& date = request.preferences.date) {
        const DayNumber chosen = dayNumber(*date);
        if (chosen < prepared.fromDay || chosen > prepared.toDay)
            prepared.refusals.push_back({ReasonCode::PreferenceNotMet, "preference:date",
                                         "The chosen date " + core::formatIsoDate(*date) +
                                             " is outside the next " + std::to_string(days) + " days.",
                                         ""});
        prepared.fromDay = prepared.toDay = chosen;
    }
    return prepared;
}

ProposedSlot proposal(const SchedulingConfig& config, const ExamPlan& plan, const Window& window,
                      LocalMinute start)
{
    ProposedSlot slot;
    slot.examId = plan.exam.examId;
    slot.slot =
        SlotChoice{config.rooms[std::size_t(window.roomIndex)].id, dateOf(window.day), minuteOfDay(start)};
    slot.durationMinutes = plan.durationMinutes;
    slot.endMinute = slot.slot.startMinute + plan.durationMinutes;
    slot.precautions = plan.precautions;
    return slot;
}

std::vector<Refusal> withExam(std::vector<Refusal> refusals, const std::string& examId)
{
    for (auto& r : refusals)
        if (r.examId.empty())
            r.examId = examId;
    return refusals;
}

// Relations between two exams of the request, as the combination search needs them.
void relate(const SchedulingConfig& config, const ExamPlan& a, const ExamPlan& b, SearchInput& input)
{
    const auto i = a.index;
    const auto j = b.index;
    for (const auto& rule : config.rules.exclusionRules)
        if ((a.matches(rule.first) && b.matches(rule.second)) ||
            (a.matches(rule.second) && b.matches(rule.first))) {
            input.gapAfter[i][j] = std::max(input.gapAfter[i][j], rule.minGapMinutes);
            input.gapAfter[j][i] = std::max(input.gapAfter[j][i], rule.minGapMinutes);
        }
    for (const auto& rule : config.rules.orderRules)
        if (a.matches(rule.before) && b.matches(rule.after)) {
            input.mustPrecede[i][j] = true;
            input.gapAfter[i][j] = std::max(input.gapAfter[i][j], rule.minGapMinutes);
        }
    for (const auto& rule : config.rules.sameDayRules)
        if ((a.matches(rule.first) && b.matches(rule.second)) ||
            (a.matches(rule.second) && b.matches(rule.first)))
            input.sameDay[i][j] = input.sameDay[j][i] = true;
}
} // namespace

Recommendation Recommender::recommend(const RecommendationRequest& request, LocalMinute now) const
{
    const auto& config = m_rules.config();
    const auto& policy = config.recommendation;
    Recommendation result;
    auto prepared = prepare(m_rules, request, now, policy.searchDays);
    if (!prepared.refusals.empty() || prepared.plans.empty()) {
        result.refusals = std::move(prepared.refusals);
        return result;
    }
    const auto& plans = prepared.plans;
    WindowSearch search;
    search.fromDay = prepared.fromDay;
    search.toDay = prepared.toDay;
    search.earliestStart = now;
    search.preferences = &request.preferences;

    std::vector<std::vector<Window>> windows(plans.size());
    for (const auto& plan : plans) {
        RefusalTally tally;
        windows[plan.index] = findWindows(m_rules, plan, request.context, search, now, tally);
        if (windows[plan.index].empty()) {
            auto reasons = withExam(tally.summary(), plan.exam.examId);
            result.refusals.insert(result.refusals.end(), reasons.begin(), reasons.end());
        }
    }
    if (!result.refusals.empty())
        return result;

    if (plans.size() == 1) {
        // Several distinct start times rather than the same time in several rooms.
        auto candidates = windows[0];
        std::stable_sort(candidates.begin(), candidates.end(), [](const Window& a, const Window& b) {
            return a.earliest + a.penalty < b.earliest + b.penalty;
        });
        std::vector<LocalMinute> taken;
        for (const auto& w : candidates) {
            if (std::find(taken.begin(), taken.end(), w.earliest) != taken.end())
                continue;
            taken.push_back(w.earliest);
            Combination c;
            c.proposals.push_back(proposal(config, plans[0], w, w.earliest));
            c.visits = 1;
            c.waitingMinutes = w.earliest - now;
            c.cost = c.waitingMinutes + w.penalty;
            result.combinations.push_back(std::move(c));
            if (result.combinations.size() >= std::size_t(std::max(1, policy.singleExamResults)))
                break;
        }
        return result;
    }

    SearchInput input;
    input.fromDay = search.fromDay;
    input.now = now;
    const std::size_t n = plans.size();
    input.gapAfter.assign(n, std::vector<int>(n, 0));
    input.mustPrecede.assign(n, std::vector<bool>(n, false));
    input.sameDay.assign(n, std::vector<bool>(n, false));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            relate(config, plans[i], plans[j], input);
            relate(config, plans[j], plans[i], input);
        }
    const auto& ledger = m_rules.ledger();
    for (const auto id : ledger.bookingsOfPatient(request.context.patient.id))
        if (const auto* b = ledger.find(id); b && b->status != BookingStatus::NoShow)
            input.daysAlreadyVisiting.push_back(b->day());
    input.allOnOneDay = request.preferences.sameDay;
    input.extraVisitCost = policy.extraVisitCostMinutes;
    input.sameDayMissCost = policy.sameDayMissCostMinutes;
    input.maxResults = std::size_t(std::max(1, policy.combinationResults));
    input.maxNodes = policy.maxSearchNodes;
    std::vector<int> durations;
    for (const auto& plan : plans) {
        SearchExam exam;
        exam.windowsByDay.resize(std::size_t(search.toDay - search.fromDay + 1));
        const auto& ws = windows[plan.index];
        exam.minLeadMinutes = ws.front().earliest - now;
        for (const auto& w : ws)
            exam.windowsByDay[std::size_t(w.day - search.fromDay)].push_back(&w);
        input.exams.push_back(std::move(exam));
        durations.push_back(plan.durationMinutes);
    }

    for (const auto& found : searchCombinations(input, durations)) {
        Combination c;
        for (std::size_t i = 0; i < n; ++i)
            c.proposals.push_back(
                proposal(config, plans[i], *found.placements[i].window, found.placements[i].start));
        c.visits = found.visits;
        c.waitingMinutes = found.waitingMinutes;
        c.cost = found.cost;
        result.combinations.push_back(std::move(c));
    }
    if (result.combinations.empty()) {
        if (request.preferences.sameDay)
            result.refusals.push_back({ReasonCode::PreferenceNotMet, "preference:same_day",
                                       "No single day has room for all the exams together.", ""});
        result.refusals.push_back(
            {ReasonCode::NoFeasibleCombination, "",
             "Each exam has free slots, but none fit together under the order, exclusion "
             "and quota rules in the next " +
                 std::to_string(search.toDay - search.fromDay + 1) + " days.",
             ""});
    }
    return result;
}

std::vector<ExamWindows> Recommender::feasibleWindows(const RecommendationRequest& request,
                                                      LocalMinute now) const
{
    const auto& config = m_rules.config();
    auto prepared = prepare(m_rules, request, now, config.recommendation.freeChoiceDays);
    std::vector<ExamWindows> result;
    WindowSearch search;
    search.fromDay = prepared.fromDay;
    search.toDay = prepared.toDay;
    search.earliestStart = now;
    search.preferences = &request.preferences;
    for (std::size_t i = 0; i < request.exams.size(); ++i) {
        ExamWindows out;
        out.examId = request.exams[i].examId;
        const auto plan = std::find_if(prepared.plans.begin(), prepared.plans.end(),
                                       [i](const ExamPlan& p) { return p.index == i; });
        for (const auto& r : prepared.refusals)
            if (r.examId.empty() || r.examId == out.examId)
                out.refusals.push_back(r);
        if (plan != prepared.plans.end() && out.refusals.empty()) {
            out.durationMinutes = plan->durationMinutes;
            out.precautions = plan->precautions;
            RefusalTally tally;
            for (const auto& w : findWindows(m_rules, *plan, request.context, search, now, tally))
                out.windows.push_back(StartWindow{config.rooms[std::size_t(w.roomIndex)].id, dateOf(w.day),
                                                  minuteOfDay(w.earliest), minuteOfDay(w.latest), w.step});
            if (out.windows.empty())
                out.refusals = withExam(tally.summary(), out.examId);
        }
        result.push_back(std::move(out));
    }
    return result;
}

std::optional<ProposedSlot> Recommender::earliestSlot(const ExamRequest& exam, const RequestContext& context,
                                                      LocalMinute notBefore, LocalMinute now,
                                                      BookingId moving, std::vector<Refusal>& why) const
{
    const auto plan = resolveExam(m_rules.config(), exam, 0, why);
    if (!plan)
        return std::nullopt;
    WindowSearch search;
    search.fromDay = dayOfMinute(std::max(notBefore, now));
    search.toDay = search.fromDay + std::max(1, m_rules.config().recommendation.searchDays) - 1;
    search.earliestStart = std::max(notBefore, now);
    search.ignoreBooking = moving;
    RefusalTally tally;
    const auto windows = findWindows(m_rules, *plan, context, search, now, tally);
    if (windows.empty()) {
        why = withExam(tally.summary(), exam.examId);
        return std::nullopt;
    }
    return proposal(m_rules.config(), *plan, windows.front(), windows.front().earliest);
}

} // namespace lumen::scheduling
