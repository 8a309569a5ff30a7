#pragma once
// The DCMTK side of decoding text to UTF-8: one converter per Specific Character Set, reused for
// every value of a data set or identifier.
#include "lumen/dicom/character_set.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcspchrs.h"

#include <string>

namespace lumen::dicom::detail {

// ISO 2022 escapes return to the default repertoire at these delimiters (PS3.5 6.1.2.5.3).
inline constexpr const char* valueDelimiters = "\\";
inline constexpr const char* personNameDelimiters = "\\^=";

class TextDecoder
{
public:
    // `specificCharacterSet` as the data set declares it ("" = the default repertoire).
    explicit TextDecoder(const std::string& specificCharacterSet);
    TextDecoder(const TextDecoder&) = delete;
    TextDecoder& operator=(const TextDecoder&) = delete;

    Utf8Text decode(const std::string& value, const char* delimiters);

private:
    std::string m_characterSet;
    bool m_undeclared = false; // none declared: the configured undeclared set is assumed
    bool m_utf8 = false;
    bool m_selected = false; // the converter is opened for the first value that needs it
    bool m_usable = false;
    DcmSpecificCharacterSet m_converter;
};

// The lossless fallback of Utf8Text for a value that did not decode.
std::string losslessFallback(const std::string& value);

} // namespace lumen::dicom::detail
