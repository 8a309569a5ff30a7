#pragma once
// Why a message could not be read, with the HL7 error code (table 0357) and where it was.
#include <stdexcept>
#include <string>

namespace lumen::hl7 {

// HL7 table 0357 message error condition codes used by Lumen.
enum class ErrorCode {
    SegmentSequence = 100,
    RequiredFieldMissing = 101,
    DataType = 102,
    TableValueNotFound = 103,
    UnsupportedMessageType = 200,
    UnsupportedEventCode = 201,
    UnsupportedProcessingId = 202,
    UnsupportedVersionId = 203,
    UnknownKeyIdentifier = 204,
    DuplicateKeyIdentifier = 205,
    ApplicationRecordLocked = 206,
    ApplicationInternalError = 207,
};

class ParseError : public std::runtime_error
{
public:
    ParseError(ErrorCode code, const std::string& message, std::string segment = {}, int field = 0)
        : std::runtime_error(message), m_code(code), m_segment(std::move(segment)), m_field(field)
    {
    }
    ErrorCode code() const { return m_code; }
    const std::string& segment() const { return m_segment; }
    int field() const { return m_field; }

private:
    ErrorCode m_code;
    std::string m_segment;
    int m_field;
};

} // namespace lumen::hl7
