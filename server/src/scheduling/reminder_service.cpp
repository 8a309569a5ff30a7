#include "scheduling/reminder_service.h"

#include "log.h"
#include "lumen/scheduling/local_time.h"
#include "lumen/store/booking_repository.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/database.h"
#include "lumen/store/exam_repository.h"
#include "lumen/store/patient_repository.h"
#include "lumen/store/write_queue.h"
#include "scheduling/booking_service.h"
#include "scheduling/reminder_sender.h"
#include "services/audit_log.h"

#include <nlohmann/json.hpp>

namespace lumen::server {

using core::Permission;
using nlohmann::json;

namespace {

constexpr auto kRoundInterval = std::chrono::minutes(10);

std::string reminderText(const std::string& name, const store::BookingRow& b, const std::string& roomName)
{
    std::string parts;
    for (const auto& p : b.bodyPartIds)
        parts += (parts.empty() ? "" : "、") + p;
    auto text = name + "您好，您预约的" + b.methodId + (parts.empty() ? "" : "（" + parts + "）") + "检查在" +
                b.date + " " + scheduling::formatClock(b.startMinute) + "，地点：" + roomName +
                "。请提前15分钟凭预约单报到。";
    if (!b.precautions.empty())
        text += "注意事项：" + b.precautions;
    return text;
}

} // namespace

ReminderService::ReminderService(const core::Clock& clock, store::ConnectionPool& readers,
                                 store::WriteQueue& writer, const AuditLog& audit, BookingService& bookings,
                                 std::unique_ptr<ReminderSender> sender, int sendFromHour)
    : m_clock(clock), m_readers(readers), m_writer(writer), m_audit(audit), m_bookings(bookings),
      m_sender(std::move(sender)), m_sendFromHour(sendFromHour)
{
}

ReminderService::~ReminderService()
{
    stop();
}

void ReminderService::start()
{
    m_thread = std::thread([this] { run(); });
}

void ReminderService::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void ReminderService::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        try {
            const auto offset = m_bookings.utcOffsetMinutes();
            const auto local =
                std::chrono::floor<std::chrono::minutes>(m_clock.now().time_since_epoch()).count() + offset;
            if (scheduling::minuteOfDay(local) >= m_sendFromHour * 60)
                sendDue(scheduling::dateOf(scheduling::dayOfMinute(local) + 1), "system");
        } catch (const std::exception& e) {
            logLine(LogLevel::Warning, "reminder", "round failed", {{"error", e.what()}});
        }
        lock.lock();
        m_wake.wait_for(lock, kRoundInterval, [this] { return m_stopping; });
    }
}

json ReminderService::sendFor(const Principal& who, const core::Date& date)
{
    who.require(Permission::ExamRegister);
    auto result = sendDue(date, who.username);
    m_audit.record(core::AuditEntry{0, core::formatIsoTimestamp(m_clock.now()), who.username,
                                    who.clientAddress, "booking.reminders", "booking", "-", std::nullopt,
                                    core::formatIsoDate(date) + ": " + result.dump(), "", ""});
    return result;
}

json ReminderService::sendDue(const core::Date& date, const std::string& by)
{
    std::lock_guard sending(m_sending);
    const auto dateText = core::formatIsoDate(date);
    struct Due
    {
        store::BookingRow booking;
        ReminderMessage message;
        int attempts = 0;
    };
    std::vector<Due> due;
    int noPhone = 0, alreadySent = 0;
    {
        auto db = m_readers.lease();
        store::BookingRepository repo(*db);
        store::PatientRepository patients(*db);
        store::ExamRepository exams(*db);
        store::BookingQuery query;
        query.date = dateText;
        for (auto& b : repo.search(query)) {
            if (b.status != "booked")
                continue;
            const auto previous = repo.reminder(b.id);
            if (previous && previous->status == "sent") {
                ++alreadySent;
                continue;
            }
            const auto patient = patients.find(b.patientId);
            if (!patient || !patient->phone || patient->phone->empty()) {
                ++noPhone;
                continue;
            }
            const auto exam = exams.find(b.examId);
            const auto roomName = m_bookings.roomName(b.roomId);
            ReminderMessage m{*patient->phone,
                              reminderText(patient->name, b, roomName),
                              patient->name,
                              exam ? exam->accessionNumber : std::string(),
                              b.date + " " + scheduling::formatClock(b.startMinute),
                              roomName};
            due.push_back({std::move(b), std::move(m), previous ? previous->attempts : 0});
        }
    }
    int sent = 0, failed = 0;
    std::vector<store::ReminderRow> rows;
    for (const auto& d : due) {
        // Sent outside any database work: a slow gateway must not hold the writer.
        const auto error = m_sender->send(d.message);
        error ? ++failed : ++sent;
        rows.push_back({d.booking.id, d.booking.examId, d.booking.patientId, dateText, d.message.phone,
                        d.message.text, m_sender->name(), error ? "failed" : "sent", d.attempts + 1, error,
                        core::formatIsoTimestamp(m_clock.now())});
    }
    if (!rows.empty())
        m_writer
            .submit([&](store::Database& db) {
                store::BookingRepository repo(db);
                for (const auto& r : rows)
                    repo.saveReminder(r);
            })
            .get();
    if (!due.empty())
        logLine(LogLevel::Info, "reminder", "reminders sent",
                {{"date", dateText},
                 {"sent", std::to_string(sent)},
                 {"failed", std::to_string(failed)},
                 {"by", by}});
    return {{"date", dateText},
            {"sent", sent},
            {"failed", failed},
            {"noPhone", noPhone},
            {"alreadySent", alreadySent}};
}

json ReminderService::list(const Principal& who, const core::Date& date) const
{
    who.require(Permission::ExamRead);
    auto db = m_readers.lease();
    json items = json::array();
    for (const auto& r : store::BookingRepository(*db).reminders(core::formatIsoDate(date)))
        items.push_back({{"bookingId", r.bookingId},
                         {"examId", r.examId},
                         {"patientId", r.patientId},
                         {"phone", r.phone},
                         {"message", r.message},
                         {"sender", r.sender},
                         {"status", r.status},
                         {"attempts", r.attempts},
                         {"lastError", r.lastError ? json(*r.lastError) : json(nullptr)},
                         {"updatedAt", r.updatedAt}});
    return {{"items", items}};
}

} // namespace lumen::server
