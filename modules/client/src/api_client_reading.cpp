// ApiClient's reading-room calls: QIDO-RS answers are DICOM JSON, read here into plain
// summaries; instance files come through WADO-URI and go back through STOW-RS.
#include "api_client_internal.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUuid>

namespace lumen::client {

namespace {

using nlohmann::json;

// The first value of a DICOM JSON attribute as text ("" when absent); person names as their
// alphabetic form.
QString firstValue(const json& dataset, const char* tag)
{
    const auto it = dataset.find(tag);
    if (it == dataset.end() || !it->is_object())
        return {};
    const auto values = it->find("Value");
    if (values == it->end() || !values->is_array() || values->empty())
        return {};
    const json& v = values->front();
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_number_integer())
        return QString::number(v.get<long long>());
    if (v.is_number())
        return QString::number(v.get<double>());
    if (v.is_object() && v.contains("Alphabetic") && v["Alphabetic"].is_string())
        return QString::fromStdString(v["Alphabetic"].get<std::string>());
    return {};
}

QString allValues(const json& dataset, const char* tag)
{
    const auto it = dataset.find(tag);
    if (it == dataset.end() || !it->is_object() || !it->contains("Value") || !(*it)["Value"].is_array())
        return {};
    QStringList parts;
    for (const json& v : (*it)["Value"])
        if (v.is_string())
            parts << QString::fromStdString(v.get<std::string>());
    return parts.join(QLatin1Char('\\'));
}

int intValue(const json& dataset, const char* tag)
{
    return firstValue(dataset, tag).toInt();
}

const json& asArray(const json& doc)
{
    if (!doc.is_array())
        throw std::runtime_error("expected a JSON array of DICOM data sets");
    return doc;
}

QJsonObject toQt(const json& object)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(object.dump())).object();
}

QString settingsPath(const QString& key)
{
    return QStringLiteral("/api/v1/viewer-settings/") + key;
}

ViewerSettings parseSettings(const json& doc)
{
    ViewerSettings s;
    s.key = QString::fromStdString(doc.value("key", std::string()));
    if (doc.contains("user") && doc["user"].is_object())
        s.user = toQt(doc["user"]);
    if (doc.contains("department") && doc["department"].is_object())
        s.department = toQt(doc["department"]);
    s.userVersion = doc.value("userVersion", std::int64_t(0));
    s.departmentVersion = doc.value("departmentVersion", std::int64_t(0));
    return s;
}

} // namespace

QJsonObject ViewerSettings::effective() const
{
    QJsonObject merged = department.value_or(QJsonObject());
    if (user)
        for (auto it = user->begin(); it != user->end(); ++it)
            merged.insert(it.key(), it.value());
    return merged;
}

void ApiClient::searchStudies(const QList<std::pair<QString, QString>>& qidoKeys, QObject* context,
                              Callback<std::vector<StudySummary>> done)
{
    send("GET", QStringLiteral("/dicom-web/studies"), qidoKeys, {}, true, context,
         parsed<std::vector<StudySummary>>(std::move(done), [](const json& doc) {
             std::vector<StudySummary> out;
             for (const json& d : asArray(doc)) {
                 StudySummary s;
                 s.studyUid = firstValue(d, "0020000D");
                 s.patientId = firstValue(d, "00100020");
                 s.patientName = firstValue(d, "00100010");
                 s.patientSex = firstValue(d, "00100040");
                 s.patientBirthDate = firstValue(d, "00100030");
                 s.studyDate = firstValue(d, "00080020");
                 s.studyDescription = firstValue(d, "00081030");
                 s.accessionNumber = firstValue(d, "00080050");
                 s.modalities = allValues(d, "00080061");
                 s.seriesCount = intValue(d, "00201206");
                 s.instanceCount = intValue(d, "00201208");
                 out.push_back(s);
             }
             return out;
         }));
}

void ApiClient::studySeries(const QString& studyUid, QObject* context,
                            Callback<std::vector<SeriesSummary>> done)
{
    send("GET", QStringLiteral("/dicom-web/studies/%1/series").arg(studyUid), {}, {}, true, context,
         parsed<std::vector<SeriesSummary>>(std::move(done), [](const json& doc) {
             std::vector<SeriesSummary> out;
             for (const json& d : asArray(doc)) {
                 SeriesSummary s;
                 s.seriesUid = firstValue(d, "0020000E");
                 s.modality = firstValue(d, "00080060");
                 s.description = firstValue(d, "0008103E");
                 s.bodyPart = firstValue(d, "00180015");
                 s.seriesNumber = intValue(d, "00200011");
                 s.instanceCount = intValue(d, "00201209");
                 out.push_back(s);
             }
             return out;
         }));
}

