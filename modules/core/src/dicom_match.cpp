#include "lumen/core/dicom_match.h"

namespace lumen::core {

std::string asciiUpper(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        if (c >= 'a' && c <= 'z')
            c = char(c - 'a' + 'A');
    return out;
}

std::string wildcardToLike(std::string_view wildcard)
{
    std::string out;
    for (char c : wildcard) {
        if (c == '*')
            out.push_back('%');
        else if (c == '?')
            out.push_back('_');
        else if (c == '%' || c == '_' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else
            out.push_back(c);
    }
    return out;
}

DicomMatch parseDicomMatch(std::string_view value, MatchStyle style)
{
    // Trailing spaces are padding in DICOM.
    while (!value.empty() && value.back() == ' ')
        value.remove_suffix(1);
    DicomMatch m;
    if (value.empty() || value == "*")
        return m;
    if (style == MatchStyle::Uid) {
        std::size_t start = 0;
        for (;;) {
            const auto sep = value.find('\\', start);
            m.values.emplace_back(value.substr(start, sep == std::string_view::npos ? sep : sep - start));
            if (sep == std::string_view::npos)
                break;
            start = sep + 1;
        }
        m.kind = m.values.size() > 1 ? DicomMatch::Kind::List : DicomMatch::Kind::Single;
        return m;
    }
    if (style == MatchStyle::DateTime) {
        const auto dash = value.find('-');
        if (dash != std::string_view::npos) {
            m.kind = DicomMatch::Kind::Range;
            m.values = {std::string(value.substr(0, dash)), std::string(value.substr(dash + 1))};
            return m;
        }
        m.kind = DicomMatch::Kind::Single;
        m.values = {std::string(value)};
        return m;
    }
    const std::string text = style == MatchStyle::PersonName ? asciiUpper(value) : std::string(value);
    m.kind =
        text.find_first_of("*?") != std::string::npos ? DicomMatch::Kind::Wildcard : DicomMatch::Kind::Single;
    m.values = {text};
    return m;
}

} // namespace lumen::core
