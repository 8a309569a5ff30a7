#include "services/audit_log.h"

#include "lumen/core/date.h"
#include "lumen/security/random.h"
#include "lumen/store/audit_repository.h"
#include "lumen/store/write_queue.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lumen::server {

AuditLog::AuditLog(std::vector<unsigned char> key, store::WriteQueue& writer)
    : m_key(std::move(key)), m_writer(writer)
{
}

void AuditLog::appendInJob(store::Database& db, core::AuditEntry entry) const
{
    store::AuditRepository repo(db);
    const auto head = repo.head();
    entry.seq = head.seq + 1;
    if (entry.at.empty())
        entry.at = core::formatIsoTimestamp(std::chrono::system_clock::now());
    entry.prevHash = head.hash;
    entry.hash = security::chainHash(m_key, entry.prevHash, entry);
    repo.append(entry);
}

void AuditLog::record(core::AuditEntry entry) const
{
    m_writer.submit([this, entry = std::move(entry)](store::Database& db) { appendInJob(db, entry); }).get();
}

security::ChainVerdict AuditLog::verify(store::Database& db) const
{
    store::AuditRepository repo(db);
    security::AuditChainVerifier verifier(m_key);
    repo.forEach([&](const core::AuditEntry& e) { return verifier.feed(e); });
    const auto head = repo.head();
    return verifier.finish(head.seq, head.hash);
}

std::vector<unsigned char> AuditLog::loadKey(const std::string& path)
{
    std::ifstream in(path);
    std::string hex;
    if (!in || !(in >> hex))
        throw std::runtime_error("cannot read the audit key " + path);
    return security::fromHex(hex);
}

std::vector<unsigned char> AuditLog::loadOrCreateKey(const std::string& path)
{
    if (::access(path.c_str(), F_OK) == 0)
        return loadKey(path);
    const auto key = security::randomBytes(32);
    const std::string text = security::toHex(key) + "\n";
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ::write(fd, text.data(), text.size()) != ssize_t(text.size()) || ::fsync(fd) != 0) {
        if (fd >= 0)
            ::close(fd);
        throw std::runtime_error("cannot write the audit key " + path);
    }
    ::close(fd);
    if (::rename(tmp.c_str(), path.c_str()) != 0)
        throw std::runtime_error("cannot install the audit key " + path);
    return key;
}

} // namespace lumen::server
