#pragma once
// Answers of the queue API (server/API.md, "Queue (check-in and calling)"): check-in tickets
// and the state of a room's queue as a waiting-room screen shows it.
#include <nlohmann/json_fwd.hpp>

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace lumen::client {

// POST /queue/check-in: the ticket a patient takes away.
struct CheckInTicket
{
    QString ticket; // "A007"
    std::int64_t examId = 0;
    QString roomId;
    QString roomName;
    QString patientName; // masked: 张*三; empty for a confidential patient
    int waitingBefore = 0;
    QString scheduled;  // local "HH:MM", empty when unknown
    bool again = false; // scanned twice: the same ticket as before
};

// One patient in a room's queue.
struct QueueEntry
{
    std::int64_t examId = 0;
    QString ticket;
    QString patientName; // masked by the server
    QString priority;
    QString status; // checked_in or called
    QString accessionNumber;
    std::int64_t seq = 0; // the call's number, only in the answer of call-next
};

// One announcement (a call or a recall); a screen announces each seq once.
struct QueueCall
{
    std::int64_t seq = 0;
    std::int64_t examId = 0;
    QString ticket;
    QString patientName;
    QString roomId;
    QString roomName;
    QString at;
    QString kind; // call or recall
};

// GET /queue/{roomId}
struct RoomQueue
{
    QString roomId;
    QString roomName;
    QString date;
    std::optional<QueueEntry> current;
    std::vector<QueueEntry> called;
    std::vector<QueueEntry> waiting;
    std::vector<QueueCall> calls; // the last announcements, newest last
};

// The answer of recall and skip.
struct QueueAction
{
    std::int64_t examId = 0;
    std::int64_t seq = 0; // recall only
    QString status;       // skip only
};

// Parsers; they throw core::Error on a document that does not have the documented shape.
CheckInTicket checkInTicketFromJson(const nlohmann::json& json);
QueueEntry queueEntryFromJson(const nlohmann::json& json);
RoomQueue roomQueueFromJson(const nlohmann::json& json);
QueueAction queueActionFromJson(const nlohmann::json& json);

} // namespace lumen::client
