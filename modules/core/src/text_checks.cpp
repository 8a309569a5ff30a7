#include "lumen/core/text_checks.h"

#include <cctype>

namespace lumen::core {

std::string trimmed(std::string_view s)
{
    auto isSpace = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    std::size_t b = 0, e = s.size();
    while (b < e && isSpace(s[b]))
        ++b;
    while (e > b && isSpace(s[e - 1]))
        --e;
    return std::string(s.substr(b, e - b));
}

void trimOptional(std::optional<std::string>& value)
{
    if (!value)
        return;
    *value = trimmed(*value);
    if (value->empty())
        value.reset();
}

std::size_t characterCount(std::string_view s)
{
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80)
            ++n;
    return n;
}

bool hasControlCharacters(std::string_view s, bool allowLineBreaks)
{
    for (unsigned char c : s) {
        if (allowLineBreaks && (c == '\n' || c == '\r' || c == '\t'))
            continue;
        if (c < 0x20 || c == 0x7F)
            return true;
    }
    return false;
}

bool isPlainIdentifier(std::string_view value, std::size_t maxBytes)
{
    if (value.empty() || value.size() > maxBytes)
        return false;
    for (unsigned char c : value)
        if (!(std::isalnum(c) || c == '-' || c == '_' || c == '/' || c == '.'))
            return false;
    return true;
}

} // namespace lumen::core
