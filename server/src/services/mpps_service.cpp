#include "services/mpps_service.h"

#include "log.h"
#include "lumen/core/date.h"
#include "lumen/core/exam_transitions.h"
#include "lumen/store/ae_repository.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/exam_repository.h"
#include "lumen/store/mpps_repository.h"
#include "lumen/store/worklist_repository.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"
#include "services/exam_step.h"

#include <chrono>

namespace lumen::server {

using core::ExamStatus;
namespace mpps_status = dicom::mpps_status;

namespace {

std::string nowIso()
{
    return core::formatIsoTimestamp(std::chrono::system_clock::now());
}

// "2026-11-22 09:30:05" from DICOM DA and TM, as the modality's clock gave them.
std::string modalityTime(const std::string& date, const std::string& time)
{
    std::string text;
    if (date.size() == 8)
        text = date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2);
    if (time.size() >= 4) {
        text += (text.empty() ? "" : " ") + time.substr(0, 2) + ":" + time.substr(2, 2);
        if (time.size() >= 6)
            text += ":" + time.substr(4, 2);
    }
    return text.empty() ? "unknown" : text;
}

// The exam the step performs: by Accession Number, else by the Study Instance UID the
// worklist gave it.
std::optional<core::Exam> scheduledExam(store::Database& db, const dicom::MppsAttributes& a)
{
    store::ExamRepository exams(db);
    store::WorklistRepository worklist(db);
    for (const auto& step : a.scheduledSteps) {
        if (!step.accessionNumber.empty())
            if (auto exam = exams.findByAccessionNumber(step.accessionNumber))
                return exam;
        if (auto id = worklist.examByStudyInstanceUid(step.studyInstanceUid))
            return exams.find(*id);
    }
    return std::nullopt;
}

// Takes the exam to `to` as the device when the machine allows it; otherwise says why not
// (the step is kept all the same: the modality did what it did).
std::string moveExam(store::Database& db, const AuditLog& audit, const core::Exam& exam, ExamStatus to,
                     const std::string& note, const dicom::AssociationInfo& from, const std::string& now)
{
    if (const auto refused = core::whyDeviceTransitionRefused(exam.status, exam.priority, to)) {
        logLine(
            LogLevel::Warning, "dicom", "MPPS did not move its exam",
            {{"exam", std::to_string(exam.id)}, {"to", std::string(core::toCode(to))}, {"reason", *refused}});
        return "exam " + std::to_string(exam.id) + " stays " + std::string(core::toCode(exam.status));
    }
    auto after = exam;
    after.status = to;
    const ExamActor device{"AE:" + from.callingAeTitle, from.callingAeTitle, from.peerAddress};
    writeExamStep(db, audit, exam, after, device, note, now);
    return "exam " + std::to_string(exam.id) + " " + std::string(core::toCode(exam.status)) + " -> " +
           std::string(core::toCode(to));
}

void auditStep(store::Database& db, const AuditLog& audit, const dicom::AssociationInfo& from,
               const store::MppsRecord& record, std::optional<core::PatientId> patientId,
               const std::string& detail)
{
    audit.appendInJob(db, core::AuditEntry{0, record.updatedAt, "AE:" + from.callingAeTitle, from.peerAddress,
                                           "dicom.mpps", "mpps", record.sopInstanceUid, patientId,
                                           record.status + "; " + detail, "", ""});
}

} // namespace

bool MppsService::mayReport(const std::string& aeTitle)
{
    if (m_promiscuous)
        return true;
    auto db = m_readers.lease();
    const auto ae = store::AeRepository(*db).find(aeTitle);
    return ae && ae->canStore;
}

