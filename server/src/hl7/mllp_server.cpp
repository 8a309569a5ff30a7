#include "hl7/mllp_server.h"

#include "log.h"
#include "lumen/hl7/mllp_deframer.h"

#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <thread>

namespace lumen::server {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

class Connection : public std::enable_shared_from_this<Connection>
{
public:
    Connection(tcp::socket socket, const MllpServer::Options& options, const MllpServer::Handler& handler,
               asio::thread_pool& workers, std::atomic<int>& open)
        : m_socket(std::move(socket)), m_timer(m_socket.get_executor()), m_options(options),
          m_handler(handler), m_workers(workers), m_open(open), m_deframer(options.maxMessageBytes)
    {
        boost::system::error_code ec;
        const auto endpoint = m_socket.remote_endpoint(ec);
        m_peer = ec ? std::string("?") : endpoint.address().to_string();
        m_socket.set_option(tcp::no_delay(true), ec);
    }
    ~Connection() { --m_open; }

    void start()
    {
        armTimer();
        read();
    }

private:
    void armTimer()
    {
        m_timer.expires_after(m_options.idleTimeout);
        m_timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
            if (ec)
                return;
            // A message being handled is not idleness; look again after it.
            if (self->m_busy) {
                self->armTimer();
                return;
            }
            logLine(LogLevel::Info, "hl7", "idle connection closed", {{"peer", self->m_peer}});
            self->close();
        });
    }

    void read()
    {
        m_socket.async_read_some(
            asio::buffer(m_buffer),
            [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
                if (ec) {
                    self->close();
                    return;
                }
                self->armTimer();
                const auto state = self->m_deframer.feed(std::string_view(self->m_buffer.data(), n));
                if (state != hl7::MllpDeframer::State::Ok && !self->m_deframer.hasMessage()) {
                    logLine(LogLevel::Warning, "hl7", "connection closed",
                            {{"peer", self->m_peer},
                             {"reason", state == hl7::MllpDeframer::State::Oversized
                                            ? "message over the size limit"
                                            : "bytes outside an MLLP frame"}});
                    self->close();
                    return;
                }
                self->handleNext();
            });
    }

    // One message at a time: the sender waits for each answer before the next message.
    void handleNext()
    {
        if (!m_deframer.hasMessage()) {
            if (m_deframer.state() != hl7::MllpDeframer::State::Ok) {
                close();
                return;
            }
            read();
            return;
        }
        m_busy = true;
        asio::post(m_workers, [self = shared_from_this(), message = m_deframer.next()] {
            std::string answer;
            try {
                answer = self->m_handler(message, self->m_peer);
            } catch (const std::exception& e) {
                logLine(LogLevel::Error, "hl7", "handler failed", {{"error", e.what()}});
            }
            asio::post(self->m_socket.get_executor(),
                       [self, answer = std::move(answer)]() mutable { self->write(std::move(answer)); });
        });
    }

    void write(std::string answer)
    {
        if (answer.empty()) {
            close();
            return;
        }
        auto frame = std::make_shared<std::string>(hl7::mllpFrame(answer));
        asio::async_write(
            m_socket, asio::buffer(*frame),
            [self = shared_from_this(), frame](const boost::system::error_code& ec, std::size_t) {
                self->m_busy = false;
                if (ec) {
                    self->close();
                    return;
                }
                self->handleNext();
            });
    }

    void close()
    {
        boost::system::error_code ignored;
        m_timer.cancel();
        m_socket.shutdown(tcp::socket::shutdown_both, ignored);
        m_socket.close(ignored);
    }

    tcp::socket m_socket;
    asio::steady_timer m_timer;
    const MllpServer::Options& m_options;
    const MllpServer::Handler& m_handler;
    asio::thread_pool& m_workers;
    std::atomic<int>& m_open;
    hl7::MllpDeframer m_deframer;
    std::array<char, 16 * 1024> m_buffer{};
    std::string m_peer;
    bool m_busy = false;
};

} // namespace

struct MllpServer::Impl
{
    Impl(Options o, Handler h)
        : options(std::move(o)), handler(std::move(h)), workers(std::size_t(options.workerThreads)),
          acceptor(io)
    {
    }

    void accept()
    {
        acceptor.async_accept(io, [this](const boost::system::error_code& ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted)
                return;
            if (!ec) {
                if (open.load() >= options.maxConnections) {
                    logLine(LogLevel::Warning, "hl7", "connection refused: too many open",
                            {{"max", std::to_string(options.maxConnections)}});
                    boost::system::error_code ignored;
                    socket.close(ignored);
                } else {
                    ++open;
                    std::make_shared<Connection>(std::move(socket), options, handler, workers, open)->start();
                }
            }
            accept();
        });
    }

    // Connections left in the I/O queue die with `io` and count down `open`: keep it older.
    Options options;
    Handler handler;
    std::atomic<int> open{0};
    asio::thread_pool workers;
    asio::io_context io;
    tcp::acceptor acceptor;
    std::thread thread;
    bool stopped = false;
};

MllpServer::MllpServer(Options options, Handler handler)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(handler)))
{
}

MllpServer::~MllpServer()
{
    stop();
}

unsigned short MllpServer::start()
{
    auto& i = *m_impl;
    const tcp::endpoint endpoint(asio::ip::make_address(i.options.bindAddress), i.options.port);
    i.acceptor.open(endpoint.protocol());
    i.acceptor.set_option(tcp::acceptor::reuse_address(true));
    i.acceptor.bind(endpoint);
    i.acceptor.listen();
    i.accept();
    i.thread = std::thread([&i] { i.io.run(); });
    return i.acceptor.local_endpoint().port();
}

void MllpServer::stop()
{
    auto& i = *m_impl;
    if (i.stopped)
        return;
    i.stopped = true;
    asio::post(i.io, [&i] {
        boost::system::error_code ignored;
        i.acceptor.close(ignored);
    });
    i.io.stop();
    if (i.thread.joinable())
        i.thread.join();
    i.workers.join();
}

} // namespace lumen::server
