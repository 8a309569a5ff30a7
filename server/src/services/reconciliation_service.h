#pragma once
// Repair of the archive's patient links: studies nobody matched, assigning a study to a
// Lumen patient (or back to unmatched), moving a misfiled series to another study, and
// splitting a wrongly merged study. Every change is audited with its before and after, so it
// can be undone by the reverse call. Stored files never change: retrieval delivers what the
// index now says (delivery_coercion.h).
#include "lumen/core/dicom_object.h"
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

class ReconciliationService
{
public:
    ReconciliationService(store::ConnectionPool& readers, store::WriteQueue& writer, const AuditLog& audit,
                          const store::DicomFileStore& files)
        : m_readers(readers), m_writer(writer), m_audit(audit), m_files(files)
    {
    }

    std::vector<core::DicomStudyRecord> unmatched(const Principal& who, int limit, int offset);
    // Links the study to `patientId`, whose DICOM attributes (core/dicom_patient.h) replace the
    // received ones in the index, or makes it unmatched again with nullopt, restoring them.
    // Returns the study.
    core::DicomStudyRecord assign(const Principal& who, const std::string& studyUid,
                                  std::optional<core::PatientId> patientId);
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
