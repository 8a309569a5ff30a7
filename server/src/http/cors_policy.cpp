#include "http/cors_policy.h"

#include <algorithm>

namespace lumen::server {

bool CorsPolicy::allows(const std::string& origin) const
{
    if (origin.empty())
        return false;
    return std::any_of(m_origins.begin(), m_origins.end(),
                       [&](const std::string& allowed) { return allowed == "*" || allowed == origin; });
}

std::optional<HttpResponse> CorsPolicy::preflight(const HttpRequest& request) const
{
    if (request.method != "OPTIONS" || request.origin.empty())
        return std::nullopt;
    HttpResponse response{204, "", "text/plain", {}};
    if (allows(request.origin)) {
        response.headers = {{"Access-Control-Allow-Origin", request.origin},
                            {"Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS"},
                            {"Access-Control-Allow-Headers", "Authorization, Content-Type, Accept"},
                            {"Access-Control-Max-Age", "600"},
                            {"Vary", "Origin"}};
    } else {
        // Without the allow headers the browser refuses the real request.
        response.status = 403;
    }
    return response;
}

void CorsPolicy::decorate(const HttpRequest& request, HttpResponse& response) const
{
    if (!allows(request.origin))
        return;
    response.headers.emplace_back("Access-Control-Allow-Origin", request.origin);
    response.headers.emplace_back("Vary", "Origin");
}

std::vector<std::string> parseOriginList(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? comma : comma - start);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty())
            out.push_back(item);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return out;
}

} // namespace lumen::server
