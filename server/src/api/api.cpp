#include "api/api.h"

#include "api/responses.h"
#include "log.h"
#include "lumen/core/date.h"
#include "lumen/core/error.h"
#include "lumen/protocol/error_json.h"
#include "lumen/protocol/json_fields.h"
#include "lumen/protocol/patient_json.h"
#include "lumen/store/database.h"
#include "services/audit_service.h"
#include "services/auth_service.h"
#include "services/patient_service.h"

#include <chrono>

namespace lumen::server {

using core::Error;
using core::ErrorKind;
using nlohmann::json;

Api::Api(AuthService& auth, PatientService& patients, AuditService& audit, AeService& aes,
         DicomWebService& dicomWeb, ReconciliationService& reconciliation, ExamService& exams,
         ExamDictionaryService& examDictionary, BookingService& bookings, QueueService& queue,
         ReminderService& reminders, AttachmentService& attachments, ReadingService& reading,
         std::string version)
    : m_auth(auth), m_patients(patients), m_audit(audit), m_aes(aes), m_dicomWeb(dicomWeb),
      m_reconciliation(reconciliation), m_exams(exams), m_examDictionary(examDictionary),
      m_bookings(bookings), m_queue(queue), m_reminders(reminders), m_attachments(attachments),
      m_reading(reading), m_version(std::move(version))
{
    m_router.add("GET", "/api/v1/health", [this](const HttpRequest&, const PathParams&) {
        return jsonResponse(200, {{"status", "ok"},
                                  {"version", m_version},
                                  {"time", core::formatIsoTimestamp(std::chrono::system_clock::now())}});
    });
    addSessionRoutes();
    addPatientRoutes();
    addAuditRoutes();
    addArchiveRoutes();
    addDicomWebRoutes();
    addExamRoutes();
    addExamDictionaryRoutes();
    addSchedulingRoutes();
    addQueueRoutes();
    addAttachmentRoutes();
    addReadingRoutes();
}

HttpResponse Api::handle(const HttpRequest& request) const
{
    try {
        auto response = m_router.dispatch(request);
        if (logEnabled(LogLevel::Debug))
            logLine(LogLevel::Debug, "http", "request",
                    {{"method", request.method},
                     {"path", request.path},
                     {"status", std::to_string(response.status)},
                     {"client", request.clientAddress}});
        return response;
    } catch (const Error& e) {
        const int status = protocol::httpStatus(e.kind());
        logLine(status >= 500 ? LogLevel::Error : LogLevel::Info, "http", "request refused",
                {{"method", request.method},
                 {"path", request.path},
                 {"status", std::to_string(status)},
                 {"code", e.code()},
                 {"reason", e.what()},
                 {"client", request.clientAddress}});
        return HttpResponse{status,
                            protocol::errorBody(e.code(), e.what(), e.detailsJson()),
                            "application/json; charset=utf-8",
                            {}};
    } catch (const store::StoreError& e) {
        // Constraint races that slipped past the checks still mean "conflict", not a crash.
        const bool conflict = e.isConstraintViolation();
        logLine(conflict ? LogLevel::Warning : LogLevel::Error, "store", "database error",
                {{"path", request.path}, {"error", e.what()}});
        return HttpResponse{conflict ? 409 : 500,
                            protocol::errorBody(conflict ? "conflict" : "internal",
                                                conflict ? "The change conflicts with existing data."
                                                         : "The database failed; nothing was changed."),
                            "application/json; charset=utf-8",
                            {}};
    }
}

void Api::addSessionRoutes()
{
    m_router.add("POST", "/api/v1/session", [this](const HttpRequest& r, const PathParams&) {
        const auto body = requestObject(r);
        const auto username = protocol::requireString(body, "username", 64);
        const auto password = protocol::requireString(body, "password", 256);
        return jsonResponse(200, protocol::toJson(m_auth.login(username, password, r.clientAddress)));
    });
    m_router.add("GET", "/api/v1/session", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(
            200, {{"user", protocol::toJson(m_auth.describe(who))}, {"expiresAt", m_auth.expiresAt(who)}});
    });
    m_router.add("DELETE", "/api/v1/session", [this](const HttpRequest& r, const PathParams&) {
        m_auth.logout(m_auth.authenticate(r.authorization, r.clientAddress));
        return noContent();
    });
}

