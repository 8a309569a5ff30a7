#pragma once
// The appointment book in the database: the scheduling configuration document, bookings with
// the request facts the rules tested, room stops, the no-show register, queue tickets and calls.
// Plain rows; the server's scheduling layer turns them into the engine's values.
#include "lumen/core/exam.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lumen::store {

class Database;

struct SchedulingConfigRow
{
    std::string document;
    std::int64_t version = 0;
    std::string updatedAt;
    std::string updatedBy;
};

struct BookingRow
{
    std::int64_t id = 0;
    core::ExamId examId = 0;
    core::PatientId patientId = 0;
    std::string roomId;
    std::string date; // YYYY-MM-DD, hospital-local
    int startMinute = 0;
    int endMinute = 0;
    std::string methodId;
    std::vector<std::string> bodyPartIds;
    std::string groupId;
    std::string precautions;
    std::string status; // booked | checked_in | no_show | cancelled
    std::string channel;
    std::string patientSex;
    std::optional<std::string> patientBirthDate;
    std::string patientSource;
    std::string requestingDepartment;
    std::string priority;
    std::string createdAt;
    std::string createdBy;
    std::optional<std::string> cancelledAt;
    std::optional<std::string> cancelledBy;
    std::optional<std::string> cancelReason;
};

struct BookingQuery
{
    std::optional<std::string> date;
    std::optional<std::string> roomId;
    std::optional<core::PatientId> patientId;
    std::optional<core::ExamId> examId;
    bool includeCancelled = false;
};

struct RoomStopRow
{
    std::string id;
    std::string roomId;
    std::string fromDate;
    std::string toDate;
    std::string reason;
    std::string createdAt;
    std::string createdBy;
};

struct NoShowRow
{
    core::PatientId patientId = 0;
    int consecutiveNoShows = 0;
    std::optional<std::int64_t> blacklistedAt; // local minute
};

struct QueueTicketRow
{
    core::ExamId examId = 0;
    std::string roomId;
    std::string day;
    int number = 0;
    std::string ticket;
    std::string issuedAt;
    std::int64_t orderKey = 0;
};

struct QueueCallRow
{
    std::int64_t seq = 0;
    core::ExamId examId = 0;
    std::string roomId;
    std::string at;
    std::string kind; // call | recall
};

struct ReminderRow
{
    std::int64_t bookingId = 0;
    core::ExamId examId = 0;
    core::PatientId patientId = 0;
    std::string slotDate;
    std::string phone;
    std::string message;
    std::string sender; // log | webhook
    std::string status; // sent | failed
    int attempts = 0;
    std::optional<std::string> lastError;
    std::string updatedAt;
};

class BookingRepository
{
public:
    explicit BookingRepository(Database& db) : m_db(db) {}

    std::optional<SchedulingConfigRow> config();
    // Insert or replace the one configuration row.
    void saveConfig(const SchedulingConfigRow& row);

    void insert(const BookingRow& row);
    // Slot, status, channel and cancellation of an existing booking.
    void update(const BookingRow& row);
    std::optional<BookingRow> find(std::int64_t id);
    std::optional<BookingRow> liveForExam(core::ExamId examId);
    std::vector<BookingRow> search(const BookingQuery& query);
    std::vector<BookingRow> allLive();
    // Every booking (cancelled ones too) whose slot falls from `fromDate` to `toDate` inclusive.
    std::vector<BookingRow> between(const std::string& fromDate, const std::string& toDate);
    std::int64_t maxId();

    void insert(const RoomStopRow& row);
    void replaceStopsOfRoom(const std::string& roomId, const std::vector<RoomStopRow>& rows);
    std::vector<RoomStopRow> stops();

    void saveNoShow(const NoShowRow& row);
    void deleteNoShow(core::PatientId patientId);
    std::vector<NoShowRow> noShows();

    std::optional<QueueTicketRow> ticket(core::ExamId examId);
    std::vector<QueueTicketRow> ticketsOfDay(const std::string& roomId, const std::string& day);
    // The next number of the room's day (1 for the first).
    int nextTicketNumber(const std::string& roomId, const std::string& day);
    void insert(const QueueTicketRow& row);
    void setOrderKey(core::ExamId examId, std::int64_t orderKey);
    void deleteTicket(core::ExamId examId);

    std::int64_t insertCall(const QueueCallRow& row);
    // The last `limit` calls of the room, oldest first.
    std::vector<QueueCallRow> recentCalls(const std::string& roomId, int limit);

    std::optional<ReminderRow> reminder(std::int64_t bookingId);
    void saveReminder(const ReminderRow& row);
    std::vector<ReminderRow> reminders(const std::string& slotDate);

private:
    Database& m_db;
};

} // namespace lumen::store
