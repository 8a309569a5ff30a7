#pragma once
// MPPS SCP: keeps each procedure step a modality reports and moves its exam along the closed
// loop as the device ("AE:<title>"): IN PROGRESS -> in_progress, COMPLETED -> examined,
// DISCONTINUED -> back to checked_in with the reason in the timeline. The instance, the exam
// step and the audit entries commit together.
#include "lumen/dicom/mpps.h"

namespace lumen::store {
class ConnectionPool;
class WriteQueue;
} // namespace lumen::store

namespace lumen::server {

class AuditLog;

class MppsService final : public dicom::MppsHandler
{
public:
    MppsService(bool promiscuous, store::ConnectionPool& readers, store::WriteQueue& writer,
                const AuditLog& audit)
        : m_promiscuous(promiscuous), m_readers(readers), m_writer(writer), m_audit(audit)
    {
    }

    dicom::MppsOutcome createStep(const dicom::AssociationInfo& association,
                                  const dicom::MppsCreateRequest& request) override;
    dicom::MppsOutcome setStep(const dicom::AssociationInfo& association,
                               const dicom::MppsSetRequest& request) override;

private:
    bool mayReport(const std::string& aeTitle);

    bool m_promiscuous;
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
};

} // namespace lumen::server
