#include "lumen/hl7/escape.h"

namespace lumen::hl7 {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

void appendSequence(std::string& out, std::string_view body, const Encoding& e)
{
    if (body == "F")
        out += e.field;
    else if (body == "S")
        out += e.component;
    else if (body == "T")
        out += e.subcomponent;
    else if (body == "R")
        out += e.repetition;
    else if (body == "E")
        out += e.escape;
    else if (body == ".br")
        out += '\n';
    else if (!body.empty() && body[0] == 'X' && body.size() % 2 == 1) {
        for (std::size_t i = 1; i + 1 < body.size(); i += 2) {
            const int hi = hexValue(body[i]);
            const int lo = hexValue(body[i + 1]);
            if (hi < 0 || lo < 0)
                return;
            out += char(hi * 16 + lo);
        }
    }
    // Highlighting, other formatting and character-set switches carry no text.
}

} // namespace

std::string unescape(std::string_view text, const Encoding& e)
{
    if (text.find(e.escape) == std::string_view::npos)
        return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != e.escape) {
            out += text[i];
            continue;
        }
        const auto end = text.find(e.escape, i + 1);
        if (end == std::string_view::npos) {
            // A lone escape character is kept as sent rather than losing the rest of the field.
            out.append(text.substr(i));
            break;
        }
        appendSequence(out, text.substr(i + 1, end - i - 1), e);
        i = end;
    }
    return out;
}

std::string escape(std::string_view text, const Encoding& e)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == e.escape)
            (out += e.escape) += "E", out += e.escape;
        else if (c == e.field)
            (out += e.escape) += "F", out += e.escape;
        else if (c == e.component)
            (out += e.escape) += "S", out += e.escape;
        else if (c == e.subcomponent)
            (out += e.escape) += "T", out += e.escape;
        else if (c == e.repetition)
            (out += e.escape) += "R", out += e.escape;
        else if (c == '\r')
            (out += e.escape) += "X0D", out += e.escape;
        else if (c == '\n')
            (out += e.escape) += "X0A", out += e.escape;
        else
            out += c;
    }
    return out;
}

} // namespace lumen::hl7
