#include "lumen/client/api_client.h"

#include "api_client_internal.h"

#include "lumen/core/error.h"
#include "lumen/protocol/endpoints.h"
#include "lumen/protocol/patient_json.h"

#include <nlohmann/json.hpp>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace lumen::client {

using nlohmann::json;

namespace {

using internal::bodyOf;
using internal::path;

QString patientPath(core::PatientId id, const char* tail = "")
{
    return path(protocol::endpoints::patients) + QLatin1Char('/') + QString::number(id) + QLatin1String(tail);
}

ApiError transportError(QNetworkReply* reply)
{
    ApiError error;
    const auto code = reply->error();
    // setTransferTimeout() aborts the reply, which Qt reports as a cancellation.
    const bool timedOut =
        code == QNetworkReply::TimeoutError || code == QNetworkReply::OperationCanceledError;
    error.code = QString::fromLatin1(timedOut ? codes::timeout : codes::networkError);
    error.message = reply->errorString();
    return error;
}

} // namespace

ApiClient::ApiClient(QObject* parent) : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    // QNetworkAccessManager keeps HTTP/1.1 connections alive and reuses them per host.
}

ApiClient::~ApiClient() = default;

void ApiClient::setServerUrl(const QUrl& url)
{
    QUrl normalized = url;
    if (normalized.scheme().isEmpty() || normalized.host().isEmpty())
        normalized = QUrl::fromUserInput(url.toString());
    normalized.setPath(QString());
    if (normalized != m_serverUrl) {
        m_serverUrl = normalized;
        // A token belongs to the server that issued it.
        m_session = {};
    }
}

void ApiClient::send(const QByteArray& verb, const QString& endpoint,
                     const QList<std::pair<QString, QString>>& query, const QByteArray& body,
                     bool authenticated, QObject* context, RawHandler handler)
{
    QUrl url = m_serverUrl;
    url.setPath(endpoint);
    if (!query.isEmpty()) {
        // Encoded by hand: QUrlQuery leaves '+' alone, which servers read as a space.
        QByteArray encoded;
        for (const auto& [key, value] : query) {
            if (!encoded.isEmpty())
                encoded += '&';
            encoded += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
        }
        url.setQuery(QString::fromLatin1(encoded), QUrl::StrictMode);
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (authenticated)
        request.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(m_session.token));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    QNetworkReply* reply = m_network->sendCustomRequest(request, verb, body);
    const QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    connect(reply, &QNetworkReply::finished, this, [this, reply, authenticated, guard, hadContext, handler] {
        finish(reply, authenticated, guard, hadContext, handler);
    });
}

void ApiClient::finish(QNetworkReply* reply, bool authenticated, const QPointer<QObject>& context,
                       bool hadContext, const RawHandler& handler)
{
    reply->deleteLater();
    RawReply raw;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        raw.httpStatus = status.toInt();
        raw.body = reply->readAll();
    } else {
        raw.transportError = transportError(reply);
    }
    emit serverReached(raw.httpStatus != 0);
    if (authenticated && raw.httpStatus == 401 && isLoggedIn()) {
        m_session = {};
        emit sessionExpired();
    }
    if (hadContext && !context)
        return;
    handler(raw);
}

void ApiClient::health(QObject* context, Callback<HealthInfo> done)
{
    send("GET", path(protocol::endpoints::health), {}, {}, false, context,
         parsed<HealthInfo>(std::move(done), [](const json& j) { return healthFromJson(j); }));
}

void ApiClient::login(const QString& username, const QString& password, QObject* context,
                      Callback<protocol::SessionInfo> done)
{
    const json body = {{"username", username.toStdString()}, {"password", password.toStdString()}};
    auto onDone = [this, done = std::move(done)](const Result<protocol::SessionInfo>& result) {
        if (result.ok()) {
            m_session = result.value();
            emit loggedIn();
        }
        done(result);
    };
    // The session is stored even if the dialog that asked is gone, hence no context here.
    const QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    send("POST", path(protocol::endpoints::session), {}, bodyOf(body), false, nullptr,
         parsed<protocol::SessionInfo>(
             [onDone, guard, hadContext](const Result<protocol::SessionInfo>& r) {
                 if (!hadContext || guard)
                     onDone(r);
             },
             [](const json& j) { return protocol::sessionInfoFromJson(j); }));
}

