// The administrative calls of ApiClient: the HIS code dictionary, room stops and the no-show
// blacklist.
#include "lumen/client/admin_types.h"
#include "lumen/client/api_client.h"

#include "api_client_internal.h"

#include "lumen/protocol/his_code_mapping_json.h"

#include <nlohmann/json.hpp>

#include <QUrl>

namespace lumen::client {

using nlohmann::json;

namespace {

const QString dictionaryRoot = QStringLiteral("/api/v1/exam-dictionary");

QString dictionaryPath(std::int64_t id)
{
    return dictionaryRoot + QLatin1Char('/') + QString::number(id);
}

QString roomPath(const QString& roomId, const char* tail)
{
    return QStringLiteral("/api/v1/scheduling/rooms/") +
           QString::fromLatin1(QUrl::toPercentEncoding(roomId)) + QLatin1String(tail);
}

} // namespace

void ApiClient::listExamDictionary(const ExamDictionaryQuery& query, QObject* context,
                                   Callback<ExamDictionaryPage> done)
{
    QList<std::pair<QString, QString>> params;
    if (query.kind)
        params.append({QStringLiteral("kind"), QString::fromLatin1(core::toCode(*query.kind).data())});
    if (query.hisSystem)
        params.append({QStringLiteral("hisSystem"), query.hisSystem->trimmed()});
    if (!query.hisCode.trimmed().isEmpty())
        params.append({QStringLiteral("hisCode"), query.hisCode.trimmed()});
    params.append({QStringLiteral("limit"), QString::number(query.limit)});
    params.append({QStringLiteral("offset"), QString::number(query.offset)});
    send("GET", dictionaryRoot, params, {}, true, context,
         parsed<ExamDictionaryPage>(std::move(done),
                                    [](const json& j) { return examDictionaryPageFromJson(j); }));
}

void ApiClient::getExamDictionaryRow(std::int64_t id, QObject* context, Callback<core::HisCodeMapping> done)
{
    send("GET", dictionaryPath(id), {}, {}, true, context,
         parsed<core::HisCodeMapping>(std::move(done),
                                      [](const json& j) { return protocol::hisCodeMappingFromJson(j); }));
}

void ApiClient::createExamDictionaryRow(const core::HisCodeMapping& row, QObject* context,
                                        Callback<core::HisCodeMapping> done)
{
    send("POST", dictionaryRoot, {}, internal::bodyOf(examDictionaryBody(row)), true, context,
         parsed<core::HisCodeMapping>(std::move(done),
                                      [](const json& j) { return protocol::hisCodeMappingFromJson(j); }));
}

void ApiClient::updateExamDictionaryRow(std::int64_t id, const core::HisCodeMapping& row,
                                        std::optional<std::int64_t> version, QObject* context,
                                        Callback<core::HisCodeMapping> done)
{
    send("PATCH", dictionaryPath(id), {}, internal::bodyOf(examDictionaryPatchBody(row, version)), true,
         context, parsed<core::HisCodeMapping>(std::move(done), [](const json& j) {
             return protocol::hisCodeMappingFromJson(j);
         }));
}

void ApiClient::deleteExamDictionaryRow(std::int64_t id, QObject* context, Callback<Done> done)
{
    send("DELETE", dictionaryPath(id), {}, {}, true, context,
         parsed<Done>(std::move(done), [](const json&) { return Done{}; }));
}

void ApiClient::stopRoom(const QString& roomId, const QDate& from, const QDate& to, const QString& reason,
                         bool preview, QObject* context, Callback<RoomStopResult> done)
{
    send("POST", roomPath(roomId, "/stop"), {}, internal::bodyOf(roomStopBody(from, to, reason, preview)),
         true, context,
         parsed<RoomStopResult>(std::move(done), [](const json& j) { return roomStopResultFromJson(j); }));
}

void ApiClient::reopenRoom(const QString& roomId, const QDate& from, const QDate& to, QObject* context,
                           Callback<Done> done)
{
    send("POST", roomPath(roomId, "/reopen"), {}, internal::bodyOf(dateRangeBody(from, to)), true, context,
         parsed<Done>(std::move(done), [](const json&) { return Done{}; }));
}

void ApiClient::noShowBlacklist(QObject* context, Callback<std::vector<BlacklistEntry>> done)
{
    send("GET", QStringLiteral("/api/v1/scheduling/blacklist"), {}, {}, true, context,
         parsed<std::vector<BlacklistEntry>>(std::move(done),
                                             [](const json& j) { return blacklistFromJson(j); }));
}

void ApiClient::restoreBookingRights(core::PatientId patientId, QObject* context, Callback<Done> done)
{
    send("POST", QStringLiteral("/api/v1/scheduling/blacklist/%1/restore").arg(patientId), {},
         internal::bodyOf(json::object()), true, context,
         parsed<Done>(std::move(done), [](const json&) { return Done{}; }));
}

} // namespace lumen::client
