#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace lumen::security {

// Cryptographically secure random bytes (OpenSSL RAND_bytes); throws when the RNG fails.
std::vector<unsigned char> randomBytes(std::size_t count);
std::string toHex(const unsigned char* data, std::size_t size);
inline std::string toHex(const std::vector<unsigned char>& bytes) { return toHex(bytes.data(), bytes.size()); }
// Decodes lower- or upper-case hex; throws std::invalid_argument when malformed.
std::vector<unsigned char> fromHex(const std::string& hex);

} // namespace lumen::security