void ApiClient::seriesInstances(const QString& studyUid, const QString& seriesUid, QObject* context,
                                Callback<std::vector<InstanceSummary>> done)
{
    send("GET", QStringLiteral("/dicom-web/studies/%1/series/%2/instances").arg(studyUid, seriesUid), {}, {},
         true, context, parsed<std::vector<InstanceSummary>>(std::move(done), [](const json& doc) {
             std::vector<InstanceSummary> out;
             for (const json& d : asArray(doc)) {
                 InstanceSummary s;
                 s.sopInstanceUid = firstValue(d, "00080018");
                 s.sopClassUid = firstValue(d, "00080016");
                 s.instanceNumber = intValue(d, "00200013");
                 out.push_back(s);
             }
             return out;
         }));
}

QNetworkReply* ApiClient::downloadInstance(const QString& studyUid, const QString& seriesUid,
                                           const QString& sopUid)
{
    QUrl url = m_serverUrl;
    url.setPath(QStringLiteral("/wado"));
    url.setQuery(QStringLiteral("requestType=WADO&studyUID=%1&seriesUID=%2&objectUID=%3&contentType=%4")
                     .arg(studyUid, seriesUid, sopUid, QStringLiteral("application%2Fdicom")));
    QNetworkRequest request(url);
    // Large series on a busy server: no per-request timeout beyond the transfer stalling.
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/dicom");
    request.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(m_session.token));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    return m_network->get(request);
}

void ApiClient::storeInstances(const QString& studyUid, const std::vector<QByteArray>& part10Objects,
                               QObject* context, Callback<Done> done)
{
    const QByteArray boundary = "lumen-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    QByteArray body;
    for (const QByteArray& object : part10Objects) {
        body += "--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n";
        body += object;
        body += "\r\n";
    }
    body += "--" + boundary + "--\r\n";

    QUrl url = m_serverUrl;
    url.setPath(QStringLiteral("/dicom-web/studies/%1").arg(studyUid));
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/dicom+json");
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      "multipart/related; type=\"application/dicom\"; boundary=" + boundary);
    request.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(m_session.token));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QNetworkReply* reply = m_network->post(request, body);
    const QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    connect(reply, &QNetworkReply::finished, this, [this, reply, guard, hadContext, done = std::move(done)] {
        finish(reply, true, guard, hadContext, [done](const RawReply& raw) {
            if (raw.httpStatus == 0)
                done(Result<Done>::failure(raw.transportError));
            else if (raw.httpStatus < 200 || raw.httpStatus > 299)
                done(Result<Done>::failure(errorFromHttp(raw.httpStatus, raw.body)));
            else
                done(Result<Done>::success(Done{}));
        });
    });
}

void ApiClient::studyAnnotations(const QString& studyUid, QObject* context,
                                 Callback<std::vector<ImageAnnotations>> done)
{
    send("GET", QStringLiteral("/api/v1/archive/studies/%1/annotations").arg(studyUid), {}, {}, true, context,
         parsed<std::vector<ImageAnnotations>>(std::move(done), [](const json& doc) {
             std::vector<ImageAnnotations> out;
             for (const json& image : doc.at("images")) {
                 ImageAnnotations a;
                 a.sopInstanceUid = QString::fromStdString(image.at("sopInstanceUid").get<std::string>());
                 a.frame = image.value("frame", 0);
                 a.items =
                     QJsonDocument::fromJson(QByteArray::fromStdString(image.at("items").dump())).array();
                 a.updatedBy = QString::fromStdString(image.value("updatedBy", std::string()));
                 a.updatedAt = QString::fromStdString(image.value("updatedAt", std::string()));
                 out.push_back(a);
             }
             return out;
         }));
}

void ApiClient::saveAnnotations(const QString& studyUid, const QString& sopUid, int frame,
                                const QJsonArray& items, QObject* context, Callback<Done> done)
{
    const QJsonObject body{{"frame", frame}, {"items", items}};
    send("PUT", QStringLiteral("/api/v1/archive/studies/%1/annotations/%2").arg(studyUid, sopUid), {},
         QJsonDocument(body).toJson(QJsonDocument::Compact), true, context,
         parsed<Done>(std::move(done), [](const json&) { return Done{}; }));
}

void ApiClient::viewerSettings(const QString& key, QObject* context, Callback<ViewerSettings> done)
{
    send("GET", settingsPath(key), {}, {}, true, context,
         parsed<ViewerSettings>(std::move(done), parseSettings));
}

void ApiClient::saveViewerSettings(const QString& key, SettingsScope scope, const QJsonObject& value,
                                   std::int64_t version, QObject* context, Callback<ViewerSettings> done)
{
    const QJsonObject body{{"value", value}, {"version", qint64(version)}};
    send("PUT", settingsPath(key),
         {{QStringLiteral("scope"),
           scope == SettingsScope::User ? QStringLiteral("user") : QStringLiteral("department")}},
         QJsonDocument(body).toJson(QJsonDocument::Compact), true, context,
         parsed<ViewerSettings>(std::move(done), parseSettings));
}

} // namespace lumen::client
