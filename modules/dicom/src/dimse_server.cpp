#include "lumen/dicom/dimse_server.h"

#include "lumen_scp.h"

#include "dcmtk/dcmnet/assoc.h"
#include "dcmtk/dcmnet/diutil.h"
#include "dcmtk/dcmnet/dul.h"
#include "dcmtk/dcmnet/scpcfg.h"

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <list>
#include <mutex>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace lumen::dicom {
namespace {

constexpr Uint32 maxReceivePduBytes = 65536;

DcmSCPConfig makeConfig(const DimseServerOptions& options, unsigned short port)
{
    DcmSCPConfig config;
    config.setAETitle(options.aeTitle.c_str());
    config.setPort(port);
    config.setMaxReceivePDULength(maxReceivePduBytes);
    config.setACSETimeout(static_cast<Uint32>(options.acseTimeout.count()));
    config.setDIMSETimeout(static_cast<Uint32>(options.dimseTimeout.count()));
    config.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    config.setHostLookupEnabled(OFFalse);
    // Presentation contexts are negotiated by LumenScp::negotiateAssociation, not by a
    // DcmSCPConfig profile: a profile holds at most 128 abstract syntaxes.
    return config;
}

// DCMTK cannot report the port it bound, so a free one is found first. DCMTK binds the
// wildcard address with SO_REUSEADDR, so this probe binds the same.
unsigned short findFreePort()
{
    const int probe = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (probe < 0)
        throw std::runtime_error(std::string("cannot create a socket: ") + std::strerror(errno));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    const bool ok = ::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                    ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    const int error = errno;
    ::close(probe);
    if (!ok)
        throw std::runtime_error(std::string("cannot find a free port: ") + std::strerror(error));
    return ntohs(address.sin_port);
}

// DCMTK 3.6.7 disables Nagle's algorithm on accepted sockets only when the environment says
// TCP_NODELAY=1 (dcmnet/libsrc/dul.cc reads it at every accept). Without it every C-STORE
// response waits for a delayed ACK. An explicit TCP_NODELAY=0 from the operator is kept.
void enableTcpNoDelay()
{
    static std::once_flag once;
    std::call_once(once, [] { ::setenv("TCP_NODELAY", "1", 0); });
}

} // namespace

struct DimseServer::Impl
{
    struct Worker
    {
        std::thread thread;
        std::atomic<bool> done{false};
    };

    Impl(DimseServerOptions o, DimseHandler& h, StorageCommitmentHandler* commitment,
         WorklistHandler* worklist, MppsHandler* mpps)
        : options(std::move(o)), context{h,
                                         options.aeTitle,
                                         options.incomingDir,
                                         options.dimseTimeout,
                                         options.acseTimeout,
                                         stopping,
                                         commitment,
                                         worklist,
                                         mpps}
    {
    }

    void listen();
    void reapFinished();
    void serve(T_ASC_Association* association, Worker& worker);

    DimseServerOptions options;
    std::atomic<bool> stopping{false};
    detail::ScpContext context;
    DcmSharedSCPConfig config;
    T_ASC_Network* network = nullptr;
    std::thread listener;
    std::list<Worker> workers; // touched by the listener thread only, while it runs
    std::mutex lifecycle;
    bool running = false;
};

void DimseServer::Impl::reapFinished()
{
    for (auto it = workers.begin(); it != workers.end();) {
        if (it->done.load()) {
            it->thread.join();
            it = workers.erase(it);
        } else {
            ++it;
        }
    }
}

void DimseServer::Impl::serve(T_ASC_Association* association, Worker& worker)
{
    try {
        detail::LumenScp scp(context);
        scp.setSharedConfig(config);
        const OFCondition result = scp.run(association); // ~DcmSCP drops the association
        if (result.bad())
            DCMNET_DEBUG("Lumen: association ended: " << result.text());
    } catch (const std::exception& error) {
        DCMNET_ERROR("Lumen: association thread failed: " << error.what());
    }
    worker.done.store(true);
}

