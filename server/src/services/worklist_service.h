#pragma once
// Modality Worklist SCP: serves the exams waiting for a modality (checked in or called, and
// booked ones of the day when the setting says so), matched on the query's keys. An exam gets
// its Study Instance UID the first time it is served and keeps it.
#include "lumen/dicom/worklist.h"

namespace lumen::store {
class ConnectionPool;
class WriteQueue;
} // namespace lumen::store

namespace lumen::server {

class AuditLog;

struct WorklistSettings
{
    bool promiscuous = false;        // unknown AEs may query (as C-FIND)
    bool includeBookedToday = false; // also serve exams booked for today that are not checked in
};

class WorklistService final : public dicom::WorklistHandler
{
public:
    WorklistService(WorklistSettings settings, store::ConnectionPool& readers, store::WriteQueue& writer,
                    const AuditLog& audit)
        : m_settings(settings), m_readers(readers), m_writer(writer), m_audit(audit)
    {
    }

    dicom::FindOutcome findWorklist(const dicom::AssociationInfo& association,
                                    const dicom::WorklistQuery& query,
                                    const std::function<bool(const dicom::WorklistItem&)>& sendItem) override;

private:
    WorklistSettings m_settings;
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
};

} // namespace lumen::server
