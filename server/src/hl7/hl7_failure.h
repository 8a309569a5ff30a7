#pragma once
// Why a message was not applied, as its ACK will say: AE (application error) or AR (reject),
// the HL7 error code (table 0357) and the segment/field it is about.
#include "lumen/hl7/ack.h"

#include <stdexcept>
#include <string>

namespace lumen::server {

class Hl7Failure : public std::runtime_error
{
public:
    Hl7Failure(hl7::AckCode ack, hl7::ErrorCode code, const std::string& message, std::string segment = {},
               int field = 0)
        : std::runtime_error(message), m_ack(ack), m_code(code), m_segment(std::move(segment)), m_field(field)
    {
    }
    hl7::AckCode ack() const { return m_ack; }
    hl7::ErrorCode code() const { return m_code; }
    const std::string& segment() const { return m_segment; }
    int field() const { return m_field; }

private:
    hl7::AckCode m_ack;
    hl7::ErrorCode m_code;
    std::string m_segment;
    int m_field;
};

// An application error (AE) about one field.
inline Hl7Failure hl7Error(hl7::ErrorCode code, const std::string& message, std::string segment = {},
                           int field = 0)
{
    return Hl7Failure(hl7::AckCode::Error, code, message, std::move(segment), field);
}

} // namespace lumen::server
