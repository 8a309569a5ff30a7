// The queue calls of ApiClient: check-in, a room's queue, call next, recall, skip.
#include "lumen/client/api_client.h"
#include "lumen/client/queue_types.h"

#include "api_client_internal.h"

#include "lumen/core/error.h"

#include <nlohmann/json.hpp>

#include <QUrl>

namespace lumen::client {

using nlohmann::json;

namespace {

const QString queueRoot = QStringLiteral("/api/v1/queue");

QString roomPath(const QString& roomId, const char* tail = "")
{
    return queueRoot + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(roomId)) +
           QLatin1String(tail);
}

[[noreturn]] void missing(const char* field)
{
    throw core::Error(core::ErrorKind::BadRequest, "missing_field",
                      std::string("Field '") + field + "' is required.");
}

QString text(const json& j, const char* field, bool required = false)
{
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) {
        if (required)
            missing(field);
        return {};
    }
    if (!it->is_string())
        throw core::Error(core::ErrorKind::BadRequest, "invalid_field",
                          std::string("Field '") + field + "' must be a string.");
    return QString::fromStdString(it->get<std::string>());
}

std::int64_t integer(const json& j, const char* field, bool required = false)
{
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) {
        if (required)
            missing(field);
        return 0;
    }
    if (!it->is_number_integer())
        throw core::Error(core::ErrorKind::BadRequest, "invalid_field",
                          std::string("Field '") + field + "' must be an integer.");
    return it->get<std::int64_t>();
}

std::vector<QueueEntry> entries(const json& j, const char* field)
{
    std::vector<QueueEntry> out;
    const auto it = j.find(field);
    if (it == j.end() || it->is_null())
        return out;
    if (!it->is_array())
        throw core::Error(core::ErrorKind::BadRequest, "invalid_field",
                          std::string("Field '") + field + "' must be an array.");
    for (const auto& e : *it)
        out.push_back(queueEntryFromJson(e));
    return out;
}

} // namespace

CheckInTicket checkInTicketFromJson(const json& j)
{
    CheckInTicket t;
    t.ticket = text(j, "ticket", true);
    t.examId = integer(j, "examId", true);
    t.roomId = text(j, "roomId");
    t.roomName = text(j, "roomName");
    t.patientName = text(j, "patientName");
    t.waitingBefore = int(integer(j, "waitingBefore"));
    t.scheduled = text(j, "scheduled");
    t.again = j.value("again", false);
    return t;
}

QueueEntry queueEntryFromJson(const json& j)
{
    if (!j.is_object())
        throw core::Error(core::ErrorKind::BadRequest, "invalid_field", "A queue entry must be an object.");
    QueueEntry e;
    e.examId = integer(j, "examId", true);
    e.ticket = text(j, "ticket");
    e.patientName = text(j, "patientName");
    e.priority = text(j, "priority");
    e.status = text(j, "status");
    e.accessionNumber = text(j, "accessionNumber");
    e.seq = integer(j, "seq");
    return e;
}

RoomQueue roomQueueFromJson(const json& j)
{
    RoomQueue q;
    q.roomId = text(j, "roomId", true);
    q.roomName = text(j, "roomName");
    q.date = text(j, "date");
    if (const auto it = j.find("current"); it != j.end() && !it->is_null())
        q.current = queueEntryFromJson(*it);
    q.called = entries(j, "called");
    q.waiting = entries(j, "waiting");
    if (const auto it = j.find("calls"); it != j.end() && it->is_array())
        for (const auto& c : *it) {
            QueueCall call;
            call.seq = integer(c, "seq", true);
            call.examId = integer(c, "examId");
            call.ticket = text(c, "ticket");
            call.patientName = text(c, "patientName");
            call.roomId = text(c, "roomId");
            call.roomName = text(c, "roomName");
            call.at = text(c, "at");
            call.kind = text(c, "kind");
            q.calls.push_back(call);
        }
    return q;
}

QueueAction queueActionFromJson(const json& j)
{
    return {integer(j, "examId"), integer(j, "seq"), text(j, "status")};
}

void ApiClient::checkIn(const QString& accessionNumber, QObject* context, Callback<CheckInTicket> done)
{
    send("POST", queueRoot + QStringLiteral("/check-in"), {},
         internal::bodyOf({{"accessionNumber", accessionNumber.trimmed().toStdString()}}), true, context,
         parsed<CheckInTicket>(std::move(done), [](const json& j) { return checkInTicketFromJson(j); }));
}

void ApiClient::checkInExam(std::int64_t examId, QObject* context, Callback<CheckInTicket> done)
{
    send("POST", queueRoot + QStringLiteral("/check-in"), {}, internal::bodyOf({{"examId", examId}}), true,
         context,
         parsed<CheckInTicket>(std::move(done), [](const json& j) { return checkInTicketFromJson(j); }));
}

void ApiClient::roomQueue(const QString& roomId, QObject* context, Callback<RoomQueue> done)
{
    send("GET", roomPath(roomId), {}, {}, true, context,
         parsed<RoomQueue>(std::move(done), [](const json& j) { return roomQueueFromJson(j); }));
}

void ApiClient::callNext(const QString& roomId, QObject* context, Callback<QueueEntry> done)
{
    send("POST", roomPath(roomId, "/call-next"), {}, internal::bodyOf(json::object()), true, context,
         parsed<QueueEntry>(std::move(done), [](const json& j) { return queueEntryFromJson(j); }));
}

void ApiClient::recall(const QString& roomId, std::int64_t examId, QObject* context,
                       Callback<QueueAction> done)
{
    send("POST", roomPath(roomId, "/recall"), {}, internal::bodyOf({{"examId", examId}}), true, context,
         parsed<QueueAction>(std::move(done), [](const json& j) { return queueActionFromJson(j); }));
}

void ApiClient::skip(const QString& roomId, std::int64_t examId, QObject* context, Callback<QueueAction> done)
{
    send("POST", roomPath(roomId, "/skip"), {}, internal::bodyOf({{"examId", examId}}), true, context,
         parsed<QueueAction>(std::move(done), [](const json& j) { return queueActionFromJson(j); }));
}

} // namespace lumen::client
