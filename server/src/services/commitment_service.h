#pragma once
// Storage Commitment Push Model, SCP side: records each request durably before the N-ACTION is
// answered, decides per referenced instance whether the archive holds it, and sends the
// N-EVENT-REPORT from a worker thread to the requesting AE's registered host and port,
// retrying with a doubling delay. Requests still pending at a stop or crash are resent when the
// worker starts again.
#include "lumen/dicom/storage_commitment.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace lumen::store {
class ConnectionPool;
class DicomFileStore;
class WriteQueue;
struct StorageCommitmentRecord;
} // namespace lumen::store

namespace lumen::server {

class AuditLog;

struct CommitmentSettings
{
    std::string aeTitle = "LUMEN";            // calling AE of the reports, and their Retrieve AE Title
    int reportAttempts = 6;                   // deliveries tried before the request is recorded as failed
    std::chrono::seconds firstRetryDelay{30}; // doubles after each failed delivery, at most an hour
    std::chrono::seconds reportTimeout{30};   // connect, associate and await the response, each
};

class CommitmentService final : public dicom::StorageCommitmentHandler
{
public:
    CommitmentService(CommitmentSettings settings, store::ConnectionPool& readers, store::WriteQueue& writer,
                      const AuditLog& audit, const store::DicomFileStore& files);
    ~CommitmentService() override;
    CommitmentService(const CommitmentService&) = delete;
    CommitmentService& operator=(const CommitmentService&) = delete;

    // Starts the report worker; requests pending from before are due at once.
    void start();
    // Waits for a delivery in progress (bounded by reportTimeout), then ends the worker.
    void stop();

    // Refuses (0124) an AE the archive cannot report to: not in the known-AE table, without the
    // store right, or without a host and port.
    dicom::CommitmentOutcome requestCommitment(const dicom::AssociationInfo& association,
                                               const dicom::CommitmentRequest& request) override;

private:
    void run();
    void deliver(const store::StorageCommitmentRecord& request);
    dicom::CommitmentReport decide(const store::StorageCommitmentRecord& request);
    void wake();

    CommitmentSettings m_settings;
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
    const store::DicomFileStore& m_files;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_woken = false;
    bool m_stopping = false;
    std::thread m_worker;
};

} // namespace lumen::server
