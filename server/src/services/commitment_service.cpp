#include "services/commitment_service.h"

#include "log.h"
#include "lumen/core/date.h"
#include "lumen/store/ae_repository.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/database.h"
#include "lumen/store/dicom_file_store.h"
#include "lumen/store/dicom_index_repository.h"
#include "lumen/store/storage_commitment_repository.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"

#include <unistd.h>

#include <algorithm>

namespace lumen::server {

namespace {

using Clock = std::chrono::system_clock;

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count();
}

std::string nowIso()
{
    return core::formatIsoTimestamp(Clock::now());
}

constexpr std::chrono::hours maxRetryDelay{1};
constexpr int duePerRound = 16;
// Re-read the table at least this often, whatever the schedule said (e.g. after a failed read).
constexpr std::chrono::minutes maxIdleWait{1};
// A delivery that threw (the database, not the peer) is not retried in a tight loop.
constexpr std::chrono::seconds pauseAfterError{5};

std::chrono::milliseconds retryDelay(std::chrono::seconds first, int attemptsMade)
{
    std::chrono::milliseconds delay = first;
    for (int i = 1; i < attemptsMade && delay < maxRetryDelay; ++i)
        delay *= 2;
    return std::min<std::chrono::milliseconds>(delay, maxRetryDelay);
}

bool reachable(const store::KnownAe& ae)
{
    return !ae.host.empty() && ae.port >= 1 && ae.port <= 65535;
}

} // namespace

CommitmentService::CommitmentService(CommitmentSettings settings, store::ConnectionPool& readers,
                                     store::WriteQueue& writer, const AuditLog& audit,
                                     const store::DicomFileStore& files)
    : m_settings(std::move(settings)), m_readers(readers), m_writer(writer), m_audit(audit), m_files(files)
{
}

CommitmentService::~CommitmentService()
{
    stop();
}

void CommitmentService::start()
{
    if (m_worker.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
    }
    // A restart is a fresh chance: reports waiting out a backoff are tried at once.
    m_writer
        .submit([now = nowMs()](store::Database& db) {
            store::StorageCommitmentRepository(db).makePendingDue(now);
        })
        .get();
    m_worker = std::thread([this] { run(); });
}

void CommitmentService::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_worker.joinable())
        m_worker.join();
}

void CommitmentService::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_all();
}

dicom::CommitmentOutcome CommitmentService::requestCommitment(const dicom::AssociationInfo& from,
                                                              const dicom::CommitmentRequest& request)
{
    std::optional<store::KnownAe> ae;
    {
        auto db = m_readers.lease();
        ae = store::AeRepository(*db).find(from.callingAeTitle);
    }
    std::string refusal;
    if (!ae)
        refusal = "AE " + from.callingAeTitle + " is unknown: no address for the report";
    else if (!ae->canStore)
        refusal = "AE " + from.callingAeTitle + " may not store";
    else if (!reachable(*ae))
        refusal = "AE " + from.callingAeTitle + " has no host and port for the report";
    if (!refusal.empty()) {
        logLine(LogLevel::Warning, "dicom", "storage commitment refused",
                {{"calling", from.callingAeTitle}, {"peer", from.peerAddress}, {"reason", refusal}});
        return {dicom::commitment_status::refusedNotAuthorized, refusal};
    }

    std::vector<store::CommitmentReference> references;
    references.reserve(request.references.size());
    for (const auto& r : request.references)
        references.push_back({r.sopClassUid, r.sopInstanceUid});
    // Durable before the N-ACTION is answered: a crash after the answer still leaves the report to send.
    const bool recorded = m_writer
                              .submit([&](store::Database& db) {
                                  store::StorageCommitmentRepository repository(db);
                                  if (const auto existing = repository.find(request.transactionUid);
                                      existing && existing->callingAe != from.callingAeTitle)
                                      return false;
                                  repository.request(request.transactionUid, from.callingAeTitle,
                                                     from.peerAddress, references, nowMs(), nowIso());
                                  return true;
                              })
                              .get();
    if (!recorded) {
        logLine(LogLevel::Warning, "dicom", "storage commitment refused: transaction UID of another AE",
                {{"calling", from.callingAeTitle}, {"transaction", request.transactionUid}});
        return {dicom::commitment_status::invalidArgumentValue, "TransactionUID is in use by another AE"};
    }
    logLine(LogLevel::Info, "dicom", "storage commitment requested",
            {{"calling", from.callingAeTitle},
             {"transaction", request.transactionUid},
             {"references", std::to_string(request.references.size())}});
    wake();
    return {dicom::status::success, ""};
}

