#pragma once
// Cross-origin access for browser pages (the clinical web release, third-party DICOMweb
// viewers): which origins may call the server. Off unless origins are configured.
#include "http/http_types.h"

#include <optional>
#include <string>
#include <vector>

namespace lumen::server {

class CorsPolicy
{
public:
    // `origins`: exact origins such as "https://emr.hospital.cn", or "*" for any.
    explicit CorsPolicy(std::vector<std::string> origins) : m_origins(std::move(origins)) {}

    // The answer to a CORS preflight (OPTIONS with Access-Control-Request-Method), if it is one.
    std::optional<HttpResponse> preflight(const HttpRequest& request) const;
    // Adds the headers that let an allowed origin read the response.
    void decorate(const HttpRequest& request, HttpResponse& response) const;

private:
    bool allows(const std::string& origin) const;
    std::vector<std::string> m_origins;
};

// "a, b" -> {"a", "b"}
std::vector<std::string> parseOriginList(const std::string& text);

} // namespace lumen::server
