#pragma once
// Check-in and queue calling (000 §2.3.6 报到, 排队叫号): a checked-in exam gets a ticket for its
// room and day; the queue of a room is its exams checked in or called today, emergencies
// first, then by ticket; calls and recalls are logged for the queue screens to announce.
// Names leave the server masked (张*三).
#include "lumen/core/clock.h"
#include "lumen/core/exam.h"
#include "services/principal.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace lumen::store {
class ConnectionPool;
class Database;
class WriteQueue;
} // namespace lumen::store

namespace lumen::server {

class AuditLog;
class BookingService;
class ExamService;

// 张三 -> 张*, 张小三 -> 张*三, 欧阳小明 -> 欧阳*明 (UTF-8 characters, not bytes).
std::string maskName(const std::string& name);
// "A007": the room's letter (its place in the configuration, Z when unknown) and the number.
std::string queueTicketText(int roomIndex, int number);

class QueueService
{
public:
    QueueService(const core::Clock& clock, store::ConnectionPool& readers, store::WriteQueue& writer,
                 const AuditLog& audit, ExamService& exams, BookingService& bookings);

    nlohmann::json checkIn(const Principal& who, const nlohmann::json& body);
    nlohmann::json queue(const Principal& who, const std::string& roomId) const;
    nlohmann::json callNext(const Principal& who, const std::string& roomId);
    nlohmann::json recall(const Principal& who, const std::string& roomId, const nlohmann::json& body);
    nlohmann::json skip(const Principal& who, const std::string& roomId, const nlohmann::json& body);

    // Inside the writer job of an exam step: a check-in taken at the desk gets its ticket too.
    void examStepping(store::Database& db, const core::Exam& before, const core::Exam& after) const;

private:
    const core::Clock& m_clock;
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
    ExamService& m_exams;
    BookingService& m_bookings;
};

} // namespace lumen::server
