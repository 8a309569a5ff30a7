// ApiClient: exams (orders), the scheduling configuration, recommendations and bookings.
#include "lumen/client/api_client.h"

#include "api_client_internal.h"

#include "lumen/protocol/endpoints.h"
#include "lumen/protocol/exam_json.h"

#include <nlohmann/json.hpp>

namespace lumen::client {

using nlohmann::json;

namespace {

using internal::bodyOf;
using internal::path;

QString examPath(core::ExamId id, const char* tail = "")
{
    return path(protocol::endpoints::exams) + QLatin1Char('/') + QString::number(id) + QLatin1String(tail);
}

QString schedulingPath(const char* tail)
{
    return path(protocol::endpoints::apiPrefix) + QStringLiteral("/scheduling") + QLatin1String(tail);
}

QString bookingsPath()
{
    return path(protocol::endpoints::apiPrefix) + QStringLiteral("/bookings");
}

QString bookingPath(std::int64_t id)
{
    return bookingsPath() + QLatin1Char('/') + QString::number(id);
}

core::Exam parseExam(const json& j)
{
    return protocol::examFromJson(j);
}

} // namespace

void ApiClient::searchExams(const ExamQuery& q, QObject* context, Callback<ExamPage> done)
{
    QList<std::pair<QString, QString>> params;
    auto add = [&params](const char* key, const QString& value) {
        if (!value.trimmed().isEmpty())
            params.append({QLatin1String(key), value.trimmed()});
    };
    if (q.patientId)
        add("patientId", QString::number(*q.patientId));
    QStringList statuses;
    for (const auto s : q.statuses)
        statuses << QString::fromLatin1(core::toCode(s).data(), qsizetype(core::toCode(s).size()));
    add("status", statuses.join(QLatin1Char(',')));
    add("department", q.department);
    add("modality", q.modality);
    add("from", q.createdFrom);
    add("to", q.createdTo);
    add("scheduledFrom", q.scheduledFrom);
    add("scheduledTo", q.scheduledTo);
    add("accessionNumber", q.accessionNumber);
    add("hisRequestNo", q.hisRequestNo);
    add("sort", q.sort);
    add("limit", QString::number(q.limit));
    add("offset", QString::number(q.offset));
    send("GET", path(protocol::endpoints::exams), params, {}, true, context,
         parsed<ExamPage>(std::move(done), [](const json& j) { return examPageFromJson(j); }));
}

void ApiClient::getExam(core::ExamId id, QObject* context, Callback<core::Exam> done)
{
    send("GET", examPath(id), {}, {}, true, context, parsed<core::Exam>(std::move(done), parseExam));
}

void ApiClient::createExam(const core::Exam& exam, QObject* context, Callback<core::Exam> done)
{
    send("POST", path(protocol::endpoints::exams), {}, bodyOf(newExamBody(exam)), true, context,
         parsed<core::Exam>(std::move(done), parseExam));
}

void ApiClient::transitionExam(core::ExamId id, const ExamTransition& transition, QObject* context,
                               Callback<core::Exam> done)
{
    send("POST", examPath(id, "/transitions"), {}, bodyOf(transitionBody(transition)), true, context,
         parsed<core::Exam>(std::move(done), parseExam));
}

void ApiClient::examTimeline(core::ExamId id, QObject* context, Callback<std::vector<core::ExamEvent>> done)
{
    send("GET", examPath(id, "/timeline"), {}, {}, true, context,
         parsed<std::vector<core::ExamEvent>>(std::move(done),
                                              [](const json& j) { return examTimelineFromJson(j); }));
}

void ApiClient::schedulingConfig(QObject* context, Callback<SchedulingConfigInfo> done)
{
    send("GET", schedulingPath("/config"), {}, {}, true, context,
         parsed<SchedulingConfigInfo>(std::move(done),
                                      [](const json& j) { return schedulingConfigFromJson(j); }));
}

void ApiClient::schedulingRooms(QObject* context, Callback<std::vector<RoomInfo>> done)
{
    send("GET", schedulingPath("/rooms"), {}, {}, true, context,
         parsed<std::vector<RoomInfo>>(std::move(done), [](const json& j) { return roomsFromJson(j); }));
}

void ApiClient::recommendSlots(const SchedulingRequest& request, QObject* context,
                               Callback<Recommendation> done)
{
    send("POST", schedulingPath("/recommend"), {}, bodyOf(schedulingRequestBody(request)), true, context,
         parsed<Recommendation>(std::move(done), [](const json& j) { return recommendationFromJson(j); }));
}

void ApiClient::freeWindows(const SchedulingRequest& request, QObject* context,
                            Callback<std::vector<ExamWindows>> done)
{
    send("POST", schedulingPath("/windows"), {}, bodyOf(schedulingRequestBody(request)), true, context,
         parsed<std::vector<ExamWindows>>(std::move(done),
                                          [](const json& j) { return examWindowsFromJson(j); }));
}

void ApiClient::checkSlot(const SlotChoice& slot, const QString& channel, QObject* context,
                          Callback<std::vector<Refusal>> done)
{
    send("POST", schedulingPath("/check"), {}, bodyOf(checkBody(slot, channel)), true, context,
         parsed<std::vector<Refusal>>(std::move(done), [](const json& j) {
             return j.contains("refusals") ? refusalsFromJson(j.at("refusals")) : std::vector<Refusal>{};
         }));
}

void ApiClient::listBookings(const BookingQuery& q, QObject* context, Callback<std::vector<Booking>> done)
{
    QList<std::pair<QString, QString>> params;
    if (q.date.isValid())
        params.append({QStringLiteral("date"), q.date.toString(Qt::ISODate)});
    if (!q.roomId.isEmpty())
        params.append({QStringLiteral("roomId"), q.roomId});
    if (q.patientId)
        params.append({QStringLiteral("patientId"), QString::number(*q.patientId)});
    if (q.examId)
        params.append({QStringLiteral("examId"), QString::number(*q.examId)});
    if (q.includeCancelled)
        params.append({QStringLiteral("includeCancelled"), QStringLiteral("true")});
    send("GET", bookingsPath(), params, {}, true, context,
         parsed<std::vector<Booking>>(std::move(done), [](const json& j) { return bookingsFromJson(j); }));
}

void ApiClient::book(const std::vector<SlotChoice>& items, const QString& channel, QObject* context,
                     Callback<std::vector<Booking>> done)
{
    send("POST", bookingsPath(), {}, bodyOf(bookBody(items, channel)), true, context,
         parsed<std::vector<Booking>>(std::move(done), [](const json& j) { return bookingsFromJson(j); }));
}

void ApiClient::changeBooking(std::int64_t bookingId, const QString& roomId, const QDate& date,
                              const QTime& start, const QString& channel, QObject* context,
                              Callback<Booking> done)
{
    send("PUT", bookingPath(bookingId), {}, bodyOf(changeBookingBody(roomId, date, start, channel)), true,
         context, parsed<Booking>(std::move(done), [](const json& j) { return bookingFromJson(j); }));
}

void ApiClient::cancelBooking(std::int64_t bookingId, const QString& reason, QObject* context,
                              Callback<Booking> done)
{
    send("DELETE", bookingPath(bookingId), {}, bodyOf({{"reason", reason.trimmed().toStdString()}}), true,
         context, parsed<Booking>(std::move(done), [](const json& j) { return bookingFromJson(j); }));
}

} // namespace lumen::client
