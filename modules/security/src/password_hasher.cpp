#include "lumen/security/password_hasher.h"

#include "lumen/security/random.h"

#include <argon2.h>

#include <stdexcept>
#include <vector>

namespace lumen::security {

std::string hashPassword(const std::string& password, const Argon2Cost& cost)
{
    const auto salt = randomBytes(16);
    constexpr std::size_t hashLength = 32;
    const std::size_t encodedLength =
        argon2_encodedlen(cost.timeCost, cost.memoryKiB, cost.parallelism, std::uint32_t(salt.size()),
                          hashLength, Argon2_id);
    std::vector<char> encoded(encodedLength);
    const int rc = argon2id_hash_encoded(cost.timeCost, cost.memoryKiB, cost.parallelism, password.data(),
                                         password.size(), salt.data(), salt.size(), hashLength, encoded.data(),
                                         encoded.size());
    if (rc != ARGON2_OK)
        throw std::runtime_error(std::string("argon2id failed: ") + argon2_error_message(rc));
    return std::string(encoded.data());
}

bool verifyPassword(const std::string& password, const std::string& encodedHash)
{
    return argon2id_verify(encodedHash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

} // namespace lumen::security
