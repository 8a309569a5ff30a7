#include "lumen/store/storage_commitment_repository.h"

#include "lumen/store/database.h"

namespace lumen::store {

namespace {

constexpr std::string_view columns =
    "SELECT id, transaction_uid, calling_ae, peer_address, state, attempts, next_attempt_ms, last_error, "
    "committed_count, failed_count, received_at, updated_at, reported_at FROM storage_commitments ";

const char* stateName(CommitmentState state)
{
    switch (state) {
    case CommitmentState::Pending:
        return "pending";
    case CommitmentState::Reported:
        return "reported";
    case CommitmentState::Failed:
        return "failed";
    }
    return "pending";
}

CommitmentState stateFrom(const std::string& name)
{
    if (name == "reported")
        return CommitmentState::Reported;
    if (name == "failed")
        return CommitmentState::Failed;
    return CommitmentState::Pending;
}

std::optional<int> optionalInt(const Statement& st, int column)
{
    const auto value = st.optionalInteger(column);
    return value ? std::optional<int>(int(*value)) : std::nullopt;
}

StorageCommitmentRecord read(const Statement& st)
{
    StorageCommitmentRecord r;
    r.id = st.integer(0);
    r.transactionUid = st.text(1);
    r.callingAe = st.text(2);
    r.peerAddress = st.text(3);
    r.state = stateFrom(st.text(4));
    r.attempts = int(st.integer(5));
    r.nextAttemptMs = st.integer(6);
    r.lastError = st.text(7);
    r.committedCount = optionalInt(st, 8);
    r.failedCount = optionalInt(st, 9);
    r.receivedAt = st.text(10);
    r.updatedAt = st.text(11);
    r.reportedAt = st.optionalText(12);
    return r;
}

} // namespace

std::optional<StorageCommitmentRecord> StorageCommitmentRepository::find(const std::string& transactionUid)
{
    auto& st = m_db.cached(std::string(columns) + "WHERE transaction_uid = ?1");
    st.bind(1, transactionUid);
    std::optional<StorageCommitmentRecord> record;
    if (st.step())
        record = read(st);
    st.reset();
    return record;
}

std::int64_t StorageCommitmentRepository::request(const std::string& transactionUid,
                                                  const std::string& callingAe,
                                                  const std::string& peerAddress,
                                                  const std::vector<CommitmentReference>& references,
                                                  std::int64_t dueMs, const std::string& nowIso)
{
    auto& upsert = m_db.cached(
        "INSERT INTO storage_commitments (transaction_uid, calling_ae, peer_address, state, attempts, "
        "next_attempt_ms, received_at, updated_at) VALUES (?1, ?2, ?3, 'pending', 0, ?4, ?5, ?5) "
        "ON CONFLICT(transaction_uid) DO UPDATE SET calling_ae = excluded.calling_ae, "
        "peer_address = excluded.peer_address, state = 'pending', attempts = 0, "
        "next_attempt_ms = excluded.next_attempt_ms, last_error = '', committed_count = NULL, "
        "failed_count = NULL, received_at = excluded.received_at, updated_at = excluded.updated_at, "
        "reported_at = NULL");
    upsert.bind(1, transactionUid).bind(2, callingAe).bind(3, peerAddress).bind(4, dueMs).bind(5, nowIso);
    upsert.run();
    const std::int64_t id = find(transactionUid)->id;

    auto& clear = m_db.cached("DELETE FROM storage_commitment_references WHERE commitment_id = ?1");
    clear.bind(1, id);
    clear.run();
    auto& insert = m_db.cached("INSERT INTO storage_commitment_references (commitment_id, position, "
                               "sop_class_uid, sop_instance_uid) VALUES (?1, ?2, ?3, ?4)");
    for (std::size_t i = 0; i < references.size(); ++i) {
        insert.bind(1, id)
            .bind(2, std::int64_t(i))
            .bind(3, references[i].sopClassUid)
            .bind(4, references[i].sopInstanceUid);
        insert.run();
    }
    return id;
}

std::vector<CommitmentReference> StorageCommitmentRepository::references(std::int64_t id)
{
    auto st = m_db.prepare("SELECT sop_class_uid, sop_instance_uid FROM storage_commitment_references "
                           "WHERE commitment_id = ?1 ORDER BY position");
    st.bind(1, id);
    std::vector<CommitmentReference> out;
    while (st.step())
        out.push_back({st.text(0), st.text(1)});
    return out;
}

std::vector<StorageCommitmentRecord> StorageCommitmentRepository::due(std::int64_t nowMs, int limit)
{
    auto st = m_db.prepare(std::string(columns) +
                           "WHERE state = 'pending' AND next_attempt_ms <= ?1 ORDER BY next_attempt_ms, id "
                           "LIMIT ?2");
    st.bind(1, nowMs).bind(2, limit);
    std::vector<StorageCommitmentRecord> out;
    while (st.step())
        out.push_back(read(st));
    return out;
}

std::optional<std::int64_t> StorageCommitmentRepository::nextDueMs()
{
    auto st = m_db.prepare("SELECT min(next_attempt_ms) FROM storage_commitments WHERE state = 'pending'");
    st.step();
    return st.optionalInteger(0);
}

void StorageCommitmentRepository::makePendingDue(std::int64_t nowMs)
{
    auto st = m_db.prepare("UPDATE storage_commitments SET next_attempt_ms = ?1 WHERE state = 'pending' AND "
                           "next_attempt_ms > ?1");
    st.bind(1, nowMs);
    st.run();
}

void StorageCommitmentRepository::recordFailedAttempt(std::int64_t id, int attempts,
                                                      std::int64_t nextAttemptMs, const std::string& error,
                                                      int committed, int failed, const std::string& nowIso)
{
    auto& st =
        m_db.cached("UPDATE storage_commitments SET attempts = ?2, next_attempt_ms = ?3, last_error = ?4, "
                    "committed_count = ?5, failed_count = ?6, updated_at = ?7 WHERE id = ?1");
    st.bind(1, id)
        .bind(2, attempts)
        .bind(3, nextAttemptMs)
        .bind(4, error)
        .bind(5, committed)
        .bind(6, failed)
        .bind(7, nowIso);
    st.run();
}

void StorageCommitmentRepository::finish(std::int64_t id, CommitmentState state, int attempts,
                                         const std::string& error, int committed, int failed,
                                         const std::string& nowIso)
{
    auto& st = m_db.cached(
        "UPDATE storage_commitments SET state = ?2, attempts = ?3, last_error = ?4, committed_count = ?5, "
        "failed_count = ?6, updated_at = ?7, reported_at = CASE WHEN ?2 = 'reported' THEN ?7 END WHERE id = "
        "?1");
    st.bind(1, id)
        .bind(2, stateName(state))
        .bind(3, attempts)
        .bind(4, error)
        .bind(5, committed)
        .bind(6, failed)
        .bind(7, nowIso);
    st.run();
}

} // namespace lumen::store
