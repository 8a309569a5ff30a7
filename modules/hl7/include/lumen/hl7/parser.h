#pragma once
// Reads one HL7 v2.x ER7 message: the delimiters from MSH-1/MSH-2, the character set from
// MSH-18 (converted to UTF-8), segments separated by CR, LF or CRLF, a leading UTF-8 BOM
// ignored. Sizes are bounded; anything malformed throws ParseError, never crashes.
#include "lumen/hl7/message.h"

#include <cstddef>
#include <string_view>

namespace lumen::hl7 {

struct ParseLimits
{
    std::size_t maxBytes = 1024 * 1024;
    std::size_t maxSegments = 5000;
    std::size_t maxFieldsPerSegment = 1000;
};

Message parseMessage(std::string_view bytes, const ParseLimits& limits = {});

// What can be read from a message too broken to parse, for the reject ACK: the delimiters,
// MSH-3/4/5/6/10/12/18 when the start of MSH is readable. Never throws.
struct MessageHeader
{
    Encoding encoding;
    std::string sendingApplication, sendingFacility, receivingApplication, receivingFacility;
    std::string controlId, version, characterSet, messageCode, triggerEvent;
};
MessageHeader readHeaderLeniently(std::string_view bytes);

} // namespace lumen::hl7
