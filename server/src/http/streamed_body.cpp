#include "http/streamed_body.h"

#include "lumen/core/error.h"

#include <filesystem>

#include <fcntl.h>
#include <poll.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace lumen::server {

namespace {

// Waits until the socket can take more; false after `timeout` without progress.
bool waitWritable(int fd, std::chrono::milliseconds timeout, std::string& error)
{
    pollfd p{fd, POLLOUT, 0};
    for (;;) {
        const int rc = ::poll(&p, 1, int(timeout.count()));
        if (rc > 0)
            return true;
        if (rc == 0) {
            error = "the client stopped reading";
            return false;
        }
        if (errno != EINTR) {
            error = std::string("poll: ") + std::strerror(errno);
            return false;
        }
    }
}

// `more`: a file follows at once, so the kernel may hold these bytes to fill a packet with it.
bool sendBytes(int fd, const std::string& bytes, bool more, std::chrono::milliseconds timeout,
               std::string& error)
{
    const int flags = MSG_NOSIGNAL | (more ? MSG_MORE : 0);
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, flags);
        if (n > 0) {
            sent += std::size_t(n);
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!waitWritable(fd, timeout, error))
                return false;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            error = std::string("send: ") + std::strerror(errno);
            return false;
        }
    }
    return true;
}

bool sendFile(int socketFd, const BodyPiece& piece, std::chrono::milliseconds timeout, std::string& error)
{
    const int fd = ::open(piece.filePath.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = "open " + piece.filePath + ": " + std::strerror(errno);
        return false;
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0 || std::uint64_t(st.st_size) != piece.fileSize) {
        ::close(fd);
        error = piece.filePath + " changed size while it was being sent";
        return false;
    }
    off_t offset = 0;
    bool ok = true;
    while (ok && std::uint64_t(offset) < piece.fileSize) {
        const std::size_t chunk = std::size_t(std::min<std::uint64_t>(piece.fileSize - offset, 8u << 20));
        const ssize_t n = ::sendfile(socketFd, fd, &offset, chunk);
        if (n > 0)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            ok = waitWritable(socketFd, timeout, error);
        else if (n < 0 && errno == EINTR)
            continue;
        else {
            error =
                n == 0 ? piece.filePath + " ended early" : std::string("sendfile: ") + std::strerror(errno);
            ok = false;
        }
    }
    ::close(fd);
    return ok;
}

} // namespace

BodyPiece storedFile(const std::string& path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        throw core::Error(core::ErrorKind::Internal, "internal", "A stored file could not be read.");
    return BodyPiece{"", path, std::uint64_t(size)};
}

std::uint64_t streamedLength(const std::vector<BodyPiece>& pieces)
{
    std::uint64_t total = 0;
    for (const auto& piece : pieces)
        total += piece.filePath.empty() ? piece.bytes.size() : piece.fileSize;
    return total;
}

bool sendStreamed(int socketFd, const std::string& head, const std::vector<BodyPiece>& pieces,
                  std::chrono::milliseconds stallTimeout, std::string& error)
{
    // Small pieces (part headers) are sent together with what precedes them: one send each
    // would cost a syscall and, with TCP_NODELAY, a tiny packet per part.
    std::string pending = head;
    for (const auto& piece : pieces) {
        if (piece.filePath.empty()) {
            pending += piece.bytes;
            continue;
        }
        if (!pending.empty() && !sendBytes(socketFd, pending, true, stallTimeout, error))
            return false;
        pending.clear();
        if (!sendFile(socketFd, piece, stallTimeout, error))
            return false;
    }
    return pending.empty() || sendBytes(socketFd, pending, false, stallTimeout, error);
}

} // namespace lumen::server
