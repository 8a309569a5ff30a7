#pragma once
// Appointment reminders the day before (issue 4 §4, 000 §2.3.6 短信提醒): from the configured
// local hour, every booking of tomorrow still booked gets one message through the sender; the
// result is stored per booking, so nothing is sent twice and failures are retried on the next
// round (every 10 minutes). The desk can also send a day's reminders at once.
#include "lumen/core/clock.h"
#include "lumen/core/date.h"
#include "services/principal.h"

#include <nlohmann/json_fwd.hpp>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace lumen::store {
class ConnectionPool;
class WriteQueue;
} // namespace lumen::store

namespace lumen::server {

class AuditLog;
class BookingService;
class ReminderSender;

class ReminderService
{
public:
    ReminderService(const core::Clock& clock, store::ConnectionPool& readers, store::WriteQueue& writer,
                    const AuditLog& audit, BookingService& bookings, std::unique_ptr<ReminderSender> sender,
                    int sendFromHour);
    ~ReminderService();

    void start();
    void stop();

    // Sends the reminders of `date` not yet delivered: {"sent", "failed", "noPhone", "alreadySent"}.
    nlohmann::json sendFor(const Principal& who, const core::Date& date);
    nlohmann::json list(const Principal& who, const core::Date& date) const;

private:
    nlohmann::json sendDue(const core::Date& date, const std::string& by);
    void run();

    const core::Clock& m_clock;
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
    BookingService& m_bookings;
    std::unique_ptr<ReminderSender> m_sender;
    int m_sendFromHour;
    std::mutex m_sending; // one round at a time
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace lumen::server
