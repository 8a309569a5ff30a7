#include "lumen/client/api_error.h"

#include "lumen/core/patient.h"

#include <nlohmann/json.hpp>

#include <QRegularExpression>

#include <array>
#include <utility>

namespace lumen::client {

namespace {

bool isPatientField(const QString& name)
{
    static const QStringList plain = {"name", "sex", "birthDate", "phone", "address", "confidential"};
    if (plain.contains(name))
        return true;
    for (auto kind : core::allIdentifierKinds)
        if (name == QString::fromUtf8(core::fieldName(kind).data(), qsizetype(core::fieldName(kind).size())))
            return true;
    return false;
}

} // namespace

QString patientFieldNamedIn(const QString& message)
{
    // Preferred: a quoted wire name, as protocol::applyPatientJson writes it.
    static const QRegularExpression quoted(QStringLiteral("'([A-Za-z]+)'"));
    for (auto it = quoted.globalMatch(message); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (isPatientField(name))
            return name;
    }
    // Then a bare wire name, then the words a sentence would use.
    static const QRegularExpression word(QStringLiteral("\\b([A-Za-z]+)\\b"));
    for (auto it = word.globalMatch(message); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (name != QLatin1String("name") && name != QLatin1String("sex") && isPatientField(name))
            return name;
    }
    static const std::array<std::pair<const char*, const char*>, 10> phrases = {{
        {"national id", "nationalId"},
        {"medical card", "medicalCardNo"},
        {"outpatient", "outpatientNo"},
        {"inpatient", "inpatientNo"},
        {"registration n", "registrationNo"},
        {"social security", "socialSecurityNo"},
        {"his patient", "hisPatientId"},
        {"birth date", "birthDate"},
        {"phone", "phone"},
        {"address", "address"},
    }};
    const QString lower = message.toLower();
    for (const auto& [phrase, field] : phrases)
        if (lower.contains(QLatin1String(phrase)))
            return QString::fromLatin1(field);
    return {};
}

ApiError errorFromHttp(int httpStatus, const QByteArray& body)
{
    ApiError error;
    error.httpStatus = httpStatus;
    const auto doc = nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (doc.is_object() && doc.contains("error") && doc["error"].is_object()) {
        const auto& e = doc["error"];
        if (e.contains("code") && e["code"].is_string())
            error.code = QString::fromStdString(e["code"].get<std::string>());
        if (e.contains("message") && e["message"].is_string())
            error.message = QString::fromStdString(e["message"].get<std::string>());
        if (e.contains("details") && e["details"].is_object()) {
            error.detailsJson = QByteArray::fromStdString(e["details"].dump());
            if (e["details"].contains("field") && e["details"]["field"].is_string())
                error.fieldName = QString::fromStdString(e["details"]["field"].get<std::string>());
        }
    }
    if (error.code.isEmpty()) {
        error.code = QString::fromLatin1(codes::badResponse);
        error.message = QStringLiteral("HTTP %1 without an error document").arg(httpStatus);
    }
    if (error.fieldName.isEmpty())
        error.fieldName = patientFieldNamedIn(error.message);
    if (error.fieldName.isEmpty() && error.code == QLatin1String("inconsistent_national_id"))
        error.fieldName = QStringLiteral("nationalId");
    return error;
}

} // namespace lumen::client