void ApiClient::logout(QObject* context, Callback<Done> done)
{
    if (!isLoggedIn()) {
        if (done)
            done(Result<Done>::success({}));
        return;
    }
    send("DELETE", path(protocol::endpoints::session), {}, {}, true, context,
         parsed<Done>(std::move(done), [](const json&) { return Done{}; }));
    // The local session ends now: the user asked to leave, whatever the server answers.
    m_session = {};
    emit loggedOut();
}

void ApiClient::currentUser(QObject* context, Callback<protocol::SessionUser> done)
{
    send("GET", path(protocol::endpoints::session), {}, {}, true, context,
         parsed<protocol::SessionUser>(std::move(done), [](const json& j) {
             if (!j.contains("user"))
                 throw core::Error(core::ErrorKind::BadRequest, "missing_field", "Field 'user' is required.");
             return protocol::sessionUserFromJson(j.at("user"));
         }));
}

void ApiClient::searchPatients(const QString& query, int limit, int offset, QObject* context,
                               Callback<PatientPage> done)
{
    QList<std::pair<QString, QString>> params;
    if (!query.trimmed().isEmpty())
        params.append({QStringLiteral("q"), query.trimmed()});
    params.append({QStringLiteral("limit"), QString::number(limit)});
    params.append({QStringLiteral("offset"), QString::number(offset)});
    send("GET", path(protocol::endpoints::patients), params, {}, true, context,
         parsed<PatientPage>(std::move(done), [](const json& j) { return patientPageFromJson(j); }));
}

void ApiClient::getPatient(core::PatientId id, QObject* context, Callback<core::Patient> done)
{
    send("GET", patientPath(id), {}, {}, true, context,
         parsed<core::Patient>(std::move(done), [](const json& j) { return protocol::patientFromJson(j); }));
}

void ApiClient::createPatient(const core::Patient& patient, bool confirmDuplicate, QObject* context,
                              Callback<core::Patient> done)
{
    send("POST", path(protocol::endpoints::patients), {}, bodyOf(newPatientBody(patient, confirmDuplicate)),
         true, context,
         parsed<core::Patient>(std::move(done), [](const json& j) { return protocol::patientFromJson(j); }));
}

void ApiClient::updatePatient(core::PatientId id, const core::Patient& edited,
                              const std::vector<std::string>& fields, std::optional<std::int64_t> version,
                              QObject* context, Callback<core::Patient> done)
{
    send("PATCH", patientPath(id), {}, bodyOf(patientChangesBody(edited, fields, version)), true, context,
         parsed<core::Patient>(std::move(done), [](const json& j) { return protocol::patientFromJson(j); }));
}

void ApiClient::mergePatients(core::PatientId targetId, core::PatientId sourceId, QObject* context,
                              Callback<MergeResult> done)
{
    send("POST", patientPath(targetId, "/merge"), {}, bodyOf({{"sourceId", sourceId}}), true, context,
         parsed<MergeResult>(std::move(done), [](const json& j) { return mergeResultFromJson(j); }));
}

void ApiClient::unmergePatients(core::PatientId targetId, core::PatientId sourceId, QObject* context,
                                Callback<core::Patient> done)
{
    send("POST", patientPath(targetId, "/unmerge"), {}, bodyOf({{"sourceId", sourceId}}), true, context,
         parsed<core::Patient>(std::move(done), [](const json& j) {
             if (!j.contains("source"))
                 throw core::Error(core::ErrorKind::BadRequest, "missing_field",
                                   "Field 'source' is required.");
             return protocol::patientFromJson(j.at("source"));
         }));
}

void ApiClient::patientHistory(core::PatientId id, QObject* context, Callback<std::vector<HistoryEntry>> done)
{
    send(
        "GET", patientPath(id, "/history"), {}, {}, true, context,
        parsed<std::vector<HistoryEntry>>(std::move(done), [](const json& j) { return historyFromJson(j); }));
}

} // namespace lumen::client
