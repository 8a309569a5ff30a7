#include "exam_plan.h"

namespace lumen::scheduling {

std::optional<ExamPlan> resolveExam(const SchedulingConfig& config, const ExamRequest& exam,
                                    std::size_t index, std::vector<Refusal>& refusals)
{
    const auto& catalogue = config.catalogue;
    const auto* method = catalogue.method(exam.methodId);
    bool known = method != nullptr;
    if (!method)
        refusals.push_back({ReasonCode::UnknownExamMethod, exam.methodId,
                            "Exam method " + exam.methodId + " is not in the catalogue.", exam.examId});
    for (const auto& part : exam.bodyPartIds)
        if (!catalogue.bodyPart(part)) {
            known = false;
            refusals.push_back({ReasonCode::UnknownBodyPart, part,
                                "Body part " + part + " is not in the catalogue.", exam.examId});
        }
    if (!known)
        return std::nullopt;

    ExamPlan plan;
    plan.index = index;
    plan.exam = exam;
    plan.method = method;
    plan.durationMinutes = catalogue.durationMinutes(exam);
    plan.groupId = method->groupId;
    plan.precautions = catalogue.precautions(exam);
    const auto& rules = config.rules;
    for (const auto& rule : rules.itemRules)
        if (plan.matches(rule.exams))
            plan.itemRules.push_back(&rule);
    for (const auto& rule : rules.timeRules)
        if (plan.matches(rule.exams))
            plan.timeRules.push_back(&rule);
    for (const auto& rule : rules.requestRules)
        if (plan.matches(rule.exams))
            plan.requestRules.push_back(&rule);
    for (const auto& rule : rules.fastingRules)
        if (plan.matches(rule.exams))
            plan.fastingRules.push_back(&rule);
    return plan;
}

} // namespace lumen::scheduling
