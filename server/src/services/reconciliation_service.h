#pragma once
// Repair of the archive's patient links: studies nobody matched, assigning a study to a
// Lumen patient and exam (or back to unmatched), moving a misfiled series to another study, and
// splitting a wrongly merged study. Every change is audited with its before and after, so it
// can be undone by the reverse call. Stored files never change: retrieval delivers what the
// index now says (delivery_coercion.h).
#include "lumen/core/dicom_object.h"
#include "lumen/core/exam.h"
#include "services/principal.h"

#include <optional>
#include <string>
#include <vector>

namespace lumen::store {
class ConnectionPool;
class DicomFileStore;
class WriteQueue;
} // namespace lumen::store

namespace lumen::server {

class AuditLog;

// Where a study is filed by hand: a patient (or none) and the patient's exam.
struct StudyAssignment
{
    std::optional<core::PatientId> patientId; // nullopt: unmatched again, under no exam
    // Whether the request named the exam. When it did not, the study keeps its exam as long as
    // that is the patient's; when it did, examId (nullopt: no exam) is the exam.
    bool examNamed = false;
    std::optional<core::ExamId> examId;
};

class ReconciliationService
{
public:
    ReconciliationService(store::ConnectionPool& readers, store::WriteQueue& writer, const AuditLog& audit,
                          const store::DicomFileStore& files)
        : m_readers(readers), m_writer(writer), m_audit(audit), m_files(files)
    {
    }

    std::vector<core::DicomStudyRecord> unmatched(const Principal& who, int limit, int offset);
    // One study with its patient and exam.
    core::DicomStudyRecord study(const Principal& who, const std::string& studyUid);
    // Links the study to a patient, whose DICOM attributes (core/dicom_patient.h) replace the
    // received ones in the index, or makes it unmatched again, restoring them. A named exam must
    // be the patient's and not cancelled; filing the study under it records that the exam's
    // images arrived (exam_linking.h). Returns the study.
    core::DicomStudyRecord assign(const Principal& who, const std::string& studyUid,
                                  const StudyAssignment& to);
    // Files a series under another study. A study left without series is removed from the
    // index unless stored files still name it (so that moving back works).
    void moveSeries(const Principal& who, const std::string& seriesUid, const std::string& targetStudyUid);
    // Moves `seriesUids` (at least one, not all) of the study into a new study with a new UID and
    // the same study and patient attributes; returns the new study. Undone by moving the series
    // back, which removes the new study again.
    core::DicomStudyRecord split(const Principal& who, const std::string& studyUid,
                                 const std::vector<std::string>& seriesUids);
    // Undoes a received rejection note: the instances it hid are shown again. Returns how many.
    int revokeRejection(const Principal& who, const std::string& noteSopInstanceUid);

private:
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
    const store::DicomFileStore& m_files;
};

} // namespace lumen::server
