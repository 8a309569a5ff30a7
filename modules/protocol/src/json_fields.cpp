#include "lumen/protocol/json_fields.h"

#include "lumen/core/error.h"

namespace lumen::protocol {

using core::Error;
using core::ErrorKind;

nlohmann::json parseObject(const std::string& text)
{
    nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded())
        throw Error(ErrorKind::BadRequest, "malformed_json", "The request body is not valid JSON.");
    if (!json.is_object())
        throw Error(ErrorKind::BadRequest, "malformed_json", "The request body must be a JSON object.");
    return json;
}

std::optional<std::string> optionalString(const nlohmann::json& obj, const char* field, std::size_t maxBytes)
{
    const auto it = obj.find(field);
    if (it == obj.end() || it->is_null())
        return std::nullopt;
    if (!it->is_string())
        throw Error(ErrorKind::BadRequest, "invalid_field", std::string("Field '") + field + "' must be a string.");
    const auto& value = it->get_ref<const std::string&>();
    if (value.size() > maxBytes)
        throw Error(ErrorKind::BadRequest, "invalid_field", std::string("Field '") + field + "' is too long.");
    return value;
}

std::string requireString(const nlohmann::json& obj, const char* field, std::size_t maxBytes)
{
    auto value = optionalString(obj, field, maxBytes);
    if (!value)
        throw Error(ErrorKind::BadRequest, "missing_field", std::string("Field '") + field + "' is required.");
    return *value;
}

std::optional<std::int64_t> optionalInteger(const nlohmann::json& obj, const char* field)
{
    const auto it = obj.find(field);
    if (it == obj.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number_integer())
        throw Error(ErrorKind::BadRequest, "invalid_field", std::string("Field '") + field + "' must be an integer.");
    return it->get<std::int64_t>();
}

std::int64_t requireInteger(const nlohmann::json& obj, const char* field)
{
    auto value = optionalInteger(obj, field);
    if (!value)
        throw Error(ErrorKind::BadRequest, "missing_field", std::string("Field '") + field + "' is required.");
    return *value;
}

std::optional<bool> optionalBool(const nlohmann::json& obj, const char* field)
{
    const auto it = obj.find(field);
    if (it == obj.end() || it->is_null())
        return std::nullopt;
    if (!it->is_boolean())
        throw Error(ErrorKind::BadRequest, "invalid_field", std::string("Field '") + field + "' must be true or false.");
    return it->get<bool>();
}

} // namespace lumen::protocol
