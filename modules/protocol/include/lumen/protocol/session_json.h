#pragma once
// The signed-in user as the session endpoints describe it.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace lumen::protocol {

struct RoleAssignment
{
    std::string role;
    std::string department;
};

struct SessionUser
{
    std::int64_t id = 0;
    std::string username;
    std::string displayName;
    std::vector<RoleAssignment> roles;
    std::vector<std::string> permissions;

    bool has(const std::string& permission) const;
};

struct SessionInfo
{
    std::string token;
    std::string expiresAt;
    SessionUser user;
};

nlohmann::json toJson(const SessionUser& user);
SessionUser sessionUserFromJson(const nlohmann::json& json);
nlohmann::json toJson(const SessionInfo& session);
SessionInfo sessionInfoFromJson(const nlohmann::json& json);

} // namespace lumen::protocol
