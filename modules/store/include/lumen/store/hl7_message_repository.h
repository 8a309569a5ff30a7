#pragma once
// HL7 messages received and the answers given, keyed by sender and control ID. Callers own
// transactions.
#include <optional>
#include <string>

namespace lumen::store {

class Database;

struct Hl7MessageRecord
{
    std::string sender; // "MSH-3|MSH-4"
    std::string controlId;
    std::string contentHash;
    std::string messageType; // "ADT^A01"
    std::string receivedAt;  // UTC ISO timestamp
    std::string peer;
    std::string ackCode; // AA, AE, AR
    std::string ack;     // the answer as sent (UTF-8, unframed)
    std::string raw;     // the message as received
};

class Hl7MessageRepository
{
public:
    explicit Hl7MessageRepository(Database& db) : m_db(db) {}
    std::optional<Hl7MessageRecord> find(const std::string& sender, const std::string& controlId);
    void insert(const Hl7MessageRecord& record);
    // Deletes messages received before `cutoffIso`; returns how many.
    int deleteReceivedBefore(const std::string& cutoffIso);

private:
    Database& m_db;
};

} // namespace lumen::store
