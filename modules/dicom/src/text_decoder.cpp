#include "text_decoder.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace lumen::dicom::detail {

namespace {

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// Values DCMTK would refuse but whose meaning is plain, as some modalities write them.
std::string tolerated(const std::string& declared)
{
    const std::string value = trimmed(declared);
    if (value == "ISO_IR 6")
        return {}; // the default repertoire under a name DCMTK warns about
    if (value == "GB2312")
        return "GBK"; // not a DICOM term; GBK is its superset
    // A multi-byte set with code extensions as the only value: the standard puts the default
    // repertoire first (an empty value 1), which is what such senders mean.
    static constexpr std::array<std::string_view, 4> codeExtensionOnly = {
        "ISO 2022 IR 58", "ISO 2022 IR 87", "ISO 2022 IR 149", "ISO 2022 IR 159"};
    if (std::find(codeExtensionOnly.begin(), codeExtensionOnly.end(), value) != codeExtensionOnly.end())
        return "\\" + value;
    return value;
}

// 7-bit text without ESC reads the same in every character set; with ESC it may be ISO 2022.
bool plainAscii(const std::string& value)
{
    return std::all_of(value.begin(), value.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x80 && byte != 0x1B;
    });
}

} // namespace

TextDecoder::TextDecoder(const std::string& specificCharacterSet)
    : m_characterSet(tolerated(specificCharacterSet)), m_utf8(isUtf8CharacterSet(m_characterSet))
{
    if (m_characterSet.empty() && !undeclaredCharacterSet().empty()) {
        m_undeclared = true;
        m_characterSet = tolerated(undeclaredCharacterSet());
        m_utf8 = isUtf8CharacterSet(m_characterSet);
    }
}

Utf8Text TextDecoder::decode(const std::string& value, const char* delimiters)
{
    if (plainAscii(value))
        return {value, true};
    // Undeclared text that is well-formed UTF-8 was meant as UTF-8: GB18030 would decode it too,
    // as nonsense.
    if (m_undeclared && isValidUtf8(value))
        return {value, true};
    if (m_utf8)
        return isValidUtf8(value) ? Utf8Text{value, true} : Utf8Text{losslessFallback(value), false};
    if (!m_selected) {
        m_selected = true;
        m_usable = m_converter.selectCharacterSet(m_characterSet.c_str(), utf8CharacterSet).good();
    }
    if (m_usable) {
        OFString converted;
        if (m_converter.convertString(value.data(), value.size(), converted, delimiters).good()) {
            std::string text(converted.c_str(), converted.length());
            if (isValidUtf8(text))
                return {std::move(text), true};
        }
    }
    return {losslessFallback(value), false};
}

std::string losslessFallback(const std::string& value)
{
    if (isValidUtf8(value))
        return value;
    std::string out;
    out.reserve(value.size() * 3);
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80) {
            out += c;
            continue;
        }
        // U+F700 + byte (U+F780..U+F7FF) in UTF-8: EF, 9E or 9F, then the low six bits.
        const unsigned codePoint = 0xF700u + byte;
        out += static_cast<char>(0xE0 | (codePoint >> 12));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    }
    return out;
}

} // namespace lumen::dicom::detail
