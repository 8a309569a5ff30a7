#pragma once
// Answers recommendation requests from the rules and the current bookings; reads only.
#include "slot_rules.h"

#include "lumen/scheduling/recommendation.h"

#include <optional>
#include <vector>

namespace lumen::scheduling {

class Recommender
{
public:
    explicit Recommender(const SlotRules& rules) : m_rules(rules) {}

    Recommendation recommend(const RecommendationRequest& request, LocalMinute now) const;
    std::vector<ExamWindows> feasibleWindows(const RecommendationRequest& request, LocalMinute now) const;
    // The earliest feasible slot from `notBefore` on, for moving a booked exam elsewhere.
    std::optional<ProposedSlot> earliestSlot(const ExamRequest& exam, const RequestContext& context,
                                             LocalMinute notBefore, LocalMinute now, BookingId moving,
                                             std::vector<Refusal>& why) const;

private:
    const SlotRules& m_rules;
};

} // namespace lumen::scheduling
