#pragma once
// Storage commitment requests and the state of their reports (pending until the requesting AE
// acknowledged the N-EVENT-REPORT, or failed after the last attempt). Callers own transactions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lumen::store {

class Database;

enum class CommitmentState { Pending, Reported, Failed };

struct CommitmentReference
{
    std::string sopClassUid;
    std::string sopInstanceUid;
};

struct StorageCommitmentRecord
{
    std::int64_t id = 0;
    std::string transactionUid;
    std::string callingAe;
    std::string peerAddress;
    CommitmentState state = CommitmentState::Pending;
    int attempts = 0;
    std::int64_t nextAttemptMs = 0; // Unix milliseconds
    std::string lastError;
    std::optional<int> committedCount;
    std::optional<int> failedCount;
    std::string receivedAt;
    std::string updatedAt;
    std::optional<std::string> reportedAt;
};

class StorageCommitmentRepository
{
public:
    explicit StorageCommitmentRepository(Database& db) : m_db(db) {}

    std::optional<StorageCommitmentRecord> find(const std::string& transactionUid);
    // Records a request, due at `dueMs`. A transaction UID seen before is requested anew: its
    // references are replaced and it is pending again with no attempt made.
    std::int64_t request(const std::string& transactionUid, const std::string& callingAe,
                         const std::string& peerAddress, const std::vector<CommitmentReference>& references,
                         std::int64_t dueMs, const std::string& nowIso);
    std::vector<CommitmentReference> references(std::int64_t id);
    // Pending requests due at `nowMs`, oldest first.
    std::vector<StorageCommitmentRecord> due(std::int64_t nowMs, int limit);
    // When the next pending request falls due; nullopt when none is pending.
    std::optional<std::int64_t> nextDueMs();
    // Every pending request due at `nowMs` (at start-up: a restart does not wait out a backoff).
    void makePendingDue(std::int64_t nowMs);
    // A delivery failed; the request stays pending until `nextAttemptMs`.
    void recordFailedAttempt(std::int64_t id, int attempts, std::int64_t nextAttemptMs,
                             const std::string& error, int committed, int failed, const std::string& nowIso);
    // Final state: Reported (`error` empty) or Failed.
    void finish(std::int64_t id, CommitmentState state, int attempts, const std::string& error, int committed,
                int failed, const std::string& nowIso);

private:
    Database& m_db;
};

} // namespace lumen::store
