#include "lumen/core/exam_transitions.h"

namespace lumen::core {

namespace {
using S = ExamStatus;
using P = Permission;
} // namespace

const std::vector<ExamTransitionRule>& examTransitionRules()
{
    static const std::vector<ExamTransitionRule> rules = {
        // Registration desk.
        {S::Requested, S::Booked, {P::ExamRegister}, false, false, "booked a time"},
        {S::Booked, S::Requested, {P::ExamRegister}, false, false, "booking released"},
        // Emergency and ward patients are often examined without a booking.
        {S::Requested, S::CheckedIn, {P::ExamRegister}, false, false, "checked in without booking"},
        {S::Booked, S::CheckedIn, {P::ExamRegister}, false, false, "checked in"},
        // The desk and the room both call (req: 000 §2.3.2.2 queue calling).
        {S::CheckedIn, S::Called, {P::ExamRegister, P::ExamPerform}, false, false, "called"},
        {S::Called,
         S::CheckedIn,
         {P::ExamRegister, P::ExamPerform},
         false,
         false,
         "skipped, back in the queue"},
        // Technologist; ward patients are brought straight into the room.
        {S::CheckedIn, S::Examined, {P::ExamPerform}, false, false, "examined"},
        {S::Called, S::Examined, {P::ExamPerform}, false, false, "examined"},
        {S::CheckedIn, S::ImagesReceived, {P::ExamPerform}, false, false, "images received during the exam"},
        {S::Called, S::ImagesReceived, {P::ExamPerform}, false, false, "images received during the exam"},
        {S::Examined, S::ImagesReceived, {P::ExamPerform}, false, false, "images received"},
        // Reporting; ECG and other exams without DICOM images are reported after the exam.
        {S::Examined, S::Reported, {P::ExamReport}, false, false, "reported"},
        {S::ImagesReceived, S::Reported, {P::ExamReport}, false, false, "reported"},
        {S::Reported, S::Approved, {P::ExamApprove}, false, false, "approved"},
        // A report that fails review goes back to be written again (req: 000 §2.3.2.10).
        {S::Reported, S::ImagesReceived, {P::ExamApprove}, true, false, "report returned"},
        {S::Reported, S::Examined, {P::ExamApprove}, true, false, "report returned"},
        {S::Approved, S::Reported, {P::ExamApprove}, true, false, "approval withdrawn to amend the report"},
        // Only approved reports are printed, except emergency reports (req: 000 §2.3.2.11).
        {S::Reported, S::Printed, {P::ExamRelease}, false, true, "emergency report printed before approval"},
        {S::Approved, S::Printed, {P::ExamRelease}, false, false, "printed"},
        {S::Approved, S::ReleasedToClinic, {P::ExamRelease}, false, false, "released to the clinic"},
        {S::Printed, S::ReleasedToClinic, {P::ExamRelease}, false, false, "released to the clinic"},
        // Cancel before the exam is done; no-show only for patients who were expected.
        {S::Requested, S::Cancelled, {P::ExamRegister}, true, false, "cancelled"},
        {S::Booked, S::Cancelled, {P::ExamRegister}, true, false, "cancelled"},
        {S::CheckedIn, S::Cancelled, {P::ExamRegister}, true, false, "cancelled"},
        {S::Called, S::Cancelled, {P::ExamRegister}, true, false, "cancelled"},
        {S::Booked, S::NoShow, {P::ExamRegister}, true, false, "did not come"},
        {S::CheckedIn, S::NoShow, {P::ExamRegister}, true, false, "left before being called"},
    };
    return rules;
}

const ExamTransitionRule* findExamTransition(ExamStatus from, ExamStatus to)
{
    for (const auto& rule : examTransitionRules())
        if (rule.from == from && rule.to == to)
            return &rule;
    return nullptr;
}

std::vector<ExamStatus> nextExamStatuses(ExamStatus from)
{
    std::vector<ExamStatus> next;
    for (const auto& rule : examTransitionRules())
        if (rule.from == from)
            next.push_back(rule.to);
    return next;
}

std::optional<std::string> whyTransitionRefused(ExamStatus from, ExamPriority priority, ExamStatus to)
{
    const std::string current = "The exam is " + std::string(toCode(from));
    if (from == to)
        return current + " already.";
    const auto* rule = findExamTransition(from, to);
    if (!rule) {
        std::string reason = current + "; it cannot go to " + std::string(toCode(to)) + ".";
        const auto next = nextExamStatuses(from);
        if (next.empty())
            return reason + " No further step is possible.";
        std::string list;
        for (ExamStatus s : next)
            list += (list.empty() ? "" : ", ") + std::string(toCode(s));
        return reason + " From " + std::string(toCode(from)) + " it can go to: " + list + ".";
    }
    if (rule->emergencyOnly && priority != ExamPriority::Emergency)
        return current + "; only emergency reports may be " + std::string(toCode(to)) + " before approval.";
    return std::nullopt;
}

} // namespace lumen::core
