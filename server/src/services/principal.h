#pragma once
// The authenticated caller of a request, as the services see it.
#include "lumen/core/audit_entry.h"
#include "lumen/core/error.h"
#include "lumen/core/role.h"
#include "lumen/store/user_repository.h"

#include <set>
#include <string>

namespace lumen::server {

struct Principal
{
    std::int64_t userId = 0;
    std::string username;
    std::string displayName;
    std::vector<store::RoleInDepartment> roles;
    std::set<core::Permission> permissions;
    std::string clientAddress;
    std::string token;

    bool can(core::Permission p) const { return permissions.count(p) != 0; }
    void require(core::Permission p) const
    {
        if (!can(p))
            throw core::Error(core::ErrorKind::Forbidden, "forbidden",
                              "Your roles do not allow this action (needs " + std::string(core::toString(p)) +
                                  ").");
    }
};

} // namespace lumen::server
