#pragma once
// The exam status machine: every step an exam may take, who may take it, and when a reason
// must be given. Anything not listed is refused. See server/API.md for the diagram.
//
// What the devices do shapes two choices:
// - Modalities send images while the exam is still going on (CT and MR series arrive before
//   the technologist marks the exam done; ultrasound and endoscopy capture during the exam), so
//   "images_received" may follow "checked_in", "called" or "examined". When images came
//   first, the loop skips "examined"; a later "examined" (e.g. MPPS COMPLETED) does not move
//   the exam back.
// - ECG and other non-DICOM departments never send images, so "reported" may follow
//   "examined" directly.
// - A modality with MPPS starts the exam ("in_progress") and ends it ("examined"); a
//   discontinued step puts the patient back in the queue ("checked_in", with the reason).
//   Such steps are taken by the device ("AE:<title>"), not by a user: `byDevice` marks them.
#include "lumen/core/exam_kinds.h"
#include "lumen/core/exam_status.h"
#include "lumen/core/role.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lumen::core {

struct ExamTransitionRule
{
    ExamStatus from;
    ExamStatus to;
    std::vector<Permission> anyOf; // the caller needs one of these
    bool noteRequired = false;     // cancellations, no-shows and going back must say why
    bool emergencyOnly = false;    // allowed only for exams of emergency priority
    std::string_view meaning;
    bool byDevice = false; // a modality may take it (MPPS, arriving images) as "AE:<title>"
};

const std::vector<ExamTransitionRule>& examTransitionRules();
// The rule for one step, or nullptr when the machine has no such step.
const ExamTransitionRule* findExamTransition(ExamStatus from, ExamStatus to);
// Every status reachable in one step from `from` (for any priority).
std::vector<ExamStatus> nextExamStatuses(ExamStatus from);
// Why an exam in `from` with `priority` may not go to `to`, in words that name the current
// status; nullopt when the step is allowed (the caller still checks the permissions).
std::optional<std::string> whyTransitionRefused(ExamStatus from, ExamPriority priority, ExamStatus to);
// Like whyTransitionRefused, and also refuses steps a device may not take.
std::optional<std::string> whyDeviceTransitionRefused(ExamStatus from, ExamPriority priority, ExamStatus to);

} // namespace lumen::core
