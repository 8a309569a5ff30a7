#include "mllp_client.h"

#include "lumen/hl7/mllp_deframer.h"
#include "lumen/hl7/parser.h"

#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace lumen::test {

MllpClient::MllpClient(unsigned short port)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (m_fd >= 0 && ::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

MllpClient::~MllpClient()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool MllpClient::sendBytes(const std::string& bytes)
{
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const auto n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += std::size_t(n);
    }
    return true;
}

std::string MllpClient::exchange(const std::string& message, int timeoutMs)
{
    if (m_fd < 0 || !sendBytes(hl7::mllpFrame(message)))
        return {};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (true) {
        const auto start = m_pending.find(hl7::mllpStart);
        const auto end = m_pending.find(hl7::mllpEnd);
        if (start != std::string::npos && end != std::string::npos && end > start) {
            auto answer = m_pending.substr(start + 1, end - start - 1);
            m_pending.erase(0, end + 1);
            return answer;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
                .count();
        pollfd p{m_fd, POLLIN, 0};
        if (left <= 0 || ::poll(&p, 1, int(left)) <= 0)
            return {};
        char buffer[8192];
        const auto n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            return {};
        m_pending.append(buffer, std::size_t(n));
    }
}

bool MllpClient::waitForClose(int timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (true) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
                .count();
        pollfd p{m_fd, POLLIN, 0};
        if (left <= 0 || ::poll(&p, 1, int(left)) <= 0)
            return false;
        char buffer[8192];
        const auto n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            return true;
    }
}

std::string ackCode(const std::string& answer)
{
    try {
        const auto m = hl7::parseMessage(answer);
        return m.first("MSA") ? m.first("MSA")->value(1) : std::string();
    } catch (const std::exception&) {
        return {};
    }
}

std::string ackErrorCode(const std::string& answer)
{
    try {
        const auto m = hl7::parseMessage(answer);
        return m.first("ERR") ? m.first("ERR")->value(3) : std::string();
    } catch (const std::exception&) {
        return {};
    }
}

} // namespace lumen::test
