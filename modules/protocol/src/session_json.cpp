#include "lumen/protocol/session_json.h"

#include "lumen/core/error.h"
#include "lumen/protocol/json_fields.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace lumen::protocol {

using nlohmann::json;

bool SessionUser::has(const std::string& permission) const
{
    return std::find(permissions.begin(), permissions.end(), permission) != permissions.end();
}

json toJson(const SessionUser& user)
{
    json roles = json::array();
    for (const auto& r : user.roles)
        roles.push_back({{"role", r.role}, {"department", r.department}});
    return {{"id", user.id},
            {"username", user.username},
            {"displayName", user.displayName},
            {"roles", roles},
            {"permissions", user.permissions}};
}

SessionUser sessionUserFromJson(const json& j)
{
    if (!j.is_object())
        throw core::Error(core::ErrorKind::BadRequest, "malformed_json", "A user must be a JSON object.");
    SessionUser user;
    user.id = requireInteger(j, "id");
    user.username = requireString(j, "username");
    user.displayName = optionalString(j, "displayName").value_or(user.username);
    if (auto it = j.find("roles"); it != j.end() && it->is_array())
        for (const auto& r : *it)
            user.roles.push_back({optionalString(r, "role").value_or(""), optionalString(r, "department").value_or("")});
    if (auto it = j.find("permissions"); it != j.end() && it->is_array())
        for (const auto& p : *it)
            if (p.is_string())
                user.permissions.push_back(p.get<std::string>());
    return user;
}

json toJson(const SessionInfo& session)
{
    return {{"token", session.token}, {"expiresAt", session.expiresAt}, {"user", toJson(session.user)}};
}

SessionInfo sessionInfoFromJson(const json& j)
{
    SessionInfo info;
    info.token = requireString(j, "token");
    info.expiresAt = optionalString(j, "expiresAt").value_or("");
    if (!j.contains("user"))
        throw core::Error(core::ErrorKind::BadRequest, "missing_field", "Field 'user' is required.");
    info.user = sessionUserFromJson(j.at("user"));
    return info;
}

} // namespace lumen::protocol
