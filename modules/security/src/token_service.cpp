#include "lumen/security/token_service.h"

#include "lumen/core/error.h"
#include "lumen/security/random.h"

namespace lumen::security {

TokenService::TokenService(const core::Clock& clock, std::chrono::seconds lifetime)
    : m_clock(clock), m_lifetime(lifetime), m_lastPurge(clock.now())
{
}

IssuedToken TokenService::issue(std::int64_t userId)
{
    IssuedToken issued{toHex(randomBytes(32)), m_clock.now() + m_lifetime};
    std::lock_guard lock(m_mutex);
    m_tokens[issued.token] = TokenOwner{userId, issued.expiresAt};
    return issued;
}

TokenOwner TokenService::validate(const std::string& token)
{
    const auto now = m_clock.now();
    std::lock_guard lock(m_mutex);
    purgeExpiredLocked(now);
    const auto it = m_tokens.find(token);
    if (it == m_tokens.end())
        throw core::Error(core::ErrorKind::Unauthorized, "unauthorized", "The session token is unknown; sign in again.");
    if (it->second.expiresAt <= now) {
        m_tokens.erase(it);
        throw core::Error(core::ErrorKind::Unauthorized, "token_expired", "The session has expired; sign in again.");
    }
    return it->second;
}

void TokenService::revoke(const std::string& token)
{
    std::lock_guard lock(m_mutex);
    m_tokens.erase(token);
}

void TokenService::revokeAllOf(std::int64_t userId)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_tokens, [userId](const auto& entry) { return entry.second.userId == userId; });
}

void TokenService::purgeExpiredLocked(std::chrono::system_clock::time_point now)
{
    // Expired tokens are kept a while so their owners hear "expired" rather than "unknown".
    if (now - m_lastPurge < std::chrono::minutes(10))
        return;
    m_lastPurge = now;
    std::erase_if(m_tokens, [now](const auto& entry) { return entry.second.expiresAt + std::chrono::hours(1) <= now; });
}

} // namespace lumen::security
