#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lumen::server {

// Percent-decodes (and '+' to space when `plusIsSpace`); nullopt on a malformed escape.
std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace);
bool isValidUtf8(std::string_view text);
// Splits "a=1&b=%E5%BC%A0" into decoded pairs (a repeated key's values joined with ','); nullopt
// when an escape or UTF-8 is malformed.
std::optional<std::map<std::string, std::string>> parseQuery(std::string_view query);

} // namespace lumen::server
