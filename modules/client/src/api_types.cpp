#include "lumen/client/api_types.h"

#include "lumen/core/error.h"
#include "lumen/protocol/json_fields.h"
#include "lumen/protocol/patient_json.h"

#include <nlohmann/json.hpp>

namespace lumen::client {

using nlohmann::json;

namespace {

QString optionalText(const json& j, const char* field)
{
    return QString::fromStdString(protocol::optionalString(j, field).value_or(""));
}

const json& requireArray(const json& j, const char* field)
{
    if (!j.is_object() || !j.contains(field) || !j.at(field).is_array())
        throw core::Error(core::ErrorKind::BadRequest, "malformed_json",
                          std::string("Field '") + field + "' must be an array.");
    return j.at(field);
}

QByteArray objectText(const json& j, const char* field)
{
    if (!j.contains(field) || j.at(field).is_null())
        return {};
    return QByteArray::fromStdString(j.at(field).dump());
}

constexpr const char* plainWritable[] = {"name", "sex", "birthDate", "phone", "address"};

} // namespace

HealthInfo healthFromJson(const json& j)
{
    if (!j.is_object())
        throw core::Error(core::ErrorKind::BadRequest, "malformed_json", "Health must be an object.");
    return {optionalText(j, "status"), optionalText(j, "version"), optionalText(j, "time")};
}

PatientPage patientPageFromJson(const json& j)
{
    PatientPage page;
    for (const auto& item : requireArray(j, "items"))
        page.items.push_back(protocol::patientFromJson(item));
    page.limit = int(protocol::optionalInteger(j, "limit").value_or(std::int64_t(page.items.size())));
    page.offset = int(protocol::optionalInteger(j, "offset").value_or(0));
    page.hasMore = protocol::optionalBool(j, "hasMore").value_or(false);
    return page;
}

std::vector<HistoryEntry> historyFromJson(const json& j)
{
    std::vector<HistoryEntry> entries;
    for (const auto& item : requireArray(j, "items")) {
        if (!item.is_object())
            throw core::Error(core::ErrorKind::BadRequest, "malformed_json",
                              "A history entry must be an object.");
        entries.push_back({optionalText(item, "at"), optionalText(item, "user"), optionalText(item, "action"),
                           objectText(item, "before"), objectText(item, "after")});
    }
    return entries;
}

MergeResult mergeResultFromJson(const json& j)
{
    if (!j.is_object() || !j.contains("target") || !j.contains("source"))
        throw core::Error(core::ErrorKind::BadRequest, "malformed_json",
                          "A merge answer needs target and source.");
    MergeResult result;
    result.mergeId = protocol::optionalInteger(j, "mergeId").value_or(0);
    result.target = protocol::patientFromJson(j.at("target"));
    result.source = protocol::patientFromJson(j.at("source"));
    return result;
}

json newPatientBody(const core::Patient& patient, bool confirmDuplicate)
{
    const json full = protocol::toJson(patient);
    json body = json::object();
    for (const char* field : plainWritable)
        body[field] = full.at(field);
    for (auto kind : core::allIdentifierKinds) {
        const std::string field(core::fieldName(kind));
        body[field] = full.at(field);
    }
    if (patient.confidential)
        body["confidential"] = true;
    if (confirmDuplicate)
        body["confirmDuplicate"] = true;
    return body;
}

json patientChangesBody(const core::Patient& edited, const std::vector<std::string>& fields,
                        std::optional<std::int64_t> version)
{
    const json full = protocol::toJson(edited);
    json body = json::object();
    for (const auto& field : fields)
        if (full.contains(field))
            body[field] = full.at(field);
    if (version)
        body["version"] = *version;
    return body;
}

} // namespace lumen::client
