#include "services/exam_step.h"

#include "lumen/core/error.h"
#include "lumen/store/exam_repository.h"
#include "services/audit_log.h"

namespace lumen::server {

core::Exam writeExamStep(store::Database& db, const AuditLog& audit, const core::Exam& before,
                         const core::Exam& after, const ExamActor& by, const std::optional<std::string>& note,
                         const std::string& nowIso)
{
    store::ExamRepository exams(db);
    if (!exams.update(after, nowIso))
        throw core::Error(core::ErrorKind::Conflict, "conflict",
                          "The exam was changed by someone else; reload and try again.");
    exams.appendEvent({0, before.id, nowIso, by.username, by.displayName, before.status, after.status, note});
    auto stored = *exams.find(before.id);
    audit.appendInJob(db, core::AuditEntry{0, nowIso, by.username, by.clientAddress, "exam.transition",
                                           "exam", std::to_string(stored.id), stored.patientId,
                                           std::string(core::toCode(before.status)) + " -> " +
                                               std::string(core::toCode(after.status)),
                                           "", ""});
    return stored;
}

} // namespace lumen::server
