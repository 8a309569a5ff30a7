#pragma once
// Generated demo content for `--demo`: one account per role and plausible patients with
// Chinese names and valid identifiers. Deterministic, so screenshots and docs stay stable.
#include "lumen/core/patient.h"
#include "lumen/core/role.h"

#include <string>
#include <vector>

namespace lumen::server {

struct DemoUser
{
    std::string username;
    std::string displayName;
    core::Role role;
    std::string department;
};

inline constexpr const char* demoPassword = "Lumen@2026";
const std::vector<DemoUser>& demoUsers();
// `count` patients; identifiers are unique across the set.
std::vector<core::Patient> generateDemoPatients(int count, unsigned seed = 2026);

} // namespace lumen::server
