#pragma once
// Storage Commitment Push Model (PS3.4 Annex J) as SCP, without DCMTK types: the request a
// modality sends with N-ACTION, the handler that takes it over, and the report Lumen sends back
// with N-EVENT-REPORT on an association of its own.
#include "lumen/dicom/dimse_service.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lumen::dicom {

inline constexpr const char* storageCommitmentSopClass = "1.2.840.10008.1.20.1";
inline constexpr const char* storageCommitmentSopInstance = "1.2.840.10008.1.20.1.1"; // well-known

// A larger request is refused (0213 resource limitation) rather than half recorded.
inline constexpr std::size_t maxCommitmentReferences = 100000;

// N-ACTION-RSP statuses (PS3.7 10.1.4.1.10) Lumen answers with.
namespace commitment_status {
inline constexpr std::uint16_t processingFailure = 0x0110;
inline constexpr std::uint16_t noSuchSopInstance = 0x0112;
inline constexpr std::uint16_t invalidArgumentValue = 0x0115;
inline constexpr std::uint16_t noSuchSopClass = 0x0118;
inline constexpr std::uint16_t noSuchAction = 0x0123;
inline constexpr std::uint16_t refusedNotAuthorized = 0x0124;
inline constexpr std::uint16_t resourceLimitation = 0x0213;
} // namespace commitment_status

// Failure Reason (0008,1197) of an instance that was not committed (PS3.3 C.14.1.1).
namespace failure_reason {
inline constexpr std::uint16_t processingFailure = 0x0110;
inline constexpr std::uint16_t noSuchObjectInstance = 0x0112;
inline constexpr std::uint16_t classInstanceConflict = 0x0119;
} // namespace failure_reason

struct SopReference
{
    std::string sopClassUid;
    std::string sopInstanceUid;
    bool operator==(const SopReference&) const = default;
};

// A syntactically valid request: Transaction UID and at least one reference, all valid UIDs.
struct CommitmentRequest
{
    std::string transactionUid;
    std::vector<SopReference> references; // in the order of the Referenced SOP Sequence
};

struct CommitmentOutcome
{
    std::uint16_t status = status::success;
    std::string reason; // logged, and sent as ErrorComment when not success
};

class StorageCommitmentHandler
{
public:
    virtual ~StorageCommitmentHandler() = default;
    // Called on the association thread. Success must mean the request is durably recorded:
    // the N-ACTION-RSP goes out right after, and the modality then waits for the report.
    virtual CommitmentOutcome requestCommitment(const AssociationInfo& association,
                                                const CommitmentRequest& request) = 0;
};

struct FailedSopReference
{
    SopReference reference;
    std::uint16_t failureReason = failure_reason::processingFailure;
};

// Event Type 1 when `failed` is empty, 2 otherwise.
struct CommitmentReport
{
    std::string transactionUid;
    std::vector<SopReference> committed;
    std::vector<FailedSopReference> failed;
    std::string retrieveAeTitle; // where committed instances can be retrieved (the archive)
};

struct ReportDestination
{
    std::string callingAeTitle; // the archive
    std::string calledAeTitle;  // the AE that asked
    std::string host;
    unsigned short port = 104;
    std::chrono::seconds timeout{30}; // connect, association and response each
};

struct ReportDelivery
{
    bool delivered = false;   // the peer answered the N-EVENT-REPORT with success
    std::uint16_t status = 0; // its N-EVENT-REPORT-RSP status, when one came
    std::string problem;      // why not delivered
};

// Opens an association to `destination`, proposing the Storage Commitment Push Model with the
// SCP role for Lumen (SCP/SCU role selection), sends the report and releases. Blocking: call
// it from a worker thread, never from an association or I/O thread.
ReportDelivery sendCommitmentReport(const ReportDestination& destination, const CommitmentReport& report);

} // namespace lumen::dicom
