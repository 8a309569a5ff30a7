#include "lumen/protocol/patient_json.h"

#include "lumen/core/error.h"
#include "lumen/protocol/json_fields.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace lumen::protocol {

using core::Error;
using core::ErrorKind;
using nlohmann::json;

namespace {

json optionalToJson(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

constexpr std::string_view writableFields[] = {"name",    "sex",         "birthDate", "phone",
                                               "address", "confidential"};

bool isWritableField(std::string_view key)
{
    if (std::find(std::begin(writableFields), std::end(writableFields), key) != std::end(writableFields))
        return true;
    for (auto kind : core::allIdentifierKinds)
        if (core::fieldName(kind) == key)
            return true;
    return false;
}

} // namespace

json toJson(const core::Patient& p)
{
    json j = {{"id", p.id},
              {"name", p.name},
              {"sex", std::string(core::toCode(p.sex))},
              {"birthDate", p.birthDate ? json(core::formatIsoDate(*p.birthDate)) : json(nullptr)},
              {"phone", optionalToJson(p.phone)},
              {"address", optionalToJson(p.address)},
              {"confidential", p.confidential},
              {"mergedInto", p.mergedInto ? json(*p.mergedInto) : json(nullptr)},
              {"createdAt", p.createdAt},
              {"updatedAt", p.updatedAt},
              {"version", p.version}};
    for (auto kind : core::allIdentifierKinds)
        j[std::string(core::fieldName(kind))] = optionalToJson(p.identifier(kind));
    return j;
}

void applyPatientJson(core::Patient& p, const json& body, std::initializer_list<std::string_view> allowedExtra)
{
    if (!body.is_object())
        throw Error(ErrorKind::BadRequest, "malformed_json", "The request body must be a JSON object.");
    for (const auto& [key, value] : body.items()) {
        if (!isWritableField(key) &&
            std::find(allowedExtra.begin(), allowedExtra.end(), std::string_view(key)) == allowedExtra.end())
            throw Error(ErrorKind::BadRequest, "invalid_field", "Unknown field '" + key + "'.");
    }
    if (body.contains("name")) {
        const auto name = optionalString(body, "name", 256);
        p.name = name.value_or("");
    }
    if (body.contains("sex")) {
        const auto code = optionalString(body, "sex", 8).value_or("U");
        const auto sex = core::sexFromCode(code);
        if (!sex)
            throw Error(ErrorKind::BadRequest, "invalid_field", "Field 'sex' must be one of M, F, O, U.");
        p.sex = *sex;
    }
    if (body.contains("birthDate")) {
        const auto text = optionalString(body, "birthDate", 16);
        if (!text || text->empty()) {
            p.birthDate.reset();
        } else {
            const auto date = core::parseIsoDate(*text);
            if (!date)
                throw Error(ErrorKind::BadRequest, "invalid_field",
                            "Field 'birthDate' must be a real date written YYYY-MM-DD.");
            p.birthDate = date;
        }
    }
    if (body.contains("phone"))
        p.phone = optionalString(body, "phone", 64);
    if (body.contains("address"))
        p.address = optionalString(body, "address", 1024);
    if (body.contains("confidential"))
        p.confidential = optionalBool(body, "confidential").value_or(false);
    for (auto kind : core::allIdentifierKinds) {
        const std::string field(core::fieldName(kind));
        if (body.contains(field))
            p.identifier(kind) = optionalString(body, field.c_str(), 128);
    }
}

core::Patient patientFromJson(const json& j)
{
    if (!j.is_object())
        throw Error(ErrorKind::BadRequest, "malformed_json", "A patient must be a JSON object.");
    core::Patient p;
    p.id = requireInteger(j, "id");
    json writable = json::object();
    for (const auto& [key, value] : j.items())
        if (isWritableField(key))
            writable[key] = value;
    applyPatientJson(p, writable);
    p.mergedInto = optionalInteger(j, "mergedInto");
    p.createdAt = optionalString(j, "createdAt").value_or("");
    p.updatedAt = optionalString(j, "updatedAt").value_or("");
    p.version = optionalInteger(j, "version").value_or(0);
    return p;
}

} // namespace lumen::protocol
