#pragma once
// Domain errors carry a kind (mapped to a status by the wire layer), a stable machine code
// and a human sentence, plus optional structured details as a JSON text.
#include <stdexcept>
#include <string>

namespace lumen::core {

enum class ErrorKind {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    TooLarge,
    Unprocessable,
    Internal,
};

class Error : public std::runtime_error
{
public:
    Error(ErrorKind kind, std::string code, const std::string& message, std::string detailsJson = {})
        : std::runtime_error(message), m_kind(kind), m_code(std::move(code)), m_details(std::move(detailsJson))
    {
    }
    ErrorKind kind() const { return m_kind; }
    const std::string& code() const { return m_code; }
    // JSON object text, or empty when there are no details.
    const std::string& detailsJson() const { return m_details; }

private:
    ErrorKind m_kind;
    std::string m_code;
    std::string m_details;
};

} // namespace lumen::core
