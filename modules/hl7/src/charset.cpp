#include "lumen/hl7/charset.h"

#include "lumen/hl7/parse_error.h"

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <iconv.h>
#include <optional>

namespace lumen::hl7 {

namespace {

std::string squeezed(std::string_view name)
{
    std::string key;
    for (char c : name)
        if (std::isalnum(static_cast<unsigned char>(c)))
            key += char(std::toupper(static_cast<unsigned char>(c)));
    return key;
}

// Converts with iconv; nullopt when the input has bytes invalid in `from` (or `to` lacks a
// character and `lossy` is false).
std::optional<std::string> convert(std::string_view bytes, const std::string& from, const std::string& to,
                                   bool lossy)
{
    iconv_t cd = iconv_open(to.c_str(), from.c_str());
    if (cd == iconv_t(-1))
        return std::nullopt;
    std::string out;
    out.resize(bytes.size() * 4 + 16);
    char* in = const_cast<char*>(bytes.data());
    std::size_t inLeft = bytes.size();
    char* dst = out.data();
    std::size_t outLeft = out.size();
    std::optional<std::string> result;
    while (true) {
        const auto rc = iconv(cd, &in, &inLeft, &dst, &outLeft);
        if (rc != std::size_t(-1)) {
            out.resize(out.size() - outLeft);
            result = std::move(out);
            break;
        }
        if (errno == E2BIG) {
            const auto used = out.size() - outLeft;
            out.resize(out.size() * 2);
            dst = out.data() + used;
            outLeft = out.size() - used;
        } else if (lossy && inLeft > 0) {
            // Skip one character the target lacks (UTF-8 input: one whole code point).
            std::size_t skip = 1;
            while (skip < inLeft && (static_cast<unsigned char>(in[skip]) & 0xC0) == 0x80)
                ++skip;
            in += skip;
            inLeft -= skip;
            if (outLeft == 0)
                continue;
            *dst++ = '?';
            --outLeft;
        } else
            break;
    }
    iconv_close(cd);
    return result;
}

} // namespace

bool isValidUtf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        int extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else
            return false;
        if (i + std::size_t(extra) >= text.size())
            return false;
        for (int k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + std::size_t(k)]);
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += std::size_t(extra) + 1;
    }
    return true;
}

std::string iconvName(std::string_view hl7Charset)
{
    const auto key = squeezed(hl7Charset);
    if (key.empty() || key == "ASCII" || key == "ISOIR6")
        return "";
    if (key == "UNICODEUTF8" || key == "UTF8" || key == "UNICODE")
        return "UTF-8";
    if (key.rfind("GB18030", 0) == 0 || key == "ISOIR58" || key == "GB2312" || key == "GBK")
        return "GB18030";
    if (key == "BIG5")
        return "BIG5";
    if (key.rfind("8859", 0) == 0 && key.size() > 4)
        return "ISO-8859-" + key.substr(4);
    return "-"; // unsupported
}

std::string toUtf8(std::string_view bytes, std::string_view hl7Charset)
{
    const auto name = iconvName(hl7Charset);
    if (name == "-")
        throw ParseError(ErrorCode::TableValueNotFound,
                         "MSH-18: character set '" + std::string(hl7Charset) + "' is not supported", "MSH",
                         18);
    if (name.empty() || name == "UTF-8") {
        if (isValidUtf8(bytes))
            return std::string(bytes);
        if (name.empty())
            if (auto gb = convert(bytes, "GB18030", "UTF-8", false))
                return *gb;
        throw ParseError(ErrorCode::DataType,
                         "the message is not valid " +
                             (name.empty() ? std::string("UTF-8 or GB 18030") : name),
                         "MSH", 18);
    }
    if (auto text = convert(bytes, name, "UTF-8", false))
        return *text;
    throw ParseError(ErrorCode::DataType, "the message has bytes that are not valid " + name, "MSH", 18);
}

std::string fromUtf8(std::string_view utf8, std::string_view hl7Charset)
{
    const auto name = iconvName(hl7Charset);
    if (name.empty() || name == "-" || name == "UTF-8")
        return std::string(utf8);
    if (auto text = convert(utf8, "UTF-8", name, true))
        return *text;
    return std::string(utf8);
}

} // namespace lumen::hl7
