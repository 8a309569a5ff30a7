#pragma once
// A plain-socket MLLP sender for the HL7 integration tests, usable from any thread.
#include <string>

namespace lumen::test {

class MllpClient
{
public:
    explicit MllpClient(unsigned short port);
    ~MllpClient();
    MllpClient(const MllpClient&) = delete;
    MllpClient& operator=(const MllpClient&) = delete;

    bool connected() const { return m_fd >= 0; }
    bool sendBytes(const std::string& bytes);
    // Sends one framed message and returns the unframed answer ("" when none came).
    std::string exchange(const std::string& message, int timeoutMs = 15000);
    // Reads until the server closes the connection; false when it stayed open `timeoutMs`.
    bool waitForClose(int timeoutMs);

private:
    int m_fd = -1;
    std::string m_pending;
};

// MSA-1 of an answer ("AA", "AE", "AR"), and ERR-3.1 (the HL7 error code) or "".
std::string ackCode(const std::string& answer);
std::string ackErrorCode(const std::string& answer);

} // namespace lumen::test
