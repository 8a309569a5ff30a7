#include "lumen/dicom/character_set.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcspchrs.h"

#include <algorithm>

namespace lumen::dicom {

namespace {

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

} // namespace

bool isAscii(const std::string& text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool isUtf8CharacterSet(const std::string& specificCharacterSet)
{
    return trimmed(specificCharacterSet) == "ISO_IR 192";
}

std::string toUtf8(const std::string& value, const std::string& specificCharacterSet, bool personName)
{
    if (isAscii(value) || isUtf8CharacterSet(specificCharacterSet))
        return value;
    DcmSpecificCharacterSet converter;
    if (converter.selectCharacterSet(trimmed(specificCharacterSet).c_str(), "ISO_IR 192").bad())
        return value;
    OFString converted;
    if (converter.convertString(value.data(), value.size(), converted, personName ? "\\^=" : "\\").bad())
        return value;
    return std::string(converted.c_str(), converted.length());
}

} // namespace lumen::dicom
