#include "lumen/core/exam_transitions.h"

namespace lumen::core {

namespace {
using S = ExamStatus;
using P = Permission;
} // namespace

const std::vector<ExamTransitionRule>& examTransitionRules()
{
    constexpr bool device = true;
    static const std::vector<ExamTransitionRule> rules = {
        // Registration desk.
        {S::Requested, S::Booked, {P::ExamRegister}, false, false, "booked a time", !device},
        {S::Booked, S::Requested, {P::ExamRegister}, false, false, "booking released", !device},
        // Emergency and ward patients are often examined without a booking.
        {S::Requested, S::CheckedIn, {P::ExamRegister}, false, false, "checked in without booking", !device},
        {S::Booked, S::CheckedIn, {P::ExamRegister}, false, false, "checked in", !device},
        // The desk and the room both call (req: 000 §2.3.2.2 queue calling).
        {S::CheckedIn, S::Called, {P::ExamRegister, P::ExamPerform}, false, false, "called", !device},
        {S::Called,
         S::CheckedIn,
         {P::ExamRegister, P::ExamPerform},
         false,
         false,
         "skipped, back in the queue",
         !device},
        // The modality starts the exam (MPPS N-CREATE); a booked exam only where the worklist
        // serves booked exams of the day (setting worklist_include_booked).
        {S::Booked, S::InProgress, {P::ExamPerform}, false, false, "started at the modality", device},
        {S::CheckedIn, S::InProgress, {P::ExamPerform}, false, false, "started at the modality", device},
        {S::Called, S::InProgress, {P::ExamPerform}, false, false, "started at the modality", device},
        // A discontinued step (MPPS DISCONTINUED) puts the patient back in the queue.
        {S::InProgress,
         S::CheckedIn,
         {P::ExamPerform},
         true,
         false,
         "discontinued, back in the queue",
         device},
        // Technologist; ward patients are brought straight into the room.
        {S::CheckedIn, S::Examined, {P::ExamPerform}, false, false, "examined", !device},
        {S::Called, S::Examined, {P::ExamPerform}, false, false, "examined", !device},
        {S::InProgress, S::Examined, {P::ExamPerform}, false, false, "examined", device},
        {S::CheckedIn,
         S::ImagesReceived,
         {P::ExamPerform},
         false,
         false,
         "images received during the exam",
         device},
        {S::Called,
         S::ImagesReceived,
         {P::ExamPerform},
         false,
         false,
         "images received during the exam",
         device},
        {S::InProgress,
         S::ImagesReceived,
         {P::ExamPerform},
         false,
         false,
         "images received during the exam",
         device},
        {S::Examined, S::ImagesReceived, {P::ExamPerform}, false, false, "images received", device},
        // Reporting; ECG and other exams without DICOM images are reported after the exam.
        {S::Examined, S::Reported, {P::ExamReport}, false, false, "reported", !device},
        {S::ImagesReceived, S::Reported, {P::ExamReport}, false, false, "reported", !device},
        {S::Reported, S::Approved, {P::ExamApprove}, false, false, "approved", !device},
        // A report that fails review goes back to be written again (req: 000 §2.3.2.10).
        {S::Reported, S::ImagesReceived, {P::ExamApprove}, true, false, "report returned", !device},
        {S::Reported, S::Examined, {P::ExamApprove}, true, false, "report returned", !device},
        {S::Approved,
         S::Reported,
         {P::ExamApprove},
         true,
         false,
         "approval withdrawn to amend the report",
         !device},
        // Only approved reports are printed, except emergency reports (req: 000 §2.3.2.11).
        {S::Reported,
         S::Printed,
         {P::ExamRelease},
         false,
         true,
         "emergency report printed before approval",
         !device},
        {S::Approved, S::Printed, {P::ExamRelease}, false, false, "printed", !device},
        {S::Approved, S::ReleasedToClinic, {P::ExamRelease}, false, false, "released to the clinic", !device},
        {S::Printed, S::ReleasedToClinic, {P::ExamRelease}, false, false, "released to the clinic", !device},
        // Cancel before the exam is done; no-show only for patients who were expected.
        {S::Requested, S::Cancelled, {P::ExamRegister}, true, false, "cancelled", !device},
        {S::Booked, S::Cancelled, {P::ExamRegister}, true, false, "cancelled", !device},
        {S::CheckedIn, S::Cancelled, {P::ExamRegister}, true, false, "cancelled", !device},
        {S::Called, S::Cancelled, {P::ExamRegister}, true, false, "cancelled", !device},
        {S::InProgress, S::Cancelled, {P::ExamRegister}, true, false, "cancelled", !device},
        {S::Booked, S::NoShow, {P::ExamRegister}, true, false, "did not come", !device},
        {S::CheckedIn, S::NoShow, {P::ExamRegister}, true, false, "left before being called", !device},
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

std::optional<std::string> whyDeviceTransitionRefused(ExamStatus from, ExamPriority priority, ExamStatus to)
{
    if (auto refused = whyTransitionRefused(from, priority, to))
        return refused;
    if (!findExamTransition(from, to)->byDevice)
        return "The exam is " + std::string(toCode(from)) + "; a modality cannot move it to " +
               std::string(toCode(to)) + ".";
    return std::nullopt;
}

} // namespace lumen::core
