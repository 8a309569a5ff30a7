#pragma once
// The audit trail as a hash chain: each entry's HMAC-SM3 covers its fields and the previous
// entry's HMAC, so editing, inserting or deleting a row breaks every later link.
#include "lumen/core/audit_entry.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lumen::security {

std::string hmacSm3Hex(const std::vector<unsigned char>& key, const std::string& message);
// The canonical text of an entry's fields (without hashes) as covered by the HMAC.
std::string canonicalAuditText(const core::AuditEntry& entry);
std::string chainHash(const std::vector<unsigned char>& key, const std::string& prevHash,
                      const core::AuditEntry& entry);

struct ChainVerdict
{
    bool ok = true;
    std::int64_t entries = 0;
    std::optional<std::int64_t> firstBadSeq;
    std::string reason;
};

// Verifies entries delivered in ascending seq order by `next` (returns false at the end).
// `expectedHead` (seq, hash) is the recorded head of the chain: a missing tail is detected
// against it.
class AuditChainVerifier
{
public:
    explicit AuditChainVerifier(std::vector<unsigned char> key) : m_key(std::move(key)) {}
    // Feeds one entry; returns false once the chain is broken (later calls are ignored).
    bool feed(const core::AuditEntry& entry);
    ChainVerdict finish(std::int64_t expectedHeadSeq, const std::string& expectedHeadHash);

private:
    std::vector<unsigned char> m_key;
    ChainVerdict m_verdict;
    std::int64_t m_lastSeq = 0;
    std::string m_lastHash;
};

} // namespace lumen::security
