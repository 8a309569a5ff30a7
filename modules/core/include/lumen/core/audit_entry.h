#pragma once
// One row of the audit trail: who did what to which object, from where, when; chained by hash.
#include <cstdint>
#include <optional>
#include <string>

namespace lumen::core {

struct AuditEntry
{
    std::int64_t seq = 0;
    std::string at;            // ISO-8601 UTC timestamp
    std::string user;          // username, or "-" before authentication
    std::string clientAddress; // peer IP
    std::string action;        // e.g. "login", "login.failed", "patient.read", "patient.update"
    std::string objectType;    // e.g. "patient", "session"
    std::string objectId;
    std::optional<std::int64_t> patientId;
    std::string detail;
    std::string prevHash; // hex HMAC of the previous entry ("" for the first)
    std::string hash;     // hex HMAC-SM3 over prevHash and the fields above
};

} // namespace lumen::core
