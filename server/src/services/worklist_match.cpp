#include "services/worklist_match.h"

#include <string>

namespace lumen::server {
namespace {

// Length of the UTF-8 sequence starting with `lead`.
std::size_t utf8Length(unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if ((lead >> 5) == 0x6)
        return 2;
    if ((lead >> 4) == 0xE)
        return 3;
    if ((lead >> 3) == 0x1E)
        return 4;
    return 1; // not UTF-8: one byte
}

bool wildcardMatches(std::string_view pattern, std::string_view text)
{
    if (pattern.empty())
        return text.empty();
    if (pattern.front() == '*') {
        for (std::size_t at = 0; at <= text.size(); at += at < text.size() ? utf8Length(text[at]) : 1)
            if (wildcardMatches(pattern.substr(1), text.substr(at)))
                return true;
        return false;
    }
    if (text.empty())
        return false;
    const std::size_t character = utf8Length(static_cast<unsigned char>(text.front()));
    if (pattern.front() == '?')
        return wildcardMatches(pattern.substr(1), text.substr(std::min(character, text.size())));
    const std::size_t literal = utf8Length(static_cast<unsigned char>(pattern.front()));
    if (pattern.substr(0, literal) != text.substr(0, literal))
        return false;
    return wildcardMatches(pattern.substr(literal), text.substr(literal));
}

// DA and TM values compare as strings once a bound is padded to the value's precision:
// "0800" from 08:00:00, "1200" up to 12:00:59.
bool inRange(const std::string& value, std::string low, std::string high)
{
    if (!low.empty() && value < low)
        return false;
    if (!high.empty()) {
        high.resize(std::max(high.size(), value.size()), '9');
        if (value > high)
            return false;
    }
    return true;
}

} // namespace

bool worklistValueMatches(std::string_view key, std::string_view value, core::MatchStyle style)
{
    const core::DicomMatch match = core::parseDicomMatch(key, style);
    if (match.kind == core::DicomMatch::Kind::Universal)
        return true;
    if (value.empty())
        return false;
    const bool byName = style == core::MatchStyle::PersonName;
    const std::string text = byName ? core::asciiUpper(value) : std::string(value);
    auto normalized = [&](const std::string& v) { return byName ? core::asciiUpper(v) : v; };
    switch (match.kind) {
    case core::DicomMatch::Kind::Universal:
        return true;
    case core::DicomMatch::Kind::Single:
        // A time names its precision: "0930" is any moment of that minute.
        if (style == core::MatchStyle::DateTime)
            return text.compare(0, match.values[0].size(), match.values[0]) == 0;
        return text == normalized(match.values[0]);
    case core::DicomMatch::Kind::Wildcard:
        return wildcardMatches(normalized(match.values[0]), text);
    case core::DicomMatch::Kind::Range:
        return inRange(text, match.values[0], match.values[1]);
    case core::DicomMatch::Kind::List:
        for (const auto& v : match.values)
            if (text == v)
                return true;
        return false;
    }
    return false;
}

} // namespace lumen::server
