#include "http/http_server.h"

#include "http/streamed_body.h"
#include "http/url.h"
#include "log.h"
#include "lumen/protocol/error_json.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <csignal>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

namespace lumen::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

HttpResponse errorResponse(int status, const std::string& code, const std::string& message)
{
    return HttpResponse{status, protocol::errorBody(code, message), "application/json; charset=utf-8", {}};
}

class Session : public std::enable_shared_from_this<Session>
{
public:
    Session(tcp::socket&& socket, const HttpServer::Options& options, const HttpServer::Handler& handler,
            asio::thread_pool& workers)
        : m_stream(std::move(socket)), m_options(options), m_handler(handler), m_workers(workers)
    {
        beast::error_code ec;
        const auto endpoint = m_stream.socket().remote_endpoint(ec);
        m_clientAddress = ec ? "unknown" : endpoint.address().to_string();
        m_stream.socket().set_option(tcp::no_delay(true), ec);
    }

    void start()
    {
        asio::dispatch(m_stream.get_executor(),
                       beast::bind_front_handler(&Session::readRequest, shared_from_this()));
    }

    // Server shutdown: a response being written still goes out, then the connection closes;
    // an idle connection closes at once.
    void stopGracefully()
    {
        asio::post(m_stream.get_executor(), [self = shared_from_this()] {
            self->m_stopping = true;
            if (!self->m_writing)
                self->close();
        });
    }

private:
    void readRequest()
    {
        if (m_stopping)
            return close();
        m_parser.emplace();
        // The header decides which limit applies (see onHeader); until then allow the larger.
        m_parser->body_limit(std::max(m_options.bodyLimitBytes, m_options.largeBodyLimitBytes));
        m_parser->header_limit(16 * 1024);
        m_stream.expires_after(m_options.idleTimeout);
        http::async_read_header(m_stream, m_buffer, *m_parser,
                                beast::bind_front_handler(&Session::onHeader, shared_from_this()));
    }

    std::size_t bodyLimitFor(std::string_view target) const
    {
        if (m_options.bodyLimitOverride)
            if (const auto limit = m_options.bodyLimitOverride(target.substr(0, target.find('?'))))
                return *limit;
        return target.substr(0, m_options.largeBodyPathPrefix.size()) == m_options.largeBodyPathPrefix
                   ? m_options.largeBodyLimitBytes
                   : m_options.bodyLimitBytes;
    }

    void onHeader(beast::error_code ec, std::size_t bytes)
    {
        if (ec)
            return onRead(ec, bytes);
        const auto limit = bodyLimitFor(m_parser->get().target());
        m_parser->body_limit(limit);
        if (m_parser->content_length() && *m_parser->content_length() > limit)
            return onRead(http::error::body_limit, bytes);
        http::async_read(m_stream, m_buffer, *m_parser,
                         beast::bind_front_handler(&Session::onRead, shared_from_this()));
    }

    void onRead(beast::error_code ec, std::size_t)
    {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
            ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
            ec == asio::error::eof)
            return close();
        if (ec == http::error::body_limit) {
            const auto limit = bodyLimitFor(m_parser->get().target());
            return write(errorResponse(413, "body_too_large",
                                       "The request body exceeds " + std::to_string(limit) + " bytes."),
                         false, 11);
        }
        if (ec == http::error::header_limit)
            return write(errorResponse(431, "bad_request", "The request headers are too large."), false, 11);
        if (ec) {
            if (ec.category() == http::make_error_code(http::error::bad_target).category())
                return write(
                    errorResponse(400, "bad_request", "Malformed HTTP request: " + ec.message() + "."), false,
                    11);
            return close();
        }

        auto message = m_parser->release();
        const bool keepAlive = message.keep_alive();
        const unsigned version = message.version();

        HttpRequest request;
        request.method = std::string(message.method_string());
        request.clientAddress = m_clientAddress;
        request.authorization = std::string(message[http::field::authorization]);
        request.contentType = std::string(message[http::field::content_type]);
        request.host = std::string(message[http::field::host]);
        request.accept = std::string(message[http::field::accept]);
        request.origin = std::string(message[http::field::origin]);
        request.body = std::move(message.body());
        const std::string_view target = message.target();
        const auto questionMark = target.find('?');
        const auto path = percentDecode(target.substr(0, questionMark), false);
        const auto query = questionMark == std::string_view::npos
                               ? std::optional<std::map<std::string, std::string>>(std::in_place)
                               : parseQuery(target.substr(questionMark + 1));
        if (!path || !query || !isValidUtf8(*path))
            return write(
                errorResponse(400, "bad_request", "The request URL is not properly percent-encoded UTF-8."),
                keepAlive, version);
        request.path = *path;
        request.query = *query;

