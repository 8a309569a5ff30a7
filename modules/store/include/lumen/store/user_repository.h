#pragma once
// Accounts, their role assignments and login-failure counters.
#include "lumen/core/role.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lumen::store {

class Database;

struct RoleInDepartment
{
    core::Role role;
    std::string department;
};

struct UserRecord
{
    std::int64_t id = 0;
    std::string username;
    std::string displayName;
    std::string passwordHash;
    bool active = true;
    int failedLogins = 0;
    std::optional<std::string> lockedUntil; // ISO timestamp
    std::vector<RoleInDepartment> roles;
};

class UserRepository
{
public:
    explicit UserRepository(Database& db) : m_db(db) {}

    std::optional<UserRecord> findByUsername(const std::string& username);
    std::optional<UserRecord> findById(std::int64_t id);
    std::int64_t count();
    std::int64_t insert(const UserRecord& user, const std::string& nowIso);
    void recordFailedLogin(std::int64_t id, int failedLogins, const std::optional<std::string>& lockedUntil);
    void resetFailedLogins(std::int64_t id);

private:
    std::optional<UserRecord> readOne(std::string_view whereClause, const std::string* text, std::int64_t id);
    Database& m_db;
};

} // namespace lumen::store
