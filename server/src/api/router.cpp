#include "api/router.h"

#include "lumen/core/error.h"

namespace lumen::server {

std::vector<std::string> splitPath(const std::string& path)
{
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string::npos ? path.size() : slash;
        if (end > start)
            segments.push_back(path.substr(start, end - start));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return segments;
}

void Router::add(std::string method, const std::string& pattern, RouteHandler handler)
{
    m_routes.push_back({std::move(method), splitPath(pattern), std::move(handler)});
}

HttpResponse Router::dispatch(const HttpRequest& request) const
{
    const auto segments = splitPath(request.path);
    bool pathKnown = false;
    for (const auto& route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        PathParams params;
        bool match = true;
        for (std::size_t i = 0; i < segments.size() && match; ++i) {
            const auto& pattern = route.segments[i];
            if (pattern.size() > 2 && pattern.front() == '{' && pattern.back() == '}')
                params[pattern.substr(1, pattern.size() - 2)] = segments[i];
            else
                match = pattern == segments[i];
        }
        if (!match)
            continue;
        pathKnown = true;
        if (route.method == request.method)
            return route.handler(request, params);
    }
    if (pathKnown)
        throw core::Error(core::ErrorKind::MethodNotAllowed, "method_not_allowed",
                          "Method " + request.method + " is not allowed on " + request.path + ".");
    throw core::Error(core::ErrorKind::NotFound, "not_found", "No such endpoint: " + request.path + ".");
}

} // namespace lumen::server