        // Handlers may block on the database: run them on the worker pool, reply on our strand.
        asio::post(m_workers, [self = shared_from_this(), request = std::move(request), keepAlive,
                               version]() mutable {
            HttpResponse response;
            try {
                response = self->m_handler(request);
            } catch (const std::exception& e) {
                logLine(LogLevel::Error, "http", "unhandled exception in handler", {{"error", e.what()}});
                response = errorResponse(500, "internal", "The server failed to handle the request.");
            }
            if (!response.streamedBody.empty())
                return self->writeStreamed(response, keepAlive, version);
            asio::post(self->m_stream.get_executor(),
                       [self, response = std::move(response), keepAlive, version]() mutable {
                           self->write(std::move(response), keepAlive, version);
                       });
        });
    }

    template <class Message> void setCommonHeaders(Message& res, const HttpResponse& response)
    {
        res.set(http::field::server, "lumen-server");
        res.set(http::field::content_type, response.contentType);
        res.set(http::field::cache_control, "no-store");
        for (const auto& [name, value] : response.headers)
            res.set(name, value);
    }

    // Runs on the worker that made the response, which owns the connection until it is sent:
    // no operation of the strand is pending on the socket meanwhile, and the server's stop()
    // joins the workers before it closes sessions, so the send is never cut short by it.
    void writeStreamed(const HttpResponse& response, bool keepAlive, unsigned version)
    {
        http::response<http::empty_body> res(static_cast<http::status>(response.status), version);
        setCommonHeaders(res, response);
        res.content_length(streamedLength(response.streamedBody));
        res.keep_alive(keepAlive);
        std::ostringstream head;
        head << res.base();
        std::string error;
        const bool sent =
            sendStreamed(m_stream.socket().native_handle(), head.str(), response.streamedBody,
                         std::chrono::duration_cast<std::chrono::milliseconds>(m_options.idleTimeout), error);
        if (!sent)
            logLine(LogLevel::Warning, "http", "streamed response cut off",
                    {{"client", m_clientAddress}, {"error", error}});
        asio::post(m_stream.get_executor(), [self = shared_from_this(), sent, keepAlive] {
            if (!sent || !keepAlive || self->m_stopping)
                return self->close();
            self->readRequest();
        });
    }

    void write(HttpResponse response, bool keepAlive, unsigned version)
    {
        auto res = std::make_shared<http::response<http::string_body>>(
            static_cast<http::status>(response.status), version);
        setCommonHeaders(*res, response);
        res->body() = std::move(response.body);
        res->keep_alive(keepAlive);
        res->prepare_payload();
        m_stream.expires_after(m_options.idleTimeout);
        m_writing = true;
        http::async_write(m_stream, *res,
                          [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                              self->m_writing = false;
                              if (ec || !res->keep_alive() || self->m_stopping)
                                  return self->close();
                              self->readRequest();
                          });
    }

    void close()
    {
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        m_stream.socket().close(ec);
    }

    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    const HttpServer::Options& m_options;
    const HttpServer::Handler& m_handler;
    asio::thread_pool& m_workers;
    std::string m_clientAddress;
    bool m_writing = false;  // touched on the strand only
    bool m_stopping = false; // touched on the strand only
};

} // namespace

struct HttpServer::Impl
{
    Impl(Options o, Handler h)
        : options(std::move(o)), handler(std::move(h)), io(options.ioThreads),
          workers(std::size_t(options.workerThreads)), acceptor(asio::make_strand(io))
    {
    }

    void accept()
    {
        acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted)
                return;
            if (!ec) {
                auto session = std::make_shared<Session>(std::move(socket), options, handler, workers);
                remember(session);
                session->start();
            }
            accept();
        });
    }

    void remember(const std::shared_ptr<Session>& session)
    {
        std::lock_guard lock(sessionsMutex);
        std::erase_if(sessions, [](const auto& weak) { return weak.expired(); });
        sessions.push_back(session);
    }

    void stopSessions()
    {
        std::lock_guard lock(sessionsMutex);
        for (const auto& weak : sessions)
            if (auto session = weak.lock())
                session->stopGracefully();
    }

    bool hasLiveSessions()
    {
        std::lock_guard lock(sessionsMutex);
        return std::any_of(sessions.begin(), sessions.end(),
                           [](const auto& weak) { return !weak.expired(); });
    }

    Options options;
    Handler handler;
    std::mutex sessionsMutex;
    std::vector<std::weak_ptr<Session>> sessions;
    asio::io_context io;
    asio::thread_pool workers;
    tcp::acceptor acceptor;
    std::vector<std::thread> threads;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
};

HttpServer::HttpServer(Options options, Handler handler)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(handler)))
{
}

HttpServer::~HttpServer()
{
    stop();
}

unsigned short HttpServer::start()
{
    auto& impl = *m_impl;
    // A client that hangs up during sendfile() must not kill the server with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    const tcp::endpoint endpoint(asio::ip::make_address(impl.options.bindAddress), impl.options.port);
    impl.acceptor.open(endpoint.protocol());
    impl.acceptor.set_option(asio::socket_base::reuse_address(true));
    impl.acceptor.bind(endpoint);
    impl.acceptor.listen(asio::socket_base::max_listen_connections);
    const auto port = impl.acceptor.local_endpoint().port();
    impl.accept();
    impl.guard.emplace(impl.io.get_executor());
    for (int i = 0; i < impl.options.ioThreads; ++i)
        impl.threads.emplace_back([&impl] { impl.io.run(); });
    return port;
}

void HttpServer::stop()
{
    auto& impl = *m_impl;
    if (impl.threads.empty())
        return;
    asio::post(impl.acceptor.get_executor(), [&impl] {
        beast::error_code ec;
        impl.acceptor.close(ec);
    });
    // The work guard stays until the connections are done: a handler's response is posted
    // while its session has no I/O pending, and the I/O threads must still be there for it.
    // Let in-flight handlers finish so no accepted change is cut off halfway; their responses
    // are queued on the sessions' strands before the sessions are told to stop, so they are
    // written before the connections close.
    impl.workers.join();
    impl.stopSessions();
    // Wait until every connection has closed, but not longer than a few seconds for a peer
    // that does not read its response.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (impl.hasLiveSessions() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    impl.guard.reset();
    impl.io.stop();
    for (auto& t : impl.threads)
        t.join();
    impl.threads.clear();
}

} // namespace lumen::server
