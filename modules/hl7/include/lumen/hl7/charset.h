#pragma once
// Character sets named in MSH-18 (HL7 table 0211), converted with iconv. Lumen works in UTF-8;
// Chinese HIS systems often send GB 18030, sometimes without declaring it.
#include <string>
#include <string_view>

namespace lumen::hl7 {

bool isValidUtf8(std::string_view text);

// The iconv name for an MSH-18 value ("UNICODE UTF-8", "GB 18030-2000", "8859/1"...), or
// empty when Lumen does not support it. An empty or "ASCII" declaration gives "".
std::string iconvName(std::string_view hl7Charset);

// Converts a whole message to UTF-8. Undeclared (or ASCII-declared) text that is not valid
// UTF-8 is read as GB 18030. Throws ParseError 103 for an unsupported set, 102 for bytes
// that are not valid in the declared one.
std::string toUtf8(std::string_view bytes, std::string_view hl7Charset);

// Converts an answer back to the sender's character set; characters it lacks become '?'.
std::string fromUtf8(std::string_view utf8, std::string_view hl7Charset);

} // namespace lumen::hl7
