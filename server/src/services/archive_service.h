#pragma once
// The archive behind the DIMSE server: decides who may associate, stores received objects
// durably (file placed and fsynced, then indexed in one transaction, only then "success"),
// matches them to Lumen patients and files new studies under their exams (exam_linking.h),
// answers C-FIND from the index, and hands C-MOVE / C-GET the stored files to send.
#include "lumen/dicom/dimse_service.h"
#include "lumen/store/ae_repository.h"

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

enum class DuplicatePolicy { KeepFirst, Replace };

// Who delivered an object: "AE:DEMO_CT" over DIMSE, a user name over STOW-RS, "import".
struct IngestSource
{
    std::string auditUser;
    std::string peerAddress;
    std::string callingAe;   // recorded in the index; empty when not DIMSE
    std::string displayName; // in exam timelines; empty: auditUser
};

struct IngestResult
{
    dicom::StoreOutcome outcome;
    std::string sopClassUid; // empty when the object could not be read
    std::string sopInstanceUid;
    std::string studyInstanceUid;
    bool duplicate = false; // already archived; kept as first received
};

struct ArchiveSettings
{
    std::string aeTitle = "LUMEN";
    bool promiscuous = false; // accept unknown calling AE titles
    DuplicatePolicy duplicatePolicy = DuplicatePolicy::KeepFirst;
};

class ArchiveService final : public dicom::DimseHandler
{
public:
    ArchiveService(ArchiveSettings settings, store::ConnectionPool& readers, store::WriteQueue& writer,
                   const AuditLog& audit, store::DicomFileStore& files);

    bool acceptAssociation(const dicom::AssociationInfo& association) override;
    std::string receivePath(const std::string& affectedSopInstanceUid) override;
    dicom::StoreOutcome store(const dicom::AssociationInfo& association,
                              const std::string& receivedFile) override;
    dicom::FindOutcome find(const dicom::AssociationInfo& association, const dicom::FindRequest& request,
                            const std::function<bool(const std::vector<dicom::DicomKey>&)>& emit) override;
    dicom::RetrieveOutcome retrieve(const dicom::AssociationInfo& association,
                                    const dicom::RetrieveRequest& request,
                                    std::vector<dicom::RetrieveItem>& items) override;
    std::optional<dicom::MoveDestination> moveDestination(const dicom::AssociationInfo& association,
                                                          const std::string& aeTitle) override;
    void retrieveFinished(const dicom::AssociationInfo& association, const dicom::RetrieveRequest& request,
                          const std::vector<dicom::RetrieveItem>& items,
                          const dicom::RetrieveReport& report) override;

    // Stores a Part 10 file (taken over: moved or deleted) from any source, durably indexed
    // before it returns success.
    IngestResult ingest(const std::string& receivedFile, const IngestSource& source);

    // Start-up repair after a crash: files without an index row are removed (they were
    // never acknowledged), index rows without a file are dropped and reported. Also brings
    // studies indexed before the index held UTF-8 to UTF-8 (recodeLegacyText).
    void reconcile();

private:
    // Studies indexed in the bytes they arrived in (their recorded character set is not
    // ISO_IR 192) get their text decoded to UTF-8 once, in one transaction.
    void recodeLegacyText();
    bool aeMay(const std::string& aeTitle, bool store::KnownAe::*right);

    ArchiveSettings m_settings;
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
    store::DicomFileStore& m_files;
};

} // namespace lumen::server
