#include "lumen/security/audit_chain.h"

#include "lumen/security/random.h"

#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>
#include <stdexcept>

namespace lumen::security {

std::string hmacSm3Hex(const std::vector<unsigned char>& key, const std::string& message)
{
    std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr), EVP_MAC_free);
    if (!mac)
        throw std::runtime_error("OpenSSL has no HMAC");
    std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx(EVP_MAC_CTX_new(mac.get()), EVP_MAC_CTX_free);
    char digest[] = "SM3";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest, 0), OSSL_PARAM_construct_end()};
    if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1 ||
        EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1)
        throw std::runtime_error("HMAC-SM3 initialisation failed");
    unsigned char out[EVP_MAX_MD_SIZE];
    std::size_t outLength = 0;
    if (EVP_MAC_final(ctx.get(), out, &outLength, sizeof out) != 1)
        throw std::runtime_error("HMAC-SM3 failed");
    return toHex(out, outLength);
}

std::string canonicalAuditText(const core::AuditEntry& e)
{
    // Length-prefixed fields, so no choice of field contents can forge another entry's text.
    std::string text;
    auto add = [&text](const std::string& field) {
        text += std::to_string(field.size());
        text += ':';
        text += field;
        text += ';';
    };
    add(std::to_string(e.seq));
    add(e.at);
    add(e.user);
    add(e.clientAddress);
    add(e.action);
    add(e.objectType);
    add(e.objectId);
    add(e.patientId ? std::to_string(*e.patientId) : std::string("-"));
    add(e.detail);
    return text;
}

std::string chainHash(const std::vector<unsigned char>& key, const std::string& prevHash,
                      const core::AuditEntry& entry)
{
    return hmacSm3Hex(key, prevHash + "|" + canonicalAuditText(entry));
}

bool AuditChainVerifier::feed(const core::AuditEntry& entry)
{
    if (!m_verdict.ok)
        return false;
    auto fail = [&](std::int64_t seq, std::string reason) {
        m_verdict.ok = false;
        m_verdict.firstBadSeq = seq;
        m_verdict.reason = std::move(reason);
        return false;
    };
    if (entry.seq != m_lastSeq + 1)
        return fail(m_lastSeq + 1, "entry " + std::to_string(m_lastSeq + 1) + " is missing");
    if (entry.prevHash != m_lastHash)
        return fail(entry.seq, "link to the previous entry is broken");
    if (chainHash(m_key, entry.prevHash, entry) != entry.hash)
        return fail(entry.seq, "contents do not match their HMAC-SM3");
    m_lastSeq = entry.seq;
    m_lastHash = entry.hash;
    ++m_verdict.entries;
    return true;
}

ChainVerdict AuditChainVerifier::finish(std::int64_t expectedHeadSeq, const std::string& expectedHeadHash)
{
    if (m_verdict.ok && (m_lastSeq != expectedHeadSeq || m_lastHash != expectedHeadHash)) {
        m_verdict.ok = false;
        m_verdict.firstBadSeq = m_lastSeq + 1;
        m_verdict.reason = m_lastSeq < expectedHeadSeq ? "entries after " + std::to_string(m_lastSeq) + " were deleted"
                                                       : "the chain head does not match the recorded head";
    }
    return m_verdict;
}

} // namespace lumen::security
