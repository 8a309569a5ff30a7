#include "lumen/store/hl7_message_repository.h"

#include "lumen/store/database.h"

namespace lumen::store {

std::optional<Hl7MessageRecord> Hl7MessageRepository::find(const std::string& sender,
                                                           const std::string& controlId)
{
    auto& s =
        m_db.cached("SELECT sender, control_id, content_hash, message_type, received_at, peer, ack_code, "
                    "ack, raw FROM hl7_messages WHERE sender = ?1 AND control_id = ?2");
    s.bind(1, sender).bind(2, controlId);
    if (!s.step())
        return std::nullopt;
    return Hl7MessageRecord{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4),
                            s.text(5), s.text(6), s.text(7), s.text(8)};
}

void Hl7MessageRepository::insert(const Hl7MessageRecord& r)
{
    auto& s =
        m_db.cached("INSERT INTO hl7_messages (sender, control_id, content_hash, message_type, received_at, "
                    "peer, ack_code, ack, raw) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    s.bind(1, r.sender)
        .bind(2, r.controlId)
        .bind(3, r.contentHash)
        .bind(4, r.messageType)
        .bind(5, r.receivedAt)
        .bind(6, r.peer)
        .bind(7, r.ackCode)
        .bind(8, r.ack)
        .bind(9, r.raw);
    s.run();
}

int Hl7MessageRepository::deleteReceivedBefore(const std::string& cutoffIso)
{
    auto& s = m_db.cached("DELETE FROM hl7_messages WHERE received_at < ?1");
    s.bind(1, cutoffIso);
    s.run();
    return m_db.changes();
}

} // namespace lumen::store
