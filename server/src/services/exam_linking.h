#pragma once
// Studies filed under the exams (orders) they were made for, and what that tells the exam: its
// images arrived. An arriving study is filed by its Accession Number when that is an exam's
// (fileArrivingStudy); a user files one by hand (ReconciliationService::assign). Either way an
// exam that waits for images then moves to images_received. Everything runs inside the
// caller's writer job, so the study, the exam, its timeline and the audit entries commit together.
#include "lumen/core/dicom_object.h"
#include "lumen/core/exam.h"
#include "services/exam_step.h"

#include <optional>
#include <string>

namespace lumen::store {
class Database;
}

namespace lumen::server {

class AuditLog;

// The patient an exam's images belong to: its patient, or the one that patient was merged into.
core::PatientId examPatient(store::Database& db, const core::Exam& exam);

// Moves an exam that waits for images (checked_in, called, in_progress, examined) to
// images_received like a user's transition (timeline row by `by`, audit "exam.transition"); returns the exam
// as it now is.
core::Exam recordImagesReceived(store::Database& db, const AuditLog& audit, const core::Exam& exam,
                                const ExamActor& by, const std::string& nowIso);

// A study's link in audit details: "unmatched", "17" (patient), "17 exam 31".
std::string studyLinkText(std::optional<core::PatientId> patientId, std::optional<core::ExamId> examId);

// For a study the arriving object has just created: files it under the exam whose accession
// number it carries, unless that exam is cancelled or another patient's (then it is left for
// reconciliation, with a warning in the log); an unmatched study is assigned to the exam's
// patient, whom the accession number identifies. Then records that the exam's images arrived.
// Audited as "archive.assign" by `by`. Returns the study's patient afterwards.
std::optional<core::PatientId> fileArrivingStudy(store::Database& db, const AuditLog& audit,
                                                 const core::DicomStudyRecord& study, const ExamActor& by,
                                                 const std::string& nowIso);

} // namespace lumen::server
