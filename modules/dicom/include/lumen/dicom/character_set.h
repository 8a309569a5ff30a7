#pragma once
// Text values between DICOM character sets (Specific Character Set, PS3.5 6.1). Lumen keeps and
// exchanges text in UTF-8: objects are decoded when they are indexed, C-FIND keys when they
// arrive, and whatever leaves as JSON or a C-FIND answer is UTF-8.
#include <string>
#include <string_view>

namespace lumen::dicom {

// The Specific Character Set that declares UTF-8.
inline constexpr const char* utf8CharacterSet = "ISO_IR 192";

struct Utf8Text
{
    std::string text;
    // False when the value did not decode in its character set (or none was declared for
    // bytes above 127) and `text` is the lossless fallback: the bytes themselves when they are
    // valid UTF-8, otherwise each byte from 0x80 up as the private-use character U+F700 + byte.
    bool exact = true;
};

// `value` (encoded in `specificCharacterSet`, e.g. "GB18030", "ISO_IR 100" or "\\ISO 2022 IR
// 58") as UTF-8. Person names are converted component by component, as ISO 2022 escapes reset
// at each delimiter. Always valid UTF-8.
Utf8Text decodeToUtf8(const std::string& value, const std::string& specificCharacterSet, bool personName);
// decodeToUtf8(...).text
std::string toUtf8(const std::string& value, const std::string& specificCharacterSet, bool personName);

// The character set assumed for text that carries bytes above 127 although its object or query
// declares no Specific Character Set: many Chinese modalities send GB18030 undeclared. Text
// that is well-formed UTF-8 is still taken as UTF-8. "" keeps such text as its lossless
// fallback. Throws std::invalid_argument for a set the converter does not know. Set it once at
// start-up, before any thread decodes.
void setUndeclaredCharacterSet(const std::string& specificCharacterSet);
const std::string& undeclaredCharacterSet();

// True for "ISO_IR 192", the only character set whose values need no conversion to UTF-8
// (plain ASCII aside).
bool isUtf8CharacterSet(const std::string& specificCharacterSet);

// True when every byte is 7-bit ASCII: such text means the same in every character set.
bool isAscii(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points beyond
// U+10FFFF).
bool isValidUtf8(std::string_view text);

} // namespace lumen::dicom
