#pragma once
// Typed access to fields of a request body, with errors that name the field.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace lumen::protocol {

// Throws core::Error(BadRequest, "malformed_json") unless `text` is a JSON object.
nlohmann::json parseObject(const std::string& text);
// Required string field; throws "missing_field" / "invalid_field".
std::string requireString(const nlohmann::json& obj, const char* field, std::size_t maxBytes = 4096);
std::optional<std::string> optionalString(const nlohmann::json& obj, const char* field, std::size_t maxBytes = 4096);
std::int64_t requireInteger(const nlohmann::json& obj, const char* field);
std::optional<std::int64_t> optionalInteger(const nlohmann::json& obj, const char* field);
std::optional<bool> optionalBool(const nlohmann::json& obj, const char* field);

} // namespace lumen::protocol
