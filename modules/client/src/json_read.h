#pragma once
// Reading the server's JSON into client types: each reader throws malformed_json naming the
// field when a value has the wrong type, so a document of the wrong shape is never half read.
// Private to modules/client.
#include "lumen/core/error.h"
#include "lumen/core/exam.h"
#include "lumen/protocol/json_fields.h"

#include <nlohmann/json.hpp>

#include <QDate>
#include <QString>
#include <QStringList>
#include <QTime>

namespace lumen::client::json_read {

using nlohmann::json;

[[noreturn]] inline void malformed(const std::string& what)
{
    throw core::Error(core::ErrorKind::BadRequest, "malformed_json", what);
}

inline const json& requireArray(const json& j, const char* field)
{
    if (!j.is_object() || !j.contains(field) || !j.at(field).is_array())
        malformed(std::string("Field '") + field + "' must be an array.");
    return j.at(field);
}

inline const json& requireObject(const json& j, const char* what)
{
    if (!j.is_object())
        malformed(std::string(what) + " must be an object.");
    return j;
}

inline QString text(const json& j, const char* field)
{
    return QString::fromStdString(protocol::optionalString(j, field).value_or(""));
}

inline int integer(const json& j, const char* field, int fallback = 0)
{
    return int(protocol::optionalInteger(j, field).value_or(fallback));
}

inline double number(const json& j, const char* field, double fallback)
{
    const auto it = j.find(field);
    if (it == j.end() || it->is_null())
        return fallback;
    if (!it->is_number())
        malformed(std::string("Field '") + field + "' must be a number.");
    return it->get<double>();
}

inline QStringList textList(const json& j, const char* field)
{
    QStringList list;
    const auto it = j.find(field);
    if (it == j.end() || it->is_null())
        return list;
    if (!it->is_array())
        malformed(std::string("Field '") + field + "' must be an array.");
    for (const auto& v : *it) {
        if (!v.is_string())
            malformed(std::string("Field '") + field + "' must hold strings.");
        list << QString::fromStdString(v.get<std::string>());
    }
    return list;
}

inline QDate date(const json& j, const char* field)
{
    const QString t = text(j, field);
    if (t.isEmpty())
        return {};
    const QDate d = QDate::fromString(t, Qt::ISODate);
    if (!d.isValid())
        malformed(std::string("Field '") + field + "' must be a date YYYY-MM-DD.");
    return d;
}

inline QTime clock(const json& j, const char* field)
{
    const QString t = text(j, field);
    if (t.isEmpty())
        return {};
    // The end of a day is sent as 24:00.
    if (t == QLatin1String("24:00"))
        return QTime(23, 59, 59, 999);
    const QTime time = QTime::fromString(t, QStringLiteral("HH:mm"));
    if (!time.isValid())
        malformed(std::string("Field '") + field + "' must be a time HH:MM.");
    return time;
}

// Exam ids are numbers (text in some engine notices); a refusal about no exam carries null.
inline std::int64_t idOf(const json& j, const char* field)
{
    const auto it = j.find(field);
    if (it == j.end() || it->is_null())
        return 0;
    if (it->is_number_integer())
        return it->get<std::int64_t>();
    if (it->is_string()) {
        try {
            return std::stoll(it->get<std::string>());
        } catch (const std::exception&) {
            return 0;
        }
    }
    malformed(std::string("Field '") + field + "' must be an id.");
}

} // namespace lumen::client::json_read
