#pragma once
// Endpoint paths of API v1, the one spelling used by the server router and the clients.
#include <string_view>

namespace lumen::protocol::endpoints {

inline constexpr std::string_view apiPrefix = "/api/v1";
inline constexpr std::string_view health = "/api/v1/health";
inline constexpr std::string_view session = "/api/v1/session";
inline constexpr std::string_view patients = "/api/v1/patients";
inline constexpr std::string_view exams = "/api/v1/exams";
inline constexpr std::string_view examDictionary = "/api/v1/exam-dictionary";
inline constexpr std::string_view audit = "/api/v1/audit";
inline constexpr std::string_view auditVerify = "/api/v1/audit/verify";

} // namespace lumen::protocol::endpoints
