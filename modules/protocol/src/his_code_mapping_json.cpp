#include "lumen/protocol/his_code_mapping_json.h"

#include "field_readers.h"
#include "lumen/protocol/json_fields.h"

#include <nlohmann/json.hpp>

namespace lumen::protocol {

using detail::codeField;
using detail::stringOrNull;
using nlohmann::json;

namespace {
json optionalToJson(const std::optional<std::string>& v)
{
    return v ? json(*v) : json(nullptr);
}
} // namespace

json toJson(const core::HisCodeMapping& m)
{
    return {{"id", m.id},
            {"hisSystem", m.hisSystem.empty() ? json(nullptr) : json(m.hisSystem)},
            {"kind", std::string(core::toCode(m.kind))},
            {"hisCode", m.hisCode},
            {"hisName", optionalToJson(m.hisName)},
            {"method", optionalToJson(m.method)},
            {"bodyPart", optionalToJson(m.bodyPart)},
            {"department", m.department ? json(std::string(core::toCode(*m.department))) : json(nullptr)},
            {"modality", optionalToJson(m.modality)},
            {"createdAt", m.createdAt},
            {"updatedAt", m.updatedAt},
            {"version", m.version}};
}

void applyHisCodeMappingJson(core::HisCodeMapping& m, const json& body,
                             std::initializer_list<std::string_view> allowedExtra)
{
    if (!body.is_object())
        throw core::Error(core::ErrorKind::BadRequest, "malformed_json",
                          "The request body must be a JSON object.");
    detail::refuseUnknownFields(
        body, {"hisSystem", "kind", "hisCode", "hisName", "method", "bodyPart", "department", "modality"},
        allowedExtra);
    for (const auto& [key, value] : body.items()) {
        if (key == "hisSystem")
            m.hisSystem = stringOrNull(value, key, 128).value_or("");
        else if (key == "kind")
            m.kind = codeField(value, key, core::hisCodeKindFromCode, std::string("item, body_part"));
        else if (key == "hisCode")
            m.hisCode = stringOrNull(value, key, 256).value_or("");
        else if (key == "hisName")
            m.hisName = stringOrNull(value, key, 512);
        else if (key == "method")
            m.method = stringOrNull(value, key, 256);
        else if (key == "bodyPart")
            m.bodyPart = stringOrNull(value, key, 256);
        else if (key == "department")
            m.department = value.is_null() ? std::nullopt
                                           : std::optional(codeField(value, key, core::departmentFromCode,
                                                                     core::departmentCodeList()));
        else if (key == "modality")
            m.modality = stringOrNull(value, key, 64);
    }
}

core::HisCodeMapping hisCodeMappingFromJson(const json& j)
{
    core::HisCodeMapping m;
    json writable = json::object();
    for (const auto& [key, value] : j.items())
        if (key != "id" && key != "createdAt" && key != "updatedAt" && key != "version")
            writable[key] = value;
    applyHisCodeMappingJson(m, writable);
    m.id = requireInteger(j, "id");
    m.createdAt = optionalString(j, "createdAt").value_or("");
    m.updatedAt = optionalString(j, "updatedAt").value_or("");
    m.version = optionalInteger(j, "version").value_or(0);
    return m;
}

} // namespace lumen::protocol
