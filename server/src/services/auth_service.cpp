#include "services/auth_service.h"

#include "lumen/core/date.h"
#include "lumen/security/password_hasher.h"
#include "lumen/security/rbac.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"

namespace lumen::server {

using core::Error;
using core::ErrorKind;

AuthService::AuthService(const core::Clock& clock, AuthSettings settings, store::ConnectionPool& readers,
                         store::WriteQueue& writer, const AuditLog& audit)
    : m_clock(clock), m_settings(settings), m_readers(readers), m_writer(writer), m_audit(audit),
      m_tokens(clock, settings.tokenLifetime), m_dummyHash(security::hashPassword("lumen-no-such-user"))
{
}

protocol::SessionInfo AuthService::login(const std::string& username, const std::string& password,
                                         const std::string& clientAddress)
{
    const auto now = m_clock.now();
    const auto nowIso = core::formatIsoTimestamp(now);
    std::optional<store::UserRecord> user;
    {
        auto db = m_readers.lease();
        user = store::UserRepository(*db).findByUsername(username);
    }
    auto audit = [&](const std::string& action, const std::string& detail) {
        return core::AuditEntry{0,
                                nowIso,
                                user ? user->username : "-",
                                clientAddress,
                                action,
                                "session",
                                username.substr(0, 64),
                                std::nullopt,
                                detail,
                                "",
                                ""};
    };
    const Error invalid(ErrorKind::Unauthorized, "invalid_credentials",
                        "The user name or password is wrong.");

    if (!user || !user->active) {
        security::verifyPassword(password, m_dummyHash);
        m_audit.record(audit("login.failed", "unknown or inactive user"));
        throw invalid;
    }
    if (user->lockedUntil && *user->lockedUntil > nowIso) {
        m_audit.record(audit("login.refused", "account locked until " + *user->lockedUntil));
        throw Error(ErrorKind::Forbidden, "account_locked",
                    "Too many failed sign-ins; the account is locked until " + *user->lockedUntil +
                        " (UTC).");
    }
    if (!security::verifyPassword(password, user->passwordHash)) {
        const int failures = user->failedLogins + 1;
        std::optional<std::string> lockedUntil;
        if (failures >= m_settings.lockoutThreshold)
            lockedUntil = core::formatIsoTimestamp(now + m_settings.lockoutDuration);
        const auto entry = audit("login.failed", "wrong password, failure " + std::to_string(failures) +
                                                     (lockedUntil ? ", locked until " + *lockedUntil : ""));
        m_writer
            .submit([&, id = user->id](store::Database& db) {
                store::UserRepository(db).recordFailedLogin(id, lockedUntil ? 0 : failures, lockedUntil);
                m_audit.appendInJob(db, entry);
            })
            .get();
        if (lockedUntil)
            throw Error(ErrorKind::Forbidden, "account_locked",
                        "Too many failed sign-ins; the account is locked until " + *lockedUntil + " (UTC).");
        throw invalid;
    }
    const auto entry = audit("login", "signed in");
    m_writer
        .submit([&, id = user->id,
                 hadFailures = user->failedLogins > 0 || user->lockedUntil](store::Database& db) {
            if (hadFailures)
                store::UserRepository(db).resetFailedLogins(id);
            m_audit.appendInJob(db, entry);
        })
        .get();

    Principal principal = loadPrincipal(user->id);
    const auto issued = m_tokens.issue(user->id);
    {
        std::unique_lock lock(m_cacheMutex);
        m_principals[user->id] = principal;
    }
    return protocol::SessionInfo{issued.token, core::formatIsoTimestamp(issued.expiresAt),
                                 describe(principal)};
}

Principal AuthService::loadPrincipal(std::int64_t userId)
{
    auto db = m_readers.lease();
    const auto user = store::UserRepository(*db).findById(userId);
    if (!user || !user->active)
        throw Error(ErrorKind::Unauthorized, "unauthorized", "The account no longer exists; sign in again.");
    Principal p;
    p.userId = user->id;
    p.username = user->username;
    p.displayName = user->displayName;
    p.roles = user->roles;
    std::vector<core::Role> roles;
    for (const auto& r : user->roles)
        roles.push_back(r.role);
    p.permissions = security::permissionsOf(roles);
    return p;
}

Principal AuthService::authenticate(const std::string& header, const std::string& clientAddress)
{
    static constexpr std::string_view scheme = "Bearer ";
    if (header.size() <= scheme.size() || header.compare(0, scheme.size(), scheme) != 0)
        throw Error(ErrorKind::Unauthorized, "unauthorized",
                    "Sign in first: this request needs a bearer token.");
    const std::string token = header.substr(scheme.size());
    const auto owner = m_tokens.validate(token);
    Principal p;
    {
        std::shared_lock lock(m_cacheMutex);
        const auto it = m_principals.find(owner.userId);
        if (it != m_principals.end())
            p = it->second;
    }
    if (p.userId == 0) {
        p = loadPrincipal(owner.userId);
        std::unique_lock lock(m_cacheMutex);
        m_principals[owner.userId] = p;
    }
    p.clientAddress = clientAddress;
    p.token = token;
    return p;
}

void AuthService::logout(const Principal& principal)
{
    m_tokens.revoke(principal.token);
    m_audit.record(core::AuditEntry{0, core::formatIsoTimestamp(m_clock.now()), principal.username,
                                    principal.clientAddress, "logout", "session", principal.username,
                                    std::nullopt, "signed out", "", ""});
}

std::string AuthService::expiresAt(const Principal& principal)
{
    return core::formatIsoTimestamp(m_tokens.validate(principal.token).expiresAt);
}

protocol::SessionUser AuthService::describe(const Principal& p) const
{
    protocol::SessionUser user;
    user.id = p.userId;
    user.username = p.username;
    user.displayName = p.displayName;
    for (const auto& r : p.roles)
        user.roles.push_back({std::string(core::toString(r.role)), r.department});
    for (auto perm : p.permissions)
        user.permissions.emplace_back(core::toString(perm));
    return user;
}

} // namespace lumen::server
