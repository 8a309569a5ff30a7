#pragma once
// Small helpers the handlers share to read requests and write JSON responses.
#include "http/http_types.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace lumen::server {

HttpResponse jsonResponse(int status, const nlohmann::json& body);
HttpResponse noContent();
// Parses the body as a JSON object or throws 400 malformed_json.
nlohmann::json requestObject(const HttpRequest& request);
// A path segment that must be a positive id; 404 otherwise (the resource cannot exist).
std::int64_t pathId(const std::string& segment);
// Optional integer query parameter within [min, max]; 400 invalid_field otherwise.
std::optional<std::int64_t> queryInteger(const HttpRequest& request, const std::string& name,
                                         std::int64_t min, std::int64_t max);
std::optional<std::string> queryText(const HttpRequest& request, const std::string& name,
                                     std::size_t maxBytes = 256);

} // namespace lumen::server
