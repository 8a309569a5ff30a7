#pragma once
// Maps method + path pattern ("/api/v1/patients/{id}") to handlers. Unknown paths get 404,
// known paths with another method 405.
#include "http/http_types.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace lumen::server {

using PathParams = std::map<std::string, std::string>;
using RouteHandler = std::function<HttpResponse(const HttpRequest&, const PathParams&)>;

class Router
{
public:
    void add(std::string method, const std::string& pattern, RouteHandler handler);
    HttpResponse dispatch(const HttpRequest& request) const;

private:
    struct Route
    {
        std::string method;
        std::vector<std::string> segments; // "{name}" captures one segment
        RouteHandler handler;
    };
    std::vector<Route> m_routes;
};

std::vector<std::string> splitPath(const std::string& path);

} // namespace lumen::server
