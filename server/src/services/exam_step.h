#pragma once
// One status step of an exam, written the same way whoever takes it (a user through
// ExamService, a modality whose images arrived, a user filing a study under the exam): the exam
// row with its new version, a timeline row and the audit entry "exam.transition". Whether the
// step exists and who may take it is decided by the caller; this runs inside its writer job.
#include "lumen/core/exam.h"

#include <optional>
#include <string>

namespace lumen::store {
class Database;
}

namespace lumen::server {

class AuditLog;

// Who takes the step: a user, or a device ("AE:DEMO_CT") whose objects caused it.
struct ExamActor
{
    std::string username;
    std::string displayName;
    std::string clientAddress;
};

// Stores `after` (which differs from `before` in its status, and for booking in its slot) and
// returns the exam as stored. Throws a 409 conflict when the exam changed since `before` was read.
core::Exam writeExamStep(store::Database& db, const AuditLog& audit, const core::Exam& before,
                         const core::Exam& after, const ExamActor& by, const std::optional<std::string>& note,
                         const std::string& nowIso);

} // namespace lumen::server
