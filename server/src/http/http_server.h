#pragma once
// HTTP/1.1 server (Boost.Beast) with keep-alive, a body size limit and timeouts. Requests are
// parsed on the I/O threads and handed to a separate worker pool, so handlers may block on
// the database without stalling other connections.
#include "http/http_types.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace lumen::server {

class HttpServer
{
public:
    struct Options
    {
        std::string bindAddress = "127.0.0.1";
        unsigned short port = 8080;
        std::size_t bodyLimitBytes = 1024 * 1024;
        std::chrono::seconds idleTimeout{60};
        int ioThreads = 2;
        int workerThreads = 8;
        // Uploads of images (STOW-RS) may be far larger than API bodies.
        std::string largeBodyPathPrefix = "/dicom-web/";
        std::size_t largeBodyLimitBytes = 512ULL * 1024 * 1024;
        // Other paths with their own limit (e.g. exam attachments), by target without the query.
        std::function<std::optional<std::size_t>(std::string_view path)> bodyLimitOverride;
    };
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    HttpServer(Options options, Handler handler);
    ~HttpServer();

    // Binds and starts accepting; returns the bound port (useful with port 0).
    unsigned short start();
    // Stops accepting, closes connections and joins all threads.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace lumen::server
