#pragma once
// Readers for one field of a request body whose errors carry {"field": name} in their
// details, so a client can put the message next to the right input. Internal to protocol.
#include "lumen/core/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace lumen::protocol::detail {

[[noreturn]] inline void throwInvalidField(const std::string& field, const std::string& message)
{
    throw core::Error(core::ErrorKind::BadRequest, "invalid_field", "Field '" + field + "' " + message,
                      nlohmann::json{{"field", field}}.dump());
}

// A string or null (absent: nullopt too); longer than `maxBytes` is refused.
inline std::optional<std::string> stringOrNull(const nlohmann::json& value, const std::string& field,
                                               std::size_t maxBytes)
{
    if (value.is_null())
        return std::nullopt;
    if (!value.is_string())
        throwInvalidField(field, "must be a string.");
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > maxBytes)
        throwInvalidField(field, "is too long (at most " + std::to_string(maxBytes) + " bytes).");
    return text;
}

inline std::int64_t positiveInteger(const nlohmann::json& value, const std::string& field)
{
    if (!value.is_number_integer() || value.get<std::int64_t>() <= 0)
        throwInvalidField(field, "must be a positive integer.");
    return value.get<std::int64_t>();
}

// One of a closed list of codes; `parse` returns nullopt for an unknown code.
template <class Parse>
auto codeField(const nlohmann::json& value, const std::string& field, Parse parse, const std::string& allowed)
{
    const auto text = value.is_string() ? std::optional<std::string>(value.get<std::string>()) : std::nullopt;
    const auto parsed = text ? parse(*text) : std::nullopt;
    if (!parsed)
        throwInvalidField(field, "must be one of " + allowed + ".");
    return *parsed;
}

inline void refuseUnknownFields(const nlohmann::json& body, std::initializer_list<std::string_view> known,
                                std::initializer_list<std::string_view> allowedExtra,
                                const std::string& prefix = {})
{
    for (const auto& [key, value] : body.items()) {
        const auto isIn = [&key](std::initializer_list<std::string_view> list) {
            return std::find(list.begin(), list.end(), std::string_view(key)) != list.end();
        };
        if (!isIn(known) && !isIn(allowedExtra))
            throw core::Error(core::ErrorKind::BadRequest, "invalid_field",
                              "Unknown field '" + prefix + key + "'.",
                              nlohmann::json{{"field", prefix + key}}.dump());
    }
}

} // namespace lumen::protocol::detail