// Committed: indexed with the same SOP class, not hidden by a rejection note, and its file on
// disk (the file was fsynced before the C-STORE was acknowledged).
dicom::CommitmentReport CommitmentService::decide(const store::StorageCommitmentRecord& request)
{
    dicom::CommitmentReport report;
    report.transactionUid = request.transactionUid;
    report.retrieveAeTitle = m_settings.aeTitle;
    auto db = m_readers.lease();
    store::DicomIndexRepository index(*db);
    for (const auto& reference : store::StorageCommitmentRepository(*db).references(request.id)) {
        const dicom::SopReference sop{reference.sopClassUid, reference.sopInstanceUid};
        const auto instance = index.findInstance(reference.sopInstanceUid);
        std::optional<std::uint16_t> failure;
        if (!instance || instance->hidden)
            failure = dicom::failure_reason::noSuchObjectInstance;
        else if (instance->sopClassUid != reference.sopClassUid)
            failure = dicom::failure_reason::classInstanceConflict;
        else if (::access(m_files.absolutePath(instance->filePath).c_str(), R_OK) != 0)
            failure = dicom::failure_reason::processingFailure;
        if (failure)
            report.failed.push_back({sop, *failure});
        else
            report.committed.push_back(sop);
    }
    return report;
}

void CommitmentService::deliver(const store::StorageCommitmentRecord& request)
{
    const dicom::CommitmentReport report = decide(request);
    std::optional<store::KnownAe> ae;
    {
        auto db = m_readers.lease();
        ae = store::AeRepository(*db).find(request.callingAe);
    }
    dicom::ReportDelivery delivery;
    if (ae && reachable(*ae))
        delivery =
            dicom::sendCommitmentReport({m_settings.aeTitle, request.callingAe, ae->host,
                                         static_cast<unsigned short>(ae->port), m_settings.reportTimeout},
                                        report);
    else
        delivery.problem = "AE " + request.callingAe + " is no longer registered with a host and port";

    const int attempts = request.attempts + 1;
    const int committed = int(report.committed.size());
    const int failed = int(report.failed.size());
    const bool final = delivery.delivered || attempts >= m_settings.reportAttempts;
    const std::string counts =
        std::to_string(committed) + " committed, " + std::to_string(failed) + " failed";
    const std::string now = nowIso();
    if (!final) {
        const auto next = nowMs() + retryDelay(m_settings.firstRetryDelay, attempts).count();
        m_writer
            .submit([&](store::Database& db) {
                store::StorageCommitmentRepository(db).recordFailedAttempt(
                    request.id, attempts, next, delivery.problem, committed, failed, now);
            })
            .get();
        logLine(LogLevel::Warning, "dicom", "storage commitment report not delivered, will retry",
                {{"calling", request.callingAe},
                 {"transaction", request.transactionUid},
                 {"attempt", std::to_string(attempts)},
                 {"retryInMs", std::to_string(next - nowMs())},
                 {"reason", delivery.problem}});
        return;
    }
    const std::string detail = delivery.delivered
                                   ? counts + ", reported to AE " + request.callingAe
                                   : counts + ", report not delivered after " + std::to_string(attempts) +
                                         " attempts: " + delivery.problem;
    m_writer
        .submit([&](store::Database& db) {
            store::StorageCommitmentRepository(db).finish(
                request.id,
                delivery.delivered ? store::CommitmentState::Reported : store::CommitmentState::Failed,
                attempts, delivery.problem, committed, failed, now);
            m_audit.appendInJob(db, core::AuditEntry{0, now, "AE:" + request.callingAe, request.peerAddress,
                                                     "dicom.commit", "commitment", request.transactionUid,
                                                     std::nullopt, detail, "", ""});
        })
        .get();
    logLine(delivery.delivered ? (failed > 0 ? LogLevel::Warning : LogLevel::Info) : LogLevel::Error, "dicom",
            delivery.delivered ? "storage commitment reported" : "storage commitment report failed",
            {{"calling", request.callingAe},
             {"transaction", request.transactionUid},
             {"committed", std::to_string(committed)},
             {"failed", std::to_string(failed)},
             {"attempts", std::to_string(attempts)},
             {"reason", delivery.problem}});
}

void CommitmentService::run()
{
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                return;
            m_woken = false;
        }
        std::vector<store::StorageCommitmentRecord> due;
        std::optional<std::int64_t> nextDue;
        try {
            auto db = m_readers.lease();
            store::StorageCommitmentRepository repository(*db);
            due = repository.due(nowMs(), duePerRound);
            if (due.empty())
                nextDue = repository.nextDueMs();
        } catch (const std::exception& error) {
            logLine(LogLevel::Error, "dicom", "cannot read pending storage commitments",
                    {{"error", error.what()}});
        }
        bool progressed = false;
        for (const auto& request : due) {
            {
                std::lock_guard lock(m_mutex);
                if (m_stopping)
                    return;
            }
            try {
                deliver(request);
                progressed = true;
            } catch (const std::exception& error) {
                // Left pending as it was: tried again after a pause or at the next start.
                logLine(LogLevel::Error, "dicom", "storage commitment delivery failed",
                        {{"transaction", request.transactionUid}, {"error", error.what()}});
            }
        }
        if (progressed)
            continue;
        std::unique_lock lock(m_mutex);
        auto wait = std::chrono::milliseconds(due.empty() ? maxIdleWait : pauseAfterError);
        if (nextDue)
            wait =
                std::clamp(std::chrono::milliseconds(*nextDue - nowMs()), std::chrono::milliseconds(0), wait);
        m_wake.wait_for(lock, wait, [this] { return m_woken || m_stopping; });
    }
}

} // namespace lumen::server
