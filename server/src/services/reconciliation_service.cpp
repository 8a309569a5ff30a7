#include "services/reconciliation_service.h"

#include "lumen/core/date.h"
#include "lumen/core/dicom_patient.h"
#include "lumen/core/error.h"
#include "lumen/core/uid.h"
#include "lumen/dicom/rejection_note.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/dicom_file_store.h"
#include "lumen/store/dicom_index_repository.h"
#include "lumen/store/exam_repository.h"
#include "lumen/store/patient_repository.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"
#include "services/exam_linking.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <set>

namespace lumen::server {

using core::Error;
using core::ErrorKind;
using core::Permission;
using nlohmann::json;

namespace {

// The patient's DICOM attributes replace the study's received ones in the index; both are
// UTF-8 (the index's text is, see ArchiveService::reconcile), so no recoding is needed.
void coercePatient(store::DicomIndexRepository& index, const core::DicomStudyRecord& study,
                   const core::Patient& patient, const std::string& now)
{
    index.coerceStudyPatient(study.studyUid, core::toDicomPatient(patient), now);
}

// The exam a study is to be filed under: the named one, checked, or (none named) its current
// one while that is the patient's. nullopt: none.
std::optional<core::Exam> examFor(store::Database& db, const Principal& who,
                                  const core::DicomStudyRecord& study, const StudyAssignment& to)
{
    if (!to.patientId)
        return std::nullopt;
    store::ExamRepository exams(db);
    if (!to.examNamed) {
        auto current = study.examId ? exams.find(*study.examId) : std::nullopt;
        return current && examPatient(db, *current) == *to.patientId ? current : std::nullopt;
    }
    if (!to.examId)
        return std::nullopt;
    const auto exam = exams.find(*to.examId);
    const Error noSuchExam(ErrorKind::NotFound, "not_found", "examId: No such exam.",
                           json{{"field", "examId"}}.dump());
    if (!exam)
        throw noSuchExam;
    // An exam of a patient the caller may not see is not revealed, as everywhere else.
    const auto owner = examPatient(db, *exam);
    store::PatientRepository patients(db);
    const auto confidential = [&patients](core::PatientId id) {
        const auto patient = patients.find(id);
        return patient && patient->confidential;
    };
    if (!who.can(Permission::PatientConfidential) && (confidential(exam->patientId) || confidential(owner)))
        throw noSuchExam;
    if (owner != *to.patientId)
        throw Error(ErrorKind::Conflict, "conflict",
                    "examId: Exam " + std::to_string(exam->id) + " (" + exam->accessionNumber +
                        ") is another patient's; a study is filed only under an exam of its own patient.",
                    json{{"field", "examId"}}.dump());
    if (exam->status == core::ExamStatus::Cancelled)
        throw Error(ErrorKind::Conflict, "conflict",
                    "examId: Exam " + std::to_string(exam->id) + " (" + exam->accessionNumber +
                        ") was cancelled; images are not filed under a cancelled exam.",
                    json{{"field", "examId"}}.dump());
    return exam;
}

} // namespace

std::vector<core::DicomStudyRecord> ReconciliationService::unmatched(const Principal& who, int limit,
                                                                     int offset)
{
    who.require(Permission::PatientWrite);
    store::DicomQuery q;
    q.onlyUnmatched = true;
    q.includeConfidential = true; // unmatched studies belong to no patient, confidential or not
    q.limit = limit;
    q.offset = offset;
    std::vector<core::DicomStudyRecord> studies;
    {
        auto db = m_readers.lease();
        studies = store::DicomIndexRepository(*db).findStudies(q);
    }
    m_audit.record(core::AuditEntry{0, core::formatIsoTimestamp(std::chrono::system_clock::now()),
                                    who.username, who.clientAddress, "archive.unmatched", "study", "-",
                                    std::nullopt, std::to_string(studies.size()) + " studies", "", ""});
    return studies;
}

core::DicomStudyRecord ReconciliationService::study(const Principal& who, const std::string& studyUid)
{
    who.require(Permission::PatientWrite);
    std::optional<core::DicomStudyRecord> study;
    {
        auto db = m_readers.lease();
        study = store::DicomIndexRepository(*db).findStudyByUid(studyUid, true);
    }
    if (!study || (study->confidential && !who.can(Permission::PatientConfidential)))
        throw Error(ErrorKind::NotFound, "not_found", "No such study.");
    m_audit.record(core::AuditEntry{0, core::formatIsoTimestamp(std::chrono::system_clock::now()),
                                    who.username, who.clientAddress, "archive.read", "study", studyUid,
                                    study->patientId, "", "", ""});
    return *study;
}

core::DicomStudyRecord ReconciliationService::assign(const Principal& who, const std::string& studyUid,
                                                     const StudyAssignment& to)
{
    who.require(Permission::PatientWrite);
    if (!to.patientId && to.examId)
        throw Error(ErrorKind::BadRequest, "invalid_field",
                    "examId: An unmatched study is filed under no exam; name the exam's patient as well.",
                    json{{"field", "examId"}}.dump());
    const auto now = core::formatIsoTimestamp(std::chrono::system_clock::now());
    return m_writer
        .submit([&](store::Database& db) {
            store::DicomIndexRepository index(db);
            store::PatientRepository patients(db);
            const bool mayConfidential = who.can(Permission::PatientConfidential);
            const auto study = index.findStudyByUid(studyUid, true);
            if (!study || (study->confidential && !mayConfidential))
                throw Error(ErrorKind::NotFound, "not_found", "No such study.");
            std::optional<core::Patient> patient;
            if (to.patientId) {
                patient = patients.find(*to.patientId);
                if (!patient || (patient->confidential && !mayConfidential))
                    throw Error(ErrorKind::NotFound, "not_found", "No such patient.");
                if (patient->mergedInto)
                    throw Error(ErrorKind::Conflict, "conflict",
                                "That patient was merged into patient " +
                                    std::to_string(*patient->mergedInto) +
                                    "; assign the study to that patient.");
            }
            const auto exam = examFor(db, who, *study, to);
            const auto examId = exam ? std::optional(exam->id) : std::nullopt;

            if (patient)
                coercePatient(index, *study, *patient, now);
            else
                index.restoreReceivedPatient(studyUid, now);
            index.assignStudy(studyUid, to.patientId, now);
            // Unfiling leaves the exam as it is: its timeline already says when images arrived.
            if (examId != study->examId)
                index.linkStudyToExam(studyUid, examId, now);
            m_audit.appendInJob(
                db, core::AuditEntry{0, now, who.username, who.clientAddress, "archive.assign", "study",
                                     studyUid, to.patientId ? to.patientId : study->patientId,
                                     "from " + studyLinkText(study->patientId, study->examId) + " to " +
                                         studyLinkText(to.patientId, examId),
                                     "", ""});
            if (exam && to.examId)
                recordImagesReceived(db, m_audit, *exam, {who.username, who.displayName, who.clientAddress},
                                     now);
            return *index.findStudyByUid(studyUid, true);
        })
        .get();
}

void ReconciliationService::moveSeries(const Principal& who, const std::string& seriesUid,
                                       const std::string& targetStudyUid)
{
    who.require(Permission::PatientWrite);
    const auto now = core::formatIsoTimestamp(std::chrono::system_clock::now());
    m_writer
        .submit([&](store::Database& db) {
            store::DicomIndexRepository index(db);
            const auto series = index.findSeriesByUid(seriesUid, true);
            const auto source = series ? index.findStudyByUid(series->studyUid, true) : std::nullopt;
            // A study emptied by an earlier move is still a target: moving back undoes that move.
            const auto target = index.findStudyByUid(targetStudyUid, true, true);
            const bool mayConfidential = who.can(Permission::PatientConfidential);
            if (!series || !source || !target || (source->confidential && !mayConfidential) ||
                (target->confidential && !mayConfidential))
                throw Error(ErrorKind::NotFound, "not_found", "No such series or target study.");
            if (series->studyUid == targetStudyUid)
                throw Error(ErrorKind::BadRequest, "invalid_field",
                            "studyUid: the series is in that study already.");
            index.moveSeries(seriesUid, targetStudyUid);
            const bool removed = index.removeStudyIfUnused(series->studyUid);
            m_audit.appendInJob(
                db, core::AuditEntry{
                        0, now, who.username, who.clientAddress, "archive.move_series", "series", seriesUid,
                        target->patientId,
                        "from study " + series->studyUid + " to study " + targetStudyUid +
                            (removed ? "; study " + series->studyUid + " left empty and removed" : ""),
                        "", ""});
        })
        .get();
}

core::DicomStudyRecord ReconciliationService::split(const Principal& who, const std::string& studyUid,
                                                    const std::vector<std::string>& seriesUids)
{
    who.require(Permission::PatientWrite);
    if (seriesUids.empty())
        throw Error(ErrorKind::BadRequest, "invalid_field", "Field 'series' must name at least one series.");
    const auto now = core::formatIsoTimestamp(std::chrono::system_clock::now());
    const auto newStudyUid = core::generateUid();
    return m_writer
        .submit([&](store::Database& db) {
            store::DicomIndexRepository index(db);
            const auto study = index.findStudyByUid(studyUid, true);
            if (!study || (study->confidential && !who.can(Permission::PatientConfidential)))
                throw Error(ErrorKind::NotFound, "not_found", "No such study.");
            store::DicomQuery query;
            query.conditions.push_back({"st.study_uid", {core::DicomMatch::Kind::Single, {studyUid}}});
            query.includeConfidential = true;
            query.includeHidden = true;
            query.limit = 1000000;
            std::set<std::string> inStudy;
            for (const auto& series : index.findSeries(query))
                inStudy.insert(series.seriesUid);
            std::vector<std::string> moving;
            std::set<std::string> seen;
            for (const auto& uid : seriesUids) {
                if (!inStudy.count(uid))
                    throw Error(ErrorKind::BadRequest, "invalid_field",
                                "Field 'series': " + uid + " is not a series of study " + studyUid + ".");
                if (seen.insert(uid).second)
                    moving.push_back(uid);
            }
            if (moving.size() == inStudy.size())
                throw Error(ErrorKind::BadRequest, "invalid_field",
                            "Field 'series' names every series of the study: nothing would remain in it.");

            index.createStudyLike(studyUid, newStudyUid, now);
            std::string moved;
            for (const auto& uid : moving) {
                index.moveSeries(uid, newStudyUid);
                moved += (moved.empty() ? "" : ", ") + uid;
            }
            m_audit.appendInJob(db, core::AuditEntry{0, now, who.username, who.clientAddress, "archive.split",
                                                     "study", studyUid, study->patientId,
                                                     "series " + moved + " from study " + studyUid +
                                                         " to new study " + newStudyUid,
                                                     "", ""});
            return *index.findStudyByUid(newStudyUid, true);
        })
        .get();
}

int ReconciliationService::revokeRejection(const Principal& who, const std::string& noteSopInstanceUid)
{
    who.require(Permission::ArchiveAdmin);
    std::optional<core::DicomInstanceRecord> note;
    {
        auto db = m_readers.lease();
        note = store::DicomIndexRepository(*db).findInstance(noteSopInstanceUid);
    }
    const auto rejection =
        note ? dicom::readRejectionNote(m_files.absolutePath(note->filePath)) : std::nullopt;
    if (!rejection)
        throw Error(ErrorKind::NotFound, "not_found",
                    "No rejection note with that SOP Instance UID is archived.");
    const auto now = core::formatIsoTimestamp(std::chrono::system_clock::now());
    return m_writer
        .submit([&](store::Database& db) {
            const int shown =
                store::DicomIndexRepository(db).setHidden(rejection->rejectedSopInstanceUids, false);
            m_audit.appendInJob(
                db, core::AuditEntry{0, now, who.username, who.clientAddress, "dicom.reject.revoke",
                                     "instance", noteSopInstanceUid, std::nullopt,
                                     std::to_string(shown) + " instances shown again", "", ""});
            return shown;
        })
        .get();
}

} // namespace lumen::server
