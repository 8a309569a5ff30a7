#include "api/responses.h"

#include "lumen/core/error.h"
#include "lumen/protocol/json_fields.h"

#include <charconv>

namespace lumen::server {

using core::Error;
using core::ErrorKind;

HttpResponse jsonResponse(int status, const nlohmann::json& body)
{
    // replace: never fail on text stored before validation existed.
    return HttpResponse{status,
                        body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                        "application/json; charset=utf-8",
                        {}};
}

HttpResponse noContent()
{
    return HttpResponse{204, "", "application/json; charset=utf-8", {}};
}

nlohmann::json requestObject(const HttpRequest& request)
{
    return protocol::parseObject(request.body);
}

std::int64_t pathId(const std::string& segment)
{
    std::int64_t id = 0;
    const auto [ptr, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), id);
    if (ec != std::errc() || ptr != segment.data() + segment.size() || id <= 0)
        throw Error(ErrorKind::NotFound, "not_found", "No such resource: '" + segment + "' is not an id.");
    return id;
}

std::optional<std::int64_t> queryInteger(const HttpRequest& request, const std::string& name,
                                         std::int64_t min, std::int64_t max)
{
    const auto it = request.query.find(name);
    if (it == request.query.end() || it->second.empty())
        return std::nullopt;
    std::int64_t value = 0;
    const auto& text = it->second;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < min || value > max)
        throw Error(ErrorKind::BadRequest, "invalid_field",
                    "Query parameter '" + name + "' must be a whole number from " + std::to_string(min) +
                        " to " + std::to_string(max) + ".");
    return value;
}

std::optional<std::string> queryText(const HttpRequest& request, const std::string& name,
                                     std::size_t maxBytes)
{
    const auto it = request.query.find(name);
    if (it == request.query.end())
        return std::nullopt;
    if (it->second.size() > maxBytes)
        throw Error(ErrorKind::BadRequest, "invalid_field", "Query parameter '" + name + "' is too long.");
    return it->second;
}

} // namespace lumen::server