void Api::addPatientRoutes()
{
    m_router.add("GET", "/api/v1/patients", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const auto query = queryText(r, "q", 256).value_or("");
        const int limit = int(queryInteger(r, "limit", 1, 200).value_or(50));
        const int offset = int(queryInteger(r, "offset", 0, 1'000'000).value_or(0));
        const auto page = m_patients.search(who, query, limit, offset);
        json items = json::array();
        for (const auto& p : page.items)
            items.push_back(protocol::toJson(p));
        return jsonResponse(
            200, {{"items", items}, {"limit", limit}, {"offset", offset}, {"hasMore", page.hasMore}});
    });
    m_router.add("POST", "/api/v1/patients", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(201, protocol::toJson(m_patients.create(who, requestObject(r))));
    });
    m_router.add("GET", "/api/v1/patients/{id}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, protocol::toJson(m_patients.get(who, pathId(p.at("id")))));
    });
    m_router.add("PATCH", "/api/v1/patients/{id}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const auto id = pathId(p.at("id"));
        return jsonResponse(200, protocol::toJson(m_patients.update(who, id, requestObject(r))));
    });
    m_router.add("GET", "/api/v1/patients/{id}/history", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        json items = json::array();
        for (const auto& h : m_patients.history(who, pathId(p.at("id")))) {
            auto parse = [](const std::optional<std::string>& text) {
                return text ? json::parse(*text, nullptr, false) : json(nullptr);
            };
            items.push_back({{"at", h.at},
                             {"user", h.user},
                             {"action", h.action},
                             {"before", parse(h.beforeJson)},
                             {"after", parse(h.afterJson)}});
        }
        return jsonResponse(200, {{"items", items}});
    });
    m_router.add("POST", "/api/v1/patients/{id}/merge", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const auto target = pathId(p.at("id"));
        const auto source = protocol::requireInteger(requestObject(r), "sourceId");
        const auto result = m_patients.merge(who, target, source);
        return jsonResponse(200, {{"mergeId", result.mergeId},
                                  {"target", protocol::toJson(result.target)},
                                  {"source", protocol::toJson(result.source)}});
    });
    m_router.add("POST", "/api/v1/patients/{id}/unmerge", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const auto target = pathId(p.at("id"));
        const auto source = protocol::requireInteger(requestObject(r), "sourceId");
        return jsonResponse(200, {{"source", protocol::toJson(m_patients.unmerge(who, target, source))}});
    });
}

void Api::addAuditRoutes()
{
    m_router.add("GET", "/api/v1/audit", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        store::AuditQuery q;
        q.user = queryText(r, "user", 64);
        q.patientId = queryInteger(r, "patientId", 1, INT64_MAX);
        q.action = queryText(r, "action", 64);
        auto timestamp = [&](const char* name) -> std::optional<std::string> {
            const auto text = queryText(r, name, 32);
            if (!text)
                return std::nullopt;
            const auto t = core::parseIsoTimestamp(*text);
            if (!t)
                throw Error(ErrorKind::BadRequest, "invalid_field",
                            std::string("Query parameter '") + name +
                                "' must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.");
            return core::formatIsoTimestamp(*t);
        };
        q.from = timestamp("from");
        q.to = timestamp("to");
        q.limit = int(queryInteger(r, "limit", 1, 1000).value_or(100));
        q.offset = int(queryInteger(r, "offset", 0, 100'000'000).value_or(0));
        const int requested = q.limit;
        ++q.limit;
        auto entries = m_audit.search(who, q);
        const bool hasMore = int(entries.size()) > requested;
        if (hasMore)
            entries.pop_back();
        json items = json::array();
        for (const auto& e : entries)
            items.push_back({{"seq", e.seq},
                             {"at", e.at},
                             {"user", e.user},
                             {"clientAddress", e.clientAddress},
                             {"action", e.action},
                             {"objectType", e.objectType},
                             {"objectId", e.objectId},
                             {"patientId", e.patientId ? json(*e.patientId) : json(nullptr)},
                             {"detail", e.detail}});
        return jsonResponse(200, {{"items", items}, {"hasMore", hasMore}});
    });
    m_router.add("GET", "/api/v1/audit/verify", [this](const HttpRequest& r, const PathParams&) {
        const auto verdict = m_audit.verify(m_auth.authenticate(r.authorization, r.clientAddress));
        json body = {{"ok", verdict.ok}, {"entries", verdict.entries}};
        if (!verdict.ok) {
            body["firstBadSeq"] = verdict.firstBadSeq.value_or(0);
            body["reason"] = verdict.reason;
        }
        return jsonResponse(200, body);
    });
}

} // namespace lumen::server
