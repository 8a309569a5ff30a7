// Routes for the appointment book (scheduling configuration, recommendations, bookings, room
// stops, blacklist) and the queue (check-in, calling).
#include "api/api.h"
#include "api/responses.h"
#include "lumen/core/date.h"
#include "lumen/core/error.h"
#include "lumen/store/booking_repository.h"
#include "scheduling/booking_service.h"
#include "scheduling/queue_service.h"
#include "scheduling/reminder_service.h"
#include "services/auth_service.h"

namespace lumen::server {

using core::Error;
using core::ErrorKind;
using nlohmann::json;

namespace {

store::BookingQuery bookingQuery(const HttpRequest& r)
{
    store::BookingQuery q;
    if (const auto date = queryText(r, "date", 16); date && !date->empty()) {
        if (!core::parseIsoDate(*date))
            throw Error(ErrorKind::BadRequest, "invalid_field", "Query parameter 'date' must be YYYY-MM-DD.",
                        json{{"field", "date"}}.dump());
        q.date = *date;
    }
    if (const auto room = queryText(r, "roomId", 32); room && !room->empty())
        q.roomId = *room;
    q.patientId = queryInteger(r, "patientId", 1, INT64_MAX);
    q.examId = queryInteger(r, "examId", 1, INT64_MAX);
    const auto cancelled = queryText(r, "includeCancelled", 8).value_or("false");
    if (cancelled != "true" && cancelled != "false")
        throw Error(ErrorKind::BadRequest, "invalid_field",
                    "Query parameter 'includeCancelled' must be true or false.",
                    json{{"field", "includeCancelled"}}.dump());
    q.includeCancelled = cancelled == "true";
    if (!q.date && !q.patientId && !q.examId)
        throw Error(ErrorKind::BadRequest, "missing_field", "Give date, patientId or examId.",
                    json{{"field", "date"}}.dump());
    return q;
}

core::Date queryDate(const HttpRequest& r, const char* name)
{
    const auto d = core::parseIsoDate(queryText(r, name, 16).value_or(""));
    if (!d)
        throw Error(ErrorKind::BadRequest, "invalid_field",
                    std::string("Query parameter '") + name + "' must be YYYY-MM-DD.",
                    json{{"field", name}}.dump());
    return *d;
}

// Room ids are short codes; anything else cannot name a room.
const std::string& roomParameter(const PathParams& p)
{
    const auto& room = p.at("roomId");
    if (room.empty() || room.size() > 32)
        throw Error(ErrorKind::NotFound, "not_found", "No such room.");
    return room;
}

} // namespace

void Api::addSchedulingRoutes()
{
    m_router.add("GET", "/api/v1/scheduling/config", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_bookings.config(who));
    });
    m_router.add("PUT", "/api/v1/scheduling/config", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_bookings.replaceConfig(who, requestObject(r)));
    });
    m_router.add("GET", "/api/v1/scheduling/rooms", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_bookings.rooms(who));
    });
    m_router.add("POST", "/api/v1/scheduling/recommend", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_bookings.recommend(who, requestObject(r)));
    });
    m_router.add("POST", "/api/v1/scheduling/windows", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_bookings.windows(who, requestObject(r)));
    });
    m_router.add("POST", "/api/v1/scheduling/check", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_bookings.check(who, requestObject(r)));
    });
    m_router.add("POST", "/api/v1/scheduling/rooms/{roomId}/stop",
                 [this](const HttpRequest& r, const PathParams& p) {
                     const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
                     return jsonResponse(200, m_bookings.stopRoom(who, roomParameter(p), requestObject(r)));
                 });
    m_router.add("POST", "/api/v1/scheduling/rooms/{roomId}/reopen",
                 [this](const HttpRequest& r, const PathParams& p) {
                     const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
                     m_bookings.reopenRoom(who, roomParameter(p), requestObject(r));
                     return noContent();
                 });
    m_router.add("GET", "/api/v1/scheduling/blacklist", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_bookings.blacklist(who));
    });
    m_router.add("POST", "/api/v1/scheduling/blacklist/{id}/restore",
                 [this](const HttpRequest& r, const PathParams& p) {
                     const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
                     m_bookings.restoreBookingRights(who, pathId(p.at("id")));
                     return noContent();
                 });
    m_router.add("GET", "/api/v1/scheduling/statistics", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_bookings.statistics(who, queryDate(r, "from"), queryDate(r, "to")));
    });
    m_router.add("GET", "/api/v1/scheduling/reminders", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_reminders.list(who, queryDate(r, "date")));
    });
    m_router.add("POST", "/api/v1/scheduling/reminders/send",
                 [this](const HttpRequest& r, const PathParams&) {
                     const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
                     const auto body = requestObject(r);
                     const auto date = body.contains("date") && body["date"].is_string()
                                           ? core::parseIsoDate(body["date"].get<std::string>())
                                           : std::nullopt;
                     if (!date)
                         throw Error(ErrorKind::BadRequest, "invalid_field", "date: must be YYYY-MM-DD.",
                                     json{{"field", "date"}}.dump());
                     return jsonResponse(200, m_reminders.sendFor(who, *date));
                 });
    m_router.add("GET", "/api/v1/bookings", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_bookings.list(who, bookingQuery(r)));
    });
    m_router.add("POST", "/api/v1/bookings", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(201, m_bookings.book(who, requestObject(r)));
    });
    m_router.add("PUT", "/api/v1/bookings/{id}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_bookings.change(who, pathId(p.at("id")), requestObject(r)));
    });
    m_router.add("DELETE", "/api/v1/bookings/{id}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_bookings.cancel(who, pathId(p.at("id")), requestObject(r)));
    });
}

void Api::addQueueRoutes()
{
    m_router.add("POST", "/api/v1/queue/check-in", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_queue.checkIn(who, requestObject(r)));
    });
    m_router.add("GET", "/api/v1/queue/{roomId}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_queue.queue(who, roomParameter(p)));
    });
    m_router.add("POST", "/api/v1/queue/{roomId}/call-next",
                 [this](const HttpRequest& r, const PathParams& p) {
                     const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
                     return jsonResponse(200, m_queue.callNext(who, roomParameter(p)));
                 });
    m_router.add("POST", "/api/v1/queue/{roomId}/recall", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_queue.recall(who, roomParameter(p), requestObject(r)));
    });
    m_router.add("POST", "/api/v1/queue/{roomId}/skip", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_queue.skip(who, roomParameter(p), requestObject(r)));
    });
}

} // namespace lumen::server
