#pragma once
// One exam resolved against the configuration once per request: its length, group,
// precautions and the rules whose selector it matches, so rule checks do no lookups.
#include "lumen/scheduling/refusal.h"
#include "lumen/scheduling/scheduling_config.h"

#include <optional>
#include <vector>

namespace lumen::scheduling {

struct ExamPlan
{
    std::size_t index = 0; // position in the request
    ExamRequest exam;
    const ExamMethod* method = nullptr;
    int durationMinutes = 0;
    std::string groupId;
    std::string precautions;
    std::vector<const ItemRule*> itemRules;
    std::vector<const TimeRule*> timeRules;
    std::vector<const RequestRule*> requestRules;
    std::vector<const FastingRule*> fastingRules;

    bool matches(const ExamSelector& selector) const
    {
        return selector.matches(exam.methodId, groupId, exam.bodyPartIds);
    }
};

// nullopt, with the reasons appended, when the method or a body part is unknown.
std::optional<ExamPlan> resolveExam(const SchedulingConfig& config, const ExamRequest& exam,
                                    std::size_t index, std::vector<Refusal>& refusals);

} // namespace lumen::scheduling
