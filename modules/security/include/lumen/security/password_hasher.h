#pragma once
// Argon2id password hashes in the PHC string format ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
#include <cstdint>
#include <string>

namespace lumen::security {

struct Argon2Cost
{
    std::uint32_t timeCost = 2;
    std::uint32_t memoryKiB = 19 * 1024; // OWASP's minimum recommendation for Argon2id
    std::uint32_t parallelism = 1;
};

std::string hashPassword(const std::string& password, const Argon2Cost& cost = {});
bool verifyPassword(const std::string& password, const std::string& encodedHash);

} // namespace lumen::security
