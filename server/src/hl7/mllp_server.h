#pragma once
// The MLLP listener for HL7 v2 (Boost.Asio). Frames are read on one I/O thread and each
// message is handled on a worker pool (the handler may wait for the database); a connection
// handles its messages one at a time, in order, as MLLP senders expect. Bytes outside a
// frame or a frame over the size limit close the connection; so does the idle timeout.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace lumen::server {

class MllpServer
{
public:
    struct Options
    {
        std::string bindAddress = "127.0.0.1";
        unsigned short port = 2575;
        std::size_t maxMessageBytes = 1024 * 1024;
        std::chrono::seconds idleTimeout{600};
        int maxConnections = 64;
        int workerThreads = 4;
    };
    // Given one message (unframed) and the peer's address, returns the answer (unframed).
    using Handler = std::function<std::string(const std::string& message, const std::string& peer)>;

    MllpServer(Options options, Handler handler);
    ~MllpServer();

    // Binds and starts accepting; returns the bound port (useful with port 0).
    unsigned short start();
    // Stops accepting, closes connections, waits for messages being handled.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace lumen::server
