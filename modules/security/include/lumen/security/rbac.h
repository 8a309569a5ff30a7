#pragma once
// Which permissions each role grants. The server checks permissions, never role names.
#include "lumen/core/role.h"

#include <set>
#include <vector>

namespace lumen::security {

const std::set<core::Permission>& permissionsOf(core::Role role);
std::set<core::Permission> permissionsOf(const std::vector<core::Role>& roles);

} // namespace lumen::security
