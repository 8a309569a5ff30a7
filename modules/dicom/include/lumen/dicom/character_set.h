#pragma once
// Text values between DICOM character sets (Specific Character Set, PS3.5 6.1).
#include <string>

namespace lumen::dicom {

// `value` (encoded in `specificCharacterSet`, e.g. "ISO_IR 100" or "\\ISO 2022 IR 58") as UTF-8.
// Person names are converted component by component, as ISO 2022 escapes reset at each
// delimiter. A value that cannot be converted comes back unchanged.
std::string toUtf8(const std::string& value, const std::string& specificCharacterSet, bool personName);

// True for "ISO_IR 192", the only character set whose values need no conversion to UTF-8
// (plain ASCII aside).
bool isUtf8CharacterSet(const std::string& specificCharacterSet);

// True when every byte is 7-bit ASCII: such text means the same in every character set.
bool isAscii(const std::string& text);

} // namespace lumen::dicom
