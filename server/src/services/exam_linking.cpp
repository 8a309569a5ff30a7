#include "services/exam_linking.h"

#include "log.h"
#include "lumen/core/dicom_patient.h"
#include "lumen/core/exam_transitions.h"
#include "lumen/store/database.h"
#include "lumen/store/dicom_index_repository.h"
#include "lumen/store/exam_repository.h"
#include "lumen/store/patient_repository.h"
#include "services/audit_log.h"

#include <algorithm>

namespace lumen::server {

using core::ExamStatus;

core::PatientId examPatient(store::Database& db, const core::Exam& exam)
{
    const auto patient = store::PatientRepository(db).find(exam.patientId);
    return patient && patient->mergedInto ? *patient->mergedInto : exam.patientId;
}

core::Exam recordImagesReceived(store::Database& db, const AuditLog& audit, const core::Exam& exam,
                                const ExamActor& by, const std::string& nowIso)
{
    // The status machine says where images may arrive; of its steps to images_received only the
    // performing side's count (a reported exam going back there is an approver's returned
    // report, with a reason nobody gives here).
    if (core::whyTransitionRefused(exam.status, exam.priority, ExamStatus::ImagesReceived))
        return exam;
    const auto& rule = *core::findExamTransition(exam.status, ExamStatus::ImagesReceived);
    if (rule.noteRequired ||
        std::find(rule.anyOf.begin(), rule.anyOf.end(), core::Permission::ExamPerform) == rule.anyOf.end())
        return exam;
    auto after = exam;
    after.status = ExamStatus::ImagesReceived;
    return writeExamStep(db, audit, exam, after, by, std::nullopt, nowIso);
}

std::string studyLinkText(std::optional<core::PatientId> patientId, std::optional<core::ExamId> examId)
{
    if (!patientId)
        return "unmatched";
    return std::to_string(*patientId) + (examId ? " exam " + std::to_string(*examId) : std::string());
}

std::optional<core::PatientId> fileArrivingStudy(store::Database& db, const AuditLog& audit,
                                                 const core::DicomStudyRecord& study, const ExamActor& by,
                                                 const std::string& nowIso)
{
    if (study.accessionNumber.empty())
        return study.patientId;
    const auto exam = store::ExamRepository(db).findByAccessionNumber(study.accessionNumber);
    if (!exam)
        return study.patientId;
    if (exam->status == ExamStatus::Cancelled) {
        logLine(LogLevel::Info, "dicom", "study not filed under its accession number's exam: cancelled",
                {{"study", study.studyUid},
                 {"accession", study.accessionNumber},
                 {"exam", std::to_string(exam->id)}});
        return study.patientId;
    }
    const auto patientId = examPatient(db, *exam);
    if (study.patientId && *study.patientId != patientId) {
        // The modality's Patient ID and the order disagree: a person decides which is wrong.
        logLine(LogLevel::Warning, "dicom",
                "study not filed under its accession number's exam: the exam is another patient's; "
                "left for reconciliation",
                {{"study", study.studyUid},
                 {"accession", study.accessionNumber},
                 {"exam", std::to_string(exam->id)},
                 {"examPatient", std::to_string(patientId)},
                 {"studyPatient", std::to_string(*study.patientId)},
                 {"source", by.username}});
        return study.patientId;
    }

    // The images are what the sender waits for: a failure here undoes the filing only, never the
    // store (a savepoint inside the writer job's own).
    db.exec("SAVEPOINT exam_link");
    try {
        store::DicomIndexRepository index(db);
        if (!study.patientId) {
            // As an assignment by hand: the index and delivered headers take the patient's identity.
            const auto patient = store::PatientRepository(db).find(patientId);
            if (!patient)
                throw std::runtime_error("the exam's patient " + std::to_string(patientId) + " is missing");
            index.coerceStudyPatient(study.studyUid, core::toDicomPatient(*patient), nowIso);
            index.assignStudy(study.studyUid, patientId, nowIso);
        }
        index.linkStudyToExam(study.studyUid, exam->id, nowIso);
        audit.appendInJob(db, core::AuditEntry{0, nowIso, by.username, by.clientAddress, "archive.assign",
                                               "study", study.studyUid, patientId,
                                               "from " + studyLinkText(study.patientId, std::nullopt) +
                                                   " to " + studyLinkText(patientId, exam->id) +
                                                   ", by accession number " + study.accessionNumber,
                                               "", ""});
        recordImagesReceived(db, audit, *exam, by, nowIso);
        db.exec("RELEASE exam_link");
    } catch (const std::exception& e) {
        db.exec("ROLLBACK TO exam_link");
        db.exec("RELEASE exam_link");
        logLine(LogLevel::Error, "dicom", "filing a study under its exam failed; the study is stored unfiled",
                {{"study", study.studyUid}, {"exam", std::to_string(exam->id)}, {"error", e.what()}});
        return study.patientId;
    }
    return patientId;
}

} // namespace lumen::server
