#pragma once
// Sign-in with Argon2id passwords and lock-out, bearer-token authentication, sign-out.
#include "lumen/core/clock.h"
#include "lumen/protocol/session_json.h"
#include "lumen/security/token_service.h"
#include "services/principal.h"

#include <memory>
#include <shared_mutex>
#include <unordered_map>

namespace lumen::store {
class ConnectionPool;
class WriteQueue;
} // namespace lumen::store

namespace lumen::server {

class AuditLog;

struct AuthSettings
{
    std::chrono::seconds tokenLifetime{8 * 3600};
    int lockoutThreshold = 5;
    std::chrono::minutes lockoutDuration{15};
};

class AuthService
{
public:
    AuthService(const core::Clock& clock, AuthSettings settings, store::ConnectionPool& readers,
                store::WriteQueue& writer, const AuditLog& audit);

    // Throws core::Error: 401 invalid_credentials, 403 account_locked.
    protocol::SessionInfo login(const std::string& username, const std::string& password,
                                const std::string& clientAddress);
    // Resolves "Bearer <token>"; throws 401 unauthorized / token_expired.
    Principal authenticate(const std::string& authorizationHeader, const std::string& clientAddress);
    void logout(const Principal& principal);
    protocol::SessionUser describe(const Principal& principal) const;
    std::string expiresAt(const Principal& principal);

private:
    Principal loadPrincipal(std::int64_t userId);

    const core::Clock& m_clock;
    AuthSettings m_settings;
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
    security::TokenService m_tokens;
    std::shared_mutex m_cacheMutex;
    std::unordered_map<std::int64_t, Principal> m_principals; // filled at sign-in
    std::string m_dummyHash; // verified against for unknown users, so timing does not reveal them
};

} // namespace lumen::server
