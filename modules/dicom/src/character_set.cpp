#include "lumen/dicom/character_set.h"

#include "text_decoder.h"

#include <algorithm>
#include <stdexcept>

namespace lumen::dicom {

bool isAscii(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

namespace {
std::string& undeclaredSetting()
{
    static std::string value;
    return value;
}
} // namespace

void setUndeclaredCharacterSet(const std::string& specificCharacterSet)
{
    if (!specificCharacterSet.empty()) {
        DcmSpecificCharacterSet probe;
        if (probe.selectCharacterSet(specificCharacterSet.c_str(), utf8CharacterSet).bad())
            throw std::invalid_argument("unknown character set '" + specificCharacterSet +
                                        "' (use a DICOM term such as GB18030, GBK or ISO_IR 100)");
    }
    undeclaredSetting() = specificCharacterSet;
}

const std::string& undeclaredCharacterSet()
{
    return undeclaredSetting();
}

bool isUtf8CharacterSet(const std::string& specificCharacterSet)
{
    const auto first = specificCharacterSet.find_first_not_of(' ');
    if (first == std::string::npos)
        return false;
    const auto last = specificCharacterSet.find_last_not_of(' ');
    return specificCharacterSet.compare(first, last - first + 1, utf8CharacterSet) == 0;
}

bool isValidUtf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        char32_t codePoint = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            codePoint = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            codePoint = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            codePoint = lead & 0x07;
        } else {
            return false; // a continuation byte, an overlong lead (C0, C1) or beyond U+10FFFF
        }
        if (text.size() - i < length)
            return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80)
                return false;
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        const bool overlong = (length == 3 && codePoint < 0x800) || (length == 4 && codePoint < 0x10000);
        const bool surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
        if (overlong || surrogate || codePoint > 0x10FFFF)
            return false;
        i += length;
    }
    return true;
}

Utf8Text decodeToUtf8(const std::string& value, const std::string& specificCharacterSet, bool personName)
{
    detail::TextDecoder decoder(specificCharacterSet);
    return decoder.decode(value, personName ? detail::personNameDelimiters : detail::valueDelimiters);
}

std::string toUtf8(const std::string& value, const std::string& specificCharacterSet, bool personName)
{
    return decodeToUtf8(value, specificCharacterSet, personName).text;
}

} // namespace lumen::dicom
