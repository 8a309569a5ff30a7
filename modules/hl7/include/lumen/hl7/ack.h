#pragma once
// Original-mode acknowledgements (ACK): MSA-1 AA / AE / AR with MSA-2 the message's control ID
// and, for errors, an ERR segment carrying the HL7 error code (table 0357) and where it was.
#include "lumen/hl7/parse_error.h"
#include "lumen/hl7/parser.h"

#include <optional>
#include <string>
#include <string_view>

namespace lumen::hl7 {

enum class AckCode { Accept, Error, Reject };
std::string_view toCode(AckCode code); // "AA", "AE", "AR"

struct AckError
{
    ErrorCode code = ErrorCode::ApplicationInternalError;
    std::string segment; // e.g. "PID"; empty when the error is not about one field
    int field = 0;
    std::string message; // for people, UTF-8
};

struct AckRequest
{
    MessageHeader original; // what the acknowledged message said about itself
    AckCode code = AckCode::Accept;
    std::optional<AckError> error;
    std::string controlId; // the ACK's own MSH-10
    std::string timestamp; // MSH-7, e.g. "20261122103000+0800"
    std::string sendingApplication = "LUMEN";
};

std::string_view describe(ErrorCode code); // "Required field missing"...

// The ACK as UTF-8 text, segments ended by CR (no MLLP framing).
std::string encodeAck(const AckRequest& request);

} // namespace lumen::hl7
