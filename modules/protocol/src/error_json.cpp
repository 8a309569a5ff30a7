#include "lumen/protocol/error_json.h"

#include <nlohmann/json.hpp>

namespace lumen::protocol {

int httpStatus(core::ErrorKind kind)
{
    switch (kind) {
    case core::ErrorKind::BadRequest: return 400;
    case core::ErrorKind::Unauthorized: return 401;
    case core::ErrorKind::Forbidden: return 403;
    case core::ErrorKind::NotFound: return 404;
    case core::ErrorKind::MethodNotAllowed: return 405;
    case core::ErrorKind::Conflict: return 409;
    case core::ErrorKind::TooLarge: return 413;
    case core::ErrorKind::Unprocessable: return 422;
    case core::ErrorKind::Internal: break;
    }
    return 500;
}

std::string errorBody(const std::string& code, const std::string& message, const std::string& detailsJson)
{
    nlohmann::json error = {{"code", code}, {"message", message}};
    if (!detailsJson.empty()) {
        auto details = nlohmann::json::parse(detailsJson, nullptr, false);
        if (!details.is_discarded())
            error["details"] = std::move(details);
    }
    return nlohmann::json{{"error", std::move(error)}}.dump();
}

} // namespace lumen::protocol
