#pragma once
// Opaque bearer tokens held in memory: 256 random bits, a fixed lifetime, revocable.
#include "lumen/core/clock.h"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lumen::security {

struct IssuedToken
{
    std::string token;
    std::chrono::system_clock::time_point expiresAt;
};

struct TokenOwner
{
    std::int64_t userId = 0;
    std::chrono::system_clock::time_point expiresAt;
};

class TokenService
{
public:
    TokenService(const core::Clock& clock, std::chrono::seconds lifetime);

    IssuedToken issue(std::int64_t userId);
    // Throws core::Error(Unauthorized, "unauthorized" | "token_expired").
    TokenOwner validate(const std::string& token);
    void revoke(const std::string& token);
    void revokeAllOf(std::int64_t userId);

private:
    void purgeExpiredLocked(std::chrono::system_clock::time_point now);

    const core::Clock& m_clock;
    std::chrono::seconds m_lifetime;
    std::mutex m_mutex;
    std::unordered_map<std::string, TokenOwner> m_tokens;
    std::chrono::system_clock::time_point m_lastPurge;
};

} // namespace lumen::security