dicom::MppsOutcome MppsService::createStep(const dicom::AssociationInfo& from,
                                           const dicom::MppsCreateRequest& request)
{
    if (!mayReport(from.callingAeTitle))
        return {mpps_status::refusedNotAuthorized,
                "AE " + from.callingAeTitle + " may not report procedure steps"};
    const auto& a = request.attributes;
    return m_writer
        .submit([&](store::Database& db) -> dicom::MppsOutcome {
            store::MppsRepository steps(db);
            const auto now = nowIso();
            store::MppsRecord record;
            record.sopInstanceUid = request.sopInstanceUid;
            record.callingAe = from.callingAeTitle;
            record.status = a.status;
            record.ppsId = a.performedProcedureStepId;
            record.modality = a.modality;
            record.stationAe = a.performedStationAeTitle;
            record.accessionNumber = a.scheduledSteps.front().accessionNumber;
            record.studyInstanceUid = a.scheduledSteps.front().studyInstanceUid;
            record.startDate = a.startDate;
            record.startTime = a.startTime;
            record.endDate = a.endDate;
            record.endTime = a.endTime;
            record.createdAt = now;
            record.updatedAt = now;
            const auto exam = scheduledExam(db, a);
            if (exam)
                record.examId = exam->id;
            if (!steps.insert(record))
                return {mpps_status::duplicateSopInstance,
                        "procedure step " + request.sopInstanceUid + " exists already"};
            std::string detail = "unscheduled: no exam has its accession number or study UID";
            if (exam)
                detail =
                    moveExam(db, m_audit, *exam, ExamStatus::InProgress,
                             "MPPS " + a.performedProcedureStepId + " started " +
                                 modalityTime(a.startDate, a.startTime) + " at " + a.performedStationAeTitle,
                             from, now);
            auditStep(db, m_audit, from, record, exam ? std::optional(exam->patientId) : std::nullopt,
                      detail);
            return {dicom::status::success, ""};
        })
        .get();
}

dicom::MppsOutcome MppsService::setStep(const dicom::AssociationInfo& from,
                                        const dicom::MppsSetRequest& request)
{
    if (!mayReport(from.callingAeTitle))
        return {mpps_status::refusedNotAuthorized,
                "AE " + from.callingAeTitle + " may not report procedure steps"};
    return m_writer
        .submit([&](store::Database& db) -> dicom::MppsOutcome {
            store::MppsRepository steps(db);
            auto record = steps.find(request.sopInstanceUid);
            if (!record)
                return {mpps_status::noSuchSopInstance, "no procedure step " + request.sopInstanceUid};
            // PS3.4 F.7.2.2.2: a finished step may no longer be updated (Error ID A710).
            if (record->status != dicom::mppsInProgress)
                return {mpps_status::processingFailure,
                        "A710 Performed Procedure Step Object may no longer be updated (" + record->status +
                            ")"};
            if (request.endDate)
                record->endDate = *request.endDate;
            if (request.endTime)
                record->endTime = *request.endTime;
            if (request.discontinuationReason)
                record->discontinuationReason = *request.discontinuationReason;
            const std::string status = request.status.value_or(record->status);
            const bool final = status != dicom::mppsInProgress;
            // End date and time are type 1 once the step is COMPLETED or DISCONTINUED (F.7.2.2.2).
            if (final && (record->endDate.empty() || record->endTime.empty()))
                return {mpps_status::processingFailure,
                        "A711 " + status + " needs Performed Procedure Step End Date and Time"};
            record->status = status;
            record->updatedAt = nowIso();
            steps.update(*record);

            std::optional<core::Exam> exam;
            if (record->examId)
                exam = store::ExamRepository(db).find(*record->examId);
            std::string detail = exam ? "exam " + std::to_string(exam->id) : "unscheduled";
            const std::string end = modalityTime(record->endDate, record->endTime);
            if (exam && status == dicom::mppsCompleted) {
                detail = moveExam(db, m_audit, *exam, ExamStatus::Examined,
                                  "MPPS " + record->ppsId + " completed " + end + " at " + record->stationAe,
                                  from, record->updatedAt);
            } else if (exam && status == dicom::mppsDiscontinued) {
                const std::string reason =
                    record->discontinuationReason.empty() ? "no reason given" : record->discontinuationReason;
                const std::string note = "MPPS " + record->ppsId + " discontinued " + end + " at " +
                                         record->stationAe + ": " + reason;
                detail = moveExam(db, m_audit, *exam, ExamStatus::CheckedIn, note, from, record->updatedAt);
                if (exam->status != ExamStatus::InProgress) {
                    // The exam moved on (its images arrived, or it was cancelled): the reason
                    // still belongs in its timeline, as a row that keeps the status.
                    store::ExamRepository(db).appendEvent({0, exam->id, record->updatedAt,
                                                           "AE:" + from.callingAeTitle, from.callingAeTitle,
                                                           exam->status, exam->status, note});
                }
            }
            auditStep(db, m_audit, from, *record, exam ? std::optional(exam->patientId) : std::nullopt,
                      detail);
            return {dicom::status::success, ""};
        })
        .get();
}

} // namespace lumen::server
