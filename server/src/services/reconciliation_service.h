#pragma once
// Repair of the archive's patient links: studies nobody matched, assigning a study to a
// Lumen patient (or back to unmatched), and moving a misfiled series to another study.
// Every change is audited with its before and after, so it can be undone by the reverse call.
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
    // Links the study to `patientId`, or makes it unmatched again with nullopt. Returns the study.
    core::DicomStudyRecord assign(const Principal& who, const std::string& studyUid,
                                  std::optional<core::PatientId> patientId);
    void moveSeries(const Principal& who, const std::string& seriesUid, const std::string& targetStudyUid);
    // Undoes a received rejection note: the instances it hid are shown again. Returns how many.
    int revokeRejection(const Principal& who, const std::string& noteSopInstanceUid);

private:
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
    const store::DicomFileStore& m_files;
};

} // namespace lumen::server