void DimseServer::Impl::listen()
{
    const auto maxAssociations = static_cast<std::size_t>(std::max(1, options.maxAssociations));
    while (!stopping.load()) {
        T_ASC_Association* association = nullptr;
        // Waits at most a second for a connection, so that stop() is noticed.
        const OFCondition cond = ASC_receiveAssociation(network, &association, maxReceivePduBytes, nullptr,
                                                        nullptr, OFFalse, DUL_NOBLOCK, 1);
        reapFinished();
        if (cond.bad()) {
            if (cond != DUL_NOASSOCIATIONREQUEST) {
                DCMNET_WARN("Lumen: could not receive an association request: " << cond.text());
                if (association != nullptr)
                    ASC_dropAssociation(association);
            }
            if (association != nullptr)
                ASC_destroyAssociation(&association);
            continue;
        }
        if (stopping.load() || workers.size() >= maxAssociations) {
            // Refused at once rather than queued: the SCU sees "local limit exceeded" and retries.
            DCMNET_WARN("Lumen: refusing association, " << workers.size() << " of " << maxAssociations
                                                        << " associations busy");
            T_ASC_RejectParameters reject{ASC_RESULT_REJECTEDTRANSIENT,
                                          ASC_SOURCE_SERVICEPROVIDER_PRESENTATION_RELATED,
                                          ASC_REASON_SP_PRES_LOCALLIMITEXCEEDED};
            ASC_rejectAssociation(association, &reject);
            ASC_dropAssociation(association);
            ASC_destroyAssociation(&association);
            continue;
        }
        Worker& worker = workers.emplace_back();
        try {
            worker.thread = std::thread([this, association, &worker] { serve(association, worker); });
        } catch (const std::system_error& error) {
            DCMNET_ERROR("Lumen: cannot start an association thread: " << error.what());
            workers.pop_back();
            ASC_dropAssociation(association);
            ASC_destroyAssociation(&association);
        }
    }
    // Associations in progress finish their current command; idle ones are aborted within a
    // second (LumenScp::handleAssociation watches `stopping`).
    for (Worker& worker : workers)
        worker.thread.join();
    workers.clear();
}

DimseServer::DimseServer(DimseServerOptions options, DimseHandler& handler,
                         StorageCommitmentHandler* commitment, WorklistHandler* worklist, MppsHandler* mpps)
    : m_impl(std::make_unique<Impl>(std::move(options), handler, commitment, worklist, mpps))
{
}

DimseServer::~DimseServer()
{
    stop();
}

unsigned short DimseServer::start()
{
    std::lock_guard lock(m_impl->lifecycle);
    if (m_impl->running)
        throw std::logic_error("DimseServer is already running");
    const DimseServerOptions& options = m_impl->options;
    if (options.incomingDir.empty())
        throw std::invalid_argument("DimseServerOptions.incomingDir is empty");
    std::filesystem::create_directories(options.incomingDir);

    enableTcpNoDelay();
    // A reverse DNS lookup per association can stall for seconds on a hospital network.
    dcmDisableGethostbyaddr.set(OFTrue);
    // C-MOVE connects to destinations: an unreachable one must not hold the SCU for the
    // system's TCP connect timeout (minutes). DCMTK keeps this process-wide; an explicit
    // setting is left alone.
    if (dcmConnectionTimeout.get() < 0)
        dcmConnectionTimeout.set(static_cast<Sint32>(options.acseTimeout.count()));
    // Retrieve decodes what a destination cannot take compressed.
    registerCodecs();

    const unsigned short port = options.port != 0 ? options.port : findFreePort();
    m_impl->config = DcmSharedSCPConfig(makeConfig(options, port));
    T_ASC_Network* network = nullptr;
    const OFCondition cond =
        ASC_initializeNetwork(NET_ACCEPTOR, port, static_cast<int>(options.acseTimeout.count()), &network);
    if (cond.bad())
        throw std::runtime_error("cannot listen for DICOM on port " + std::to_string(port) + ": " +
                                 cond.text());
    m_impl->network = network;
    m_impl->stopping.store(false);
    m_impl->listener = std::thread([impl = m_impl.get()] { impl->listen(); });
    m_impl->running = true;
    return port;
}

void DimseServer::stop()
{
    std::lock_guard lock(m_impl->lifecycle);
    if (!m_impl->running)
        return;
    m_impl->stopping.store(true);
    m_impl->listener.join();
    ASC_dropNetwork(&m_impl->network);
    m_impl->network = nullptr;
    m_impl->running = false;
}

} // namespace lumen::dicom
